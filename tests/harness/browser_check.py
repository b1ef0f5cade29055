"""``python -m jupyterlab.browser_check``, with Debian's Chromium.

JupyterLab's own check starts JupyterLab in "browser test" mode, loads it in
a headless browser, and fails on any error the page collects (in
``#browserTest``) or the server logs. Its stock browser step runs
``npx playwright install chromium``, which downloads a browser build; this
machine cannot download browsers. This script runs the very same check
(JupyterLab's ``BrowserApp`` and error handling) and only swaps the browser
step for the same steps (from JupyterLab's browser-test.js) driven by
Python Playwright with ``/usr/bin/chromium``.

Run it with the Python of the environment to check:

    ENV/bin/python tests/harness/browser_check.py [--allow-root]

Exit status 0 means the check passed.
"""

import json
import os
import sys

from jupyterlab import browser_check
from playwright.async_api import async_playwright

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


async def run_browser(url):
    """browser-test.js, step for step."""
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = await browser.new_page()
            print("Navigating to page:", url)
            await page.goto(url)
            await page.locator("#jupyter-config-data").wait_for(state="attached")
            await page.wait_for_selector("#main", timeout=100_000)
            el = await page.wait_for_selector("#browserTest", timeout=100_000, state="attached")
            await page.wait_for_selector(".completed", state="attached", timeout=100_000)
            errors = json.loads(await el.text_content())
            for error in errors:
                print("Parsed an error from text content:", error.get("message"), error)
            if errors:
                raise RuntimeError(f"{len(errors)} error(s) in the page")
            print("Browser test complete")
        finally:
            await browser.close()


class BrowserApp(browser_check.BrowserApp):
    """JupyterLab's BrowserApp, registered from this module (as
    ``python -m jupyterlab.browser_check`` registers it from ``__main__``)."""

    name = __name__


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": BrowserApp}]


if __name__ == "__main__":
    # The app looks the browser step up in its own module at run time.
    browser_check.run_browser = run_browser
    sys.exit(BrowserApp.launch_instance())
