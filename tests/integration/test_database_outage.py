"""The database goes away under a running app, then comes back: every page answers 503 (never
500, never a hang) while it is away, and 200 again once it is back, with no restart.

The app runs on a database of this module's own (not the rolled-back test transaction), so
that it opens and loses real connections. On PostgreSQL the database is made to refuse
connections and its sessions are ended, as when the server restarts; on SQLite the pooled
connections are closed and the folder holding the file is moved away.
"""

import os
import sqlite3
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from scheme.domain.accounts import users
from scheme.enums import ApplicationStatus, Role
from scheme.extensions import db
from tests import factories, factories_officer
from tests.conftest import dispose_app_engines, make_test_app
from tests.databases import backend, fresh_database
from tests.signing_in import sign_in

SHORT = 0.5  # seconds: the timeouts of this module's app, so a locked table answers quickly


@pytest.fixture(scope="module")
def running():
    with fresh_database() as url:
        app = make_test_app(url, DATABASE_LOCK_TIMEOUT=SHORT, PUBLIC_PAGE_STATEMENT_TIMEOUT=SHORT,
                            HEALTH_CHECK_TIMEOUT=SHORT, DATABASE_STATEMENT_TIMEOUT=5)
        with app.app_context():
            upgrade()
            officer = factories.make_user(Role.OFFICER, email="outage-officer@example.com")
            factories.make_standards_version()
            premises = factories.make_premises(owner=factories.make_user(), status=ApplicationStatus.MEMBER)
            code = factories_officer.make_certificate(premises, expires_on=date.today() + timedelta(days=90)).public_code
            app.config["TEST_PREMISES_ID"] = premises.id
            db.session.remove()
        client = app.test_client()
        with app.app_context():
            response = sign_in(client, users.find_user_by_email("outage-officer@example.com"))
            db.session.remove()
        assert response.headers["Location"] == "/officer/", response.status_code
        try:
            yield app, client, url, code
        finally:
            dispose_app_engines(app)


PAGES = ("/healthz", "/officer/", "/cookies")


def _statuses(client, code: str) -> dict[str, int]:
    return {url: client.get(url).status_code for url in (*PAGES, f"/v/{code}")}


class _Outage:
    """Take the database away from the app and give it back."""

    def __init__(self, app, url: str):
        self.app, self.url = app, make_url(url)

    def __enter__(self):
        if backend() == "postgresql":
            self._postgresql(allow=False)
        else:
            # An open SQLite file stays readable through a rename: close what the pools hold
            # (as ending the sessions does on PostgreSQL), then move the folder away.
            dispose_app_engines(self.app)
            folder = Path(self.url.database).parent
            self.moved = folder.with_name(folder.name + "-away")
            os.rename(folder, self.moved)
        return self

    def __exit__(self, *exc):
        if backend() == "postgresql":
            self._postgresql(allow=True)
        else:
            os.rename(self.moved, Path(self.url.database).parent)

    def _postgresql(self, *, allow: bool) -> None:
        # Only this module's own uniquely named database is touched.
        name = self.url.database
        assert name.startswith("scheme_test_"), name
        server = sa.create_engine(self.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with server.connect() as connection:
                connection.exec_driver_sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allow).lower()}')
                if not allow:
                    connection.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                               "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": name})
        finally:
            server.dispose()


def test_every_page_answers_503_while_the_database_is_away_and_200_once_it_is_back(running):
    app, client, url, code = running
    assert _statuses(client, code) == {"/healthz": 200, "/officer/": 200, "/cookies": 200, f"/v/{code}": 200}

    with _Outage(app, url):
        for _attempt in (1, 2):  # the first request finds the connections dead, the next opens none
            statuses = _statuses(client, code)
            # Even a page that needs no data shows who is signed in, so it needs the database.
            assert statuses == {"/healthz": 503, "/officer/": 503, "/cookies": 503, f"/v/{code}": 503}, statuses
        # To someone signed out, it needs nothing from the database.
        assert app.test_client().get("/cookies").status_code == 200
        page = client.get("/officer/").get_data(as_text=True)
        assert "Sorry, the service is unavailable" in page
        assert "Sign out" not in page  # the error page did not try to load who is signed in
        posted = app.test_client().post("/sign-in", data={"email": "outage-officer@example.com", "password": "x"})
        assert posted.status_code == 503

    # Back, and the same app (same pools, same signed-in client) answers again.
    assert _statuses(client, code) == {"/healthz": 200, "/officer/": 200, "/cookies": 200, f"/v/{code}": 200}


class _Holder(threading.Thread):
    """Another connection holding a lock on the database until released (or for `hold` s)."""

    def __init__(self, url: str, lock_sql: str, hold: float = 30):
        super().__init__()
        self.url, self.lock_sql, self.hold = url, lock_sql, hold
        self.locked, self.release = threading.Event(), threading.Event()

    def run(self):
        if backend() == "postgresql":
            engine = sa.create_engine(make_url(self.url))
            try:
                with engine.connect() as connection, connection.begin():
                    connection.exec_driver_sql(self.lock_sql)
                    self.locked.set()
                    self.release.wait(self.hold)
            finally:
                engine.dispose()
        else:
            connection = sqlite3.connect(make_url(self.url).database, isolation_level=None)
            try:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute(self.lock_sql)
                self.locked.set()
                self.release.wait(self.hold)
                connection.execute("COMMIT")
            finally:
                connection.close()

    def __enter__(self):
        self.start()
        assert self.locked.wait(10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.join()


def test_a_locked_table_answers_in_seconds_not_a_hang(running):
    app, client, url, code = running
    if backend() == "postgresql":
        # Held by a long migration or a stuck transaction: every page that reads the table
        # gives up after its timeout, and the health check says so.
        with _Holder(url, "LOCK TABLE certificate IN ACCESS EXCLUSIVE MODE"):
            for page in ("/healthz", f"/v/{code}", "/officer/"):
                started = time.monotonic()
                status = client.get(page).status_code
                elapsed = time.monotonic() - started
                assert status == 503, f"{page} answered {status} while the certificate table was locked"
                assert elapsed < 3, f"{page} took {elapsed:.1f} s to answer"
    else:
        # SQLite (write-ahead log): a writer holding the database does not block readers.
        with _Holder(url, "UPDATE certificate SET status = status"):
            statuses = _statuses(client, code)
        assert statuses == {"/healthz": 200, "/officer/": 200, "/cookies": 200, f"/v/{code}": 200}
    assert _statuses(client, code) == {"/healthz": 200, "/officer/": 200, "/cookies": 200, f"/v/{code}": 200}


def test_a_form_posted_while_another_writer_holds_the_database_waits_for_it(running):
    app, client, url, code = running
    premises_id = app.config["TEST_PREMISES_ID"]
    lock = ("LOCK TABLE assessment IN EXCLUSIVE MODE" if backend() == "postgresql"
            else "UPDATE premises SET phone = phone")
    holder = _Holder(url, lock, hold=SHORT / 2)
    with holder:
        # The officer's page has been read; a moment later the other writer commits.
        response = client.post(f"/officer/premises/{premises_id}/visits")
    assert response.status_code == 302, response.status_code
    assert "/officer/visits/" in response.headers["Location"]

