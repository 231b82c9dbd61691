"""The public directory on a 320 px screen without JavaScript: searching it, its results and
its pagination, with no sideways scroll."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from scheme.domain.certificates.codes import new_public_code
from scheme.enums import ApplicationStatus
from scheme.extensions import db
from scheme.models import Certificate
from tests import factories
from tests.e2e.helpers import accessibility_violations

pytestmark = pytest.mark.e2e

WIDTH = 320
LISTED = 23  # more than one page of 20
# One long word, as a business may call itself: the directory must wrap it, not scroll.
LONG_NAME = "Dirtest-Supercalifragilisticexpialidocious-Hospitality-Holdings"


@pytest.fixture
def listed_premises(live_app):
    # Rows of their own, with numbers no officer's issue will give: the live server's database
    # is shared by every browser test of the session, whose numbering and training modules this
    # must leave alone. (Listed while at risk: nothing makes them ready, but the grace lasts.)
    today = date.today()
    names = [LONG_NAME] + [f"Dirtest Guest House and Conference Centre {n:02d}" for n in range(1, LISTED)]
    for n, name in enumerate(names):
        fields = dict(home_based=True, postcode="CM77 7ZZ") if n == 1 else {}
        premises = factories.make_premises(status=ApplicationStatus.MEMBER, name=name, town="Braintree", **fields)
        db.session.add(Certificate(premises_id=premises.id, number=f"DIRTEST-{premises.id}", public_code=new_public_code(),
                                   issued_on=today, expires_on=today + timedelta(days=200)))
        db.session.commit()
    return names


@pytest.fixture
def narrow_no_js_page(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url


def test_the_directory_is_searched_and_paged_on_a_320_px_screen_without_javascript(live_server, listed_premises,
                                                                                   narrow_no_js_page):
    page = narrow_no_js_page
    page.goto(f"{live_server.url}/premises")
    expect(page.locator("h1")).to_have_text("Accredited premises")
    expect(page.get_by_text("The register last changed")).to_be_visible()
    _fits(page)

    page.get_by_label("Name, town or postcode").fill("DIRTEST")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text(f"{LISTED} accredited premises found.")
    results = page.locator(".app-register h2")
    expect(results).to_have_count(20)
    # The home-based premises shows its outward postcode only.
    expect(page.get_by_text("CM77", exact=True)).to_have_count(1)
    _fits(page)

    page.get_by_role("link", name="Next").click()
    expect(results).to_have_count(LISTED - 20)
    assert "page=2" in page.url and "q=DIRTEST" in page.url
    expect(page.get_by_role("link", name=LONG_NAME)).to_be_visible()  # hyphen sorts after space
    _fits(page)

    # A result opens the public page of its certificate.
    page.get_by_role("link", name=LONG_NAME).click()
    expect(page.locator("h1")).to_contain_text("Accredited until")
    expect(page.get_by_text(LONG_NAME)).to_be_visible()
    _fits(page)


def test_the_directorys_results_are_accessible(live_server, listed_premises, browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/premises?q=dirtest")
        expect(page.locator(".app-register h2")).to_have_count(20)
        _fits(page)
        assert accessibility_violations(page) == []
    finally:
        context.close()
