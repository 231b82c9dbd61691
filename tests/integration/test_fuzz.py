"""Bad input never gets a 500: every form and query string, posted wrong, as every role.

The targets come from the app itself, not from a list kept by hand: every route in the URL
map, and every form its pages show. As each role that may use a route (nobody signed in,
a business with a draft application, a business with an accredited premises, an officer, an
admin: the demo's accounts, signed in through the sign-in form), the test crawls the demo's
pages for their forms, then posts to each form (and asks each page with a query string)
values that hypothesis draws: random, huge, unicode, control characters, numbers out of
range or in other scripts' digits, a list where one value is expected, fields left out and
fields no form has. Routes no page links to are sent the same values with no form's fields,
and every id in a path is tried out of range.

No answer may be a 500; and a request that is refused (4xx, or the form shown again with its
errors) may not have stored anything: the rows of every table of the scheme's own data are
counted before and after.

EXAMPLES_PER_TARGET bounds the run: about 100 forms and routes per role, times this, is the
number of requests (printed at the end), a minute or two per database on CI's machine.
"""

import io
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import MethodNotAllowed, NotFound

from scheme.domain.premises.status import PremisesStatus
from scheme.extensions import db
from scheme.security import PUBLIC
from tests.integration.test_every_page import SITE, _same_site, _signed_in, demo  # noqa: F401  (a fixture)

EXAMPLES_PER_TARGET = 4
PAGES_PER_ROUTE = 2  # pages of one route crawled for their forms (ids aside, their forms are alike)
MAX_PAGES_PER_ROLE = 250
# Signing out would end the role's session; the rest of its run would only see the sign-in page.
NOT_POSTED = ("account.sign_out",)
# The scheme's own data. Not the audit log or the outbox: reading personal data is logged and a
# refused sign-in may tell the account's owner, both on purpose.
COUNTED_TABLES = (
    "user", "premises", "premises_member", "pledge", "assessment", "assessment_answer", "evidence_photo",
    "test_visit_check", "action", "certificate", "certificate_counter", "reporting_route", "setting",
    "standards_version", "standard", "training_module", "staff_member", "training_record", "training_session",
    "session_attendee", "stored_file",
)
ROLES = ("anonymous", PremisesStatus.DRAFT.value, PremisesStatus.ACCREDITED.value, "officer", "admin")
ROLE_OF = {"anonymous": None, PremisesStatus.DRAFT.value: "business", PremisesStatus.ACCREDITED.value: "business",
           "officer": "officer", "admin": "admin"}


# -- What is posted -------------------------------------------------------------------------

CONTROL = st.text(st.characters(codec="utf-8", categories=["Cc"]), min_size=1, max_size=4)
NASTY = st.sampled_from([
    "", " ", "0", "-1", "1.5", "2147483648", "-2147483649", "9223372036854775808", "1" * 40, "1e309", "NaN",
    "²", "١٢", "𝟙", "%", "(%)", "%(min)s", "{0}", "<script>alert(1)</script>", "' OR 1=1 --", "\x00", "a\x00b",
    "31/02/2026", "2026-13-45", "../../etc/passwd", "\u202e", "\ufeff", "null", "true", "[]",
])
HUGE = st.sampled_from(["x" * 100_000, "9" * 5_000, "\u00e9" * 30_000])
ATOM = st.one_of(st.text(max_size=30), CONTROL, NASTY, HUGE, st.integers(-(2**70), 2**70).map(str))


def _value_for(field_: "Field") -> st.SearchStrategy:
    shown = [v for v in field_.values if v is not None]
    one = st.one_of(ATOM, st.sampled_from(shown)) if shown else ATOM
    if field_.kind == "file":
        return st.one_of(st.none(), st.tuples(st.binary(max_size=3000), st.sampled_from(
            ["photo.jpg", "evidence.png", "certificate.pdf", "staff.csv", "x" * 300, "\x00.jpg", ""])))
    # None: the field is left out; a list: posted more (or fewer) times than the form has it.
    return st.one_of(st.none(), one, st.lists(one, min_size=0, max_size=5))


@dataclass
class Field:
    name: str
    kind: str  # text, hidden, radio, checkbox, select, textarea, file, ...
    values: list = field(default_factory=list)


@dataclass
class Target:
    role: str
    method: str
    url: str
    endpoint: str
    fields: list[Field]


def _request_values(target: Target) -> st.SearchStrategy:
    names = sorted({f.name for f in target.fields})
    by_name = {name: [f for f in target.fields if f.name == name] for name in names}
    merged = [Field(name, fs[0].kind, [v for f in fs for v in f.values]) for name, fs in by_name.items()]
    extra = st.dictionaries(st.sampled_from(["id", "page", "q", "next", "csrf_token", "x", "revision", "status"]),
                            ATOM, max_size=2)
    return st.tuples(st.tuples(*[_value_for(f) for f in merged]) if merged else st.just(()), extra).map(
        lambda drawn: ([(f, v) for f, v in zip(merged, drawn[0])], drawn[1]))


def _send(client, target: Target, drawn) -> object:
    chosen, extra = drawn
    pairs, files = [], {}
    for f, value in chosen:
        if value is None:
            continue
        if f.kind == "file":
            files[f.name] = (io.BytesIO(value[0]), value[1])
        elif isinstance(value, list):
            pairs += [(f.name, v) for v in value]
        else:
            pairs.append((f.name, value))
    pairs += list(extra.items())
    if target.method == "GET":
        return client.get(target.url, query_string=pairs)
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    data.update(files)
    return client.post(target.url, data=data, content_type="multipart/form-data" if files else None)


# -- Finding the targets in the app ---------------------------------------------------------


def _forms_on(html: str, page_url: str) -> list[tuple[str, str, list[Field]]]:
    found = []
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        method = form.get("method", "get").upper()
        action = urljoin(f"http://{SITE}{page_url}", form.get("action") or page_url)
        parts = urlsplit(action)
        if parts.netloc != SITE:
            continue
        fields = [Field(name, "hidden", [value]) for name, value in parse_qsl(parts.query)]
        for element in form.find_all(["input", "select", "textarea"]):
            name = element.get("name")
            if not name:
                continue
            if element.name == "select":
                fields.append(Field(name, "select", [o.get("value", o.get_text()) for o in element.find_all("option")]))
            elif element.name == "textarea":
                fields.append(Field(name, "textarea", [element.get_text()]))
            else:
                fields.append(Field(name, element.get("type", "text").lower(), [element.get("value")]))
        found.append((method, parts.path, fields))
    return found


def _crawl(client, start: str) -> list[tuple[str, str]]:
    """(page URL, HTML) of the pages reachable from start, a few per route."""
    pages, queue, seen, per_route = [], deque([start]), {start}, Counter()
    while queue and len(pages) < MAX_PAGES_PER_ROLE:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code in (301, 302, 303):
            links = _same_site([response.headers["Location"]], url)
        elif response.mimetype == "text/html" and response.status_code == 200:
            html = response.get_data(as_text=True)
            pages.append((url, html))
            links = _same_site([a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a", href=True)], url)
        else:
            links = []
        # A streamed download (a CSV export) keeps its request's context until it is closed,
        # and the next request would share its signed-in user.
        response.close()
        for link in links:
            route = re.sub(r"\d+", "N", urlsplit(link).path)
            if link not in seen and per_route[route] < PAGES_PER_ROUTE and not link.startswith("/sign-out"):
                seen.add(link)
                per_route[route] += 1
                queue.append(link)
    return pages


def _may_use(view, role: str) -> bool:
    access = getattr(view, "access", None)
    if access == PUBLIC:
        return True
    return ROLE_OF[role] is not None and any(r.value == ROLE_OF[role] for r in access)


def _targets(app, role: str, pages: list[tuple[str, str]]) -> list[Target]:
    adapter = app.url_map.bind(SITE)
    targets, per_endpoint, urls_of = [], Counter(), {}
    for page_url, html in pages:
        path = urlsplit(page_url).path
        try:
            endpoint, _ = adapter.match(path, method="GET")
            urls_of.setdefault(endpoint, page_url)
        except (NotFound, MethodNotAllowed):
            pass
        for method, action, fields in _forms_on(html, page_url):
            try:
                endpoint, _ = adapter.match(action, method=method)
            except (NotFound, MethodNotAllowed):
                continue
            if endpoint in NOT_POSTED or per_endpoint[(endpoint, method)] >= 2:
                continue
            per_endpoint[(endpoint, method)] += 1
            targets.append(Target(role, method, action, endpoint, fields))
    # Every route the role may use that no page showed a form for: its URL, with the ids of a
    # page of it the crawl saw (or 1), and no known fields.
    for rule in app.url_map.iter_rules():
        view = app.view_functions.get(rule.endpoint)
        if rule.endpoint == "static" or rule.endpoint in NOT_POSTED or not _may_use(view, role):
            continue
        for method in ("GET", "POST"):
            if method not in rule.methods or per_endpoint[(rule.endpoint, method)]:
                continue
            url = urlsplit(urls_of[rule.endpoint]).path if rule.endpoint in urls_of else _build(app, rule)
            per_endpoint[(rule.endpoint, method)] += 1
            targets.append(Target(role, method, url, rule.endpoint, []))
    return targets


def _build(app, rule, **values) -> str:
    from flask import url_for

    arguments = {arg: values.get(arg, 1 if rule._converters[arg].__class__.__name__ != "PathConverter"
                                 and "id" in arg else "ABCDEFGH") for arg in rule.arguments}
    with app.test_request_context():
        return url_for(rule.endpoint, **arguments)


def _out_of_range_paths(app, role: str) -> list[str]:
    """Each route with an id in its path, the id out of range every way a URL can put it."""
    urls = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions.get(rule.endpoint)
        if rule.endpoint == "static" or not _may_use(view, role):
            continue
        ids = [arg for arg in rule.arguments if "id" in arg]
        if not ids:
            continue
        template = _build(app, rule, **{arg: 7_777_777 for arg in ids})
        for bad in ("2147483648", "9223372036854775808", "1" * 40, "0", "00000000001", "%C2%B2", "%D9%A1", "-1"):
            urls.append((sorted(rule.methods & {"GET", "POST"})[0], template.replace("7777777", bad, 1)))
    return urls


# -- The test -------------------------------------------------------------------------------


def _fingerprint(connection) -> tuple:
    counts = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in COUNTED_TABLES)
    return tuple(connection.exec_driver_sql(counts).all())


def _refused(response) -> bool:
    if response.status_code >= 400:
        return True
    return response.status_code == 200 and b"govuk-error-summary" in response.get_data()


def _fuzz(target: Target, check) -> None:
    @settings(max_examples=EXAMPLES_PER_TARGET, database=None, deadline=None, derandomize=True,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(drawn=_request_values(target))
    def fuzz(drawn):
        check(drawn)

    fuzz()


@pytest.fixture(scope="module")
def clients(demo):
    def client_for(role: str):
        if role == "anonymous":
            return demo.app.test_client(), "/"
        email = demo.sign_in_for(role)
        return _signed_in(demo.app, email, demo.two_factor_key_for(email))

    return client_for


def test_no_input_gets_a_500_and_a_refused_request_stores_nothing(demo, clients):
    app = demo.app
    with app.app_context():
        engine = db.engine
    failures, requests, refused, routes = [], Counter(), Counter(), set()

    for role in ROLES:
        client, home = clients(role)
        pages = _crawl(client, home)
        targets = _targets(app, role, pages)
        routes |= {t.endpoint for t in targets}

        def check(method: str, url: str, send) -> None:
            requests[role] += 1
            with engine.connect() as connection:
                before = _fingerprint(connection)
            try:
                response = send()
            except Exception as error:  # noqa: BLE001  (the app raised: a user would have seen a 500)
                failures.append(f"{role}: {method} {url}: 500, {type(error).__name__}: {str(error)[:300]}")
                return
            refused_request = _refused(response)
            response.close()  # as above: a streamed body left open would carry its context over
            if response.status_code >= 500:
                failures.append(f"{role}: {method} {url}: {response.status_code}")
            elif refused_request:
                refused[role] += 1
                with engine.connect() as connection:
                    after = _fingerprint(connection)
                if after != before:
                    changed = [f"{a[0]} {b[1]}->{a[1]}" for a, b in zip(after, before) if a != b]
                    failures.append(f"{role}: {method} {url} was refused ({response.status_code}) "
                                    f"but stored: {', '.join(changed)}")

        for target in targets:
            _fuzz(target, lambda drawn, target=target: check(
                target.method, target.url, lambda: _send(client, target, drawn)))
        for method, url in _out_of_range_paths(app, role):
            check(method, url, lambda method=method, url=url: client.open(url, method=method))

    total = sum(requests.values())
    print(f"fuzz: {len(routes)} routes, {total} requests ({dict(requests)}), "
          f"{sum(refused.values())} refused, {len(failures)} failures")
    assert routes >= {rule.endpoint for rule in app.url_map.iter_rules()} - {"static", *NOT_POSTED}
    # One line per kind of failure on a route (ids aside), with how often it happened.
    kinds = Counter(re.sub(r"/\d+", "/N", failure.split("?")[0])[:400] for failure in failures)
    assert not failures, f"{len(failures)} of {total} requests failed:\n" + "\n".join(
        f"{count} x {kind}" for kind, count in kinds.most_common(60))
