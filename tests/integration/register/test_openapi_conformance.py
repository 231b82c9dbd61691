"""schemathesis, run against the API of a live server, finds nothing the OpenAPI document
does not say: no server error, no undocumented status, no body or header off its schema."""

import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from scheme.enums import ApplicationStatus, CertificateStatus, PremisesType
from tests import factories, factories_officer
from tests.conftest import dispose_app_engines, make_test_app
from tests.databases import fresh_database

CHECKS = ",".join([
    "not_a_server_error", "status_code_conformance", "content_type_conformance",
    "response_schema_conformance", "response_headers_conformance",
])
SCHEMATHESIS = str(Path(sys.executable).parent / "st")


def _register() -> None:
    today = date.today()
    for n, (premises_type, status, expires_on) in enumerate([
        (PremisesType.HOTEL, CertificateStatus.ACTIVE, today + timedelta(days=200)),
        (PremisesType.TAXI, CertificateStatus.ACTIVE, today + timedelta(days=20)),
        (PremisesType.PUB, CertificateStatus.SUSPENDED, today + timedelta(days=200)),
        (PremisesType.SHOP, CertificateStatus.ACTIVE, today - timedelta(days=3)),
    ]):
        premises = factories.make_premises(status=ApplicationStatus.MEMBER, premises_type=premises_type,
                                           home_based=premises_type == PremisesType.TAXI, area=f"Area {n % 2}")
        factories_officer.make_certificate(premises, expires_on=expires_on, status=status)


@pytest.fixture(scope="module")
def live_api():
    with fresh_database() as url:
        app = make_test_app(url)
        with app.app_context():
            upgrade()
            _register()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        origin = f"http://127.0.0.1:{server.server_port}"
        app.config["SCHEME_BASE_URL"] = origin
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield origin
        finally:
            server.shutdown()
            thread.join(timeout=10)
            dispose_app_engines(app)


def test_schemathesis_finds_no_failure(live_api, tmp_path):
    result = subprocess.run(
        [SCHEMATHESIS, "run", f"{live_api}/api/v1/openapi.json", "--url", live_api, "--checks", CHECKS,
         "--max-examples", "30", "--workers", "1", "--seed", "20261201", "--request-timeout", "20",
         "--phases", "examples,coverage,fuzzing", "--generation-allow-x00", "true"],
        # Its cache of crashes goes into the folder it runs in: not the repository.
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout
