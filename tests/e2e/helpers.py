from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def accessibility_violations(page) -> list[str]:
    """axe-core's violations on the page, as 'rule: help' lines (empty when accessible)."""
    results = _axe.run(page)
    return [f"{violation['id']}: {violation['help']}" for violation in results.response["violations"]]


def sign_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
