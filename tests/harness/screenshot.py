"""Take the README's screenshots of the dialog on a real, throw-away hub.

    python -m tests.harness.screenshot          # from the project root (make screenshot)
    python -m tests.harness.screenshot --out /tmp/shots

Starts the harness hub (tests/harness/hub.py) with the extension installed in
.venv, grants alice's server to a few users and a group, logs alice in with
Chromium, opens User sharing, generates one invite link and saves the dialog
(clipped to it) as ``screenshot.png`` (JupyterLab Light) and
``screenshot-dark.png`` (JupyterLab Dark) in ``docs/``. Nothing is mocked:
the names, times and the link are the hub's. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from .browser import launch_browser, login
from .hub import LocalHub
from .procs import ROOT

OWNER = "alice"
# A fresh hub starts in JupyterLab Light; Dark is switched to live.
# Accepted the invitation, oldest first (the dialog lists newest first).
PEOPLE = ("bob", "carol", "dave")
GROUP = "data-team"
THEMES = {"screenshot.png": "JupyterLab Light", "screenshot-dark.png": "JupyterLab Dark"}
VIEWPORT = {"width": 1100, "height": 1000}
READY_TIMEOUT_MS = 30_000
MAX_BYTES = 150_000


def share_with_everyone(hub: LocalHub) -> None:
    status, body = hub.api("POST", f"groups/{GROUP}")
    if status not in (201, 409):
        raise RuntimeError(f"group: {status} {body}")
    for name in PEOPLE:
        hub.grant_share(OWNER, name)
        time.sleep(1.1)  # distinct "granted" times
    status, body = hub.api("POST", f"shares/{OWNER}/", {"group": GROUP})
    if status != 200:
        raise RuntimeError(f"group share: {status} {body}")


def shoot(page: Page, path: Path, first: bool) -> None:
    """Open the dialog, make a fresh link once, save the dialog's picture."""
    page.get_by_role("menuitem", name="User sharing", exact=True).click()
    page.get_by_role("menuitem", name="Open user sharing menu").click()
    root = page.locator(".jp-Dialog .jp-UserSharing")
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expect(root).to_have_attribute("aria-busy", "false", timeout=READY_TIMEOUT_MS)
    if first:
        root.get_by_role("button", name="Generate invite link").click()
    expect(root.get_by_label("Invite link", exact=True)).to_have_count(1)
    expect(root).to_have_attribute("aria-busy", "false", timeout=READY_TIMEOUT_MS)
    expect(root.locator("th.jp-UserSharing-name")).to_have_count(len(PEOPLE) + 1)
    # no focus ring, no toast, no caret in the picture
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.locator(".jp-toastContainer").evaluate("e => e.style.visibility = 'hidden'")
    # JupyterLab's Dialog is at most 500 px high and the body scrolls: lift
    # both limits for the picture, so the whole body shows at once
    content = page.locator(".jp-Dialog-content")
    content.evaluate("e => { e.style.maxHeight = 'none'; }")
    page.locator(".jp-Dialog .jp-UserSharing-host").evaluate("e => { e.style.maxHeight = 'none'; }")
    content.screenshot(path=str(path), animations="disabled", caret="hide")
    page.locator(".jp-Dialog").get_by_role("button", name="Close", exact=True).click()
    expect(page.locator(".jp-Dialog")).to_have_count(0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.harness.screenshot", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "docs",
                    help="directory for screenshot.png and screenshot-dark.png (default docs/)")
    opts = ap.parse_args(argv)
    opts.out.mkdir(parents=True, exist_ok=True)

    # with sharing by name, so that its form is in the picture
    hub = LocalHub(users=PEOPLE, extra_config=(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from jupyterlab_user_sharing.hub import configure\n"
        "configure(c, share_by_name=True)\n"
    ))
    try:
        hub.start()

        with sync_playwright() as pw:
            browser = launch_browser(pw)
            try:
                ctx = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
                page = ctx.new_page()
                # (after the spawn: the hub revokes all access when a server starts)
                login(page, hub, OWNER)
                share_with_everyone(hub)
                for i, (name, theme) in enumerate(THEMES.items()):
                    if i:
                        # live, from the command palette: the link made in
                        # this page stays (it is kept in memory only)
                        page.keyboard.press("Control+Shift+C")
                        search = page.locator("#modal-command-palette .lm-CommandPalette-input")
                        expect(search).to_be_focused()
                        page.keyboard.type(theme)
                        expect(page.locator(
                            "#modal-command-palette .lm-CommandPalette-item.lm-mod-active"
                        )).to_have_text(re.compile("^" + re.escape(f"Use Theme: {theme}")))
                        page.keyboard.press("Enter")
                    page.wait_for_function(
                        "t => document.body.dataset.jpThemeName === t", arg=theme
                    )
                    path = opts.out / name
                    shoot(page, path, first=i == 0)
                    size = path.stat().st_size
                    print(f"{path} ({theme}): {size} bytes", flush=True)
                    if size > MAX_BYTES:
                        print(f"  over {MAX_BYTES} bytes", file=sys.stderr)
                        return 1
            finally:
                browser.close()
        return 0
    finally:
        hub.stop()


if __name__ == "__main__":
    sys.exit(main())
