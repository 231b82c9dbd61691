"""Engine set-up: what differs between SQLite and PostgreSQL, and the public page's own pool."""

import sqlalchemy as sa
from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import make_url

# The bind key of a second engine on the same database, for the public page behind every
# sticker: its connections commit each statement on their own and are not pinged or rolled
# back around each use, which would cost that page two extra round trips per view. The
# page itself replaces a connection that turns out to be dead
# (scheme.domain.certificates.public_page_lookup).
PUBLIC_PAGE = "public_page"


def configure_engine_options(app: Flask) -> None:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    # A connection that died while the database was away is replaced, not reused: the app
    # recovers without a restart.
    options.setdefault("pool_pre_ping", True)
    postgresql = make_url(url).get_backend_name() == "postgresql"
    statement_timeout = app.config["DATABASE_STATEMENT_TIMEOUT"]
    lock_timeout = app.config["DATABASE_LOCK_TIMEOUT"]
    if postgresql:
        options.setdefault("connect_args", {
            "connect_timeout": 5, "options": _postgresql_timeouts(statement_timeout, lock_timeout)})
    if not _in_memory(url):  # a second engine on an in-memory database would see another database
        binds = app.config.setdefault("SQLALCHEMY_BINDS", {})
        public_timeout = app.config["PUBLIC_PAGE_STATEMENT_TIMEOUT"]
        binds.setdefault(PUBLIC_PAGE, {
            "url": url, "isolation_level": "AUTOCOMMIT", "pool_pre_ping": False, "pool_reset_on_return": None,
            # Someone at a shop window waits seconds at most: sooner a 503 than a hung page.
            **({"connect_args": {"connect_timeout": 5, "options": _postgresql_timeouts(
                public_timeout, min(public_timeout, lock_timeout))}} if postgresql else {}),
        })


def _postgresql_timeouts(statement_seconds: float, lock_seconds: float) -> str:
    # Set for the connection's whole life when it is opened (libpq's options), so no request
    # pays a round trip for them.
    return (f"-c statement_timeout={round(statement_seconds * 1000)}"
            f" -c lock_timeout={round(lock_seconds * 1000)}")


def _in_memory(url: str) -> bool:
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")


def public_page_engine() -> sa.Engine:
    from scheme.extensions import db

    return db.engines.get(PUBLIC_PAGE) or db.engine


def _sqlite_transactions_and_foreign_keys(engine, busy_timeout_seconds: float) -> None:
    # pysqlite's own transaction handling defeats SAVEPOINTs and defers BEGIN; take it over,
    # as SQLAlchemy's documentation recommends, and turn on foreign keys.
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # A writer waits this long for another to finish instead of failing at once.
        cursor.execute(f"PRAGMA busy_timeout={round(busy_timeout_seconds * 1000)}")
        # Write-ahead logging: readers and the writer do not block each other across app
        # processes, and a commit appends to the log without waiting for the disk (synced at
        # checkpoints), so a small write does not cost an fsync.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _may_write() else "BEGIN")


def _may_write() -> bool:
    # A request that posts a form writes after it has read. A plain BEGIN reads from a snapshot,
    # and once another process has committed since, SQLite refuses the write at once ("database
    # is locked") rather than wait: the busy timeout cannot help. BEGIN IMMEDIATE takes the
    # write lock first, so two officers saving at once queue for it. Pages that only read keep
    # reading alongside a writer.
    return has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")


def init_app(app: Flask) -> None:
    from scheme.extensions import db

    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite":
                _sqlite_transactions_and_foreign_keys(engine, app.config["DATABASE_LOCK_TIMEOUT"])
