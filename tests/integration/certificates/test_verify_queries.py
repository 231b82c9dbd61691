"""The public page answers with at most 3 SQL statements, counted by the database driver
itself (SQLite's statement trace, libpq's protocol trace), so nothing can hide from it."""

import re
import tempfile
from contextlib import contextmanager
from datetime import date, datetime, timezone

import pytest

from scheme.domain import reporting_routes
from scheme.domain.certificates import stickers
from scheme.domain.transaction import service
from scheme.extensions import db
from tests.integration.certificates.conftest import issue

TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)


@contextmanager
def counted_statements():
    """Yields a list that holds, afterwards, the SQL statements sent on the test's connection."""
    driver = db.session.session_factory.kw["bind"].connection.driver_connection
    statements: list[str] = []
    if db.session.get_bind().dialect.name == "sqlite":
        driver.set_trace_callback(statements.append)
        try:
            yield statements
        finally:
            driver.set_trace_callback(None)
    else:
        from psycopg import pq

        with tempfile.TemporaryFile() as trace:
            driver.pgconn.trace(trace.fileno())
            driver.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)
            try:
                yield statements
            finally:
                driver.pgconn.untrace()
                trace.seek(0)
                for line in trace.read().decode().splitlines():
                    parts = line.split("\t")
                    # One Execute per extended-protocol statement (even when prepared), or a simple Query.
                    if parts[0] == "F" and parts[2] in ("Execute", "Query"):
                        statements.append(line)
    statements[:] = [s for s in statements if not TRANSACTION_CONTROL.match(s.split("\t")[-1].strip(' "'))]


@service
def _bump_routes_version():
    reporting_routes.bump_version()


@pytest.mark.usefixtures("routes")
@pytest.mark.parametrize("serial", ["", "/1", "/7"], ids=["no serial", "printed serial", "unknown serial"])
@pytest.mark.parametrize("routes_cached", [False, True])
def test_the_public_page_uses_at_most_three_statements(client, eligible_premises, routes_cached, serial, officer):
    certificate = issue(eligible_premises, on=date.today())
    stickers.print_sticker(certificate.id, actor=officer, today=date.today(), now=datetime.now(timezone.utc))
    url = f"/v/{certificate.public_code}{serial}"
    if routes_cached:
        _bump_routes_version()
        client.get(url)
    with counted_statements() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert 1 <= len(statements) <= (2 if routes_cached else 3), statements


@pytest.mark.usefixtures("routes")
@pytest.mark.parametrize("code", ["ZZZZZZZZ", "not-a-code!", "ZZZZZZZZ/1", "ZZZZZZZZ/x1"])
@pytest.mark.parametrize("routes_cached", [False, True])
def test_an_unknown_or_malformed_code_uses_at_most_three_statements(client, code, routes_cached, monkeypatch):
    if routes_cached:
        _bump_routes_version()
        client.get(f"/v/{code}")
        # Even a page for no certificate takes the routes from the cache, not from their table.
        monkeypatch.setattr(reporting_routes, "_fetch_active", lambda *args: pytest.fail("routes read again"))
    with counted_statements() as statements:
        response = client.get(f"/v/{code}")
    assert response.status_code == 404
    assert 1 <= len(statements) <= (2 if routes_cached else 3), statements
