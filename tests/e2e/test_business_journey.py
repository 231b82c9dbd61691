"""A new business goes from the home page to a submitted application, on a 390 px phone with
JavaScript off, through the real pages, confirming its email from a real message."""

import re

import pytest
from playwright.sync_api import expect

from scheme.domain.standards import current_standards_version
from tests import factories
from tests.e2e.helpers import accessibility_violations, sign_in

pytestmark = pytest.mark.e2e

PASSWORD = "swan and anchor 1887"


@pytest.fixture
def live_mail(live_server, smtp_server):
    config = live_server.app.config
    previous = {key: config[key] for key in ("MAIL_SERVER", "MAIL_PORT")}
    config.update(MAIL_SERVER=smtp_server.host, MAIL_PORT=smtp_server.port)
    yield smtp_server
    config.update(previous)


def _link_in(message) -> str:
    return re.search(r"https?://\S+", message.get_body(("plain",)).get_content()).group(0)


def _fits_the_screen_and_is_accessible(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{page.url} scrolls sideways"
    assert accessibility_violations(page) == [], page.url


def test_a_new_business_registers_and_submits_an_application_without_javascript(live_server, live_app, live_mail,
                                                                                   no_js_page, phone_page):
    if current_standards_version() is None:
        factories.make_standards_version(codes=("S1", "S2", "S3"))
    factories.area_id("Bocking")
    factories.area_id("Braintree Town", ("CM7",))
    page = no_js_page
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Register your business").click()

    expect(page.locator("h1")).to_have_text("Register your business")
    page.get_by_label("Your full name").fill("Priya Shah")
    page.get_by_label("Email address").fill("priya.e2e@example.com")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill("not the same")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Passwords must match")
    expect(page.get_by_label("Your full name")).to_have_value("Priya Shah")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    # The same answer whether or not the address has an account: the email says which. The
    # confirmation link's first use signs the new account in.
    expect(page.locator("h1")).to_have_text("Check your email")
    [confirmation] = [m for m in live_mail.messages if m["To"] == "priya.e2e@example.com"]
    page.goto(_link_in(confirmation))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your email address is confirmed")
    expect(page.locator("h1")).to_have_text("Your premises")
    page.get_by_role("button", name="Add a premises").click()
    expect(page.locator("h1")).to_have_text("Add a premises")
    page.get_by_label("Name of the premises").fill("Kebab Corner Ltd")
    page.get_by_label("Trading name (optional)").fill("Kebab Corner")
    page.get_by_label("Takeaway or restaurant").check()
    page.get_by_label("Address line 1").fill("2 Bank Street")
    page.get_by_label("Town or city").fill("Braintree")
    page.get_by_label("Postcode").fill("cm7 1ug")
    page.get_by_label("Phone number").fill("01376 550123")
    page.get_by_label("Number of staff").fill("4")
    page.get_by_role("group", name="Is the premises open at night").get_by_label("Yes").check()
    page.get_by_role("group", name="Is the business run from a home address").get_by_label("No").check()
    page.get_by_role("button", name="Save and continue").click()
    # No area chosen: without JavaScript, the page comes back with the postcode's area chosen,
    # asking the business to check it.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Braintree Town is suggested from the postcode")
    expect(page.get_by_label("Area or ward")).to_have_value(str(factories.area_id("Braintree Town")))
    page.get_by_role("button", name="Save and continue").click()

    expect(page.locator("h1")).to_have_text("Application for Kebab Corner")
    assert "CM7 1UG" in page.locator(".govuk-caption-l").inner_text()

    page.get_by_role("link", name="Safeguarding lead").click()
    page.get_by_label("Full name").fill("Dee Lead")
    page.get_by_label("Manager", exact=True).check()
    page.get_by_label("Phone number").fill("07700 900123")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Safeguarding lead saved")

    page.get_by_role("link", name="Read the standards and pledge to them").click()
    page.get_by_role("button", name="I pledge to meet these standards").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your pledge to the standards has been recorded")

    page.get_by_role("link", name="Self-assessment").click()
    questions = page.locator("fieldset.govuk-fieldset")
    assert questions.count() >= 3
    for index in range(questions.count()):
        questions.nth(index).get_by_label("We do this").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Self-assessment saved")

    page.get_by_role("link", name="Check your answers and submit").click()
    expect(page.locator("h1")).to_have_text("Check your answers")
    expect(page.locator("main")).to_contain_text("Dee Lead")
    page.get_by_role("button", name="Submit application").click()

    expect(page.locator("h1")).to_contain_text("Application submitted")
    subjects = [m["Subject"] for m in live_mail.messages if m["To"] == "priya.e2e@example.com"]
    assert subjects[-1] == "Application submitted: Kebab Corner"

    page.get_by_role("link", name="Go to your premises").click()
    expect(page.locator("main")).to_contain_text("Submitted: waiting for an officer's review")

    # The same pages on a phone with JavaScript (axe and measuring need it): nothing scrolls
    # sideways and axe finds nothing.
    sign_in(phone_page, live_server.url, "priya.e2e@example.com", PASSWORD)
    expect(phone_page.locator("h1")).to_have_text("Your premises")
    _fits_the_screen_and_is_accessible(phone_page)
    premises_url = phone_page.get_by_role("link", name="See your application for Kebab Corner").get_attribute("href")
    for path in ("", "/check-answers", "/pledge"):
        phone_page.goto(live_server.url + premises_url + path)
        _fits_the_screen_and_is_accessible(phone_page)
    phone_page.goto(live_server.url + "/business/premises/new")
    phone_page.get_by_role("button", name="Save and continue").click()
    expect(phone_page.locator(".govuk-error-summary")).to_contain_text("Enter the name of the premises")
    _fits_the_screen_and_is_accessible(phone_page)
    for path in ("/register", "/forgotten-password", "/confirm-email", "/reset-password/expired-or-tampered"):
        phone_page.goto(live_server.url + path)
        _fits_the_screen_and_is_accessible(phone_page)
