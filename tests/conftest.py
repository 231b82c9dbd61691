"""Fixtures in the flaskr style: app, client, runner, clients signed in per role, and test data.

The schema is built once per session by the migrations (not create_all); each test then runs
inside a transaction that is rolled back at its end.
"""

import os
from contextlib import contextmanager

import pytest
from flask import g, request_started
from flask_login import FlaskLoginClient
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session

from scheme import create_app
from scheme.account import session as account_session
from scheme.domain.accounts import passwords
from scheme.domain.certificates import public_page_copy
from scheme.enums import Role
from scheme.extensions import db
from tests import factories
from tests.databases import fresh_database

passwords.use_cheap_hashing_for_tests()

TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-not-for-production",
    "WTF_CSRF_ENABLED": False,  # tests/integration/test_csrf.py checks every form with it on
    "SCHEME_BASE_URL": "http://scheme.test",
    "MAIL_SERVER": "",
    "RATELIMIT_ENABLED": False,
    "SERVER_NAME": None,
    # Each scan written at once; tests/integration/certificates/test_scan_counts.py checks the
    # production setting, where scans wait to be written together.
    "SCAN_COUNT_FLUSH_SECONDS": 0,
    # Read from the database on every scan, as a test's rolled-back changes must be; the copy's
    # own tests (tests/integration/certificates/test_public_page_copy.py) turn it on.
    "PUBLIC_PAGE_COPY": False,
}


_apps_made: list = []


class SignedInClient(FlaskLoginClient):
    """`app.test_client(user=someone)`: a client whose session is already signed in as that
    user, past the password and (for staff) the second factor, and freshly active. The one
    place tests skip the sign-in pages; tests/signing_in.py goes through them."""

    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if user is not None:
            with self.session_transaction() as cookie_session:
                account_session.mark_started(cookie_session, user)


def make_test_app(database_url: str, **overrides):
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, **overrides})
    app.test_client_class = SignedInClient
    _apps_made.append(app)
    return app


@contextmanager
def app_on_fresh_database(**overrides):
    """A test app on a database made for it alone, dropped afterwards (connections closed first)."""
    with fresh_database() as url:
        app = make_test_app(url, **overrides)
        try:
            yield app
        finally:
            dispose_app_engines(app)


def dispose_engines() -> None:
    """Close every pooled connection the test apps opened (before their database is dropped)."""
    while _apps_made:
        dispose_app_engines(_apps_made.pop())


def dispose_app_engines(app) -> None:
    """Close the pooled connections of the app's engines (the main one and the public page's)."""
    public_page_copy.stop_all()
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()


class _ConnectionBoundSession(Session):
    # Flask-SQLAlchemy's session picks the app's engine over an explicit bind; in tests every
    # statement must go through the one connection whose transaction is rolled back.
    def get_bind(self, *args, **kwargs):
        return self.bind


def _forget_signed_in_user(sender, **extra):
    # Every request in a test shares the test's app context, so flask-login's user cached on g
    # would otherwise carry over from one test client to the next.
    g.pop("_login_user", None)


@pytest.fixture(scope="session")
def database_url():
    with fresh_database() as url:
        app = make_test_app(url)
        with app.app_context():
            upgrade()
        try:
            yield url
        finally:
            dispose_engines()


@pytest.fixture(scope="session")
def _session_app(database_url):
    return make_test_app(database_url)


@pytest.fixture
def app(_session_app):
    """The app, with every database change in this test rolled back at its end."""
    with _session_app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original_session = db.session
        # Service functions commit; inside a test those commits release savepoints instead.
        db.session = db._make_scoped_session(
            {"bind": connection, "join_transaction_mode": "create_savepoint", "class_": _ConnectionBoundSession}
        )
        request_started.connect(_forget_signed_in_user, _session_app)
        try:
            yield _session_app
        finally:
            request_started.disconnect(_forget_signed_in_user, _session_app)
            db.session.remove()
            db.session = original_session
            outer.rollback()
            connection.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def admin(app):
    return factories.make_user(Role.ADMIN, name="Ada Admin")


@pytest.fixture
def officer(app):
    return factories.make_user(Role.OFFICER, name="Olu Officer")


@pytest.fixture
def business_user(app):
    return factories.make_user(Role.BUSINESS, name="Bea Business")


@pytest.fixture
def admin_client(app, admin):
    return app.test_client(user=admin)


@pytest.fixture
def officer_client(app, officer):
    return app.test_client(user=officer)


@pytest.fixture
def business_client(app, business_user):
    return app.test_client(user=business_user)


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback; .messages holds what arrived (email.message objects)."""
    from tests.smtp import LocalSMTPServer

    server = LocalSMTPServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mail_app(app, smtp_server):
    """The app delivering mail to the local SMTP server."""
    previous = {key: app.config[key] for key in ("MAIL_SERVER", "MAIL_PORT")}
    app.config.update(MAIL_SERVER=smtp_server.host, MAIL_PORT=smtp_server.port)
    yield app
    app.config.update(previous)


def pytest_report_header(config):
    return f"database: {os.environ.get('TEST_DATABASE_URL') or 'sqlite (temporary file)'}"
