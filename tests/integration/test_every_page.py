"""Every page a new user can reach in the demo answers, and passes the page helper's checks.

The demo is loaded once, in a database of this module's own, as `flask demo-data` loads it.
Then, signed in through the sign-in form as each account the demo prints (the admin, an
officer, the business of a premises in each state, the chain manager and the unconfirmed new
account), the test follows every same-site link from the home page, breadth first, and
submits every search or filter form it meets with the values it shows. Relationships never
load by themselves, so a page whose service forgot something its template shows fails here
even when no other test opens it.
"""

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

import pyotp
import pytest
from bs4 import BeautifulSoup
from flask_migrate import upgrade

from scheme.demo import DEMO_PASSWORD
from scheme.domain.certificates.state import CertificateState
from scheme.domain.premises.status import PremisesStatus
from scheme.extensions import db
from tests.conftest import TEST_CONFIG, dispose_app_engines, make_test_app
from tests.databases import fresh_database
from tests.pages import check_page

SITE = urlsplit(TEST_CONFIG["SCHEME_BASE_URL"]).netloc
# Pages of one route that differ only in the ids or the query they are given (every staff
# member's page, every filter of the audit log): as many as the demo has premises, so that the
# officer's page of each premises is seen, and no more, so the crawl takes seconds, not minutes.
PAGES_PER_ROUTE = 30
# Far above what the demo shows any account: a crawl that reaches it has met links that never
# end, and says so.
MAX_PAGES = 1000
# Signing out is a POST, but a link to it would end the crawl's session all the same.
NOT_FOLLOWED = ("/sign-out",)
REDIRECTS = (301, 302, 303, 307, 308)

BUSINESS_ACCOUNTS = [status.value for status in PremisesStatus] + ["chain of 3", "new, unconfirmed"]


@dataclass
class Demo:
    app: object
    output: str

    def sign_in_for(self, label: str) -> str:
        # The first account the demo prints under the label: what a new user would try first.
        match = re.search(rf"^  {re.escape(label)} +(\S+@example\.com)", self.output, re.MULTILINE)
        assert match, f"the demo prints no sign-in for {label!r}"
        return match.group(1)

    def two_factor_key_for(self, email: str) -> str | None:
        # Staff accounts print the key a newcomer adds to an authenticator app.
        match = re.search(rf"^  \w+ +{re.escape(email)} +two-factor key: ([A-Z2-7 ]+)$", self.output, re.MULTILINE)
        return match.group(1).replace(" ", "") if match else None

    def certificate_codes(self) -> list[tuple[str, str]]:
        return re.findall(r"^  (\w+) +http://scheme\.test/v/(\S+)", self.output, re.MULTILINE)


@pytest.fixture(scope="module")
def demo():
    with fresh_database() as url:
        app = make_test_app(url)
        with app.app_context():
            upgrade()
            result = app.test_cli_runner().invoke(args=["demo-data"])
            db.session.remove()
        assert result.exit_code == 0, result.output
        try:
            yield Demo(app, result.output)
        finally:
            with app.app_context():
                db.session.remove()
            dispose_app_engines(app)


@dataclass
class Crawl:
    client: object
    visited: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    forms_submitted: int = 0

    def run(self, *start: str, expected: dict[str, int] | None = None) -> "Crawl":
        """Visit start and every page reached from it, breadth first. Each answers 200 or a
        redirect, unless expected gives its status (the start pages only)."""
        self.expected = expected or {}
        queue = deque(start)
        seen = set(start)
        per_route = Counter()
        while queue:
            assert len(self.visited) < MAX_PAGES, f"more than {MAX_PAGES} pages: the links never end"
            url = queue.popleft()
            for found in self._visit(url):
                route = re.sub(r"\d+", "N", urlsplit(found).path)
                if found not in seen and per_route[route] < PAGES_PER_ROUTE:
                    seen.add(found)
                    per_route[route] += 1
                    queue.append(found)
        return self

    def _visit(self, url: str) -> list[str]:
        self.visited.append(url)
        try:
            response = self.client.get(url)
        except Exception as error:  # noqa: BLE001  (in tests the app raises what a user would see as a 500)
            self.failures.append(f"GET {url}: 500, {type(error).__name__}: {error}")
            return []
        if response.status_code in REDIRECTS:
            return _same_site([response.headers["Location"]], url)
        if response.status_code != self.expected.get(url, 200):
            # A link a page shows must work for the person it is shown to.
            self.failures.append(f"GET {url}: {response.status_code}")
        if response.mimetype != "text/html":
            return []
        html = response.get_data(as_text=True)
        try:
            soup = check_page(html)
        except AssertionError as error:
            self.failures.append(f"GET {url}: {error}")
            soup = BeautifulSoup(html, "html.parser")
        links = [a["href"] for a in soup.find_all("a", href=True)]
        forms = [_submitted_with_defaults(form) for form in soup.find_all("form")
                 if form.get("method", "get").lower() == "get"]
        self.forms_submitted += len(forms)
        return _same_site(links + forms, url)


def _submitted_with_defaults(form) -> str:
    """The URL a browser asks for when the form is submitted as shown."""
    fields = []
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        kind = element.get("type", "text").lower()
        if element.name == "select":
            options = element.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            fields += [(name, o.get("value", o.get_text())) for o in chosen]
        elif element.name == "textarea":
            fields.append((name, element.get_text()))
        elif kind in ("checkbox", "radio"):
            if element.has_attr("checked"):
                fields.append((name, element.get("value", "on")))
        elif kind not in ("submit", "button", "image", "reset", "file"):
            fields.append((name, element.get("value", "")))
    submitter = form.find(lambda tag: tag.name in ("button", "input") and tag.get("type", "submit") == "submit"
                          and tag.get("name"))
    if submitter is not None:
        fields.append((submitter["name"], submitter.get("value", "")))
    return f"{form.get('action', '')}?{urlencode(fields)}"


def _same_site(hrefs: list[str], page: str) -> list[str]:
    found = []
    for href in hrefs:
        parts = urlsplit(urljoin(f"http://{SITE}{page}", href))
        if parts.scheme not in ("http", "https") or parts.netloc not in (SITE, "localhost"):
            continue
        if parts.path.startswith(NOT_FOLLOWED):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _signed_in(app, email: str, two_factor_key: str | None):
    client = app.test_client()
    response = client.post("/sign-in", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{email} could not sign in: {response.status_code}"
    if two_factor_key is not None:
        assert response.headers["Location"] == "/sign-in/two-factor"
        response = client.post("/sign-in/two-factor", data={"code": pyotp.TOTP(two_factor_key).now()})
        assert response.status_code == 302, f"{email} could not sign in with a code: {response.status_code}"
    return client, response.headers["Location"]


def _report(crawl: Crawl, who: str) -> None:
    print(f"{who}: {len(crawl.visited)} pages, {crawl.forms_submitted} GET forms")
    assert not crawl.failures, "\n".join(crawl.failures)


@pytest.mark.parametrize("label", ["admin", "officer", *BUSINESS_ACCOUNTS])
def test_every_page_a_signed_in_user_reaches_answers(demo, label):
    email = demo.sign_in_for(label)
    client, home = _signed_in(demo.app, email, demo.two_factor_key_for(email))
    assert (demo.two_factor_key_for(email) is not None) == (label in ("admin", "officer"))
    crawl = Crawl(client).run(home)
    _report(crawl, label)
    # The home page links somewhere (the crawl went past it), and it is the role's home.
    assert len(crawl.visited) > 2, crawl.visited
    assert home == crawl.visited[0]


def test_every_public_page_answers(demo):
    codes = demo.certificate_codes()
    assert {state for state, _ in codes} == set(CertificateState), codes
    certificates = [f"/v/{code}" for _, code in codes]
    crawl = Crawl(demo.app.test_client()).run("/", *certificates, "/v/NOT-A-CODE", expected={"/v/NOT-A-CODE": 404})
    _report(crawl, "public")
    assert set(certificates) <= set(crawl.visited)
