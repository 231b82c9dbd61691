"""Every form refuses a post without a valid CSRF token, with a friendly page."""

import pytest

from tests.conftest import make_test_app


@pytest.fixture
def csrf_client(database_url, admin):
    app = make_test_app(database_url, WTF_CSRF_ENABLED=True)
    return app.test_client()


def test_every_post_endpoint_refuses_a_missing_token(app, csrf_client):
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
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
