"""Backups: a consistent copy of the live database, and putting one back.

SQLite: the database's own online backup API (a consistent snapshot, even while the app
writes). PostgreSQL: pg_dump's custom format (one snapshot) and pg_restore, which must be
installed on the machine that runs the command (Debian: postgresql-client, of the server's
major version or newer)."""

import os
import sqlite3
import subprocess
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url


class BackupError(Exception):
    pass


def _libpq(url: URL) -> tuple[str, dict]:
    """The URL for pg_dump and pg_restore, with the password passed in the environment rather
    than on a command line anyone on the machine can read."""
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False), environment


def _run(command: list[str], environment: dict) -> None:
    try:
        subprocess.run(command, env=environment, check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed: install PostgreSQL's client programs") from None
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from None


def _engine() -> sa.Engine:
    from scheme.extensions import db

    return db.engine


def backup(destination: Path) -> None:
    engine = _engine()
    url = make_url(engine.url)
    if url.get_backend_name() == "sqlite":
        source = engine.raw_connection()
        try:
            with sqlite3.connect(destination) as copy:
                source.driver_connection.backup(copy)
            copy.close()
        finally:
            source.close()
        return
    target, environment = _libpq(url)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(destination), target],
         environment)


def holds_data() -> bool:
    """Whether the database already holds the scheme's data (any account at all)."""
    with _engine().connect() as connection:
        if not sa.inspect(connection).has_table("user"):
            return False
        return connection.execute(sa.text('SELECT 1 FROM "user" LIMIT 1')).first() is not None


def restore(source: Path) -> None:
    """Replace the database's contents with the backup's. The caller has checked that nothing
    would be lost (holds_data) or been told to go ahead."""
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}")
    engine = _engine()
    url = make_url(engine.url)
    engine.dispose()  # no pooled connection may hold the database while it is replaced
    if url.get_backend_name() == "sqlite":
        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup_copy:
                backup_copy.execute("PRAGMA schema_version")  # fails here if it is not a database
                target = engine.raw_connection()
                try:
                    backup_copy.backup(target.driver_connection)
                finally:
                    target.close()
            backup_copy.close()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is not a backup of this service: {error}") from None
        finally:
            engine.dispose()
        return
    target, environment = _libpq(url)
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", "--dbname", target, str(source)], environment)
