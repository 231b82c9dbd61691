"""County-scale benchmark: officer pages, the public page, first-scan bytes, memory, stickers.

Not a test (pytest does not collect bench/). Run from the project folder:

    .venv/bin/python bench/run.py                         # 500 and 50,000 premises, SQLite
    .venv/bin/python bench/run.py --sizes 500 --rounds 2  # quicker
    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/run.py                     # PostgreSQL (fresh databases, dropped after)

For each size it builds a fresh database with `flask generate-load-data`, then
- times each officer page in the app itself (the Flask test client, one request at a time,
  after one warm-up request) and counts the SQL statements it sends;
- serves the app with gunicorn as the README deploys it (2 sync workers) next to a bare Flask
  hello-world under gunicorn, and loads `/v/<code>` (a real code picked at random on every
  request, through a wrk Lua script; hello-world through the same script) and hello-world in
  alternating rounds after a warm-up: requests/s, p50, p99 and the ratio of each round; and
  reads the workers' resident memory during the last round;
- measures a first and a repeat scan's bytes on the wire, and a batch of sticker PDFs.
It prints a table and writes it to docs/performance.md with the machine and the command.
The machine may be shared: compare the ratios, not the absolute figures.
"""

import argparse
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
VENV_BIN = ROOT / ".venv" / "bin"
PASSWORD = "a long benchmark password"

# (label, path, who asks): every officer page of the table, and the admin pages.
OFFICER_PAGES = [
    ("officer home (work queues)", "/officer/", "officer"),
    ("queue: applications to review", "/officer/queues/review", "officer"),
    ("queue: changes past deadline", "/officer/queues/changes", "officer"),
    ("queue: visits due", "/officer/queues/visits", "officer"),
    ("queue: training lapsed", "/officer/queues/training", "officer"),
    ("queue: actions overdue", "/officer/queues/actions", "officer"),
    ("queue: expiring", "/officer/queues/expiring", "officer"),
    ("queue: at risk", "/officer/queues/at_risk", "officer"),
    ("queue: failed test visits", "/officer/queues/test_visits", "officer"),
    ("queue: visits, one area, last page", "/officer/queues/visits?area={area}&page=9999", "officer"),
    ("training lapsed page", "/officer/training-lapsed", "officer"),
    ("training lapsed page, one area", "/officer/training-lapsed?area={area}", "officer"),
    ("premises list", "/officer/premises", "officer"),
    ("premises sorted by status", "/officer/premises?sort=status", "officer"),
    ("premises filtered (accredited, one area)", "/officer/premises?status=accredited&area={area}", "officer"),
    ("premises search", "/officer/premises?q=station", "officer"),
    ("premises last page", "/officer/premises?page=99999", "officer"),
    ("premises CSV export (streamed)", "/officer/premises.csv", "officer"),
    ("one premises", "/officer/premises/{premises}", "officer"),
    ("training approvals", "/officer/training-approvals", "officer"),
    ("training sessions", "/officer/training-sessions", "officer"),
    ("session register, search", "/officer/training-sessions/{session}?q=rose", "officer"),
    ("audit log", "/officer/audit-log", "officer"),
    ("certificates of a premises", "/officer/premises/{premises}/certificates", "officer"),
    ("certificates: print for an area", "/officer/certificates/print", "officer"),
    ("certificates: scans of withdrawn stickers", "/officer/certificates/scans", "officer"),
    ("stickers to take down", "/officer/stickers/to-take-down", "officer"),
    ("admin home", "/admin/", "admin"),
    ("admin: users", "/admin/users", "admin"),
    ("admin: standards", "/admin/standards", "admin"),
    ("admin: training modules", "/admin/training-modules", "admin"),
    ("admin: reporting routes", "/admin/reporting-routes", "admin"),
    ("admin: settings", "/admin/settings", "admin"),
]

HELLO_APP = "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef hello():\n    return 'Hello, world!'\n"
# Each request picks a real code at random. hello-world is loaded through the same script (the
# code in a query string it ignores), so that both pay the same load generator's cost: on a
# 2-core machine wrk's Lua costs a fifth of hello-world's rate, which would be counted
# against /v/ alone.
WRK_SCRIPT = """
local codes = {}
for line in io.lines("%s") do codes[#codes + 1] = line end
local headers = %s
request = function()
  return wrk.format("GET", "%s" .. codes[math.random(#codes)], headers)
end
"""
# What a phone's browser sends with every request (Chrome on Android): the page is compressed.
PHONE_ACCEPT_ENCODING = "gzip, deflate, br, zstd"


def run(*command, env=None, stdin=None) -> str:
    result = subprocess.run(command, cwd=ROOT, env=env, input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def fresh_database(size: int):
    base = os.environ.get("BENCH_DATABASE_URL")
    if not base:
        folder = tempfile.mkdtemp(prefix="scheme-bench-")
        try:
            yield f"sqlite:///{folder}/bench.db"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    import sqlalchemy as sa

    name = f"scheme_bench_{size}_{os.getpid()}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.engine.make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        from scheme.domain.certificates import public_page_copy

        public_page_copy.stop_all()  # the in-process scans' copy, which would reconnect to it
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def build(url: str, size: int) -> tuple[float, dict, str]:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench", "PYTHONPATH": str(ROOT)}
    flask = [str(VENV_BIN / "flask"), "--app", "scheme"]
    run(*flask, "db", "upgrade", env=env)
    started = time.perf_counter()
    output = run(*flask, "generate-load-data", "--premises", str(size), env=env)
    seconds = time.perf_counter() - started
    if url.startswith("postgresql"):
        # As a database in service would be: freshly bulk-loaded tables are otherwise vacuumed
        # by autovacuum during the rounds, which then measure it too.
        import sqlalchemy as sa

        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE)")
        engine.dispose()
    for role in ("officer", "admin"):
        run(*flask, "create-user", "--email", f"bench-{role}@example.com", "--name", f"Bench {role.title()}",
            "--role", role, env=env, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    return seconds, env, output.strip().splitlines()[-1]


def _app(url: str):
    from scheme import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})


def officer_pages(url: str) -> tuple[list[tuple[str, float, int, int, float | None]], dict]:
    """(page, server ms, statements, bytes, ms to the first bytes of a streamed page) for each
    page, in this process."""
    import sqlalchemy as sa
    from flask import g, request_started
    from flask_login import FlaskLoginClient

    from scheme.account import session as account_session
    from scheme.extensions import db
    from scheme.models import Certificate, Premises, TrainingSession, User
    from scheme.models.base import utcnow

    app = _app(url)
    app.test_client_class = FlaskLoginClient
    results = []
    with app.app_context():
        staff = {role: db.session.scalar(sa.select(User).where(User.email == f"bench-{role}@example.com"))
                 for role in ("officer", "admin")}
        for user in staff.values():
            if user.two_factor_enabled_at is None:
                # Staff pages ask a new officer to set up two-factor sign-in first: as if done.
                user.totp_secret, user.two_factor_enabled_at = "BENCHBENCHBENCHBENCHBENCHBENCH23", utcnow()
        db.session.commit()
        for user in staff.values():
            db.session.refresh(user)
        area = db.session.scalar(sa.select(Premises).order_by(Premises.id).limit(1)).area
        premises_id = db.session.scalar(sa.select(Certificate.premises_id).order_by(Certificate.id).limit(1))
        session_id = db.session.scalar(sa.select(TrainingSession.id).where(TrainingSession.closed_at.is_(None))
                                       .limit(1))
        codes = list(db.session.scalars(sa.text("SELECT public_code FROM certificate")))
        db.session.remove()
        statements = []
        sa.event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(1))
        # Every request here shares this app context: forget the user flask-login cached on g,
        # or the admin's requests would be made as the officer.
        request_started.connect(lambda sender, **extra: g.pop("_login_user", None), app, weak=False)
        clients = {}
        for role, user in staff.items():
            clients[role] = app.test_client(user=user)
            with clients[role].session_transaction() as cookie_session:
                account_session.mark_started(cookie_session, user)  # freshly active, not idle
        for label, path, role in OFFICER_PAGES:
            path = path.format(area=area, session=session_id, premises=premises_id)
            client = clients[role]
            client.get(path).get_data()  # warm-up: templates compiled, caches filled
            statements.clear()
            started = time.perf_counter()
            response = client.get(path)
            first_bytes = None
            if path.endswith(".csv"):  # streamed row by row
                chunks = iter(response.response)
                body = next(chunks, b"")
                first_bytes = (time.perf_counter() - started) * 1000
                body += b"".join(chunks)
                response.close()
            else:
                body = response.get_data()
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (path, response.status_code)
            results.append((label, elapsed, len(statements), len(body), first_bytes))
            print(f"  {label}: {elapsed:.0f} ms, {len(statements)} statements, {len(body) / 1024:.0f} KB", flush=True)
    return results, {"codes": codes, "app": app}


def public_page_setting(url: str) -> dict:
    """What the /v/ measurements need, without measuring the officer pages: the app and every code."""
    import sqlalchemy as sa

    from scheme.extensions import db

    app = _app(url)
    with app.app_context():
        codes = list(db.session.scalars(sa.text("SELECT public_code FROM certificate")))
        db.session.remove()
    return {"codes": codes, "app": app}


def scan_bytes(app, code: str) -> tuple[int, int]:
    def on_the_wire(response) -> int:
        head = f"HTTP/1.1 {response.status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in response.headers.items())
        data = response.get_data()
        response.close()
        return len(head.encode()) + 2 + len(data)

    accept = {"Accept-Encoding": "br, gzip"}
    with app.app_context():
        client = app.test_client()
        page = client.get(f"/v/{code}", headers=accept)
        html = client.get(f"/v/{code}").get_data(as_text=True)
        assets = re.findall(r'<(?:link|script)[^>]+(?:href|src)="(/assets/[^"]+)"', html)
        first = on_the_wire(page) + sum(on_the_wire(client.get(asset, headers=accept)) for asset in assets)
        repeat = on_the_wire(client.get(f"/v/{code}", headers=accept))
    return first, repeat


def sticker_batch(app, count: int) -> tuple[int, float, float]:
    import sqlalchemy as sa

    from scheme.domain.certificates import printing
    from scheme.domain.certificates.state import valid_clause
    from scheme.extensions import db
    from scheme.models import Certificate

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with app.app_context():
        query = (sa.select(Certificate).where(valid_clause(Certificate, date.today()))
                 .options(sa.orm.joinedload(Certificate.premises)).limit(count)
                 .execution_options(yield_per=20))

        def certificates():
            for certificate in db.session.scalars(query):
                yield certificate
                db.session.expunge(certificate)

        ids = db.session.scalars(query.with_only_columns(Certificate.id)).all()
        # Not recorded as printed stickers: the serial only shapes each sticker's QR.
        serials = {certificate_id: "BENCH1" for certificate_id in ids}
        started = time.perf_counter()
        size = sum(len(chunk) for chunk in printing.batch_zip(certificates(), serials, "https://bench.example"))
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return size, seconds, max(before, peak)


def wait_for(url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


WRK_SECONDS = 8


def wrk(url: str, script: str | None, seconds: int = WRK_SECONDS, during=None) -> tuple[float, float, float]:
    """Requests/s, p50 and p99 (ms) of wrk -t1 -c16 on url; `during()` is called half way."""
    command = ["wrk", "-t1", "-c16", f"-d{seconds}s", "--latency", *(["-s", script] if script else []), url]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if during is not None:
        time.sleep(seconds / 2)
        during()
    output, errors = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"wrk failed: {errors}")
    if re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        raise SystemExit(f"{url} answered with errors:\n{output}")

    def latency(label: str) -> float:
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]), latency("50%"), latency("99%")


def worker_rss_mb(master_pid: int) -> list[float]:
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024)
    return sizes


def public_page_rounds(env: dict, codes: list[str], rounds: int,
                       accept_encoding: str | None = None) -> tuple[list[tuple], list[float]]:
    """(/v/, hello-world) figures per round, taking turns, after a warm-up of both; and the app's
    workers' resident memory, read half way through the last /v/ round (under load). With
    accept_encoding, every request (to both) carries that Accept-Encoding, as a browser's do."""
    folder = Path(tempfile.mkdtemp(prefix="scheme-bench-wrk-"))
    (folder / "codes.txt").write_text("\n".join(codes) + "\n")
    headers = f'{{["Accept-Encoding"] = "{accept_encoding}"}}' if accept_encoding else "{}"
    (folder / "codes.lua").write_text(WRK_SCRIPT % (folder / "codes.txt", headers, "/v/"))
    (folder / "hello.lua").write_text(WRK_SCRIPT % (folder / "codes.txt", headers, "/?code="))
    (folder / "hello_app.py").write_text(HELLO_APP)
    app_port, hello_port = free_port(), free_port()
    gunicorn = [str(VENV_BIN / "gunicorn"), "-w", "2", "--no-control-socket"]
    servers = [
        subprocess.Popen([*gunicorn, "-b", f"127.0.0.1:{app_port}", "scheme:create_app()"], cwd=ROOT, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen([*gunicorn, "-b", f"127.0.0.1:{hello_port}", "hello_app:app"], cwd=folder,
                         env={**os.environ}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    try:
        wait_for(f"http://127.0.0.1:{app_port}/healthz")
        wait_for(f"http://127.0.0.1:{hello_port}/")
        hello_url, page_url = f"http://127.0.0.1:{hello_port}", f"http://127.0.0.1:{app_port}"
        hello_script, script = str(folder / "hello.lua"), str(folder / "codes.lua")
        # Warm-up: both workers of each server import, compile templates and open connections.
        wrk(hello_url, hello_script, seconds=2)
        wrk(page_url, script, seconds=2)
        results, rss = [], []
        for n in range(rounds):
            hello = wrk(hello_url, hello_script)
            last = n == rounds - 1
            page = wrk(page_url, script, during=(lambda: rss.extend(worker_rss_mb(servers[0].pid))) if last else None)
            results.append((page, hello))
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
    return results, rss


def _rounds_table(rounds: list[tuple], requests: str) -> list[str]:
    ratios = sorted(page[0] / hello[0] for page, hello in rounds)
    lines = [f"`/v/<code>` with random real codes against hello-world, {requests}; median ratio "
             f"{ratios[len(ratios) // 2]:.2f}:", "",
             "| round | /v/ req/s | /v/ p50 ms | /v/ p99 ms | hello req/s | hello p50 ms | hello p99 ms "
             "| ratio | p99 ratio |", "|---|---|---|---|---|---|---|---|---|"]
    for n, ((page_rps, page_p50, page_p99), (hello_rps, hello_p50, hello_p99)) in enumerate(rounds, 1):
        lines.append(f"| {n} | {page_rps:.0f} | {page_p50:.1f} | {page_p99:.1f} | {hello_rps:.0f} | "
                     f"{hello_p50:.1f} | {hello_p99:.1f} | {page_rps / hello_rps:.2f} | {page_p99 / hello_p99:.1f} |")
    return [*lines, ""]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    load = os.getloadavg()
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1]) // 1024
    return (f"{os.cpu_count()} CPUs ({cpu}), {memory} MB memory, {platform.platform()}, Python "
            f"{platform.python_version()}; load average at the start {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 50_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--stickers", type=int, default=500, help="certificates in the sticker batch")
    parser.add_argument("--officer-pages-only", action="store_true",
                        help="only build the data and measure the officer pages (no gunicorn, no stickers)")
    parser.add_argument("--public-page-only", action="store_true",
                        help="only build the data and measure /v/ (rounds and bytes; no officer pages, no stickers)")
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument("--sticker-batch", nargs=2, metavar=("URL", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sticker_batch:  # the batch in a process of its own, so its peak memory is its own
        app = _app(args.sticker_batch[0])
        print(json.dumps(sticker_batch(app, int(args.sticker_batch[1]))))
        return
    database = "PostgreSQL" if os.environ.get("BENCH_DATABASE_URL") else "SQLite"
    lines = [f"# Performance at county scale ({database})", "",
             f"Measured {date.today().isoformat()} on {machine()}.", "",
             f"Command: `{' '.join(['.venv/bin/python', 'bench/run.py', *sys.argv[1:]])}`"
             + (" with `BENCH_DATABASE_URL` set" if database == "PostgreSQL" else ""), "",
             "The machine is shared with other work: read the ratios and the statement counts; the "
             "absolute times vary from run to run.", ""]
    pages: dict[int, list] = {}
    for size in args.sizes:
        with fresh_database(size) as url:
            seconds, env, added = build(url, size)
            print(f"{size} premises generated in {seconds:.1f} s", flush=True)
            if args.public_page_only:
                extra = public_page_setting(url)
            else:
                results, extra = officer_pages(url)
                pages[size] = results
            lines += [f"## {size:,} premises", "", f"Generated in {seconds:.1f} s ({added}).", ""]
            if args.officer_pages_only:
                continue
            first, repeat = scan_bytes(extra["app"], extra["codes"][0])
            rounds, rss = public_page_rounds(env, extra["codes"], args.rounds)
            phone_rounds, _rss = public_page_rounds(env, extra["codes"], args.rounds, PHONE_ACCEPT_ENCODING)
            batch = None
            if size == args.sizes[-1] and not args.public_page_only:
                batch = json.loads(run(sys.executable, __file__, "--sticker-batch", url, str(args.stickers),
                                       env={**os.environ, "PYTHONPATH": str(ROOT)}))
            lines += _rounds_table(rounds, "no Accept-Encoding (as wrk sends), the page uncompressed")
            lines += _rounds_table(phone_rounds, f"`Accept-Encoding: {PHONE_ACCEPT_ENCODING}` (as a phone "
                                                 "sends), the page compressed with Brotli")
            lines += ["", f"- First scan of `/v/<code>`: {first:,} bytes on the wire (page, stylesheet and icon, "
                          f"compressed, headers included); repeat scan: {repeat:,} bytes.",
                      f"- gunicorn workers' resident memory after the `/v/` rounds: "
                      f"{', '.join(f'{mb:.0f} MB' for mb in rss)}.",
                      *([] if args.public_page_only else [
                          f"- The benchmark process (officer pages at this size, in the app) peaked at "
                          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB."])]
            if batch:
                size_bytes, batch_seconds, peak = batch
                lines.append(f"- Sticker batch of {args.stickers} certificates (sticker and A4 PDF each, zip "
                             f"streamed), in a process of its own: {size_bytes / 1e6:.1f} MB in {batch_seconds:.1f} s, "
                             f"peak resident memory {peak:.0f} MB.")
            lines.append("")
            print("\n".join(lines[-30:]), flush=True)
    ratio = len(args.sizes) > 1
    if args.public_page_only:
        pages = {}
    if pages:
        lines += _officer_pages_table(pages, args.sizes, ratio)
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.output).write_text(text)


def _officer_pages_table(pages: dict, sizes: list[int], ratio: bool) -> list[str]:
    args = argparse.Namespace(sizes=sizes)
    lines = []
    lines += ["## Officer pages (server time in the app, one request at a time, after a warm-up)", "",
              "A streamed page's time is to its last byte; its first bytes' time follows in brackets.", "",
              "| page | " + " | ".join(f"{size:,}: ms | statements | KB" for size in args.sizes)
              + (f" | {args.sizes[-1]:,} / {args.sizes[0]:,} time |" if ratio else " |"),
              "|---|" + "---|---|---|" * len(args.sizes) + ("---|" if ratio else "")]
    for n, (label, *_rest) in enumerate(pages[args.sizes[0]]):
        cells = []
        for size in args.sizes:
            _, elapsed, statements, size_bytes, first_bytes = pages[size][n]
            streamed = f" ({first_bytes:.0f})" if first_bytes is not None else ""
            cells.append(f"{elapsed:.0f}{streamed} | {statements} | {size_bytes / 1024:.0f}")
        if ratio:
            cells.append(f"{pages[args.sizes[-1]][n][1] / max(pages[args.sizes[0]][n][1], 0.1):.1f}x")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


if __name__ == "__main__":
    main()
