"""Benchmark: requests per second of /v/<code> against a hello-world route in the same app.

Not a test (pytest does not collect it). Run from the project folder:

    .venv/bin/python tests/benchmarks/verify_throughput.py            # SQLite in a temporary folder
    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python tests/benchmarks/verify_throughput.py        # a fresh PostgreSQL database

It makes a fresh database with the demo data, serves the app with gunicorn (2 sync workers),
and loads each route with `wrk -t1 -c16 -d10s`, taking turns, so all are measured side by side
in one run: hello-world, the page of a valid certificate (what nearly every scan is), and
the page of an expired one (which says more). Scans are counted as in production: added up
in each worker and written every SCAN_COUNT_FLUSH_SECONDS.
"""

import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PORT = int(os.environ.get("BENCH_PORT", "5194"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
WRK = ["wrk", "-t1", "-c16", "-d10s"]


def bench_app():
    """The product app plus a hello-world route, for gunicorn; used only by this benchmark."""
    from scheme import create_app
    from scheme.security import public

    app = create_app()

    @public
    def hello():
        return "Hello, world!"

    app.add_url_rule("/bench-hello", "bench_hello", hello)
    return app


def _prepare(database_url: str) -> tuple[str, str]:
    """The codes of a valid and of an expired certificate in a fresh copy of the demo data."""
    from flask_migrate import upgrade

    from scheme import create_app
    from scheme.demo import load_demo_data
    from scheme.domain.certificates.state import CertificateState, certificate_state
    from scheme.extensions import db
    from scheme.models import Certificate

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    today = date.today()
    with app.app_context():
        upgrade()
        load_demo_data(today)
        by_state = {}
        for certificate in db.session.scalars(db.select(Certificate).order_by(Certificate.id)):
            by_state.setdefault(certificate_state(certificate, today), certificate.public_code)
        for engine in db.engines.values():
            engine.dispose()
    return by_state[CertificateState.VALID], by_state[CertificateState.EXPIRED]


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server did not answer at {url}")


def _wrk(url: str) -> float:
    output = subprocess.run([*WRK, url], capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise SystemExit(f"{url} answered with errors:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def _cpu_per_request(database_url: str, paths: list[str], requests: int = 2000) -> list[float]:
    """Microseconds of this process's CPU per request, through the WSGI app without a server:
    a figure other load on the machine hardly moves, unlike requests per second."""
    from werkzeug.test import EnvironBuilder

    from scheme.domain.certificates import public_page
    from scheme.extensions import db

    os.environ.update(DATABASE_URL=database_url, SECRET_KEY="benchmark-only")
    app = bench_app()

    def start_response(status, headers, exc_info=None):
        pass

    def one(path):
        environ = EnvironBuilder(path=path, base_url=f"http://127.0.0.1:{PORT}").get_environ()
        b"".join(app(environ, start_response))

    results = []
    for path in paths:
        for _ in range(100):
            one(path)
        started = time.process_time()
        for _ in range(requests):
            one(path)
        results.append((time.process_time() - started) / requests * 1e6)
    with app.app_context():
        public_page.write_pending_scans()  # before the database is dropped
        for engine in db.engines.values():
            engine.dispose()
    return results


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.databases import fresh_database

    with fresh_database() as database_url:
        code, expired_code = _prepare(database_url)
        env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "benchmark-only",
               "SCHEME_BASE_URL": f"http://127.0.0.1:{PORT}", "PYTHONPATH": str(ROOT)}
        command = [str(ROOT / ".venv/bin/gunicorn"), "-w", "2", "-b", f"127.0.0.1:{PORT}", "--no-control-socket",
                   "--log-level", "warning", "tests.benchmarks.verify_throughput:bench_app()"]
        server = subprocess.Popen(command, env=env, cwd=ROOT)
        try:
            base = f"http://127.0.0.1:{PORT}"
            _wait_for(f"{base}/bench-hello")
            hello_url, verify_url, expired_url = f"{base}/bench-hello", f"{base}/v/{code}", f"{base}/v/{expired_code}"
            _wrk(hello_url), _wrk(verify_url), _wrk(expired_url)  # warm up: imports, templates, pools
            hello, verify, expired = [], [], []
            for _ in range(ROUNDS):
                hello.append(_wrk(hello_url))
                verify.append(_wrk(verify_url))
                expired.append(_wrk(expired_url))
        finally:
            server.terminate()
            server.wait(timeout=30)
        cpu_hello, cpu_verify = _cpu_per_request(database_url, ["/bench-hello", f"/v/{code}"])
    print(f"database: {database_url.split(':')[0]}")
    print(f"command: {' '.join(WRK)} URL, gunicorn -w 2 (sync), {ROUNDS} rounds taking turns after a warm-up")
    print(f"hello-world          req/s: {', '.join(f'{value:.0f}' for value in hello)}")
    for label, figures in (("/v/<valid code>  ", verify), ("/v/<expired code>", expired)):
        print(f"{label}    req/s: {', '.join(f'{value:.0f}' for value in figures)}")
        pairs = sorted(v / h for h, v in zip(hello, figures))
        print(f"  ratio per round (over that round's hello-world): {', '.join(f'{r:.2f}' for r in pairs)}; "
              f"median {statistics.median(pairs):.2f}; best over best {max(figures) / max(hello):.2f}")
    print(f"CPU per request in-process (no server): hello-world {cpu_hello:.0f} us, /v/<code> {cpu_verify:.0f} us, "
          f"ratio {cpu_hello / cpu_verify:.2f}")


if __name__ == "__main__":
    main()
