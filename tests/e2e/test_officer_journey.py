"""An officer on a phone: approve an application, audit the new member, set actions, and see
the work queues change. The same visit also works with JavaScript off."""

import re

from playwright.sync_api import expect

from scheme.enums import Role
from scheme.extensions import db
from tests import factories
from tests.e2e.helpers import accessibility_violations, sign_in
from tests.factories_officer import make_application


def _queue_count(page, key) -> int:
    return int(page.locator(f"#queue-{key} [data-count]").get_attribute("data-count"))


def _answer_every_standard(page, not_met_code):
    sections = page.locator("section.app-standard").all()
    for number, section in enumerate(sections, start=1):
        code = section.locator("h3").inner_text().split(":")[0]
        answer = "Not met" if code == not_met_code else "Met"
        section.get_by_label(answer, exact=True).check()
        if code == not_met_code:
            section.get_by_label(f"Note for {code}").fill("Put the reporting poster up behind the bar")
        section.get_by_role("button", name="Save answer").click()
        # The confirmation is where the officer is looking, with the visit's progress.
        confirmation = page.locator(".govuk-notification-banner--success")
        expect(confirmation).to_contain_text(f"Answer saved for {code}. Answered {number} of {len(sections)}")
        expect(confirmation).to_be_in_viewport()


def _journey(page, base_url, live_app, name, javascript=True):
    # Enough standards that the last ones sit far below the top of a phone screen.
    version = factories.make_standards_version(codes=("E1", "E2", "E3", "E4", "E5"), optional=("E2",))
    officer = factories.make_user(Role.OFFICER, name="Phone Officer")
    make_application(name=name, days_ago=4, version=version)
    email = officer.email
    db.session.close()  # end the read transaction, or SQLite would block the server's writes
    sign_in(page, base_url, email, factories.PASSWORD)

    page.goto(f"{base_url}/officer/")
    before = _queue_count(page, "review")
    page.locator("#queue-review").get_by_role("link", name=name).click()
    page.get_by_role("button", name="Approve: make a member").click()
    expect(page.get_by_text(f"{name} is now a member of the scheme")).to_be_visible()

    page.get_by_role("button", name="Start an audit visit").click()
    expect(page.locator("h1")).to_have_text(f"Audit visit to {name}")
    if javascript:  # axe runs in the page, so only where scripts run
        assert accessibility_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _answer_every_standard(page, "E2")
    page.get_by_role("link", name="Finish the visit").click()
    page.get_by_role("button", name="Finish the visit").click()
    expect(page.get_by_text("Outcome: pass with actions")).to_be_visible()
    expect(page.locator("textarea")).to_have_count(0)

    page.goto(f"{base_url}/officer/")
    assert _queue_count(page, "review") == before - 1
    page.get_by_role("link", name="All premises").click()
    page.get_by_label("Name, postcode or certificate number").fill(name)
    page.get_by_role("button", name="Apply").click()
    page.get_by_role("link", name=name).click()
    expect(page.locator("#actions")).to_contain_text("Put the reporting poster up behind the bar")
    expect(page.get_by_text(re.compile(r"Next visit due"))).to_be_visible()


def test_an_officer_reviews_approves_and_audits_on_a_phone(live_server, live_app, phone_page):
    _journey(phone_page, live_server.url, live_app, "The Phone Box Pub")


def test_the_visit_works_without_javascript(live_server, live_app, no_js_page):
    _journey(no_js_page, live_server.url, live_app, "The No Script Inn", javascript=False)
