"""The dialog fits what it holds, end to end on a real hub: on a 1280x800
window, right after opening, the owner sees without scrolling the invite
controls, the newest link and the first five people (alice's server has 3
live links and 8 people), in JupyterLab Light, with the warnings shown
(``showWarnings``, the default) as a condensed line whose details open from
the keyboard.
"""

from __future__ import annotations

import os
import time

import pytest
from playwright.sync_api import expect

from tests.harness.browser import login

from .conftest import running_hub
from .pages import close_dialog, open_from_menu, share_names, wait_dialog_state
from .test_invite import SHARE_BY_NAME

OWNER = "alice"
PEOPLE = [f"reader-{i}" for i in range(1, 9)]
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def layout_hub():
    # with sharing by name: the dialog's fullest form
    with running_hub("layout", users=(OWNER, *PEOPLE), extra_config=SHARE_BY_NAME) as hub:
        yield hub


def visible_in(page, scroller, element) -> bool:
    """Whether ``element``'s box lies inside the visible client rect of
    ``scroller`` (the dialog body that scrolls) and of the window."""
    return page.evaluate(
        """([scroller, el]) => {
            const outer = scroller.getBoundingClientRect();
            const top = outer.top + scroller.clientTop;
            const bottom = top + scroller.clientHeight;
            const box = el.getBoundingClientRect();
            return box.height > 0 && box.top >= top - 0.5 && box.bottom <= bottom + 0.5
                && box.top >= 0 && box.bottom <= window.innerHeight;
        }""",
        [scroller.element_handle(), element.element_handle()],
    )


def test_at_1280x800_the_owner_sees_the_controls_the_newest_link_and_five_people(
    layout_hub, new_session, request
):
    hub = layout_hub
    request.node._e2e_servers = [("jupyterhub log", hub)]
    alice = new_session()
    page = alice.page
    page.set_viewport_size(VIEWPORT)
    login(page, hub, OWNER)
    # (after the spawn: the hub revokes all access when a server starts)
    for name in PEOPLE:
        hub.grant_share(OWNER, name)
        time.sleep(0.05)
    newest = None
    for _ in range(3):
        status, code = hub.api("POST", f"share-codes/{OWNER}/", {"expires_in": 3600})
        assert status == 200, (status, code)
        newest = code["id"]
        time.sleep(1.1)  # distinct creation times, the newest last

    open_from_menu(page)
    root = wait_dialog_state(page, "ready")
    expect(root.locator(".jp-UserSharing-linkTable tbody tr")).to_have_count(3)
    expect(share_names(root)).to_have_count(len(PEOPLE))
    host = page.locator(".jp-Dialog .jp-UserSharing-host")
    assert host.evaluate("e => e.scrollTop") == 0
    if os.environ.get("E2E_LAYOUT_SHOT"):
        page.screenshot(path=os.environ["E2E_LAYOUT_SHOT"])

    controls = [
        root.get_by_label("Share with a user or group"),
        root.get_by_role("button", name="Generate invite link", exact=True),
        root.locator(".jp-UserSharing-lifetimeSelect"),
        root.get_by_role("button", name="Revoke all share links", exact=True),
    ]
    link_rows = root.locator(".jp-UserSharing-linkTable tbody tr")
    newest_row = link_rows.first
    people = share_names(root)
    for name, element in [
        *[(f"control {i}", c) for i, c in enumerate(controls)],
        ("newest link", newest_row),
        *[(f"person {i + 1}", people.nth(i)) for i in range(5)],
    ]:
        expect(element).to_be_visible()
        assert visible_in(page, host, element), f"{name} is not in view without scrolling"
    # the first row of the links table is the newest link the hub lists
    assert newest_row.get_attribute("data-id") == str(newest)

    # the warnings: one line, whose details the keyboard opens (Shift+Tab
    # from the lifetime picker reaches it, Enter opens it)
    details = root.locator("ul.jp-UserSharing-warnings > li")
    expect(details).to_have_count(3)
    expect(details.first).to_be_hidden()
    summary = root.locator(".jp-UserSharing-warningBox > summary")
    expect(summary).to_have_text(
        "Before you share: what invitees can do, and how links and revoking work"
    )
    root.locator(".jp-UserSharing-lifetimeSelect").focus()
    page.keyboard.press("Shift+Tab")
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    expect(details.first).to_be_visible()
    expect(details.first).to_contain_text("Do not keep secrets")
    expect(root).to_be_visible()  # Enter opened the details, not closed the dialog
    close_dialog(page)
    alice.console.assert_clean()
