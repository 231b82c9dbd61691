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


def test_officer_signs_in_and_out_on_a_phone(live_server, live_app, phone_page):
    users.create_user(email="e2e-officer@example.com", name="Eve Officer", password="a long e2e password",
                         role=Role.OFFICER)
    sign_in(phone_page, live_server.url, "e2e-officer@example.com", "a long e2e password")
    expect(phone_page.locator("h1")).to_have_text("Work queues")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.get_by_role("button", name="Menu").click()
    phone_page.get_by_role("button", name="Sign out").click()
    expect(phone_page.locator(".govuk-notification-banner")).to_contain_text("You have signed out")


def test_wrong_password_shows_the_error_summary_without_javascript(live_server, no_js_page):
    sign_in(no_js_page, live_server.url, "nobody@example.com", "not the password")
    expect(no_js_page.locator(".govuk-error-summary")).to_contain_text("Enter a correct email address and password")
    assert no_js_page.title().startswith("Error: Sign in")
