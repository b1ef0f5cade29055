"""Settings end to end: ``linkLifetimeSeconds`` changed in JupyterLab's
Settings Editor is what the dialog sends to the hub (no reload); settings
present at start (REST API, then load) turn the warnings off, set the
lifetime and turn auto-refresh on.

Alice's settings changed here are restored after each test (through her
server's settings API), and her shares and links are removed, so the other
test modules on the package hub see the defaults.
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from .conftest import TIMINGS
from .pages import (
    close_dialog,
    is_code_post,
    lifetime_at_hub,
    open_from_menu,
    settle_lab,
    wait_dialog_state,
    wait_idle,
)

PLUGIN = "jupyterlab-user-sharing:plugin"


def test_lifetime_from_settings_editor_is_sent_to_hub(
    hub, extension, alice_settings, alice_clean, alice_lab
):
    """The Settings Editor shows the lifetimes and refresh intervals by name
    (15 minutes ... 1 week; Off, Every 10 seconds ...), not as bare seconds;
    Invite link lifetime "1 day" -> (no reload) the dialog preselects 1 day
    and POSTs expires_in 86400; the hub's code lives a day."""
    page = alice_lab.page
    settle_lab(page)
    alice_settings.track(PLUGIN)
    alice_settings.track_workspace()
    assert alice_settings.get(PLUGIN)["settings"].get("linkLifetimeSeconds", 3600) == 3600

    page.locator("#jp-menu-panel").get_by_role("menuitem", name="Settings", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Settings Editor")).click()
    page.locator(".jp-PluginList-entry").filter(has_text=re.compile(r"^User sharing$")).click()
    lifetime = page.locator(f'select[id="jp-SettingsEditor-{PLUGIN}_linkLifetimeSeconds"]')
    expect(lifetime).to_be_visible()
    # readable choices (the schema's oneOf titles), not bare seconds
    expect(lifetime.locator("option")).to_have_text(
        ["15 minutes", "1 hour", "4 hours", "1 day", "1 week"]
    )
    assert lifetime.evaluate("e => e.selectedOptions[0].textContent") == "1 hour"
    refresh = page.locator(f'select[id="jp-SettingsEditor-{PLUGIN}_autoRefreshSeconds"]')
    expect(refresh.locator("option")).to_have_text(
        ["Off", "Every 10 seconds", "Every 30 seconds", "Every minute", "Every 5 minutes"]
    )
    assert refresh.evaluate("e => e.selectedOptions[0].textContent") == "Off"
    settings_url = f"{hub.url}user/alice/lab/api/settings/{PLUGIN}"
    with page.expect_response(
        lambda r: r.request.method == "PUT" and r.url.split("?")[0] == settings_url
    ) as saved:
        lifetime.select_option(label="1 day")
    assert saved.value.status == 204
    assert alice_settings.get(PLUGIN)["settings"]["linkLifetimeSeconds"] == 86400

    open_from_menu(page)
    root = wait_dialog_state(page, "ready")
    picker = root.get_by_label("Valid for", exact=True)
    expect(picker).to_have_value("86400")
    assert picker.evaluate("e => e.selectedOptions[0].textContent") == "1 day"

    with page.expect_request(is_code_post(hub)) as posted:
        root.get_by_role("button", name="Generate invite link").click()
    assert posted.value.post_data_json == {"expires_in": 86400}
    assert posted.value.response().status == 200
    expect(root.get_by_label("Invite link", exact=True)).to_have_count(1)
    codes = hub.list_share_codes("alice")
    assert len(codes) == 1, codes
    assert abs(lifetime_at_hub(codes[0]) - 86400) < 60, codes[0]
    wait_idle(root)
    close_dialog(page)
    alice_lab.console.assert_clean()


def test_settings_at_start_warnings_lifetime_auto_refresh(
    hub, extension, alice_settings, alice_clean, alice_session
):
    """Settings saved before JupyterLab loads: showWarnings false hides the
    warnings, linkLifetimeSeconds 900 is preselected and sent, and
    autoRefreshSeconds 10 shows a new share without any click."""
    alice_settings.put(
        PLUGIN, {"showWarnings": False, "linkLifetimeSeconds": 900, "autoRefreshSeconds": 10}
    )
    s = alice_session()
    page = s.page
    open_from_menu(page)
    root = wait_dialog_state(page, "ready")
    expect(root.locator(".jp-UserSharing-warnings")).to_have_count(0)
    expect(root).not_to_contain_text("Everyone you share with")
    # the rest of the dialog is all there
    expect(root.get_by_role("heading", name="Invite links")).to_be_visible()
    expect(root.get_by_role("heading", name="People with access")).to_be_visible()
    expect(root.get_by_label("Valid for", exact=True)).to_have_value("900")

    with page.expect_request(is_code_post(hub)) as posted:
        root.get_by_role("button", name="Generate invite link").click()
    assert posted.value.post_data_json == {"expires_in": 900}
    wait_idle(root)
    (code,) = hub.list_share_codes("alice")
    assert abs(lifetime_at_hub(code) - 900) < 60, code

    # auto-refresh: bob appears by himself within one interval (+ margin)
    t0 = time.monotonic()
    hub.grant_share("alice", "bob")
    expect(root.locator("th.jp-UserSharing-name")).to_have_text(["bob"], timeout=20_000)
    TIMINGS["auto-refresh (10 s) showed a new share after (s)"] = time.monotonic() - t0
    close_dialog(page)
    s.console.assert_clean()

