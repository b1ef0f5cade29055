"""Working together after accepting, end to end on real hubs under a base
URL (JupyterHub 6.x from .venv, 5.5.x from .venv-hub5; the single-user
servers run JupyterLab with jupyter-collaboration from .venv), each person in
their own browser context:

* bob accepts alice's invite link carrying JupyterHub's ``next`` parameter
  and lands on the notebook it names (a folder and file name with a space,
  ``#``, ``?`` and a non-ASCII letter);
* alice has the same notebook open; bob types in a cell and alice sees the
  text within 2 s (and the other way round);
* alice's sharing dialog marks bob **Online now** (jupyter-collaboration's
  awareness, through the shim), and the mark goes when bob's page closes;
* the tokens JupyterLab holds: alice's may manage sharing of her server and
  end her own access elsewhere; bob's on alice's server may end his own
  access (``users:shares!user``, which ``configure(c)`` lets through) and
  nothing else about sharing.
"""

from __future__ import annotations

import re
import time
from urllib.parse import quote, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.harness.browser import LOGIN_TIMEOUT, login, wait_for_lab
from tests.harness.hub import LocalHub, seg
from tests.harness.procs import HUB5_VENV

from .conftest import DEFAULT_TIMEOUT_MS, TIMINGS, running_hub
from .pages import close_dialog, open_from_menu, share_names, wait_dialog_state

# id -> (hub environment, base URL); None = .venv
HUBS = {
    "jupyterhub6": (None, "/jupyter/"),
    "jupyterhub5": (HUB5_VENV, "/jh5/"),
}

FOLDER = "shared work"
NOTEBOOK = "Collab #1 ü?.ipynb"
PATH = f"{FOLDER}/{NOTEBOOK}"

# What the issue promises: the other person sees a change within 2 s.
LIVE_WITHIN_MS = 2_000


def encode_path(path: str) -> str:
    """Each part like encodeURIComponent, the slashes kept (JupyterLab's URLExt.encodeParts)."""
    return "/".join(quote(part, safe="!'()*~") for part in path.split("/"))


def empty_notebook() -> dict:
    return {
        "type": "notebook",
        "format": "json",
        "content": {
            "cells": [{"cell_type": "code", "source": "", "metadata": {}, "outputs": [],
                       "execution_count": None}],
            # a kernel named up front: no "Select Kernel" dialog over the cells
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
    }


@pytest.fixture(scope="module", params=list(HUBS))
def collab_hub(request):
    venv, base_url = HUBS[request.param]
    with running_hub(f"{request.param}, base URL", base_url=base_url, hub_venv=venv) as hub:
        yield hub


def put_notebook(hub: LocalHub) -> None:
    """The notebook, written into alice's home through her server's contents API."""
    status, body = hub.server_api("alice", "PUT", f"api/contents/{seg(FOLDER)}",
                                  {"type": "directory"})
    assert status in (200, 201), (status, body)
    status, body = hub.server_api("alice", "PUT", f"api/contents/{encode_path(PATH)}",
                                  empty_notebook())
    assert status in (200, 201), (status, body)


def link_opening(hub: LocalHub, path: str) -> tuple[str, str]:
    """A new invite link of alice's server whose ``next`` opens ``path``, and that path's URL."""
    status, code = hub.api("POST", "share-codes/alice/", {"expires_in": 3600})
    assert status == 200, (status, code)
    file_url = f"{code['server']['url']}lab/tree/{encode_path(path)}"
    return f"{code['full_accept_url']}&next={quote(file_url, safe='')}", file_url


def accept(page: Page, hub: LocalHub, user: str, link: str) -> None:
    """``user`` opens the link logged out: hub login -> Accept -> Authorize."""
    page.goto(link)
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(hub.password)
    page.locator("#login_submit").click()
    expect(page.get_by_role("heading", name="Accept sharing invitation")).to_be_visible(
        timeout=LOGIN_TIMEOUT
    )
    page.get_by_role("button", name="Accept invitation", exact=True).click()
    expect(page.get_by_role("heading", name="Authorize access")).to_be_visible(
        timeout=LOGIN_TIMEOUT
    )
    page.get_by_role("button", name="Authorize", exact=True).click()


# y-protocols forgets a silent peer after 30 s; a closed connection sooner.
AWARENESS_TIMEOUT_MS = 45_000


def online_mark(root, name: str):
    """The Online now mark in the people table's row of ``name``."""
    row = root.locator("tbody tr").filter(
        has=root.page.locator("th.jp-UserSharing-name", has_text=re.compile(f"^{name}$"))
    )
    return row.locator(".jp-UserSharing-onlineNow")


def current_tab(page: Page):
    return page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel")


def first_cell(page: Page):
    return page.locator(".jp-NotebookPanel:visible .jp-Cell .cm-content").first


def token_scopes(page: Page) -> list[str]:
    """The scopes of the token JupyterLab holds in this page, as the hub reports them."""
    return page.evaluate(
        """async () => {
            const c = JSON.parse(document.getElementById('jupyter-config-data').textContent);
            const r = await fetch(location.origin + c.hubPrefix + 'api/user', {
                headers: {Authorization: 'token ' + c.token}, credentials: 'omit'});
            return (await r.json()).scopes;
        }"""
    )


def type_and_time(writer: Page, reader: Page, text: str, within_ms: int) -> float:
    """``writer`` types ``text`` at the end of the first cell; seconds until
    ``reader`` shows it (at most ``within_ms``)."""
    cell = first_cell(writer)
    cell.click()
    writer.keyboard.press("Control+End")
    writer.keyboard.type(text)
    expect(cell).to_contain_text(text)
    t0 = time.monotonic()
    expect(first_cell(reader)).to_contain_text(text, timeout=within_ms)
    return time.monotonic() - t0


def test_an_invitee_edits_the_notebook_the_link_opened_together_with_the_owner(
    collab_hub, new_session, request
):
    hub = collab_hub
    request.node._e2e_servers = [("jupyterhub log", hub)]
    alice = new_session()
    login(alice.page, hub, "alice")
    put_notebook(hub)
    link, file_url = link_opening(hub, PATH)
    assert urlparse(file_url).path == f"{hub.base_url}user/alice/lab/tree/{encode_path(PATH)}"

    alice.page.goto(f"http://127.0.0.1:{hub.port}{file_url}")
    wait_for_lab(alice.page)
    expect(current_tab(alice.page)).to_have_text(NOTEBOOK)

    bob = new_session()
    accept(bob.page, hub, "bob", link)
    bob.page.wait_for_url(re.compile(re.escape(file_url) + "$"), timeout=LOGIN_TIMEOUT)
    wait_for_lab(bob.page)
    expect(current_tab(bob.page)).to_have_text(NOTEBOOK)

    # The first keystroke may wait for both pages to join the document's
    # room; from then on a change must arrive within LIVE_WITHIN_MS.
    type_and_time(bob.page, alice.page, "#", DEFAULT_TIMEOUT_MS)
    seconds = type_and_time(bob.page, alice.page, " print('typed by bob')", LIVE_WITHIN_MS)
    TIMINGS[f"bob's keystrokes on alice's page, {hub.base_url} (s)"] = seconds
    type_and_time(alice.page, bob.page, " and alice", LIVE_WITHIN_MS)
    expect(first_cell(alice.page)).to_have_text("# print('typed by bob') and alice")

    # alice's dialog: bob is here now; alice, the owner, is not a row
    open_from_menu(alice.page)
    root = wait_dialog_state(alice.page, "ready")
    expect(root.locator("thead th", has_text="Connected")).to_have_count(1)
    expect(share_names(root)).to_have_text(["bob"])
    expect(online_mark(root, "bob")).to_have_text("Online now")
    # bob goes: the hub still lists his share, no longer online (the
    # awareness drops a closed connection's state)
    bob.console.assert_clean()
    bob.page.close()
    expect(online_mark(root, "bob")).to_have_count(0, timeout=AWARENESS_TIMEOUT_MS)
    expect(share_names(root)).to_have_text(["bob"])
    close_dialog(alice.page)

    alice.console.assert_clean()


def test_an_invitees_token_may_leave_and_nothing_more_the_owners_may_share(
    collab_hub, new_session, request
):
    hub = collab_hub
    request.node._e2e_servers = [("jupyterhub log", hub)]
    alice = new_session()
    login(alice.page, hub, "alice")
    carol = new_session()
    accept(carol.page, hub, "carol", link_opening(hub, PATH)[0])
    wait_for_lab(carol.page)

    owner = token_scopes(alice.page)
    assert "shares!server=alice/" in owner, owner
    assert "users:shares!user=alice" in owner, owner

    invitee = token_scopes(carol.page)
    assert "users:shares!user=carol" in invitee, invitee
    assert [s for s in invitee if s.split("!")[0] in ("shares", "read:shares")] == [], invitee
    assert [s for s in invitee if "alice" in s.split("!", 1)[-1]] == [
        "access:servers!server=alice/"
    ], invitee
