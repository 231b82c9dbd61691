"""The API's list costs the same few statements whatever the page size or register size."""

from datetime import date, timedelta

from sqlalchemy import event

from scheme.enums import ApplicationStatus
from scheme.extensions import db
from tests import factories, factories_officer


def _statements(app, client, url) -> int:
    sent = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, *args):
        # The tests' own savepoints (each test runs in a transaction rolled back at its end) are no
        # statement of the page's.
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE")):
            sent.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len(sent)


def _accredited(n: int) -> None:
    for _ in range(n):
        premises = factories.make_premises(status=ApplicationStatus.MEMBER)
        factories_officer.make_certificate(premises, expires_on=date.today() + timedelta(days=100))


def test_statement_count_does_not_grow_with_page_size_or_premises(app, client):
    _accredited(5)
    small = _statements(app, client, "/api/v1/premises?limit=2")
    _accredited(40)
    assert _statements(app, client, "/api/v1/premises?limit=2") == small
    assert _statements(app, client, "/api/v1/premises?limit=40") == small
    assert len(client.get("/api/v1/premises?limit=40").get_json()["data"]) == 40
    assert small <= 2
