"""End-to-end tests: the app served on loopback, driven by Debian's Chromium through Playwright.

The live server has its own database (committed data, a real server thread), separate from
the rolled-back database of the integration tests.
"""

import shutil
import threading

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from scheme.extensions import db
from tests.conftest import dispose_app_engines, make_test_app
from tests.databases import fresh_database

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browsers here; use Debian's Chromium.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


class LiveServer:
    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._server.shutdown()
        self._thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server():
    with fresh_database() as url:
        app = make_test_app(url, WTF_CSRF_ENABLED=True)
        with app.app_context():
            upgrade()
        app.config["SCHEME_BASE_URL"] = "http://127.0.0.1"
        server = LiveServer(app)
        app.config["SCHEME_BASE_URL"] = server.url
        server.start()
        try:
            yield server
        finally:
            server.stop()
            dispose_app_engines(app)


@pytest.fixture
def live_app(live_server):
    """An app context on the live server's app, for setting up data (it commits for real)."""
    with live_server.app.app_context():
        yield live_server.app
        db.session.remove()


@pytest.fixture
def phone_page(browser):
    """A page the size of a small phone (390 px wide)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
