"""Fetch a page and check what every page must have (as Notify's client_request does)."""

from bs4 import BeautifulSoup

LABELLED_EXEMPT_TYPES = {"hidden", "submit", "button", "image", "reset"}


def check_page(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html is not None and soup.html.get("lang") == "en", "html element must have lang=en"
    headings = soup.find_all("h1")
    assert len(headings) == 1, f"a page has exactly one h1, found {len(headings)}"
    h1 = " ".join(headings[0].get_text().split())
    title = " ".join(soup.title.get_text().split())
    assert title.removeprefix("Error: ").startswith(h1), f"title {title!r} must start with the h1 {h1!r}"
    has_errors = soup.select_one(".govuk-error-summary") is not None
    assert title.startswith("Error: ") == has_errors, "title starts with 'Error: ' exactly when the page shows errors"
    for field in soup.find_all(["input", "select", "textarea"]):
        if field.name == "input" and field.get("type", "text") in LABELLED_EXEMPT_TYPES:
            continue
        field_id = field.get("id")
        labelled = (
            field.get("aria-label")
            or field.get("aria-labelledby")
            or (field_id and soup.find("label", attrs={"for": field_id}))
            or field.find_parent("label")
        )
        assert labelled, f"unlabelled form field: {field}"
    return soup


def get_page(client, url: str, status: int = 200, **kwargs) -> BeautifulSoup:
    response = client.get(url, **kwargs)
    assert response.status_code == status, f"GET {url}: {response.status_code}, expected {status}"
    return check_page(response.get_data(as_text=True))


def post_page(client, url: str, data: dict | None = None, status: int = 200, **kwargs) -> BeautifulSoup:
    """POST a form and check the page that comes back (follows redirects)."""
    response = client.post(url, data=data or {}, follow_redirects=True, **kwargs)
    assert response.status_code == status, f"POST {url}: {response.status_code}, expected {status}"
    return check_page(response.get_data(as_text=True))


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text().split())


def error_messages(soup: BeautifulSoup) -> list[str]:
    return [" ".join(a.get_text().split()) for a in soup.select(".govuk-error-summary__list a")]
