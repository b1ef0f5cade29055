"""Chromium (Debian's /usr/bin/chromium) driven by Playwright's sync API.

Never run `playwright install`: we use the system browser.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from playwright.sync_api import Browser, Page, Playwright

CHROMIUM_PATH = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")

# Debian's Chromium, headless, as measured to run here (no sandbox as root, no
# GPU, no background traffic). Playwright creates a fresh temporary user-data-dir for
# every launch() (and removes it on close).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Timeouts (ms) -- every wait in the suite is bounded.
LOGIN_TIMEOUT = 90_000  # login -> spawn (2-6 s measured) -> JupyterLab loaded
LAB_TIMEOUT = 60_000


def launch_browser(pw: Playwright, extra_args: Iterable[str] = (), **kwargs) -> Browser:
    return pw.chromium.launch(
        executable_path=CHROMIUM_PATH,
        args=CHROMIUM_ARGS + list(extra_args),
        headless=True,
        **kwargs,
    )


@dataclass
class ConsoleEntry:
    kind: str  # "console" | "pageerror"
    text: str
    url: str = ""
    location: str = ""

    def __str__(self) -> str:
        where = f" [{self.location}]" if self.location else ""
        return f"{self.kind}: {self.text}{where} (page {self.url})"


@dataclass
class ConsoleWatcher:
    """Collects console.error messages and uncaught page errors of a page.

    ``ignore`` holds (regex, reason) pairs for errors JupyterLab / JupyterHub
    emit themselves in this setup. Never add the extension's own errors.
    """

    ignore: list[tuple[re.Pattern, str]] = field(default_factory=list)
    entries: list[ConsoleEntry] = field(default_factory=list)
    ignored: list[ConsoleEntry] = field(default_factory=list)
    all_messages: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> "ConsoleWatcher":
        def on_console(msg):
            self.all_messages.append(f"{msg.type}: {msg.text}")
            if msg.type != "error":
                return
            loc = msg.location or {}
            location = (
                f"{loc.get('url', '')}:{loc.get('lineNumber', '')}" if loc.get("url") else ""
            )
            self._add(ConsoleEntry("console", msg.text, page.url, location))

        def on_pageerror(err):
            text = f"{err.name}: {err.message}" if getattr(err, "name", None) else str(err)
            stack = getattr(err, "stack", None) or ""
            self.all_messages.append(f"pageerror: {text}")
            self._add(ConsoleEntry("pageerror", text + ("\n" + stack if stack else ""), page.url))

        page.on("console", on_console)
        page.on("pageerror", on_pageerror)
        return self

    def _add(self, entry: ConsoleEntry) -> None:
        for pattern, _reason in self.ignore:
            if pattern.search(entry.text) or pattern.search(entry.location):
                self.ignored.append(entry)
                return
        self.entries.append(entry)

    @property
    def errors(self) -> list[ConsoleEntry]:
        return list(self.entries)

    def assert_clean(self) -> None:
        assert not self.entries, "console errors:\n" + "\n".join(str(e) for e in self.entries)

    def clear(self) -> None:
        self.entries.clear()


def wait_for_lab(page: Page, timeout: float = LAB_TIMEOUT) -> None:
    """Wait until JupyterLab 4 has started and restored its layout.

    JupyterLab 4.6 creates ``#jupyterlab-splash`` early during plugin
    activation, attaches the shell (``#jp-main-dock-panel``, menubar in
    ``#jp-menu-panel``) afterwards, and removes the splash once
    ``app.restored`` resolves. "dock panel + menubar items + no splash" is
    therefore only true once the app is usable; before the JS runs, there is
    no dock panel either, so the missing splash cannot fool us.
    """
    page.wait_for_function(
        """() => !!document.getElementById('jp-main-dock-panel')
              && document.querySelectorAll('#jp-menu-panel .lm-MenuBar-item').length > 0
              && !document.getElementById('jupyterlab-splash')""",
        timeout=timeout,
        polling=100,
    )


def login(
    page: Page,
    hub,
    user: str,
    *,
    password: str | None = None,
    wait_lab: bool = True,
    timeout: float = LOGIN_TIMEOUT,
) -> None:
    """Log in through the hub's login form.

    For an owner with ``Spawner.default_url = "/lab"`` the hub redirects
    /hub/ -> /hub/spawn -> /hub/spawn-pending -> /user/<u>/lab; with
    ``wait_lab`` we wait for that and for JupyterLab to be ready.
    """
    page.goto(f"{hub.browser_url}hub/login", timeout=timeout)
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(password if password is not None else hub.password)
    page.locator("#login_submit").click()
    if wait_lab:
        page.wait_for_url(re.compile(r"/user/[^/]+/lab"), timeout=timeout)
        wait_for_lab(page, timeout=timeout)


def open_lab(page: Page, url: str, timeout: float = LAB_TIMEOUT) -> None:
    page.goto(url, timeout=timeout)
    wait_for_lab(page, timeout=timeout)


def ignore_patterns(pairs: Iterable[tuple[str, str]]) -> list[tuple[re.Pattern, str]]:
    return [(re.compile(p), reason) for p, reason in pairs]
