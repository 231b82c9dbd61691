"""The public directory page: its pagination stays a handful of links however long the
register, and a search that finds nothing says what to try next."""

from datetime import date, timedelta

from scheme.enums import ApplicationStatus
from scheme.public.views import directory
from tests import factories, factories_officer
from tests.pages import get_page, text_of


def _accredited(n: int) -> None:
    for _ in range(n):
        premises = factories.make_premises(status=ApplicationStatus.MEMBER)
        factories_officer.make_certificate(premises, expires_on=date.today() + timedelta(days=100))


def test_the_pages_are_the_first_the_last_and_those_either_side_with_gaps_between(client, monkeypatch):
    monkeypatch.setattr(directory, "PAGE_SIZE", 1)
    _accredited(9)
    page = get_page(client, "/premises?page=5")
    numbers = [text_of(item) for item in page.select(".govuk-pagination__item")]
    assert numbers == ["1", "⋯", "4", "5", "6", "⋯", "9"]
    assert page.select_one(".govuk-pagination__item--current").get_text(strip=True) == "5"
    assert page.select_one(".govuk-pagination__next a")["href"] == "/premises?page=6&q=&type=&area="


def test_a_search_that_finds_nothing_says_what_to_try_and_links_to_every_premises(client):
    _accredited(1)
    page = get_page(client, "/premises?q=nowhere+at+all")
    assert "0 accredited premises found." in text_of(page)
    assert "Try the first half of the postcode or the town" in text_of(page)
    assert page.select_one('main a[href="/premises"]') is not None
    # With no search, nothing to try instead.
    assert "Try the first half" not in text_of(get_page(client, "/premises"))
