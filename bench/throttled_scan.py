"""A first scan of /v/<code> on one bar of signal, in Chromium: how long after the request the
status and "Call 999" are on the screen, with the network throttled to 250 kbps down and up and
a 400 ms round trip (Chrome DevTools Protocol), on a fresh browser profile (nothing cached);
then a repeat scan in the same profile.

    .venv/bin/python bench/throttled_scan.py http://127.0.0.1:8000 CODE [--runs 3]

"On the screen" is the first frame the browser paints in which the page's heading and its
first tel:999 link are laid out with every stylesheet applied and inside the first screen of a
390 x 844 phone: a script watching each painted frame (requestAnimationFrame) records the time
from the start of the navigation. The browser paints nothing while a stylesheet in the head is
still coming, so this is what the reader sees, not when the elements merely exist.

Needs a running app (gunicorn as deployed) and Debian's Chromium (/usr/bin/chromium).
"""

import argparse
import statistics
import urllib.request

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
THROTTLE = {"offline": False, "latency": 400, "downloadThroughput": 250_000 / 8, "uploadThroughput": 250_000 / 8}
VIEWPORT = {"width": 390, "height": 844}

# Runs before the page's own markup, in every frame the browser paints.
WATCH_PAINTS = """
(() => {
  const onScreen = (element) => {
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  };
  const styled = () => [...document.querySelectorAll('link[rel="stylesheet"]')].every((link) => link.sheet);
  const watch = () => {
    const heading = document.querySelector('h1'), call999 = document.querySelector('a[href="tel:999"]');
    if (heading && call999 && styled()) {
      window.__painted = {at: performance.now(), heading: onScreen(heading), call999: onScreen(call999)};
      return;
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
})();
"""


def scan(context, url: str) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", THROTTLE)
    received = []
    page.on("response", lambda response: received.append(response))
    page.goto(url, wait_until="load")
    page.wait_for_function("window.__painted !== undefined")
    painted = page.evaluate("window.__painted")
    transferred = 0
    for response in received:
        sizes = response.request.sizes()
        transferred += sizes["responseHeadersSize"] + sizes["responseBodySize"]
    page.close()
    return {**painted, "bytes": transferred}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("code")
    parser.add_argument("--runs", type=int, default=3, help="fresh profiles, each a first and a repeat scan")
    args = parser.parse_args()
    url = f"{args.base.rstrip('/')}/v/{args.code}"
    for _ in range(4):  # warm both workers: the first view of a fresh worker compiles its templates
        urllib.request.urlopen(url, timeout=30).read()
    firsts, repeats = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(args.runs):
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(WATCH_PAINTS)
            firsts.append(scan(context, url))
            repeats.append(scan(context, url))
            context.close()
        browser.close()
    for label, scans in (("first scan", firsts), ("repeat scan", repeats)):
        for n, result in enumerate(scans, 1):
            print(f"{label} {n}: status and 999 painted {result['at'] / 1000:.2f} s after the request "
                  f"(heading on the first screen: {result['heading']}, 999: {result['call999']}), "
                  f"{result['bytes']:,} bytes transferred")
        print(f"{label}: median {statistics.median(r['at'] for r in scans) / 1000:.2f} s, "
              f"{statistics.median(r['bytes'] for r in scans):,.0f} bytes")


if __name__ == "__main__":
    main()
