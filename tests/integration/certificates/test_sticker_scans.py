"""A scan answered ahead of Flask (scheme/public/sticker_scans.py) is the answer Flask gives."""

import gzip
import re
from datetime import date

import brotli
import pytest
import sqlalchemy as sa
import sqlalchemy.exc
from werkzeug.test import EnvironBuilder, run_wsgi_app

from scheme.domain.certificates import lifecycle, public_page_lookup
from scheme.extensions import db
from scheme.models import ScanCount
from scheme.public.sticker_scans import StickerScans
from tests.integration.certificates.conftest import issue

pytestmark = pytest.mark.usefixtures("routes")

# The one thing two renders of a page may differ in: the minute it was checked.
_CHECKED_AT = re.compile(r"Checked at \d\d:\d\d on")


def _door(app) -> StickerScans:
    return app.extensions["sticker_scans"]


class _Recorded:
    """Flask's side of the door, recording the requests it was handed."""

    def __init__(self, flask_wsgi_app):
        self.flask_wsgi_app, self.paths = flask_wsgi_app, []

    def __call__(self, environ, start_response):
        self.paths.append(environ["PATH_INFO"])
        return self.flask_wsgi_app(environ, start_response)


@pytest.fixture
def flask_side(app, client, monkeypatch):
    door = _door(app)
    client.get("/v/warm-up")  # the first scan in a process goes through Flask (it renders the layout)
    recorded = _Recorded(door.flask_wsgi_app)
    monkeypatch.setattr(door, "flask_wsgi_app", recorded)
    return recorded


def _answer(wsgi_app, path: str, **environ) -> tuple[str, dict, str]:
    headers = {"Accept-Encoding": environ.pop("accept_encoding")} if "accept_encoding" in environ else {}
    built = EnvironBuilder(path=path, headers=headers, environ_overrides=environ).get_environ()
    body, status, response_headers = run_wsgi_app(wsgi_app, built)
    data = b"".join(body)
    getattr(body, "close", lambda: None)()
    encoding = response_headers.get("Content-Encoding")
    if encoding == "br":
        data = brotli.decompress(data)
    elif encoding == "gzip":
        data = gzip.decompress(data)
    headers_seen = dict(response_headers.items())
    headers_seen.pop("Content-Length")  # gzip's bytes hold the second they were made
    # Flask-Compress dates what it compresses; the HTTP server dates every answer anyway.
    headers_seen.pop("Date", None)
    return status, headers_seen, _CHECKED_AT.sub("Checked at", data.decode())


ENCODINGS = ["", "br", "gzip", "gzip, deflate, br, zstd", "identity", "br;q=0, gzip;q=0.5", "*", "zstd"]


@pytest.mark.parametrize("accept_encoding", ENCODINGS)
@pytest.mark.parametrize("scanned", ["valid", "valid, printed sticker", "suspended", "no such code"])
def test_a_scan_answered_ahead_of_flask_is_what_flask_answers(app, eligible_premises, officer, flask_side,
                                                              accept_encoding, scanned):
    certificate = issue(eligible_premises, on=date.today())
    code = certificate.public_code
    if scanned == "suspended":
        lifecycle.suspend_certificate(certificate.id, actor=officer, reason="Failed a test visit", today=date.today())
    path = {"valid": f"/v/{code}", "valid, printed sticker": f"/v/{code}/3", "suspended": f"/v/{code}",
            "no such code": "/v/ZZZZZZZZ"}[scanned]

    ahead = _answer(app.wsgi_app, path, accept_encoding=accept_encoding)
    assert flask_side.paths == []  # answered by the door itself
    through_flask = _answer(flask_side.flask_wsgi_app, path, accept_encoding=accept_encoding)
    assert flask_side.paths == []
    assert ahead == through_flask
    assert ahead[0] == ("404 NOT FOUND" if scanned == "no such code" else "200 OK")


def test_the_door_counts_each_scan_once(app, client, eligible_premises, flask_side):
    certificate = issue(eligible_premises, on=date.today())
    for _ in range(3):
        assert client.get(f"/v/{certificate.public_code}").status_code == 200
    assert flask_side.paths == []
    counted = db.session.scalar(sa.select(sa.func.sum(ScanCount.count)).where(ScanCount.certificate_id == certificate.id))
    assert counted == 3


@pytest.mark.parametrize(("method", "path", "query"), [
    ("HEAD", "/v/{code}", ""),
    ("GET", "/v/{code}", "utm_source=window"),
    ("GET", "/v/{code}/", ""),
    ("GET", "/v//{code}", ""),
    ("GET", "/v/{code}/3/more", ""),
    ("GET", "/v/caf\u00c3\u00a9", ""),  # é, as a server hands UTF-8 bytes to WSGI
])
def test_anything_but_a_plain_scan_goes_to_flask(app, client, eligible_premises, flask_side, method, path, query):
    certificate = issue(eligible_premises, on=date.today())
    path = path.format(code=certificate.public_code)
    built = EnvironBuilder(path="/", method=method, query_string=query).get_environ()
    built["PATH_INFO"] = path
    _body, status, _headers = run_wsgi_app(app.wsgi_app, built)
    assert flask_side.paths == [path]
    assert status.split()[0] in {"200", "308", "404"}


def test_the_first_scan_a_process_serves_goes_to_flask(app, eligible_premises, monkeypatch):
    from scheme.public.views import verify

    certificate = issue(eligible_premises, on=date.today())
    monkeypatch.setattr(verify, "_frames", {})  # as in a new process: the layout not yet rendered
    door = _door(app)
    recorded = _Recorded(door.flask_wsgi_app)
    monkeypatch.setattr(door, "flask_wsgi_app", recorded)
    path = f"/v/{certificate.public_code}"
    assert _answer(app.wsgi_app, path)[0] == "200 OK"
    assert _answer(app.wsgi_app, path)[0] == "200 OK"
    assert recorded.paths == [path]  # the first only


def test_when_the_database_fails_flask_answers_with_its_error_page(app, eligible_premises, flask_side, monkeypatch):
    certificate = issue(eligible_premises, on=date.today())

    def unreachable(*args, **kwargs):
        raise sqlalchemy.exc.OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr(public_page_lookup, "find", unreachable)
    status, _headers, page = _answer(app.wsgi_app, f"/v/{certificate.public_code}")
    assert status.startswith("503")
    assert "Sorry, the service is unavailable" in page
    assert flask_side.paths == [f"/v/{certificate.public_code}"]


def test_over_https_in_production_the_door_sends_hsts_as_flask_does(app, eligible_premises, flask_side, monkeypatch):
    from scheme import security

    certificate = issue(eligible_premises, on=date.today())
    door = _door(app)
    monkeypatch.setattr(door, "_hsts", ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    path = f"/v/{certificate.public_code}"
    assert "Strict-Transport-Security" not in _answer(app.wsgi_app, path)[1]
    for https in ({"wsgi.url_scheme": "https"}, {"HTTP_X_FORWARDED_PROTO": "https"}):
        assert _answer(app.wsgi_app, path, **https)[1]["Strict-Transport-Security"] == door._hsts[1]
    assert security.reached_over_https({"HTTP_X_FORWARDED_PROTO": "https"})
    assert flask_side.paths == []
