"""Page objects of the end-to-end tests: one copy of each way a test finds
or drives something on a page.

* JupyterLab: waiting for its focus to settle, the command palette;
* the sharing dialog: opening and closing it, waiting for its data-state,
  its status line, share names, link summary, error notice, toasts;
* the hub's pages: accepting an invitation, the server's URL and its answer;
* hub data: ``parse_time`` for the hub's ISO 8601 timestamps.

Functions on the dialog take its Yew root (``.jp-UserSharing``), the locator
``wait_dialog_state`` returns.
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from urllib.parse import urlparse

from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.harness.browser import LOGIN_TIMEOUT, wait_for_lab
from tests.harness.hub import LocalHub

MENU_LABEL = "User sharing"
COMMAND_LABEL = "Open user sharing menu"
DIALOG_TITLE = "User sharing"
NO_SHARES_TEXT = "No one else has access to this server yet."
NO_HUB_TEXT = "User sharing needs JupyterHub"

# The dialog loads the wasm, then asks the hub; both are local but the wasm
# compile on a 2-core machine can take a moment.
DIALOG_READY_TIMEOUT = 30_000


# ---------------------------------------------------------------- JupyterLab

# JupyterLab 4.6.6 focuses the main area's current widget (the Launcher)
# ~0.5 s after it looks ready (menus there, splash gone) -- measured. A command
# palette open at that moment closes; a dialog open at that moment gets its
# focus sent back to its default button (Close), under the keys of a fast
# user. Keyboard tests wait for that focus first.
MAIN_AREA_FOCUSED = """() => {
  const main = document.getElementById('jp-main-dock-panel');
  return !!main && main.contains(document.activeElement);
}"""


def settle_lab(page: Page) -> None:
    """Wait until JupyterLab has given the focus to its main area."""
    page.wait_for_function(MAIN_AREA_FOCUSED, timeout=10_000, polling=50)


def page_config(page: Page) -> dict:
    """JupyterLab's PageConfig (``#jupyter-config-data``)."""
    return page.evaluate(
        "() => JSON.parse(document.getElementById('jupyter-config-data').textContent)"
    )


def open_with_palette(page: Page, label: str = COMMAND_LABEL, query: str | None = None) -> None:
    """Ctrl+Shift+C, type ``query`` (default: ``label``), Enter on ``label``."""
    page.keyboard.press("Control+Shift+C")
    search = page.locator("#modal-command-palette .lm-CommandPalette-input")
    expect(search).to_be_focused()
    search.fill("")  # the palette keeps the last query: start from none
    page.keyboard.type(query or label)
    expect(
        page.locator("#modal-command-palette .lm-CommandPalette-item.lm-mod-active")
    ).to_have_text(re.compile("^" + re.escape(label)))
    page.keyboard.press("Enter")


def toast(page: Page, message: str):
    """A JupyterLab notification shown as a toast (Notification API)."""
    return page.locator(".jp-toastContainer .jp-toast-message").filter(has_text=message)


def hold_requests(page: Page, url: re.Pattern, method: str) -> list[Route]:
    """Hold ``method`` requests to ``url`` (until ``release``) so the test
    can look at the dialog while they run; other methods pass."""
    held: list[Route] = []

    def handler(route: Route) -> None:
        if route.request.method == method:
            held.append(route)
        else:
            route.continue_()

    page.route(url, handler)
    return held


def release(page: Page, url: re.Pattern, held: list[Route]) -> None:
    deadline = time.monotonic() + 10
    while not held:  # the request leaves after the click's re-render
        assert time.monotonic() < deadline, "the dialog sent no request"
        page.wait_for_timeout(50)
    for route in held:
        route.continue_()
    page.unroute(url)


# ---------------------------------------------------------------- the dialog


def sharing_dialog(page: Page):
    """JupyterLab's Dialog titled "User sharing"."""
    return page.locator(".jp-Dialog").filter(
        has=page.locator(".jp-Dialog-header", has_text=DIALOG_TITLE)
    )


def dialog_root(page: Page):
    """The sharing dialog's Yew root."""
    return sharing_dialog(page).locator(".jp-UserSharing")


def open_from_menu(page: Page) -> None:
    # exact: the name match is a case-insensitive substring match otherwise,
    # and "Open user sharing menu" contains "user sharing".
    page.get_by_role("menuitem", name=MENU_LABEL, exact=True).click()
    page.get_by_role("menuitem", name=COMMAND_LABEL).click()


def open_from_palette(page: Page) -> None:
    page.keyboard.press("Control+Shift+C")
    search = page.locator("#modal-command-palette .lm-CommandPalette-input")
    expect(search).to_be_focused()
    search.fill(COMMAND_LABEL)
    expect(
        page.locator("#modal-command-palette .lm-CommandPalette-item.lm-mod-active")
    ).to_contain_text(COMMAND_LABEL)
    search.press("Enter")


def wait_dialog_state(page: Page, state: str):
    """The open sharing dialog's Yew root, once its data-state is ``state``."""
    dialog = sharing_dialog(page)
    expect(dialog).to_be_visible()
    root = dialog.locator(".jp-UserSharing")
    expect(root).to_have_attribute("data-state", state, timeout=DIALOG_READY_TIMEOUT)
    return root


def wait_state(page: Page, state: str):
    """The dialog's Yew root once its data-state is ``state`` (whatever the
    dialog's title, which may be translated)."""
    root = page.locator(".jp-Dialog .jp-UserSharing")
    expect(root).to_have_attribute("data-state", state, timeout=DIALOG_READY_TIMEOUT)
    return root


def wait_idle(root) -> None:
    """Lists loaded and no change running."""
    expect(root).to_have_attribute("data-state", "ready", timeout=DIALOG_READY_TIMEOUT)
    expect(root).to_have_attribute("aria-busy", "false", timeout=DIALOG_READY_TIMEOUT)


def close_dialog(page: Page) -> None:
    sharing_dialog(page).get_by_role("button", name="Close", exact=True).click()
    expect(page.locator(".jp-UserSharing")).to_have_count(0)
    expect(sharing_dialog(page)).to_have_count(0)


def open_launcher(page: Page) -> None:
    """Open a new Launcher tab from the File menu (the focus may be in a
    cell) and show it: a change of the page's layout."""
    page.get_by_role("menuitem", name="File", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^New Launcher")).click()
    # the new tab is not always the one shown (JupyterLab may hand the focus
    # back to the notebook): select it
    launcher = page.get_by_role("main").get_by_role("tab", name="Launcher").last
    expect(launcher).to_be_visible()
    launcher.click()
    expect(launcher).to_have_attribute("aria-selected", "true")
    # the page may hold other Launchers, in tabs not shown
    expect(page.locator(".jp-Launcher:visible")).to_have_count(1)


def workspace_files(hub: LocalHub, owner: str = "alice") -> dict[str, bytes]:
    """The owner's saved JupyterLab workspaces, by file name."""
    home = hub.tmp / "home" / owner
    return {p.name: p.read_bytes() for p in home.rglob("*.jupyterlab-workspace")}


def workspace_puts(session) -> list[str]:
    """The workspace saves a page sent (JupyterLab saves its layout there)."""
    return [u for m, u, _s in session.responses if m == "PUT" and "/lab/api/workspaces" in u]


def status_line(root):
    """The outcome of the last change (success or failure)."""
    return root.locator(".jp-UserSharing-statusLine")


def share_names(root):
    """The name cells of the people-with-access table, in display order (the
    shares only: not the rows of people connected without a share)."""
    return root.locator("tr:not(.jp-UserSharing-visitor) > th.jp-UserSharing-name")


def link_summary(root):
    return root.locator(".jp-UserSharing-linkSummary")


def error_notice(root):
    """The failed load's notice (not the status line's failed change)."""
    return root.locator(".jp-UserSharing-status > .jp-UserSharing-error[role=alert]")


# ---------------------------------------------------------------- the hub's pages


def parse_time(value: str) -> datetime:
    """A hub timestamp (ISO 8601 UTC with ``Z``)."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def lifetime_at_hub(code: dict) -> float:
    """Seconds between a share code's creation and expiry, at the hub."""
    return (parse_time(code["expires_at"]) - parse_time(code["created_at"])).total_seconds()


def codes_url(hub: LocalHub, owner: str = "alice") -> str:
    return f"{hub.url}hub/api/share-codes/{owner}/"


def is_code_post(hub: LocalHub, owner: str = "alice"):
    url = codes_url(hub, owner)
    return lambda r: r.method == "POST" and r.url == url


def server_url(hub: LocalHub, owner: str, server: str = "") -> str:
    """The server's absolute URL as the hub reports it (the hub's own
    escaping, docs/hub-api.md)."""
    model = (hub.user(owner).get("servers") or {}).get(server)
    assert model and model.get("ready"), f"{owner}/{server} not running: {model}"
    if model["url"].startswith("http"):  # subdomain_host: a host of its own
        return model["url"]
    return f"http://127.0.0.1:{hub.port}{model['url']}"


def server_status(context: BrowserContext, hub: LocalHub, owner: str = "alice") -> int:
    """What ``owner``'s server answers to the context's user now (cookie auth)."""
    r = context.request.get(
        f"{hub.url}user/{owner}/api/status", max_redirects=0, fail_on_status_code=False
    )
    try:
        return r.status
    finally:
        r.dispose()


def hub_form_login(page: Page, hub: LocalHub, user: str) -> None:
    """Fill the hub's login form the page is on."""
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(hub.password)
    page.locator("#login_submit").click()


def is_accept_post(response) -> bool:
    return response.request.method == "POST" and urlparse(response.url).path.endswith(
        "/hub/accept-share"
    )


def accept_invitation(page: Page, hub: LocalHub, user: str, link: str, owner: str = "alice",
                      server: str = "") -> None:
    """``user`` opens the invite link: hub login (unless logged in already)
    -> "Accept sharing invitation" (POST) -> the owner's server -> OAuth
    "Authorize access" -> the owner's JupyterLab."""
    page.goto(link)
    if "/hub/login" in urlparse(page.url).path:
        hub_form_login(page, hub, user)

    # the hub's accept-share.html
    expect(page.get_by_role("heading", name="Accept sharing invitation")).to_be_visible(
        timeout=LOGIN_TIMEOUT
    )
    assert page.url == link
    expect(page.locator("p.lead")).to_contain_text(
        f"You ({user}) have been invited to access {owner}'s server"
    )
    with page.expect_response(is_accept_post) as accepted:
        page.get_by_role("button", name="Accept invitation", exact=True).click()
    assert accepted.value.status == 302, accepted.value

    # the hub's oauth.html, reached through the server -> oauth2/authorize
    expect(page.get_by_role("heading", name="Authorize access")).to_be_visible(
        timeout=LOGIN_TIMEOUT
    )
    assert urlparse(page.url).path == urlparse(hub.url).path + "hub/api/oauth2/authorize", page.url
    assert "client_id=jupyterhub-user-" in page.url, page.url
    page.get_by_role("button", name="Authorize", exact=True).click()

    url = server_url(hub, owner, server)
    page.wait_for_url(re.compile(re.escape(url) + "lab"), timeout=LOGIN_TIMEOUT)
    wait_for_lab(page)
    cfg = page_config(page)
    assert (cfg["hubUser"], cfg["hubServerUser"], cfg["hubServerName"]) == (user, owner, server)
