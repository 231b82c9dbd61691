"""Engine set-up that differs between SQLite and PostgreSQL."""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import make_url


def configure_engine_options(app: Flask) -> None:
    options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    # A connection that died while the database was away is replaced, not reused: the app
    # recovers without a restart.
    options.setdefault("pool_pre_ping", True)
    if make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name() == "postgresql":
        options.setdefault("connect_args", {"connect_timeout": 5})


def _sqlite_transactions_and_foreign_keys(engine) -> None:
    # pysqlite's own transaction handling defeats SAVEPOINTs and defers BEGIN; take it over,
    # as SQLAlchemy's documentation recommends, and turn on foreign keys.
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        # Write-ahead logging: readers and the writer do not block each other across app
        # processes, and a commit appends to the log without waiting for the disk (synced at
        # checkpoints), so the public page's scan counter does not cost an fsync per view.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN")


def init_app(app: Flask) -> None:
    from scheme.extensions import db

    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _sqlite_transactions_and_foreign_keys(engine)
