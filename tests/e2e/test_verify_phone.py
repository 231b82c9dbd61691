"""Scanning a sticker on a phone: the public page in a real browser, with and without JavaScript."""

from datetime import date

import pytest
from playwright.sync_api import expect

from scheme.domain.certificates import lifecycle
from scheme.enums import Role
from tests import factories
from tests.e2e.helpers import accessibility_violations
from tests.integration.certificates.conftest import make_eligible_premises, seed_routes

pytestmark = pytest.mark.e2e


@pytest.fixture
def live_certificate(live_app, live_server):
    seed_routes()
    premises = make_eligible_premises(on=date.today(), name="The Swan (e2e)")
    return lifecycle.issue_certificate(premises.id, actor=factories.make_user(Role.OFFICER), today=date.today(),
                                       base_url=live_server.url)


def test_a_phone_shows_the_status_and_how_to_report_accessibly(live_server, live_certificate, phone_page):
    requests = []
    phone_page.on("request", lambda request: requests.append(request.url))
    phone_page.goto(f"{live_server.url}/v/{live_certificate.public_code.lower()}")
    expect(phone_page.locator("h1")).to_have_text(f"Accredited until {live_certificate.expires_on.day} "
                                                  f"{live_certificate.expires_on:%B %Y}")
    expect(phone_page.get_by_text("The Swan (e2e)")).to_be_visible()
    # 999 on the first screen, under the status, and again at the head of the ways to report.
    expect(phone_page.locator("a[href='tel:999']").first).to_be_in_viewport()
    expect(phone_page.locator("a[href='tel:999']")).to_have_count(2)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert accessibility_violations(phone_page) == []
    phone_page.wait_for_load_state("networkidle")
    assert all(url.startswith(live_server.url) for url in requests)
    assert phone_page.context.cookies() == []


def test_without_javascript_the_page_works_and_exit_is_a_link(live_server, live_certificate, no_js_page):
    no_js_page.goto(f"{live_server.url}/v/{live_certificate.public_code}")
    expect(no_js_page.locator("h1")).to_contain_text("Accredited until")
    exit_link = no_js_page.get_by_role("button", name="Emergency Exit this page")
    assert exit_link.get_attribute("href").startswith("https://")
    # British Transport Police is for stations and transport, not this hotel.
    expect(no_js_page.locator("a[href='sms:61016']")).to_have_count(0)
    expect(no_js_page.locator("a[href='tel:101']")).to_have_count(1)


def test_on_a_phone_without_javascript_the_public_reports_a_wrong_looking_sticker(live_server, live_certificate,
                                                                                  no_js_page):
    from scheme.extensions import db
    from scheme.models import StickerReport

    no_js_page.goto(f"{live_server.url}/v/{live_certificate.public_code}")
    no_js_page.get_by_text("This sticker looks wrong").click()
    no_js_page.get_by_label("It looks damaged or altered").check()
    no_js_page.get_by_role("button", name="Send the report").click()
    expect(no_js_page.locator("h1")).to_have_text("Thank you: an officer will check this sticker")
    assert no_js_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert no_js_page.context.cookies() == []
    db.session.rollback()  # see what the server committed
    reports = db.session.scalars(db.select(StickerReport).where(
        StickerReport.certificate_id == live_certificate.id)).all()
    assert [(r.reason, r.count) for r in reports] == [("damaged_or_altered", 1)]


def test_an_unknown_code_still_shows_how_to_report(live_server, live_app, no_js_page):
    seed_routes()
    response = no_js_page.goto(f"{live_server.url}/v/NOPE-NOPE")
    assert response.status == 404
    expect(no_js_page.locator("h1")).to_have_text("We cannot find that certificate")
    expect(no_js_page.locator("a[href='tel:101']").first).to_be_visible()



def test_an_officer_suspends_on_a_phone_and_the_public_page_changes(live_server, live_app, live_certificate,
                                                                       phone_page, page):
    from scheme.domain.accounts import users
    from scheme.enums import Role
    from tests.e2e.helpers import sign_in

    users.create_user(email="cert-officer@example.com", name="Cat Officer", password="a long e2e password",
                         role=Role.OFFICER)
    sign_in(phone_page, live_server.url, "cert-officer@example.com", "a long e2e password")
    phone_page.goto(f"{live_server.url}/officer/premises/{live_certificate.premises_id}/certificates")
    assert accessibility_violations(phone_page) == []
    phone_page.get_by_role("link", name=f"Suspend {live_certificate.number}").click()
    phone_page.get_by_label("Reason").fill("Staff training has lapsed")
    phone_page.get_by_role("button", name="Suspend the certificate").click()
    expect(phone_page.locator(".govuk-notification-banner")).to_contain_text("suspended")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(f"{live_server.url}/v/{live_certificate.public_code}")
    expect(page.locator("h1")).to_contain_text("NOT accredited: this certificate was suspended on")
