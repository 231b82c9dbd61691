"""The page behind a sticker on one bar of signal: a first scan transfers at most 20 KB in all
(compressed page, the stylesheet and icon it names, no script), with the status and "Call 999"
inside the first 14 KB; a repeat scan, its assets cached for a year, at most 10 KB.

Counted as the bytes that cross the wire: the status line, the headers and the body as sent.
Needs the front end built (.ci/setup: npm run build, then the compressed copies)."""

import re
from datetime import date

import brotli
import pytest

from tests.integration.certificates.conftest import issue

FIRST_SCAN = 20_000
FIRST_ROUND_TRIPS = 14_000  # what TCP's first flights carry on a fresh connection
REPEAT_SCAN = 10_000
ACCEPT = {"Accept-Encoding": "br, gzip"}


def _on_the_wire(response) -> int:
    head = f"HTTP/1.1 {response.status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in response.headers.items()) + "\r\n"
    return len(head.encode()) + len(response.get_data())


def _fetched(client, path: str):
    response = client.get(path, headers=ACCEPT)
    response.get_data()
    response.close()  # WhiteNoise's file is closed once the response has been read
    return response


@pytest.mark.usefixtures("routes")
def test_a_first_scan_fits_in_20_kb_and_a_repeat_in_10_kb(client, eligible_premises):
    code = issue(eligible_premises, on=date.today()).public_code
    page = client.get(f"/v/{code}", headers=ACCEPT)
    assert page.status_code == 200 and page.headers["Content-Encoding"] == "br"
    html = brotli.decompress(page.get_data()).decode()
    assert "Accredited until" in html and 'href="tel:999"' in html
    assert not re.search(r"<script[^>]+src=", html)  # nothing to download, so nothing blocks the page
    exit_link = re.search(r'<a href="(https://[^"]+)"[^>]*govuk-exit-this-page__button', html)
    assert exit_link, "Exit this page is a plain link, working without JavaScript"

    assets = re.findall(r'<link[^>]+href="(/assets/[^"]+)"', html)
    # Its own small stylesheet, named by its content's fingerprint.
    assert any(re.fullmatch(r"/assets/public\.[0-9a-f]{12}\.css", asset) for asset in assets), assets
    fetched = [_fetched(client, asset) for asset in assets]
    for asset, response in zip(assets, fetched, strict=True):
        assert response.status_code == 200, f"{asset}: build the front end first (.ci/setup)"
        assert "immutable" in response.headers["Cache-Control"], asset
        assert int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"])[1]) >= 365 * 24 * 3600
    css = fetched[[n for n, asset in enumerate(assets) if "/public." in asset][0]]
    assert css.headers["Content-Encoding"] == "br", "the stylesheet's Brotli copy is made at build time"

    first_scan = _on_the_wire(page) + sum(_on_the_wire(response) for response in fetched)
    assert first_scan <= FIRST_SCAN, first_scan
    # The whole compressed page, status and 999 with it, comes in the first round trips.
    assert _on_the_wire(page) <= FIRST_ROUND_TRIPS
    # A repeat scan fetches the page alone: its assets are kept by the browser for a year.
    assert _on_the_wire(client.get(f"/v/{code}", headers=ACCEPT)) <= REPEAT_SCAN
