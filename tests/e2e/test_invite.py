"""Precise invitations end to end, on real hubs under a base URL (JupyterHub
6.x from .venv, 5.5.x from .venv-hub5), each person in their own browser
context:

* every link of alice's server is a row of her dialog with its use count;
  Revoke link on one leaves the hub with the others, and the revoked link
  gives the hub's not-found page;
* on a hub configured with ``configure(c, share_by_name=True)``, alice
  shares with bob by name and with a group; an unknown name gets its
  sentence. bob opens her server without any link. dave, a member of the
  group, is refused by her server: JupyterHub (5.5.4 and 6.1.1 measured)
  leaves group shares out of a member's OAuth token (``get_scopes_for`` adds
  only the owner's direct shares to a token's owner scopes), and the dialog
  says so when the owner shares with a group;
* carol, an invitee, uses Leave this server: she lands on the hub's home
  page, the hub has no share for her, and alice's server refuses her once
  its auth cache (``HubOAuth.cache_max_age``) has expired.
"""

from __future__ import annotations

import re
import time
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.harness.browser import login, wait_for_lab
from tests.harness.hub import LocalHub
from tests.harness.procs import HUB5_VENV, ROOT

from .conftest import TIMINGS, running_hub
from .pages import (
    accept_invitation,
    close_dialog,
    hub_form_login,
    open_from_menu,
    page_config,
    server_status,
    status_line,
    wait_dialog_state,
    wait_idle,
)

# id -> (hub environment, base URL, major version); None = .venv
HUBS = {
    "jupyterhub6": (None, "/jupyter/", 6),
    "jupyterhub5": (HUB5_VENV, "/jh5/", 5),
}

# The server's auth cache, short so a test can wait it out.
CACHE_MAX_AGE = 5
REVOCATION_MARGIN = 15.0

# The admin's one call, with sharing by name; the harness's own call after
# it is harmless (configure merges).
SHARE_BY_NAME = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from jupyterlab_user_sharing.hub import configure
configure(c, share_by_name=True)
"""

# The page the hub shows for a dead invite link.
NOT_FOUND_HEADING = {6: "404 : Share not found or expired", 5: "404 : Not Found"}


@pytest.fixture(scope="module", params=list(HUBS))
def invite_hub(request):
    venv, base_url, major = HUBS[request.param]
    with running_hub(f"{request.param}, base URL", base_url=base_url, hub_venv=venv,
                     cache_max_age=CACHE_MAX_AGE, users=("dave", "erin"),
                     extra_config=SHARE_BY_NAME) as hub:
        hub.major = major
        yield hub


def new_link(hub: LocalHub) -> dict:
    """A link of alice's server, made through the hub's API."""
    status, code = hub.api("POST", "share-codes/alice/", {"expires_in": 3600})
    assert status == 200, (status, code)
    return code


def link_row(root, code_id: str):
    return root.locator(f".jp-UserSharing-linkTable tbody tr[data-id='{code_id}']")


def test_every_link_is_a_row_with_its_uses_and_revoke_link_ends_just_that_one(
    invite_hub, new_session, extension, request
):
    hub = invite_hub
    request.node._e2e_servers = [("jupyterhub log", hub)]
    alice = new_session()
    login(alice.page, hub, "alice")
    codes = [new_link(hub) for _ in range(3)]
    used, revoked, kept = codes
    bob = new_session()
    accept_invitation(bob.page, hub, "bob", used["full_accept_url"])

    open_from_menu(alice.page)
    root = wait_dialog_state(alice.page, "ready")
    rows = root.locator(".jp-UserSharing-linkTable tbody tr")
    expect(rows).to_have_count(3)
    expect(link_row(root, used["id"]).locator(".jp-UserSharing-uses")).to_have_text("1")
    expect(link_row(root, revoked["id"]).locator(".jp-UserSharing-uses")).to_have_text("0")
    expect(link_row(root, revoked["id"])).to_contain_text("Not yet")
    expect(root).to_contain_text("only links made in this window can be copied")

    with alice.page.expect_response(
        lambda r: r.request.method == "DELETE" and f"?id={revoked['id']}" in r.url
    ) as deleted:
        link_row(root, revoked["id"]).get_by_role("button", name=re.compile("^Revoke the link created ")).click()
    assert deleted.value.status == 204
    expect(status_line(root)).to_have_text("The invite link was revoked; it no longer works.")
    wait_idle(root)
    expect(rows).to_have_count(2)
    assert sorted(c["id"] for c in hub.list_share_codes("alice")) == sorted(
        [used["id"], kept["id"]]
    )
    close_dialog(alice.page)

    dave = new_session()
    dave.page.goto(revoked["full_accept_url"])
    hub_form_login(dave.page, hub, "dave")
    expect(dave.page.locator("h1")).to_have_text(NOT_FOUND_HEADING[hub.major])
    expect(dave.page.get_by_role("button", name="Accept invitation")).to_have_count(0)
    alice.console.assert_clean()


def test_an_invitee_leaves_lands_on_the_hub_home_and_is_refused(
    invite_hub, new_session, extension, request
):
    hub = invite_hub
    request.node._e2e_servers = [("jupyterhub log", hub)]
    hub.start_server("alice")
    hub.wait_server_ready("alice")
    carol = new_session()
    accept_invitation(carol.page, hub, "carol", new_link(hub)["full_accept_url"])
    assert "carol" in [s["user"]["name"] for s in hub.list_shares("alice") if s["user"]]

    open_from_menu(carol.page)
    root = wait_dialog_state(carol.page, "invitee")
    root.get_by_role("button", name="Leave this server", exact=True).click()
    expect(root).to_contain_text("Leave alice's server? Your access ends now")
    with carol.page.expect_response(
        lambda r: r.request.method == "DELETE" and "/shared/alice/" in r.url
    ) as left:
        root.get_by_role("button", name="Leave", exact=True).click()
    since = time.monotonic()
    assert left.value.status == 204
    assert left.value.url == f"{hub.url}hub/api/users/carol/shared/alice/"
    carol.page.wait_for_url(f"{hub.url}hub/home")
    assert "carol" not in [s["user"]["name"] for s in hub.list_shares("alice") if s["user"]]

    while (status := server_status(carol.context, hub)) == 200:
        assert time.monotonic() < since + CACHE_MAX_AGE + REVOCATION_MARGIN, (
            "alice's server still lets carol in"
        )
        time.sleep(0.2)
    assert status == 403
    TIMINGS[f"refused after leaving, {hub.base_url} (s)"] = time.monotonic() - since


def share_by_name(root, kind: str, name: str) -> None:
    root.get_by_label("Share with a user or group", exact=True).fill(name)
    root.get_by_role("radio", name=kind, exact=True).check()
    root.get_by_role("button", name="Share", exact=True).click()


def opens_alice_lab(session, hub: LocalHub, user: str) -> None:
    """``user`` logs in and opens alice's server by its address, no link."""
    page = session.page
    page.goto(f"{hub.url}user/alice/lab")
    hub_form_login(page, hub, user)
    # the hub asks once per user and server: not again after an earlier visit
    page.wait_for_url(re.compile(r"/user/alice/lab|/hub/api/oauth2/authorize"))
    if "/oauth2/authorize" in page.url:
        page.get_by_role("button", name="Authorize", exact=True).click()
    wait_for_lab(page)
    assert page_config(session.page)["hubUser"] == user


def test_share_by_name_with_a_user_and_a_group_who_open_the_server_without_a_link(
    invite_hub, new_session, extension, request
):
    hub = invite_hub
    request.node._e2e_servers = [("jupyterhub log", hub)]
    hub.revoke_all_shares("alice")
    status, body = hub.api("POST", "groups/staff", {"users": ["dave"]})
    assert status == 201, (status, body)
    alice = new_session()
    login(alice.page, hub, "alice")
    open_from_menu(alice.page)
    root = wait_dialog_state(alice.page, "ready")

    share_by_name(root, "User", "zed")
    expect(status_line(root)).to_have_text(
        "There is no user zed on this hub. Check the spelling: user names are usually lowercase."
    )
    wait_idle(root)
    share_by_name(root, "User", "bob")
    address = f"http://127.0.0.1:{hub.port}{hub.base_url}user/alice/"
    expect(status_line(root)).to_have_text(
        "bob can now open this server. The hub does not tell them: "
        f"send them its address, {address}"
    )
    wait_idle(root)
    share_by_name(root, "Group", "staff")
    expect(status_line(root)).to_contain_text(
        "The hub now lists the group staff. Note that this JupyterHub does not let a group's "
        "members open a shared server from their browser"
    )
    wait_idle(root)
    expect(root.locator("th.jp-UserSharing-name")).to_have_text(["staff (group)", "bob"])
    shared = {(s["kind"], (s["user"] or s["group"])["name"]) for s in hub.list_shares("alice")}
    assert shared == {("user", "bob"), ("group", "staff")}
    # Chromium itself logs the hub's 400 for zed as a failed resource load;
    # nothing else may be on alice's console
    assert [(e.text, e.location.split(":0")[0]) for e in alice.console.entries] == [
        (
            "Failed to load resource: the server responded with a status of 400 (Bad Request)",
            f"{hub.url}hub/api/shares/alice/",
        )
    ]

    opens_alice_lab(new_session(), hub, "bob")
    # the hub's own limit: a group member gets the Authorize page, and then
    # alice's server refuses the token it issued
    dave = new_session()
    dave.page.goto(f"{hub.url}user/alice/lab")
    hub_form_login(dave.page, hub, "dave")
    dave.page.wait_for_url(re.compile(r"/user/alice/lab|/hub/api/oauth2/authorize"))
    if "/oauth2/authorize" in dave.page.url:
        dave.page.get_by_role("button", name="Authorize", exact=True).click()
    expect(dave.page.locator("body")).to_contain_text("user dave is not allowed.")


NOTEBOOK_DIR = "week 1"
NOTEBOOK = "Notes #2 é?.md"


def test_a_link_made_with_open_file_lands_the_invitee_on_that_file(
    invite_hub, new_session, extension, request
):
    hub = invite_hub
    request.node._e2e_servers = [("jupyterhub log", hub)]
    alice = new_session()
    login(alice.page, hub, "alice")
    path = f"{NOTEBOOK_DIR}/{NOTEBOOK}"
    encoded = "/".join(quote(part, safe="!'()*~") for part in path.split("/"))
    for api_path, model in (
        (quote(NOTEBOOK_DIR, safe=""), {"type": "directory"}),
        (encoded, {"type": "file", "format": "text", "content": "# notes"}),
    ):
        status, body = hub.server_api("alice", "PUT", f"api/contents/{api_path}", model)
        assert status in (200, 201), (status, body)
    # a Markdown file: it opens in the editor, with no kernel to pick
    file_url = f"{hub.url}user/alice/lab/tree/{encoded}"
    alice.page.goto(file_url)
    wait_for_lab(alice.page)
    expect(alice.page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")).to_contain_text(NOTEBOOK)

    open_from_menu(alice.page)
    root = wait_dialog_state(alice.page, "ready")
    root.get_by_label(f"Open {NOTEBOOK} after accepting", exact=True).check()
    root.get_by_role("button", name="Generate invite link", exact=True).click()
    link = root.locator(".jp-UserSharing-linkInput").first.input_value()
    assert "&next=" in link, link
    close_dialog(alice.page)

    # erin, new to alice's server (the hub asks to authorize only once)
    erin = new_session()
    accept_invitation(erin.page, hub, "erin", link)
    assert erin.page.url == file_url
    expect(erin.page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")).to_contain_text(NOTEBOOK)
    alice.console.assert_clean()
