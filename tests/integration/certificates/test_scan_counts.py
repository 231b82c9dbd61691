"""Scans counted as in production: added up in the process and written together now and then,
and when the process exits; and the public page's own connections recover by themselves."""

import json
import os
import signal
import subprocess
import sys
import threading
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


class Writer:
    """Stands in for the process's writer thread (which would write on its own connection, not
    the test's): records when the page asks it to write early."""

    def __init__(self):
        self.pid = os.getpid()
        self.writing = threading.Lock()
        self.woken = 0

    def wake(self) -> None:
        self.woken += 1


@pytest.fixture
def clock(app):
    """The app counting scans as in production (due to be written 60 s after the first waiting
    one), on a clock the test moves, with the writer thread stood in for."""
    clock = Clock()
    app.extensions[scan_counts.EXTENSION_KEY] = PendingScans(60, clock=clock)
    app.extensions[scan_counts.WRITER_KEY] = clock.writer = Writer()
    yield clock
    del app.extensions[scan_counts.EXTENSION_KEY]  # nothing waiting carries over to another test
    del app.extensions[scan_counts.WRITER_KEY]


def stored_counts() -> list[tuple[int, date, int]]:
    return [(row.certificate_id, row.day, row.count) for row in db.session.scalars(db.select(ScanCount))]


def test_scans_wait_and_the_page_never_writes_them_itself(client, eligible_premises, clock):
    certificate = issue(eligible_premises, on=date.today())
    for _ in range(3):
        assert client.get(f"/v/{certificate.public_code}").status_code == 200
    assert stored_counts() == [] and clock.writer.woken == 0
    clock.now += 60
    client.get(f"/v/{certificate.public_code}")
    assert stored_counts() == []  # due: the writer is asked to write, the page does not
    assert clock.writer.woken == 1
    assert scan_counts.write_pending() == 4
    assert stored_counts() == [(certificate.id, date.today(), 4)]
    assert work_queues.outcome_figures(date.today()).scans_last_30_days == 4


def test_writing_what_is_waiting_adds_to_what_is_stored(client, eligible_premises, clock):
    certificate = issue(eligible_premises, on=date.today())
    client.get(f"/v/{certificate.public_code}")
    assert scan_counts.write_pending() == 1
    client.get(f"/v/{certificate.public_code}")
    client.get(f"/v/{certificate.public_code}")
    assert scan_counts.write_pending() == 2
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


_WRITER_CHILD = """
import json, sys, time
from scheme import create_app
from scheme.extensions import db
from scheme.models import ScanCount

app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "SECRET_KEY": "test", "SCAN_COUNT_FLUSH_SECONDS": 0.2})
client = app.test_client()
statuses = [client.get("/v/" + sys.argv[2]).status_code for _ in range(3)]
deadline = time.monotonic() + 30
stored = 0
while stored < 3 and time.monotonic() < deadline:
    time.sleep(0.1)
    with app.app_context():
        stored = db.session.scalar(db.select(db.func.coalesce(db.func.sum(ScanCount.count), 0)))
        db.session.remove()
print(json.dumps({"statuses": statuses, "stored_while_running": stored}))
"""


def test_the_writer_thread_writes_the_waiting_scans_while_the_process_runs():
    with committed_certificate() as (app, url, code):
        child = subprocess.run([sys.executable, "-c", _WRITER_CHILD, url, code], capture_output=True, text=True,
                               cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
        assert child.returncode == 0, child.stderr
        assert json.loads(child.stdout.strip().splitlines()[-1]) == {"statuses": [200, 200, 200],
                                                                      "stored_while_running": 3}


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



def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(url: str, app: str = "scheme:create_app()"):
    """The app served as the README deploys it (two sync workers) on this database; yields the
    server process and its address, and stops it normally (SIGTERM) unless the test already did."""
    import time
    import urllib.request

    port = _free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "--no-control-socket", app],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": url, "SECRET_KEY": "test"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "gunicorn did not start"
                time.sleep(0.2)
        yield server, f"http://127.0.0.1:{port}"
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.communicate(timeout=60)


def scan(base: str, code: str, times: int) -> None:
    import urllib.request

    for _ in range(times):
        # A new connection each time, so the kernel hands the scans to both workers.
        with urllib.request.urlopen(f"{base}/v/{code}", timeout=10) as response:
            assert response.status == 200


def stored_total(app) -> int:
    with app.app_context():
        total = db.session.scalar(db.select(db.func.coalesce(db.func.sum(ScanCount.count), 0)))
        db.session.remove()
    return total


def test_every_scan_through_two_gunicorn_workers_is_counted_after_a_normal_stop():
    scans = 300
    with committed_certificate() as (app, url, code):
        with gunicorn(url) as (server, base):
            scan(base, code, scans)
            assert stored_total(app) < scans  # most are still waiting in the workers when the stop comes
            server.send_signal(signal.SIGTERM)  # gunicorn's normal stop (as systemd's or a deploy's)
            _, errors = server.communicate(timeout=60)
            assert server.returncode == 0, errors
        assert stored_total(app) == scans


def test_a_killed_server_loses_at_most_the_scans_of_its_last_flush_interval():
    import time

    with committed_certificate() as (app, url, code):
        # Written every second, as the README's minute.
        with gunicorn(url, "scheme:create_app({'SCAN_COUNT_FLUSH_SECONDS': 1})") as (server, base):
            scan(base, code, 100)
            deadline = time.monotonic() + 30
            while stored_total(app) < 100 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert stored_total(app) == 100  # written by the workers' own threads while they run
            scan(base, code, 50)
            workers = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
            for pid in [server.pid, *map(int, workers)]:
                os.kill(pid, signal.SIGKILL)  # kill -9: nothing runs at exit
            server.communicate(timeout=30)
        # What had waited longer than the interval is kept; the last scans may be lost; none counts twice.
        assert 100 <= stored_total(app) <= 150


def test_two_processes_writing_the_same_counts_at_once_never_deadlock():
    from scheme.domain.certificates import public_page_lookup

    with committed_certificate() as (app, url, code):
        with app.app_context():
            certificate_id = db.session.scalar(db.text("SELECT id FROM certificate"))
            db.session.remove()
        day = date.today()
        rows = [(certificate_id, str(serial), day, 1) for serial in range(200)]
        # Two app processes' writers, each on its own pool, given the same rows in opposite orders.
        writers = [make_test_app(url), make_test_app(url)]
        errors = []

        def write(writer_app, ordered) -> None:
            try:
                with writer_app.app_context():
                    for _ in range(10):
                        public_page_lookup.write_scan_counts(ordered)
            except Exception as error:  # reported by the test, not lost in the thread
                errors.append(error)

        threads = [threading.Thread(target=write, args=(writers[0], rows)),
                   threading.Thread(target=write, args=(writers[1], rows[::-1]))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        for writer_app in writers:
            with writer_app.app_context():
                for engine in db.engines.values():
                    engine.dispose()
        assert errors == []
        with app.app_context():
            counts = db.session.execute(db.select(ScanCount.serial, ScanCount.count)).all()
            db.session.remove()
        assert sorted(counts) == sorted((str(serial), 20) for serial in range(200))
