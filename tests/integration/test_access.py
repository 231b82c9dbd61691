"""Every endpoint declares who may use it, and the declaration is enforced."""

from datetime import date

import pytest
from werkzeug.routing import BuildError

from scheme.enums import Role
from scheme.security import PUBLIC
from tests import factories, factories_officer


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


def _loading_routes(app):
    return [(rule, view) for rule, view in _endpoints(app) if getattr(view, "loads", None)]


def _open(client, app, rule, **values):
    values = {arg: values.get(arg, 1) for arg in rule.arguments}
    with app.test_request_context():
        from flask import url_for

        url = url_for(rule.endpoint, **values)
    return client.open(url, method="GET" if "GET" in rule.methods else "POST"), url


def test_routes_that_load_what_their_url_names_answer_404_when_it_does_not_exist(app, admin):
    client = app.test_client(user=admin)
    routes = _loading_routes(app)
    assert {view.loads for _rule, view in routes} >= {"premises_id", "certificate_id", "visit_id", "action_id",
                                                      "staff_id"}
    for rule, view in routes:
        if Role.ADMIN not in view.access:
            continue
        response, url = _open(client, app, rule, **{view.loads: 999999})
        assert response.status_code == 404, f"{url} answered {response.status_code} for a missing {view.loads}"


def test_routes_that_load_a_premises_thing_refuse_a_business_user_who_does_not_belong_to_it(app):
    premises = factories.make_premises(owner=factories.make_user())
    certificate = factories_officer.make_certificate(premises, expires_on=date(2030, 1, 1))
    someone_elses = {"premises_id": premises.id, "staff_id": factories.make_staff(premises).id,
                     "action_id": factories_officer.make_action(premises, due_on=date(2030, 1, 1)).id,
                     "sticker_id": factories_officer.make_sticker(certificate).id}
    client = app.test_client(user=factories.make_user(Role.BUSINESS))
    checked = 0
    for rule, view in _loading_routes(app):
        if Role.BUSINESS not in view.access:
            continue
        response, url = _open(client, app, rule, **someone_elses)
        assert response.status_code == 403, f"{url} answered {response.status_code} to another business"
        checked += 1
    assert checked >= 10


def _every_protected_route_sends_to_sign_in(app, client) -> int:
    checked = 0
    for rule, _roles in _protected(app):
        url = _url_for(app, rule)
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], \
            f"{method} {url} answered {response.status_code}"
        checked += 1
    return checked


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OFFICER])
def test_staff_who_gave_only_their_password_reach_no_protected_page(app, role):
    from tests.signing_in import sign_in

    user = factories.make_user(role)
    client = app.test_client()
    response = client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    assert response.headers["Location"] == "/sign-in/two-factor"
    assert _every_protected_route_sends_to_sign_in(app, client) > 0
    assert sign_in(app.test_client(), user).headers["Location"] == "/officer/"  # the code is what was missing


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("ended_by", ["signing out", "idling", "a password change elsewhere"])
def test_a_session_that_has_ended_reaches_no_protected_page(app, role, ended_by):
    from scheme.account.session import SEEN
    from scheme.domain.accounts import users

    user = factories.make_user(role)
    client = app.test_client(user=user)
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    if ended_by == "signing out":
        client.post("/sign-out")
    elif ended_by == "idling":
        with copy.session_transaction() as cookie_session:
            cookie_session[SEEN] -= 60 * (app.config["BUSINESS_IDLE_MINUTES"] + 1)
    else:
        users.change_password(user, factories.PASSWORD, "a quite new passphrase")
    assert _every_protected_route_sends_to_sign_in(app, copy) > 0
