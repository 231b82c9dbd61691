"""Scans counted as in production: added up in the process and written together now and then,
and when the process exits; and the public page's own connections recover by themselves."""

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy.pool import NullPool

from scheme.database import PUBLIC_PAGE
from scheme.domain.certificates import scan_counts
from scheme.domain.certificates.scan_counts import PendingScans
from scheme.domain.premises import work_queues
from scheme.extensions import db
from scheme.models import ScanCount
from tests.conftest import make_test_app
from tests.databases import backend, fresh_database
from tests.integration.certificates.conftest import issue, make_eligible_premises

ROOT = Path(__file__).resolve().parents[3]


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(app):
    """The app counting scans as in production (written 60 s after the first waiting one),
    on a clock the test moves."""
    clock = Clock()
    app.extensions[scan_counts.EXTENSION_KEY] = PendingScans(60, clock=clock)
    yield clock
    del app.extensions[scan_counts.EXTENSION_KEY]  # nothing waiting carries over to another test


def stored_counts() -> list[tuple[int, date, int]]:
    return [(row.certificate_id, row.day, row.count) for row in db.session.scalars(db.select(ScanCount))]


def test_scans_wait_and_are_then_written_together(client, eligible_premises, clock):
    certificate = issue(eligible_premises, on=date.today())
    for _ in range(3):
        assert client.get(f"/v/{certificate.public_code}").status_code == 200
    assert stored_counts() == []
    clock.now += 60
    client.get(f"/v/{certificate.public_code}")
    assert stored_counts() == [(certificate.id, date.today(), 4)]
    assert work_queues.outcome_figures(date.today()).scans_last_30_days == 4


def test_writing_what_is_waiting_adds_to_what_is_stored(client, eligible_premises, clock):
    certificate = issue(eligible_premises, on=date.today())
    client.get(f"/v/{certificate.public_code}")
    clock.now += 60
    client.get(f"/v/{certificate.public_code}")
    client.get(f"/v/{certificate.public_code}")
    assert scan_counts.write_pending() == 1
    assert stored_counts() == [(certificate.id, date.today(), 3)]
    assert scan_counts.write_pending() == 0


def test_scans_of_withdrawn_certificates_wait_like_any_other(client, eligible_premises, officer, clock):
    certificate = issue(eligible_premises, on=date.today())
    from scheme.domain.certificates import lifecycle

    lifecycle.revoke_certificate(certificate.id, actor=officer, reason="Closed by the police.")
    client.get(f"/v/{certificate.public_code}")
    assert stored_counts() == []
    scan_counts.write_pending()
    assert stored_counts() == [(certificate.id, date.today(), 1)]


@contextmanager
def committed_certificate():
    """A database of its own holding one valid certificate, committed for real; yields the app
    (its main pool not kept between uses) and the certificate's code."""
    with fresh_database() as url:
        app = make_test_app(url, SQLALCHEMY_ENGINE_OPTIONS={"poolclass": NullPool})
        with app.app_context():
            upgrade()
            code = issue(make_eligible_premises(on=date.today()), on=date.today()).public_code
            db.session.remove()
        yield app, url, code


_CHILD = """
import json, sys
from scheme import create_app
from scheme.extensions import db
from scheme.models import ScanCount

app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "SECRET_KEY": "test", "SCAN_COUNT_FLUSH_SECONDS": 3600})
client = app.test_client()
statuses = [client.get("/v/" + sys.argv[2]).status_code for _ in range(3)]
with app.app_context():
    stored = db.session.scalar(db.select(db.func.count()).select_from(ScanCount))
print(json.dumps({"statuses": statuses, "stored_before_exit": stored}))
"""


def test_what_is_waiting_is_written_when_the_process_exits():
    with committed_certificate() as (app, url, code):
        child = subprocess.run([sys.executable, "-c", _CHILD, url, code], capture_output=True, text=True,
                               cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
        assert child.returncode == 0, child.stderr
        report = json.loads(child.stdout.strip().splitlines()[-1])
        assert report == {"statuses": [200, 200, 200], "stored_before_exit": 0}
        with app.app_context():
            assert [row.count for row in db.session.scalars(db.select(ScanCount))] == [3]
            db.session.remove()


def _break(connection) -> None:
    """Break a pooled connection the way the database going away would."""
    if backend() == "postgresql":
        with db.engine.connect() as other:
            other.exec_driver_sql(f"SELECT pg_terminate_backend({connection.driver_connection.info.backend_pid})")
    else:
        connection.driver_connection.close()


def test_the_public_page_replaces_a_dead_connection_by_itself():
    with committed_certificate() as (app, url, code):
        client = app.test_client()
        assert client.get(f"/v/{code}").status_code == 200
        with app.app_context():
            engine = db.engines[PUBLIC_PAGE]
            assert engine.pool.checkedin() == 1  # the page's connection, kept for the next view
            connection = engine.raw_connection()
            _break(connection)
            connection.close()
        page = client.get(f"/v/{code}")
        assert page.status_code == 200
        assert "Accredited until" in page.get_data(as_text=True)
        with app.app_context():
            assert [row.count for row in db.session.scalars(db.select(ScanCount))] == [2]
            db.session.remove()

