import pytest
from bs4 import BeautifulSoup

from tests.pages import error_messages, get_page, text_of


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/", "Spot It Stop It: businesses against child exploitation"),
        ("/accessibility", "Accessibility statement"),
        ("/privacy", "Privacy notice"),
        ("/cookies", "Cookies"),
        ("/sign-in", "Sign in"),
    ],
)
def test_public_pages(client, url, heading):
    page = get_page(client, url)
    assert page.h1.get_text(strip=True) == heading
    footer_links = {a.get_text(strip=True): a["href"] for a in page.select(".govuk-footer a")}
    assert footer_links == {"Accessibility statement": "/accessibility", "Privacy notice": "/privacy", "Cookies": "/cookies"}
    assert page.select_one(".govuk-skip-link")["href"] == "#main-content"


def test_layout_names_the_scheme_and_not_gov_uk(client):
    page = get_page(client, "/")
    assert "Spot It Stop It" in page.select_one(".govuk-service-navigation__service-name").get_text()
    html = str(page)
    assert "govuk-logo" not in html and "Crown copyright" not in html and "GDS Transport" not in html


POLICY = ("default-src 'self'; script-src 'self'{nonce}; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
          "form-action 'self'; frame-ancestors 'none'")


def _nonce_of(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one("script[nonce]")["nonce"]


def test_security_headers(client):
    response, another = client.get("/"), client.get("/")
    # Each page's inline script is allowed by that page's own nonce, and only by it.
    assert _nonce_of(response) != _nonce_of(another)
    assert response.headers["Content-Security-Policy"] == POLICY.format(nonce=f" 'nonce-{_nonce_of(response)}'")
    for headers in (response.headers, client.get("/v/no-such-code").headers):
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Permissions-Policy"] == "browsing-topics=()"
        assert "Strict-Transport-Security" not in headers  # only in production, over https
    # A page with no inline script gets the policy with no nonce at all.
    assert client.get("/v/no-such-code").headers["Content-Security-Policy"] == POLICY.format(nonce="")


def test_public_pages_set_no_cookie(client):
    response = client.get("/")
    assert "Set-Cookie" not in response.headers
    assert "If a child is in immediate danger" in text_of(get_page(client, "/"))


def test_a_typed_certificate_code_goes_to_its_page(client):
    response = client.get("/check", query_string={"code": " 7kq2-m9xd "})
    assert response.status_code == 302
    assert response.headers["Location"] == "/v/7kq2-m9xd"


@pytest.mark.parametrize(("code", "message"), [("", "Enter the certificate code"),
                                                ("x" * 25, "Certificate code must be 24 characters or fewer"),
                                                (" sisi-2026-00042 ", "Enter the code printed under the QR code, not the certificate number"),
                                                ("SISI 2026 42", "Enter the code printed under the QR code, not the certificate number")])
def test_a_code_that_cannot_be_checked_is_explained_on_the_home_page(client, code, message):
    page = get_page(client, f"/check?code={code}")
    assert error_messages(page) == [message]
    assert page.title.get_text().startswith("Error: ")
