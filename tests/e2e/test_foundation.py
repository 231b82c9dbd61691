import time

import pyotp
import pytest
from playwright.sync_api import expect

from scheme.domain.accounts import users
from scheme.enums import Role
from tests.e2e.helpers import accessibility_violations, sign_in

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("path", ["/", "/sign-in", "/accessibility", "/privacy", "/cookies", "/no-such-page"])
def test_public_pages_have_no_accessibility_violations(live_server, page, path):
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1
    assert accessibility_violations(page) == []


def test_styles_and_scripts_load_from_our_own_origin(live_server, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    failures = []
    page.on("requestfailed", lambda request: failures.append(request.url))
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert failures == []
    assert all(url.startswith(live_server.url) for url in requests)
    # GOV.UK Frontend's JavaScript ran and the compiled styles apply the system font.
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "system-ui" in font and "GDS Transport" not in font


def test_officer_signs_in_for_the_first_time_setting_up_two_factor_on_a_phone(live_server, live_app, phone_page):
    users.create_user(email="e2e-officer@example.com", name="Eve Officer", password="a long e2e password",
                         role=Role.OFFICER)
    page = phone_page
    page.goto(f"{live_server.url}/sign-in")
    page.get_by_label("Email address").fill("e2e-officer@example.com")
    page.get_by_label("Password", exact=True).fill("a long e2e password")
    page.get_by_role("button", name="Sign in").click()

    # The key is shown as text beside its QR code, for people who cannot scan.
    expect(page.locator("h1")).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    key = page.locator("#secret").inner_text().replace(" ", "")
    assert len(key) == 32 and set(key) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert accessibility_violations(page) == []
    totp = pyotp.TOTP(key)
    accepted_now = {totp.at(time.time() + seconds) for seconds in (-60, -30, 0, 30, 60)}
    page.get_by_label("Code from your authenticator app").fill(next(
        wrong for wrong in ("000000", "111111", "222222", "333333", "444444", "555555") if wrong not in accepted_now))
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the 6-digit code your authenticator app shows now")
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Continue").click()

    expect(page.locator("h1")).to_have_text("Your recovery codes")
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10 and len(set(codes)) == 10
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Continue").click()
    expect(phone_page.locator("h1")).to_have_text("Work queues")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.get_by_role("button", name="Menu").click()
    phone_page.get_by_role("button", name="Sign out").click()
    expect(phone_page.locator(".govuk-notification-banner")).to_contain_text("You have signed out")


def test_wrong_password_shows_the_error_summary_without_javascript(live_server, no_js_page):
    sign_in(no_js_page, live_server.url, "nobody@example.com", "not the password")
    expect(no_js_page.locator(".govuk-error-summary")).to_contain_text("Enter a correct email address and password")
    assert no_js_page.title().startswith("Error: Sign in")
