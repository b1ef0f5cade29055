"""Keyboard end to end: the command palette opens the dialog, every control
(lifetime picker, Generate, Copy link, Refresh, Revoke, Revoke All users +
Cancel / Yes, Revoke all share links + Yes, Try again, Reload page) is
reached with Tab / Shift+Tab and activated with Enter or Space (arrow keys
for the picker), each with its effect at the hub, in the status line and as
a JupyterLab notification (toast); every control shows a focus ring; after
each action the focus stays on a sensible control of the dialog; Enter on
the picker does not close the dialog; Escape closes the dialog and the focus
goes back.
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from tests.harness.browser import wait_for_lab
from tests.harness.hub import LocalHub

from .conftest import TIMINGS
from .pages import (
    codes_url,
    dialog_root,
    hold_requests,
    is_code_post,
    lifetime_at_hub,
    open_with_palette,
    release,
    settle_lab,
    sharing_dialog,
    status_line,
    toast,
    wait_idle,
)


def shares_url_re(hub: LocalHub) -> re.Pattern:
    """alice's shares URL, with or without the pagination query."""
    return re.compile("^" + re.escape(f"{hub.url}hub/api/shares/alice/") + r"(\?.*)?$")


DESCRIBE_ACTIVE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return 'body';
  const name = e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30);
  return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${name}"`
    + (e.closest('.jp-Dialog') ? '' : ' (outside the dialog)');
}"""


def active(page: Page) -> str:
    return page.evaluate(DESCRIBE_ACTIVE)


def is_focused(locator) -> bool:
    return locator.evaluate("e => e === document.activeElement")


def focus_in_dialog(page: Page) -> bool:
    return page.evaluate(
        "() => !!(document.activeElement && document.activeElement.closest('.jp-Dialog'))"
    )


def reach(page: Page, target, key: str = "Shift+Tab", limit: int = 30) -> list[str]:
    """Press ``key`` until ``target`` has the focus; returns the way there."""
    expect(target).to_have_count(1)
    expect(target).to_be_enabled()
    way = []
    for _ in range(limit):
        if is_focused(target):
            return way
        page.keyboard.press(key)
        way.append(active(page))
    raise AssertionError(f"not reached with {limit} x {key}; focus went: {way}")


FOCUS_INDICATOR = """e => {
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return {visible: e.matches(':focus-visible') && (outline || s.boxShadow !== 'none'),
          outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
          boxShadow: s.boxShadow};
}"""


def assert_focus_visible(locator, what: str) -> None:
    info = locator.evaluate(FOCUS_INDICATOR)
    assert info["visible"], f"{what} has the keyboard focus but no focus indicator: {info}"


def press_on(page: Page, target, key: str, nav: str = "Shift+Tab") -> None:
    """Reach ``target`` by keyboard, check its focus ring, press ``key``."""
    reach(page, target, nav)
    assert_focus_visible(target, str(target))
    page.keyboard.press(key)


# JupyterLab 4.6.6 focuses the main area's current widget (the Launcher)
# ~0.5 s after it looks ready (menus there, splash gone) -- measured. A command
# palette open at that moment closes; a dialog open at that moment gets its
# focus sent back to its default button (Close), under the keys of a fast


def test_keyboard_only_every_button(hub, extension, alice_clean, alice_session):
    """From the command palette to every button and back, keyboard only."""
    hub.grant_share("alice", "bob")
    hub.grant_share("alice", "carol")
    s = alice_session(permissions=["clipboard-read", "clipboard-write"])
    page = s.page
    kb = page.keyboard
    origin = page.evaluate_handle("() => document.activeElement")

    # -- open: Ctrl+Shift+C, type, Enter
    open_with_palette(page)
    root = dialog_root(page)
    wait_idle(root)
    expect(root.locator("th.jp-UserSharing-name")).to_have_text(["carol", "bob"])
    close_button = sharing_dialog(page).get_by_role("button", name="Close", exact=True)
    expect(close_button).to_be_focused()  # JupyterLab focuses the dialog's button
    t0 = time.monotonic()

    # -- Tab from Close enters the dialog body (the body host is the Dialog's
    # first focusable element), and reaches "Valid for"
    picker = root.get_by_label("Valid for", exact=True)
    way = reach(page, picker, "Tab", limit=4)
    assert way[0].startswith("div"), f"Tab from Close went: {way}"

    # -- "Valid for": a focus ring, arrow keys pick another lifetime
    assert_focus_visible(picker, "the 'Valid for' select")
    expect(picker).to_have_value("3600")
    kb.press("ArrowDown")
    expect(picker).to_have_value("14400")
    expect(picker).to_be_focused()

    # -- Generate invite link (Enter): sends the picked lifetime
    with page.expect_request(is_code_post(hub)) as posted:
        press_on(page, root.get_by_role("button", name="Generate invite link"), "Enter")
    assert posted.value.post_data_json == {"expires_in": 14400}
    link_input = root.get_by_label("Invite link", exact=True)
    expect(link_input).to_have_count(1)
    wait_idle(root)
    (code,) = hub.list_share_codes("alice")
    assert abs(lifetime_at_hub(code) - 14400) < 60, code
    link = link_input.input_value()

    # -- Copy link (Space): clipboard, status line, notification
    page.evaluate("() => navigator.clipboard.writeText('not the link')")
    press_on(page, root.get_by_role("button", name="Copy link"), "Space")
    expect(status_line(root)).to_have_text("Link copied to the clipboard.")
    expect(toast(page, "Link copied to the clipboard.").first).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == link

    # -- Refresh (Enter): reloads from the hub
    with page.expect_response(
        lambda r: r.request.method == "GET" and shares_url_re(hub).match(r.url)
    ) as reloaded:
        press_on(page, root.get_by_role("button", name="Refresh", exact=True), "Enter")
    assert reloaded.value.status == 200
    wait_idle(root)

    # -- Revoke one user (Space)
    press_on(page, root.get_by_role("button", name="Revoke access of bob", exact=True), "Space")
    expect(status_line(root)).to_have_text(re.compile(r"^Access of bob was revoked\."))
    expect(toast(page, "Access of bob was revoked.").first).to_be_visible()
    expect(root.locator("th.jp-UserSharing-name")).to_have_text(["carol"])
    assert [x["user"]["name"] for x in hub.list_shares("alice")] == ["carol"]
    wait_idle(root)

    # -- Revoke All users: Cancel gets the focus; Enter on it cancels
    press_on(page, root.get_by_role("button", name="Revoke All users", exact=True), "Enter")
    confirm = root.locator(".jp-UserSharing-confirm")
    expect(confirm).to_contain_text("Revoke the access of every user and group listed here?")
    expect(confirm.get_by_role("button", name="Cancel", exact=True)).to_be_focused()
    kb.press("Enter")
    expect(confirm).to_have_count(0)
    assert [x["user"]["name"] for x in hub.list_shares("alice")] == ["carol"]
    # ... and again, Shift+Tab to "Yes, revoke", Enter
    press_on(page, root.get_by_role("button", name="Revoke All users", exact=True), "Enter")
    expect(confirm.get_by_role("button", name="Cancel", exact=True)).to_be_focused()
    press_on(page, confirm.get_by_role("button", name="Yes, revoke", exact=True), "Enter")
    expect(status_line(root)).to_have_text(re.compile(r"^Everyone's access was revoked\."))
    expect(toast(page, "Everyone's access was revoked.").first).to_be_visible()
    assert hub.list_shares("alice") == []
    wait_idle(root)

    # -- Revoke all share links: Cancel focused, Shift+Tab to Yes, Space
    press_on(page, root.get_by_role("button", name="Revoke all share links"), "Enter")
    expect(confirm).to_contain_text("Revoke every invite link of this server?")
    expect(confirm.get_by_role("button", name="Cancel", exact=True)).to_be_focused()
    press_on(page, confirm.get_by_role("button", name="Yes, revoke", exact=True), "Space")
    expect(status_line(root)).to_have_text("All invite links were revoked; they no longer work.")
    expect(toast(page, "All invite links were revoked; they no longer work.").first).to_be_visible()
    assert hub.list_share_codes("alice") == []
    expect(link_input).to_have_count(0)
    wait_idle(root)

    # -- Try again (Enter), after the hub failed once (503 on the list)
    url = shares_url_re(hub)

    def unavailable(route):
        if route.request.method == "GET":
            route.fulfill(
                status=503,
                content_type="application/json",
                body='{"status": 503, "message": "Service Unavailable"}',
            )
        else:
            route.continue_()

    page.route(url, unavailable)
    press_on(page, root.get_by_role("button", name="Refresh", exact=True), "Enter")
    retry = root.get_by_role("button", name="Try again", exact=True)
    expect(retry).to_be_visible()
    expect(root.locator("[data-error-kind]")).to_contain_text("HTTP 503")
    page.unroute(url)
    press_on(page, retry, "Enter")
    expect(retry).to_have_count(0)
    wait_idle(root)
    TIMINGS["keyboard: every button (s)"] = time.monotonic() - t0

    # -- Escape closes; the focus goes back where it was before the palette
    reach(page, close_button)
    kb.press("Escape")
    expect(page.locator(".jp-Dialog")).to_have_count(0)
    back = page.evaluate(
        "o => document.activeElement === o || document.activeElement === document.body", origin
    )
    assert back, f"focus after Escape: {active(page)}"
    assert page.evaluate("() => document.activeElement.isConnected")

    # -- Reload page (Enter), offered when the hub session expired (401)
    def expired(route):
        if route.request.method == "GET":
            route.fulfill(
                status=401,
                content_type="application/json",
                body='{"status": 401, "message": "Missing or invalid credentials."}',
            )
        else:
            route.continue_()

    page.route(url, expired)
    open_with_palette(page)
    reload_button = root.get_by_role("button", name="Reload page", exact=True)
    expect(reload_button).to_be_visible()
    page.unroute(url)
    with page.expect_navigation():
        press_on(page, reload_button, "Enter")
    wait_for_lab(page)
    # Chromium logs the two answers this test made up (503, 401); nothing else
    simulated = re.compile(
        r"^Failed to load resource: the server responded with a status of "
        r"(503 \(Service Unavailable\)|401 \(Unauthorized\))$"
    )
    unexpected = [
        e for e in s.console.entries
        if not (simulated.match(e.text) and url.match(e.location.rsplit(":", 1)[0]))
    ]
    assert len(s.console.entries) - len(unexpected) == 2, s.console.entries
    assert not unexpected, "console errors:\n" + "\n".join(str(e) for e in unexpected)


def test_focus_stays_in_the_dialog_after_an_action(hub, extension, alice_clean, alice_lab):
    """Every action leaves the keyboard focus on a sensible control of the
    dialog, never on <body> (it did before: the focused button was disabled
    while the hub worked, or removed): a busy button keeps the focus
    (aria-disabled); a new link's Copy link takes it from Generate; a revoked
    row hands it to the row now in its place (or the one before); a closed
    confirmation to the button that opened it, or its successor when that is
    gone or disabled. Escape still closes the dialog at the end."""
    hub.grant_share("alice", "bob")
    hub.grant_share("alice", "carol")
    page = alice_lab.page
    settle_lab(page)
    open_with_palette(page)
    root = dialog_root(page)
    wait_idle(root)
    names = root.locator("th.jp-UserSharing-name")
    expect(names).to_have_text(["carol", "bob"])
    confirm = root.locator(".jp-UserSharing-confirm")
    lost = []

    def after(action: str, expected) -> None:
        wait_idle(root)
        if not focus_in_dialog(page):
            lost.append(f"{action}: focus on {active(page)}")
        elif not is_focused(expected):
            lost.append(f"{action}: focus on {active(page)}, expected {expected}")

    def button(name: str):
        return root.get_by_role("button", name=name, exact=True)

    # -- Generate: busy, it keeps the focus; then the new link's Copy link
    generate = button("Generate invite link")
    codes = re.compile("^" + re.escape(codes_url(hub)) + "$")
    held = hold_requests(page, codes, "POST")
    press_on(page, generate, "Enter")
    expect(generate).to_have_attribute("aria-disabled", "true")
    expect(generate).to_be_focused()
    page.keyboard.press("Enter")  # again, while busy: ignored
    release(page, codes, held)
    expect(root.get_by_label("Invite link", exact=True)).to_have_count(1)
    after("Generate invite link", button("Copy link"))
    assert len(hub.list_share_codes("alice")) == 1

    # -- Revoke the last row: the row before takes the focus
    press_on(page, button("Revoke access of bob"), "Enter")
    expect(names).to_have_text(["carol"])
    after("Revoke access of bob", button("Revoke access of carol"))

    # -- Revoke All users, Cancel: back on Revoke All users
    press_on(page, button("Revoke All users"), "Enter")
    expect(confirm.get_by_role("button", name="Cancel", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(confirm).to_have_count(0)
    after("Cancel (Revoke All users)", button("Revoke All users"))

    # -- Yes, revoke: nobody is left and the button is gone: Refresh
    page.keyboard.press("Enter")
    press_on(page, confirm.get_by_role("button", name="Yes, revoke", exact=True), "Enter")
    expect(root.locator(".jp-UserSharing-empty")).to_be_visible()
    after("Yes, revoke (Revoke All users)", button("Refresh"))

    # -- Refresh keeps the focus while it loads
    page.keyboard.press("Enter")
    after("Refresh", button("Refresh"))

    # -- Revoke all share links, Cancel: back on it; Yes: it is disabled
    # then (no link left), Generate invite link takes the focus
    press_on(page, button("Revoke all share links"), "Enter")
    expect(confirm.get_by_role("button", name="Cancel", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    expect(confirm).to_have_count(0)
    after("Cancel (Revoke all share links)", button("Revoke all share links"))
    page.keyboard.press("Enter")
    press_on(page, confirm.get_by_role("button", name="Yes, revoke", exact=True), "Enter")
    expect(root.get_by_label("Invite link", exact=True)).to_have_count(0)
    expect(button("Revoke all share links")).to_be_disabled()
    after("Yes, revoke (Revoke all share links)", generate)
    assert hub.list_share_codes("alice") == []

    print("\n".join(lost))
    assert not lost, "\n".join(lost)
    # -- and Escape, from where the focus is, still closes the dialog
    page.keyboard.press("Escape")
    expect(page.locator(".jp-Dialog")).to_have_count(0)
    alice_lab.console.assert_clean()


def test_enter_on_the_lifetime_picker_keeps_the_dialog_open(
    hub, extension, alice_clean, alice_lab
):
    """JupyterLab's Dialog takes Enter on a <select> or a text field as
    "accept" and closed the whole dialog; Enter on "Valid for" (and on a
    link's field) now does nothing, and the picked lifetime is kept."""
    page = alice_lab.page
    settle_lab(page)
    open_with_palette(page)
    root = dialog_root(page)
    wait_idle(root)
    dialog = page.locator(".jp-Dialog")
    picker = root.get_by_label("Valid for", exact=True)
    reach(page, picker, "Tab", limit=4)
    page.keyboard.press("ArrowDown")
    expect(picker).to_have_value("14400")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # the Dialog closes synchronously on keydown; be generous
    expect(dialog).to_have_count(1)
    expect(picker).to_be_focused()
    expect(picker).to_have_value("14400")

    with page.expect_request(is_code_post(hub)) as posted:
        press_on(page, root.get_by_role("button", name="Generate invite link"), "Enter")
    assert posted.value.post_data_json == {"expires_in": 14400}
    link_input = root.get_by_label("Invite link", exact=True)
    expect(link_input).to_have_count(1)
    wait_idle(root)
    link_input.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    expect(dialog).to_have_count(1)
    expect(link_input).to_be_focused()

    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    alice_lab.console.assert_clean()
