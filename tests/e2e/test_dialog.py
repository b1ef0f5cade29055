"""Opening the dialog end to end: the hub and JupyterLab run, the User
sharing menu and the command palette open the Yew dialog, it loads real data
from the JupyterHub sharing API, the wasm is loaded lazily, and outside
JupyterHub the dialog says so.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.harness.browser import login, wait_for_lab
from tests.harness.hub import LocalHub
from tests.harness.procs import marked_pids

from .conftest import TIMINGS, Session
from .pages import (
    COMMAND_LABEL,
    DIALOG_READY_TIMEOUT,
    MENU_LABEL,
    NO_HUB_TEXT,
    NO_SHARES_TEXT,
    close_dialog,
    open_from_menu,
    open_from_palette,
    page_config,
    wait_dialog_state,
)


# ---------------------------------------------------------------- helpers


def is_wasm(url: str) -> bool:
    return urlparse(url).path.endswith(".wasm")


def is_shares_get(owner: str):
    def pred(response) -> bool:
        return response.request.method == "GET" and urlparse(response.url).path.endswith(
            f"/hub/api/shares/{owner}/"
        )

    return pred


# ---------------------------------------------------------------- the hub


def test_alice_logs_in_and_jupyterlab_loads(hub, new_session):
    s: Session = new_session()
    page = s.page
    t0 = time.monotonic()
    login(page, hub, "alice", wait_lab=False)
    page.wait_for_url(re.compile(r"/user/alice/lab"), timeout=90_000)
    t1 = time.monotonic()
    wait_for_lab(page)
    t2 = time.monotonic()
    TIMINGS["login + spawn until /user/alice/lab (s)"] = t1 - t0
    TIMINGS["JupyterLab load after spawn (s)"] = t2 - t1

    assert urlparse(page.url).path == "/user/alice/lab"
    expect(page.locator("#jp-menu-panel")).to_be_visible()
    expect(page.get_by_role("menuitem", name="File", exact=True)).to_be_visible()

    # what the extension relies on (docs/hub-api.md)
    cfg = page_config(page)
    assert cfg["hubUser"] == "alice"
    assert cfg["hubServerUser"] == "alice"
    assert cfg["hubServerName"] == ""
    assert cfg["hubPrefix"] == "/hub/"
    assert cfg["token"]

    server = hub.user("alice")["servers"][""]
    assert server["ready"]
    s.console.assert_clean()


def test_menu_opens_dialog_with_no_shares(hub, extension, alice_lab):
    page = alice_lab.page
    assert hub.list_shares("alice") == []

    expect(page.get_by_role("menuitem", name=MENU_LABEL, exact=True)).to_be_visible()
    with page.expect_response(is_shares_get("alice"), timeout=DIALOG_READY_TIMEOUT) as shares:
        t0 = time.monotonic()
        open_from_menu(page)
    assert shares.value.status == 200, shares.value.url

    root = wait_dialog_state(page, "ready")
    TIMINGS.setdefault("dialog first open until ready (s)", time.monotonic() - t0)
    expect(root).to_contain_text(NO_SHARES_TEXT)

    close_dialog(page)
    alice_lab.console.assert_clean()


def test_command_palette_opens_dialog(hub, extension, alice_lab):
    page = alice_lab.page
    open_from_palette(page)
    wait_dialog_state(page, "ready")
    close_dialog(page)
    alice_lab.console.assert_clean()


def test_dialog_lists_real_shares(hub, extension, alice_lab):
    page = alice_lab.page
    try:
        open_from_menu(page)
        root = wait_dialog_state(page, "ready")
        expect(root).to_contain_text(NO_SHARES_TEXT)
        close_dialog(page)

        hub.grant_share("alice", "bob")
        assert [s["user"]["name"] for s in hub.list_shares("alice")] == ["bob"]

        with page.expect_response(is_shares_get("alice"), timeout=DIALOG_READY_TIMEOUT) as r:
            open_from_menu(page)
        assert r.value.status == 200
        root = wait_dialog_state(page, "ready")
        rows = root.locator("table").get_by_role("row").filter(has_text="bob")
        expect(rows).to_have_count(1)
        expect(root).not_to_contain_text(NO_SHARES_TEXT)
        close_dialog(page)
    finally:
        hub.revoke_all_shares("alice")
    alice_lab.console.assert_clean()


def test_wasm_is_loaded_on_first_open_only(hub, extension, alice_lab):
    page = alice_lab.page
    # let everything JupyterLab loads at start arrive before judging
    page.wait_for_load_state("networkidle", timeout=30_000)
    before = [u for u in alice_lab.response_urls() if is_wasm(u)]
    assert before == [], f"wasm fetched at JupyterLab start: {before}"

    open_from_menu(page)
    wait_dialog_state(page, "ready")
    after = [u for u in alice_lab.response_urls() if is_wasm(u)]
    assert len(after) == 1, after
    assert "jupyterlab-user-sharing" in after[0], after
    close_dialog(page)

    # second open in the same page: the module is already instantiated
    open_from_menu(page)
    wait_dialog_state(page, "ready")
    close_dialog(page)
    assert len([u for u in alice_lab.response_urls() if is_wasm(u)]) == 1
    alice_lab.console.assert_clean()


def test_the_menu_opening_starts_the_dialog_before_the_click(hub, extension, alice_lab):
    """Opening the User sharing menu fetches the wasm and starts the hub
    requests; the open that follows takes them (one list request, not two)."""
    page = alice_lab.page
    page.wait_for_load_state("networkidle", timeout=30_000)
    assert [u for u in alice_lab.response_urls() if is_wasm(u)] == []
    with page.expect_response(is_shares_get("alice"), timeout=DIALOG_READY_TIMEOUT):
        page.get_by_role("menuitem", name=MENU_LABEL, exact=True).click()
    assert len([u for u in alice_lab.response_urls() if is_wasm(u)]) == 1
    expect(page.locator(".jp-UserSharing")).to_have_count(0)  # no dialog yet
    page.get_by_role("menuitem", name=COMMAND_LABEL).click()
    wait_dialog_state(page, "ready")
    assert len(shares_gets(alice_lab)) == 1, shares_gets(alice_lab)
    close_dialog(page)
    alice_lab.console.assert_clean()


def shares_gets(session: Session, owner: str = "alice") -> list[str]:
    return [u for m, u, _s in session.responses
            if m == "GET" and urlparse(u).path.endswith(f"/hub/api/shares/{owner}/")]


def test_the_palette_highlighting_the_command_starts_the_dialog(hub, extension, alice_lab):
    """The command highlighted in the palette (before Enter): the wasm is
    fetched and the hub requests start; Enter opens the dialog on them."""
    page = alice_lab.page
    page.wait_for_load_state("networkidle", timeout=30_000)
    search = page.locator("#modal-command-palette .lm-CommandPalette-input")
    active = page.locator("#modal-command-palette .lm-CommandPalette-item.lm-mod-active")
    for _attempt in range(3):  # JupyterLab still settling may take the focus back
        page.keyboard.press("Control+Shift+C")
        try:
            expect(search).to_be_visible(timeout=5_000)
            search.fill("Open user sharing menu", timeout=5_000)
            break
        except (AssertionError, PlaywrightTimeout):
            continue
    expect(active).to_contain_text("Open user sharing menu")
    deadline = time.monotonic() + DIALOG_READY_TIMEOUT / 1000
    while not shares_gets(alice_lab) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert len(shares_gets(alice_lab)) == 1, "no list request before Enter"
    assert len([u for u in alice_lab.response_urls() if is_wasm(u)]) == 1
    search.press("Enter")
    wait_dialog_state(page, "ready")
    assert len(shares_gets(alice_lab)) == 1, shares_gets(alice_lab)
    close_dialog(page)
    alice_lab.console.assert_clean()


# ---------------------------------------------------------------- no hub


def test_plain_jupyterlab_says_hub_needed(extension, plain_lab_page):
    page = plain_lab_page.page
    open_from_menu(page)
    root = wait_dialog_state(page, "no-hub")
    expect(root).to_contain_text(NO_HUB_TEXT)
    # no hub means no hub API call at all
    assert not [u for u in plain_lab_page.response_urls() if "/hub/api/" in u]
    close_dialog(page)
    plain_lab_page.console.assert_clean()


def test_plain_jupyterlab_loads_without_console_errors(plain_lab_page):
    expect(plain_lab_page.page.locator("#jp-menu-panel")).to_be_visible()
    plain_lab_page.console.assert_clean()


# ---------------------------------------------------------------- harness


def test_hub_with_base_url_stops_without_orphans():
    """The harness itself: a second hub under a base_url spawns a server
    through the API, and stop() leaves no process of it behind."""
    hub = LocalHub(base_url="/jupyter/", cache_max_age=10)
    with hub:
        assert hub.url.endswith("/jupyter/")
        hub.start_server("carol")
        server = hub.wait_server_ready("carol")
        assert server["url"] == "/jupyter/user/carol/"
        procs = marked_pids(hub.marker)
        assert len(procs) >= 3  # hub, proxy, single-user server
    assert marked_pids(hub.marker) == []
    assert hub.proc.returncode is not None
