"""A new session revokes all access, end to end: the hub runs ``configure(c)`` (as every test hub
does, see tests/harness/hub.py) after an admin's own ``pre_spawn_hook``.

bob accepts alice's invite link; alice's server is stopped and started
again; bob's share and the old link are gone (hub API and bob's browser),
and the admin's hook still ran at both spawns.
"""

from __future__ import annotations

import re
import sqlite3

import pytest
from playwright.sync_api import expect

from tests.harness.browser import login
from tests.harness.hub import LocalHub
from tests.harness.procs import HUB5_VENV, VENV_BIN

from .pages import accept_invitation, open_from_menu, server_status, wait_dialog_state


@pytest.fixture(scope="module", params=["hub6", "hub5"])
def helper_hub(tmp_path_factory, request):
    """A hub enabling sharing with configure(c), after an admin's own hook;
    JupyterHub 6.x (``.venv``) and 5.5.x (``.venv-hub5``): the revocation
    uses each one's own database model."""
    hub_venv = VENV_BIN.parent if request.param == "hub6" else HUB5_VENV
    marker = tmp_path_factory.mktemp("admin-hook") / "pre_spawn_hook.log"
    existing_hook = f"""
# An admin's own hook, configured before configure(c): it must keep running.
def existing_pre_spawn_hook(spawner):
    with open({str(marker)!r}, "a") as f:
        f.write(spawner.user.name + "\\n")

c.Spawner.pre_spawn_hook = existing_pre_spawn_hook
"""
    hub = LocalHub(extra_config=existing_hook, cache_max_age=5, hub_venv=hub_venv)
    try:
        hub.start()
        yield hub, marker
    finally:
        hub.stop()


def test_a_new_session_revokes_all_access(helper_hub, extension, new_session):
    hub, marker = helper_hub

    # alice logs in (first spawn) and generates an invite link in the dialog.
    alice = new_session()
    login(alice.page, hub, "alice")
    open_from_menu(alice.page)
    root = wait_dialog_state(alice.page, "ready")
    root.get_by_role("button", name="Generate invite link").click()
    link_input = root.get_by_label("Invite link", exact=True)
    expect(link_input).to_have_count(1)
    link = link_input.input_value()
    assert link.startswith(f"{hub.url}hub/accept-share?code="), link

    # bob accepts it and is in alice's JupyterLab.
    bob = new_session()
    accept_invitation(bob.page, hub, "bob", link)
    assert [s["user"]["name"] for s in hub.list_shares("alice")] == ["bob"]
    assert len(hub.list_share_codes("alice")) == 1
    assert server_status(bob.context, hub) == 200

    # A new session: stop and start alice's server.
    hub.stop_server("alice")
    hub.start_server("alice")
    hub.wait_server_ready("alice")

    # No service and no token do it: the hub revokes in its own database.
    with sqlite3.connect(hub.tmp / "jupyterhub.sqlite") as db:
        services = [name for (name,) in db.execute("SELECT name FROM services")]
        tokens = db.execute("SELECT count(*) FROM api_tokens WHERE service_id IS NOT NULL "
                            "AND service_id NOT IN (SELECT id FROM services WHERE name = 'e2e-admin')"
                            ).fetchone()[0]
    assert services == ["e2e-admin"] and tokens == 0, services
    log = hub.log_path.read_text(errors="replace")
    assert log.count("revoke-on-start is on: each server start deletes its invite links") == 1

    # The hub forgot bob and the link ...
    assert hub.list_shares("alice") == []
    assert hub.list_share_codes("alice") == []
    log = hub.log_path.read_text(errors="replace")
    assert "server alice/ is starting: revoked access of bob and 1 share code(s)" in log, (
        hub.log_tail()
    )
    # ... and so does bob's browser: the new server refuses him ...
    assert server_status(bob.context, hub) == 403
    # ... and the old link leads to the hub's not-found page.
    bob.page.goto(link)
    expect(bob.page.locator("body")).to_contain_text(
        re.compile("Share not found or expired|404 : Not Found")
    )
    assert hub.list_shares("alice") == []

    # The admin's own hook ran at both spawns, before ours.
    assert marker.read_text().splitlines() == ["alice", "alice"]

    # alice's dialog on the new server shows nobody and no link.
    alice.page.reload()
    open_from_menu(alice.page)
    root = wait_dialog_state(alice.page, "ready")
    expect(root).to_contain_text("No one else has access to this server yet.")
    expect(root).to_contain_text("There are no active invite links.")
    expect(root.get_by_label("Invite link", exact=True)).to_have_count(0)
