"""A first scan of /v/<code> on one bar of signal, in Chromium: how long until the status and
"Call 999" are visible, with the network throttled to 250 kbps down and up and a 400 ms round
trip (Chrome DevTools Protocol), on a fresh browser profile (nothing cached), and then a
repeat scan in the same profile.

    .venv/bin/python bench/throttled_scan.py http://127.0.0.1:8000 CODE

Needs a running app (gunicorn as deployed) and Debian's Chromium (/usr/bin/chromium).
"""

import sys
import time
import urllib.request

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
THROTTLE = {"offline": False, "latency": 400, "downloadThroughput": 250_000 / 8, "uploadThroughput": 250_000 / 8}


def scan(page, url: str) -> tuple[float, int]:
    received = []
    page.on("response", lambda response: received.append(response))
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator("h1").wait_for(state="visible")
    page.locator("a[href='tel:999']").first.wait_for(state="visible")
    visible = time.perf_counter() - started
    page.wait_for_load_state("load")
    transferred = 0
    for response in received:
        sizes = response.request.sizes()
        transferred += sizes["responseHeadersSize"] + sizes["responseBodySize"]
    return visible, transferred


def main() -> None:
    base, code = sys.argv[1].rstrip("/"), sys.argv[2]
    for _ in range(4):  # warm both workers: the first view of a fresh worker compiles its templates
        urllib.request.urlopen(f"{base}/v/{code}", timeout=30).read()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
        first, first_bytes = scan(page, f"{base}/v/{code}")
        repeat_page = context.new_page()
        repeat_cdp = context.new_cdp_session(repeat_page)
        repeat_cdp.send("Network.enable")
        repeat_cdp.send("Network.emulateNetworkConditions", THROTTLE)
        repeat, repeat_bytes = scan(repeat_page, f"{base}/v/{code}")
        browser.close()
    print(f"first scan: status and 999 visible after {first:.2f} s, {first_bytes:,} bytes transferred")
    print(f"repeat scan: visible after {repeat:.2f} s, {repeat_bytes:,} bytes transferred")


if __name__ == "__main__":
    main()
