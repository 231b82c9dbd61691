"""Every form refuses a post without a valid CSRF token, with a friendly page."""

import pytest

from tests.conftest import make_test_app


@pytest.fixture
def csrf_client(database_url, admin):
    app = make_test_app(database_url, WTF_CSRF_ENABLED=True)
    return app.test_client()


def _without_session(app, rule) -> bool:
    # A form for anyone on a page that opens no session (security.without_session): it cannot
    # carry a token, and the test below checks it works without one.
    return getattr(app.view_functions[rule.endpoint], "no_csrf_token", False)


def test_only_the_public_sticker_report_goes_without_a_token(app):
    assert [rule.endpoint for rule in app.url_map.iter_rules() if _without_session(app, rule)] == [
        "public.report_sticker"]


def test_the_public_sticker_report_is_answered_without_a_token_or_cookie(csrf_client):
    # The view itself answers (no such certificate), not the CSRF check; the report's own
    # tests (tests/integration/certificates/test_stickers.py) store one.
    response = csrf_client.post("/v/ZZZZZZZZ/report", data={"reason": "other"})
    assert response.status_code == 404 and "We cannot find that certificate" in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers


def test_every_post_endpoint_refuses_a_missing_token(app, csrf_client):
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods and not _without_session(app, rule)]
    assert posts, "the app has forms"
    for rule in posts:
        values = {arg: 1 if "id" in arg else "ABCDEFGH" for arg in rule.arguments}
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **values)
        response = csrf_client.post(url, data={"anything": "x"})
        assert response.status_code == 400, f"POST {url} without a CSRF token answered {response.status_code}"


def test_the_csrf_page_is_friendly_and_links_back(csrf_client):
    response = csrf_client.post("/sign-in", data={"email": "a@example.com", "password": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "did not save your answers" in page
    assert 'href="/sign-in"' in page
