from flask_migrate import upgrade

from tests.conftest import make_test_app


def test_healthz_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_unreachable_database_gives_503_then_recovers(tmp_path):
    # A SQLite file in a folder that does not exist yet cannot be opened: the database is "down".
    missing = tmp_path / "later"
    app = make_test_app(f"sqlite:///{missing / 'scheme.db'}")
    client = app.test_client()

    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}
    page = client.get("/sign-in", method="GET")
    assert page.status_code == 200  # a page that needs no data still works

    missing.mkdir()  # the database comes back
    with app.app_context():
        upgrade()
    assert client.get("/healthz").status_code == 200


def test_pages_that_need_the_database_show_the_503_page_when_it_is_down(tmp_path):
    app = make_test_app(f"sqlite:///{tmp_path / 'absent' / 'scheme.db'}")
    response = app.test_client().post("/sign-in", data={"email": "a@example.com", "password": "whatever-it-is"})
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.get_data(as_text=True)
