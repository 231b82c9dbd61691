"""Every endpoint declares who may use it, and the declaration is enforced."""

import pytest
from werkzeug.routing import BuildError

from scheme.enums import Role
from scheme.security import PUBLIC
from tests import factories


def _endpoints(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        yield rule, app.view_functions[rule.endpoint]


def test_every_endpoint_is_public_by_name_or_protected_by_a_role_check(app):
    undeclared = [rule.rule for rule, view in _endpoints(app) if getattr(view, "access", None) is None]
    assert undeclared == [], f"endpoints without @public or a role check: {undeclared}"


def _url_for(app, rule):
    # Fill any URL arguments with a plausible value; the check happens before the view loads anything.
    values = {arg: 1 if "id" in arg else "ABCDEFGH" for arg in rule.arguments}
    with app.test_request_context():
        from flask import url_for

        try:
            return url_for(rule.endpoint, **values)
        except BuildError:
            return None


def _protected(app):
    return [(rule, view.access) for rule, view in _endpoints(app) if view.access != PUBLIC]


def test_protected_pages_send_anonymous_visitors_to_sign_in(app, client):
    for rule, _roles in _protected(app):
        url = _url_for(app, rule)
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method)
        assert response.status_code == 302, f"{method} {url} answered {response.status_code} to an anonymous visitor"
        assert "/sign-in" in response.headers["Location"]


@pytest.mark.parametrize("role", list(Role))
def test_signed_in_users_without_the_role_are_refused(app, role):
    user = factories.make_user(role)
    client = app.test_client(user=user)
    checked = 0
    for rule, roles in _protected(app):
        if role in roles:
            continue
        url = _url_for(app, rule)
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method)
        assert response.status_code == 403, f"{role} got {response.status_code} from {method} {url}"
        checked += 1
    if role != Role.ADMIN:
        assert checked > 0
