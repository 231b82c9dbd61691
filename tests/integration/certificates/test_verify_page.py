"""The public page behind every sticker says the current truth, at once."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from scheme.domain import reporting_routes
from scheme.domain.certificates import lifecycle
from scheme.enums import PremisesType
from scheme.extensions import db
from scheme.models import ScanCount, StaffMember
from tests.integration.certificates.conftest import (
    BASE_URL,
    issue,
    make_eligible_premises,
)
from tests.pages import get_page, text_of

pytestmark = pytest.mark.usefixtures("routes")


def headline(client, code: str, status: int = 200) -> str:
    page = get_page(client, f"/v/{code}", status=status)
    return " ".join(page.h1.get_text().split())


def test_a_valid_certificate_says_accredited_until_with_the_premises_name_and_address(client, eligible_premises):
    today = date.today()
    certificate = issue(eligible_premises, on=today)
    page = get_page(client, f"/v/{certificate.public_code}")
    text = text_of(page)
    assert page.h1.get_text(strip=True) == f"Accredited until {certificate.expires_on.day} {certificate.expires_on:%B %Y}"
    assert eligible_premises.name in text
    assert eligible_premises.address in text
    assert certificate.number in text
    assert "Checked at" in text


def test_suspending_shows_at_once_and_reinstating_restores_it(client, eligible_premises, officer):
    today = date.today()
    certificate = issue(eligible_premises, on=today)
    assert headline(client, certificate.public_code).startswith("Accredited until")

    lifecycle.suspend_certificate(certificate.id, actor=officer, reason="Failed a test visit", today=today)
    assert headline(client, certificate.public_code) == (
        f"NOT accredited: this certificate was suspended on {today.day} {today:%B %Y}")

    lifecycle.reinstate_certificate(certificate.id, actor=officer, today=today)
    assert headline(client, certificate.public_code).startswith("Accredited until")


def test_revoking_shows_at_once_and_says_the_premises_holds_no_current_certificate(client, eligible_premises, officer):
    today = date.today()
    certificate = issue(eligible_premises, on=today)
    get_page(client, f"/v/{certificate.public_code}")
    lifecycle.revoke_certificate(certificate.id, actor=officer, reason="Licence revoked")
    page = get_page(client, f"/v/{certificate.public_code}")
    assert page.h1.get_text(strip=True) == f"NOT accredited: this certificate was revoked on {today.day} {today:%B %Y}"
    assert "The premises does not hold a current certificate." in text_of(page)


def test_an_expired_certificate_says_so_from_the_day_after_its_last_valid_day(client, eligible_premises, app):
    today = date.today()
    issued_on = today - timedelta(days=365)
    certificate = issue(eligible_premises, on=issued_on)
    assert certificate.expires_on == today - timedelta(days=1) or certificate.expires_on < today
    expired = headline(client, certificate.public_code)
    assert expired == f"NOT accredited: this certificate expired on {certificate.expires_on.day} {certificate.expires_on:%B %Y}"
    # The same certificate, looked up on its last valid day, was still accredited.
    from scheme.domain.certificates import public_page

    result, _ = public_page.verify(certificate.public_code, today=certificate.expires_on)
    assert result.accredited
    result, _ = public_page.verify(certificate.public_code, today=certificate.expires_on + timedelta(days=1))
    assert not result.accredited


def test_a_replaced_certificate_points_to_the_newer_one(client, eligible_premises, officer):
    today = date.today()
    old = issue(eligible_premises, on=today - timedelta(days=340))
    assert headline(client, old.public_code).startswith("Accredited until")
    new = lifecycle.renew_certificate(old.id, actor=officer, today=today, base_url=BASE_URL)
    page = get_page(client, f"/v/{old.public_code}")
    assert page.h1.get_text(strip=True) == f"NOT valid: this certificate was replaced on {today.day} {today:%B %Y}"
    assert f"newer certificate, {new.number}, valid until {new.expires_on.day} {new.expires_on:%B %Y}" in text_of(page)
    assert headline(client, new.public_code).startswith("Accredited until")


@pytest.mark.parametrize("typed", ["lower", "hyphenated", "spaced", "confusable"])
def test_codes_are_found_however_they_were_typed(client, eligible_premises, typed):
    certificate = issue(eligible_premises, on=date.today())
    code = certificate.public_code
    variants = {
        "lower": code.lower(),
        "hyphenated": f"{code[:4]}-{code[4:]}",
        "spaced": f"{code[:4]}%20{code[4:]}",
        "confusable": code.replace("0", "O").replace("1", "I"),
    }
    assert headline(client, variants[typed]).startswith("Accredited until")


@pytest.mark.parametrize("code", ["ZZZZZZZZ", "ABC", "A" * 300, "not-a-code!", "%F0%9F%98%80", "U" * 8])
def test_unknown_malformed_or_overlong_codes_get_a_404_that_still_shows_how_to_report(client, code):
    page = get_page(client, f"/v/{code}", status=404)
    text = text_of(page)
    assert page.h1.get_text(strip=True) == "We cannot find that certificate"
    assert page.select_one('a[href="tel:999"]') is not None
    assert page.select_one('a[href="tel:101"]') is not None
    assert "Signs a child may be being exploited" in text


def test_reporting_routes_are_links_with_what_to_say_and_999_first(client, eligible_premises):
    certificate = issue(eligible_premises, on=date.today())
    page = get_page(client, f"/v/{certificate.public_code}")
    hrefs = [a["href"] for a in page.select("a.app-report-link")]
    assert hrefs[0] == "tel:999"
    assert {"tel:101", "tel:0800555111"} <= set(hrefs)
    assert "Quote Spot It Stop It." in text_of(page)
    # British Transport Police is limited to stations and transport: not shown at a hotel.
    assert "sms:61016" not in hrefs


def test_routes_for_the_type_of_premises_come_first(client, app, business_user):
    station = make_eligible_premises(business_user, premises_type=PremisesType.TRANSPORT)
    certificate = issue(station, on=date.today())
    page = get_page(client, f"/v/{certificate.public_code}")
    hrefs = [a["href"] for a in page.select("a.app-report-link")]
    assert hrefs[:2] == ["tel:999", "sms:61016"]


def test_a_changed_route_shows_on_the_next_view(client, eligible_premises, admin):
    certificate = issue(eligible_premises, on=date.today())
    get_page(client, f"/v/{certificate.public_code}")  # fills this process's cache
    route = next(r for r in reporting_routes.all_routes() if r.value == "101")
    reporting_routes.update_route(route.id, actor=admin, label="Police", kind=route.kind, value="01245 491491",
                                  what_to_say="Ask for the exploitation team.", premises_types=[],
                                  emergency=False, active=True)
    page = get_page(client, f"/v/{certificate.public_code}")
    assert page.select_one('a[href="tel:01245491491"]') is not None
    assert page.select_one('a[href="tel:101"]') is None


def test_the_page_sets_no_cookie_is_briefly_cacheable_and_loads_only_our_own_files(client, eligible_premises):
    certificate = issue(eligible_premises, on=date.today())
    for url, status in ((f"/v/{certificate.public_code}", 200), ("/v/ZZZZZZZZ", 404)):
        response = client.get(url)
        assert response.status_code == status
        assert "Set-Cookie" not in response.headers
        assert response.headers["Cache-Control"] == "public, max-age=60"
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        loaded = [tag.get("src") for tag in page.find_all(src=True)]
        loaded += [tag["href"] for tag in page.find_all("link", href=True)]
        assert loaded and all(target.startswith("/") and not target.startswith("//") for target in loaded)
        leaving = [a["href"] for a in page.find_all("a", href=True) if "://" in a["href"]]
        # The only way off the site is the quick exit, and it is a plain link that works without JavaScript.
        assert leaving == [page.select_one(".govuk-exit-this-page a")["href"]]
        # The one form is "This sticker looks wrong", on the certificate's page only: posted
        # to its own address, with no token (the page opens no session).
        forms = page.find_all("form")
        if status == 200:
            assert [(f["method"], f["action"]) for f in forms] == [("post", f"/v/{certificate.public_code}/report")]
            assert not forms[0].find("input", attrs={"name": "csrf_token"})
        else:
            assert forms == []


def test_no_personal_data_is_shown(client, eligible_premises):
    certificate = issue(eligible_premises, on=date.today())
    text = client.get(f"/v/{certificate.public_code}").get_data(as_text=True)
    staff_name = db.session.scalar(db.select(StaffMember.name).where(StaffMember.premises_id == eligible_premises.id))
    for private in (eligible_premises.email, eligible_premises.phone, staff_name):
        assert private not in text


def test_each_view_counts_one_scan_for_the_day_and_nothing_else(client, eligible_premises):
    certificate = issue(eligible_premises, on=date.today())
    for _ in range(3):
        client.get(f"/v/{certificate.public_code}")
    client.get("/v/ZZZZZZZZ")
    rows = db.session.scalars(db.select(ScanCount)).all()
    assert [(row.certificate_id, row.day, row.count) for row in rows] == [(certificate.id, date.today(), 3)]


def test_the_public_page_opens_no_session_even_for_someone_signed_in(officer_client, eligible_premises):
    certificate = issue(eligible_premises, on=date.today())
    officer_client.get("/officer/")  # a signed-in session cookie is now sent with every request
    response = officer_client.get(f"/v/{certificate.public_code}")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    # Nothing in the page depends on the cookie, so a shared cache may keep one copy for all.
    assert "Cookie" not in response.vary
    assert "Cookie" in officer_client.get("/officer/").vary


@pytest.mark.parametrize("found", [True, False], ids=["certificate", "not found"])
def test_the_page_with_its_layout_rendered_once_is_the_page_rendered_whole(app, client, eligible_premises, monkeypatch,
                                                                          found):
    from scheme.public.views import verify

    rendered = []
    lean = verify._render_lean

    def recording(template, script_root, **context):
        page = lean(template, script_root, **context)
        rendered.append((template, context, page))
        return page

    monkeypatch.setattr(verify, "_render_lean", recording)
    code = issue(eligible_premises, on=date.today()).public_code if found else "ZZZZZZZZ"
    served = client.get(f"/v/{code}").get_data(as_text=True)
    [(template, context, page)] = rendered
    assert served == page
    with app.test_request_context(f"/v/{code}"):
        assert page == verify._render(template, **context)
