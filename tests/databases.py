"""Test databases: a temporary SQLite file, or a uniquely named PostgreSQL database.

TEST_DATABASE_URL picks the server: unset means SQLite; a postgresql URL (any database name
on it, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres) means PostgreSQL, where
each test database gets a unique name and is dropped afterwards. No other database is touched.
"""

import os
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url


def backend() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    return "postgresql" if url.startswith("postgres") else "sqlite"


@contextmanager
def fresh_database():
    """Yield the URL of a new, empty database; drop it afterwards."""
    if backend() == "sqlite":
        with tempfile.TemporaryDirectory(prefix="scheme-test-") as folder:
            yield f"sqlite:///{Path(folder) / 'test.db'}"
        return
    server = make_url(os.environ["TEST_DATABASE_URL"]).set(drivername="postgresql+psycopg")
    name = f"scheme_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
