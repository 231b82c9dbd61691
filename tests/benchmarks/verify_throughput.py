"""Benchmark: requests per second of /v/<code> against a hello-world route in the same app.

Not a test (pytest does not collect it). Run from the project folder:

    .venv/bin/python tests/benchmarks/verify_throughput.py            # SQLite in a temporary folder
    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python tests/benchmarks/verify_throughput.py        # a fresh PostgreSQL database

It makes a fresh database with the demo data and some hundreds more premises with
certificates, serves the app with gunicorn (2 sync workers), and loads each route with
`wrk -t1 -c16 -d10s`, taking turns, so all are measured side by side in one run:
hello-world, the pages of valid certificates (what nearly every scan is), and the pages of
certificates that are not valid (expired or replaced by a newer one: those pages say more and
look for the premises' current certificate). Each request of a round asks for a code picked
at random among hundreds, as stickers all over a district would, not for one sticker over
and over; hello-world is asked through the same kind of script. Scans are counted as in production: added up in each worker and written every
SCAN_COUNT_FLUSH_SECONDS.
"""

import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PORT = int(os.environ.get("BENCH_PORT", "5194"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
WRK = ["wrk", "-t1", "-c16", "-d10s"]
EXTRA_PREMISES = int(os.environ.get("BENCH_PREMISES", "600"))
# Each request picks one of the paths at random.
WRK_SCRIPT = """
local paths = {%s}
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


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


def _add_premises_with_certificates(today: date) -> None:
    """EXTRA_PREMISES more premises: a third with a valid certificate, a third with a valid one
    that replaced an older one, a third whose only certificate has expired."""
    from scheme.enums import CertificateStatus
    from scheme.extensions import db
    from scheme.models import Certificate
    from tests import factories

    pick = random.Random(0)
    numbers = iter(range(1, 10 * EXTRA_PREMISES))

    def certificate(premises, expires_on: date, status=CertificateStatus.ACTIVE) -> None:
        code = "".join(pick.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(8))
        db.session.add(Certificate(premises_id=premises.id, number=f"BENCH-{next(numbers):05d}", public_code=code,
                                   issued_on=expires_on - timedelta(days=365), expires_on=expires_on, status=status))

    for n in range(EXTRA_PREMISES):
        premises = factories.make_premises()
        if n % 3 == 0:
            certificate(premises, today - timedelta(days=1 + n % 200))
            continue
        if n % 3 == 1:
            certificate(premises, today + timedelta(days=n % 100), CertificateStatus.SUPERSEDED)
            db.session.flush()  # the older one gets the lower id
        certificate(premises, today + timedelta(days=100 + n % 200))
    db.session.commit()


def _prepare(database_url: str) -> tuple[list[str], list[str]]:
    """The codes of the valid certificates and of the others, in a fresh copy of the demo data
    with EXTRA_PREMISES more premises."""
    from flask_migrate import upgrade

    from scheme import create_app
    from scheme.demo import load_demo_data
    from scheme.domain.certificates.state import valid_clause
    from scheme.extensions import db
    from scheme.models import Certificate

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    today = date.today()
    with app.app_context():
        upgrade()
        load_demo_data(today)
        _add_premises_with_certificates(today)
        valid, not_valid = [], []
        for code, is_valid in db.session.execute(db.select(Certificate.public_code, valid_clause(Certificate, today))):
            (valid if is_valid else not_valid).append(code)
        for engine in db.engines.values():
            engine.dispose()
    return valid, not_valid


def _script(folder: str, name: str, paths: list[str]) -> str:
    path = Path(folder) / f"{name}.lua"
    path.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
    return str(path)


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server did not answer at {url}")


def _wrk(url: str, script: str | None = None) -> float:
    output = subprocess.run([*WRK, *(["-s", script] if script else []), url], capture_output=True, text=True,
                            check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise SystemExit(f"{url} answered with errors:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def _cpu_per_request(database_url: str, paths: list[list[str]], requests: int = 2000) -> list[float]:
    """Microseconds of this process's CPU per request, through the WSGI app without a server:
    a figure other load on the machine hardly moves, unlike requests per second."""
    from werkzeug.test import EnvironBuilder

    from scheme.domain.certificates import scan_counts
    from scheme.extensions import db

    os.environ.update(DATABASE_URL=database_url, SECRET_KEY="benchmark-only")
    app = bench_app()

    def start_response(status, headers, exc_info=None):
        pass

    def one(path):
        environ = EnvironBuilder(path=path, base_url=f"http://127.0.0.1:{PORT}").get_environ()
        b"".join(app(environ, start_response))

    results = []
    for choices in paths:
        picks = random.Random(1).choices(choices, k=requests)
        for path in picks[:100]:
            one(path)
        started = time.process_time()
        for path in picks:
            one(path)
        results.append((time.process_time() - started) / requests * 1e6)
    with app.app_context():
        scan_counts.write_pending()  # before the database is dropped
        for engine in db.engines.values():
            engine.dispose()
    return results


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.databases import fresh_database

    with fresh_database() as database_url, tempfile.TemporaryDirectory() as folder:
        valid_codes, other_codes = _prepare(database_url)
        valid_paths, other_paths = [f"/v/{code}" for code in valid_codes], [f"/v/{code}" for code in other_codes]
        env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "benchmark-only",
               "SCHEME_BASE_URL": f"http://127.0.0.1:{PORT}", "PYTHONPATH": str(ROOT)}
        command = [str(Path(sys.executable).parent / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{PORT}",
                   "--no-control-socket", "--log-level", "warning", "tests.benchmarks.verify_throughput:bench_app()"]
        server = subprocess.Popen(command, env=env, cwd=ROOT)
        try:
            base = f"http://127.0.0.1:{PORT}"
            _wait_for(f"{base}/bench-hello")
            # hello-world through the same kind of script (a code in a query string it ignores), so
            # that both pay the same load generator's cost.
            hello_paths = [f"/bench-hello?code={code}" for code in valid_codes]
            runs = {"hello": (base, _script(folder, "hello", hello_paths)),
                    "valid": (base, _script(folder, "valid", valid_paths)),
                    "other": (base, _script(folder, "other", other_paths))}
            for url, script in runs.values():  # warm up: imports, templates, pools
                _wrk(url, script)
            figures = {name: [] for name in runs}
            for _ in range(ROUNDS):
                for name, (url, script) in runs.items():
                    figures[name].append(_wrk(url, script))
        finally:
            server.terminate()
            server.wait(timeout=30)
        cpu_hello, cpu_verify = _cpu_per_request(database_url, [["/bench-hello"], valid_paths])
    hello = figures["hello"]
    print(f"database: {database_url.split(':')[0]}; {len(valid_codes)} valid codes, {len(other_codes)} others")
    print(f"command: {' '.join(WRK)} [-s random path] URL, gunicorn -w 2 (sync), {ROUNDS} rounds taking turns "
          "after a warm-up")
    print(f"hello-world          req/s: {', '.join(f'{value:.0f}' for value in hello)}")
    for label, name in (("/v/<valid codes>  ", "valid"), ("/v/<not valid codes>", "other")):
        print(f"{label}    req/s: {', '.join(f'{value:.0f}' for value in figures[name])}")
        pairs = sorted(v / h for h, v in zip(hello, figures[name]))
        print(f"  ratio per round (over that round's hello-world): {', '.join(f'{r:.2f}' for r in pairs)}; "
              f"median {statistics.median(pairs):.2f}; best over best {max(figures[name]) / max(hello):.2f}")
    print(f"CPU per request in-process (no server): hello-world {cpu_hello:.0f} us, /v/<code> {cpu_verify:.0f} us, "
          f"ratio {cpu_hello / cpu_verify:.2f}")


if __name__ == "__main__":
    main()
