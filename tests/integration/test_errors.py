import pytest
from flask import abort

from scheme.errors import ERROR_PAGES
from tests.conftest import make_test_app
from tests.pages import check_page, get_page, text_of


@pytest.fixture
def fresh_app(database_url):
    """An app that has served no request yet, so a test may add a route to it."""
    return make_test_app(database_url)


def test_unknown_url_gets_the_404_page(client):
    page = get_page(client, "/no-such-page", status=404)
    assert "Page not found" in text_of(page)


def test_wrong_method_gets_the_405_page(client):
    response = client.delete("/sign-in")
    assert response.status_code == 405
    assert "Sorry, you cannot do that here" in text_of(check_page(response.get_data(as_text=True)))


def test_a_too_large_upload_gets_the_413_page(app, client):
    response = client.post("/sign-in", data=b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1),
                           content_type="application/octet-stream")
    assert response.status_code == 413
    assert "The file is too large" in response.get_data(as_text=True)


@pytest.mark.parametrize("code", sorted(ERROR_PAGES))
def test_every_error_code_has_a_page_in_the_layout(fresh_app, code):
    app = fresh_app
    @app.route(f"/_fail/{code}", endpoint=f"fail_{code}")
    def fail():
        abort(code)

    fail.access = "public"
    response = app.test_client().get(f"/_fail/{code}")
    assert response.status_code == code
    page = check_page(response.get_data(as_text=True))
    assert ERROR_PAGES[code] in page.h1.get_text()
    assert page.select_one(".govuk-footer") is not None


def test_an_unexpected_exception_gets_the_500_page(fresh_app):
    app = fresh_app
    @app.route("/_boom", endpoint="boom")
    def boom():
        raise RuntimeError("boom")

    boom.access = "public"
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/_boom")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.get_data(as_text=True)
