import pyotp
from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def accessibility_violations(page) -> list[str]:
    """axe-core's violations on the page, as 'rule: help' lines (empty when accessible)."""
    results = _axe.run(page)
    return [f"{violation['id']}: {violation['help']}" for violation in results.response["violations"]]


def sign_in(page, base_url: str, email: str, password: str) -> None:
    """Sign in as a person would; officers and admins then enter the code their app shows
    (set it up first, when it is their first sign-in, from the key the page shows)."""
    page.goto(f"{base_url}/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    heading = page.locator("h1").inner_text()
    if heading == "Set up two-factor sign-in":
        key = page.locator("#secret").inner_text().replace(" ", "")
        page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(key).now())
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("button", name="Continue").click()
    elif heading == "Enter the code from your authenticator app":
        from scheme.domain.accounts.users import find_user_by_email
        from scheme.extensions import db
        from tests.signing_in import code_for

        code = code_for(find_user_by_email(email))
        db.session.close()  # hold no read transaction while the server writes (SQLite)
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Continue").click()
