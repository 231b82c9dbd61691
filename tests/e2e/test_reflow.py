"""No page scrolls sideways on a 320 px wide screen (WCAG 1.4.10, reflow), for every role.

The demo is loaded into a server of this module's own. The pages are those the crawl of
tests/integration/test_every_page.py reaches for each account the demo prints (and the
public's pages), sampled to one page per route and account: pages of one route share their
template, so a second premises' page of the same kind adds seconds, not cover. Each is opened
in Chromium at 320 CSS px, signed in as that account, and the document may be no wider than
the screen. A failure names the elements that stick out.
"""

import re
from urllib.parse import urlsplit

import pytest
from flask_migrate import upgrade

from scheme.demo import DEMO_PASSWORD
from scheme.extensions import db
from tests.conftest import dispose_app_engines, make_test_app
from tests.databases import fresh_database
from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import sign_in
from tests.integration.test_every_page import BUSINESS_ACCOUNTS, Crawl, Demo
from tests.signing_in import sign_in as sign_in_client

WIDTH = 320
ACCOUNTS = ["admin", "officer", *BUSINESS_ACCOUNTS]

# What sticks out past the right edge, for the failure message: the outermost such elements.
WIDE_ELEMENTS = """(width) => {
  const wide = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > width + 1);
  const outermost = wide.filter(e => !wide.includes(e.parentElement));
  return outermost.slice(0, 5).map(e => {
    const name = e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
      (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\\s+/).join(".") : "");
    return name + " (" + Math.round(e.getBoundingClientRect().right) + "px)";
  });
}"""


class RecordingClient:
    """A test client that notes which pages answered with HTML, for the browser to open."""

    def __init__(self, client):
        self.client = client
        self.html_pages: list[str] = []

    def get(self, url):
        response = self.client.get(url)
        if response.status_code == 200 and response.mimetype == "text/html":
            self.html_pages.append(url)
        return response


def one_per_route(urls: list[str]) -> list[str]:
    chosen, routes = [], set()
    for url in urls:
        route = re.sub(r"\d+", "N", urlsplit(url).path)
        if route not in routes:
            routes.add(route)
            chosen.append(url)
    return chosen


@pytest.fixture(scope="module")
def demo_server():
    with fresh_database() as url:
        app = make_test_app(url)
        with app.app_context():
            upgrade()
            result = app.test_cli_runner().invoke(args=["demo-data"])
            db.session.remove()
        assert result.exit_code == 0, result.output
        server = LiveServer(app)
        server.start()
        try:
            yield server, Demo(app, result.output)
        finally:
            server.stop()
            with app.app_context():
                db.session.remove()
            dispose_app_engines(app)


def _pages_of(demo: Demo, label: str | None) -> list[str]:
    if label is None:
        client = RecordingClient(demo.app.test_client())
        codes = [f"/v/{code}" for _, code in demo.certificate_codes()]
        Crawl(client).run("/", *codes)
    else:
        from scheme.domain.accounts.users import find_user_by_email

        signed_in = demo.app.test_client()
        with demo.app.app_context():
            response = sign_in_client(signed_in, find_user_by_email(demo.sign_in_for(label)), DEMO_PASSWORD)
            db.session.remove()
        client = RecordingClient(signed_in)
        Crawl(client).run(response.headers["Location"])
    return one_per_route(client.html_pages)


def _too_wide(page, base_url: str, urls: list[str]) -> list[str]:
    found = []
    for url in urls:
        page.goto(base_url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            found.append(f"{url}: {width}px wide; sticking out: {', '.join(page.evaluate(WIDE_ELEMENTS, WIDTH))}")
    return found


def test_no_page_of_any_role_scrolls_sideways_at_320_px(demo_server, browser):
    server, demo = demo_server
    failures, opened = [], 0
    for label in [None, *ACCOUNTS]:
        urls = _pages_of(demo, label)
        context = browser.new_context(viewport={"width": WIDTH, "height": 640}, device_scale_factor=1)
        page = context.new_page()
        try:
            if label is not None:
                with demo.app.app_context():
                    sign_in(page, server.url, demo.sign_in_for(label), DEMO_PASSWORD)
                    db.session.remove()
            failures += [f"{label or 'public'} {line}" for line in _too_wide(page, server.url, urls)]
            opened += len(urls)
        finally:
            context.close()
    print(f"{opened} pages opened at {WIDTH} px")
    assert opened > 100
    assert failures == [], "\n".join(failures)
