"""The whole invitation story on a hub with per-user subdomains
(``JupyterHub.subdomain_host``): the hub at ``hub.test``, alice's server at
``alice.hub.test``, each its own origin.

Chromium resolves ``hub.test`` and ``*.hub.test`` to 127.0.0.1
(``--host-resolver-rules``) and treats them as secure contexts, so that the
clipboard exists on plain http (``--unsafely-treat-insecure-origin-as-secure``).

What it proves: the dialog calls the hub API on the page's own origin
(``alice.hub.test/hub/api/...``: the proxy sends it to the hub, no CORS
needed), the invite link points at the hub's host, bob accepts it there and
lands in alice's JupyterLab on her subdomain, alice sees him and revokes him,
and no page logs an error (a blocked cross-origin call would).
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.harness.browser import ConsoleWatcher, ignore_patterns, launch_browser, login
from tests.harness.hub import LocalHub
from tests.harness.procs import HUB5_VENV, VENV_BIN

from .conftest import DEFAULT_TIMEOUT_MS, KNOWN_NOISE, Session
from .pages import (
    accept_invitation,
    open_from_menu,
    page_config,
    share_names,
    status_line,
    wait_dialog_state,
)

HOST = "hub.test"


@pytest.fixture(scope="module", params=["hub6", "hub5"])
def subdomain_hub(request):
    """JupyterHub 6.x (``.venv``) and 5.5.x (``.venv-hub5``)."""
    hub_venv = VENV_BIN.parent if request.param == "hub6" else HUB5_VENV
    with LocalHub(subdomain_host=HOST, hub_venv=hub_venv) as hub:
        yield hub


@pytest.fixture(scope="module")
def alice_server_origin(subdomain_hub):
    """alice's server runs on her own host; its origin, from the hub."""
    subdomain_hub.start_server("alice")
    return origin(subdomain_hub.wait_server_ready("alice")["url"])


@pytest.fixture(scope="module")
def subdomain_browser(playwright_instance, subdomain_hub, alice_server_origin):
    args = subdomain_hub.chromium_args(secure_origins=[alice_server_origin])
    browser = launch_browser(playwright_instance, extra_args=args)
    yield browser
    browser.close()


@pytest.fixture
def session(subdomain_browser):
    made = []

    def make(permissions=()) -> Session:
        ctx = subdomain_browser.new_context()
        ctx.set_default_timeout(DEFAULT_TIMEOUT_MS)
        if permissions:
            ctx.grant_permissions(list(permissions))
        page = ctx.new_page()
        s = Session(ctx, page, ConsoleWatcher(ignore=ignore_patterns(KNOWN_NOISE)).attach(page))
        page.on("request", lambda r: s.responses.append((r.method, r.url, 0)))
        made.append(s)
        return s

    yield make
    for s in made:
        s.context.close()


def origin(url: str) -> str:
    parts = urlparse(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_the_invitation_story_on_per_user_subdomains(
    subdomain_hub, alice_server_origin, session, extension
):
    hub = subdomain_hub
    hub_origin = origin(hub.browser_url)
    assert hub_origin == f"http://{HOST}:{hub.port}"

    # alice logs in on the hub's host and lands on her own subdomain
    alice = session(permissions=["clipboard-read", "clipboard-write"])
    login(alice.page, hub, "alice")
    alice_origin = origin(alice.page.url)
    assert alice_origin == alice_server_origin != hub_origin, alice_origin
    assert alice_origin.endswith(f".{HOST}:{hub.port}"), alice_origin
    cfg = page_config(alice.page)
    assert cfg["hubHost"] == hub_origin, cfg["hubHost"]

    # the dialog loads from the hub API on alice's own origin (same-origin)
    before_dialog = len(alice.responses)
    open_from_menu(alice.page)
    root = wait_dialog_state(alice.page, "ready")

    def dialog_api_calls():
        return [u for _m, u, _s in alice.responses[before_dialog:] if "/hub/api/" in u]

    assert dialog_api_calls(), alice.responses
    assert {origin(url) for url in dialog_api_calls()} == {alice_origin}, dialog_api_calls()

    # the invite link points at the hub's host
    root.get_by_role("button", name="Generate invite link").click()
    link_input = root.get_by_label("Invite link", exact=True)
    expect(link_input).to_have_count(1)
    link = link_input.input_value()
    assert link.startswith(f"{hub_origin}/hub/accept-share?code="), link
    expect(root.locator(".jp-UserSharing-expiry")).to_contain_text("(in 1 hour)")

    # Copy link: alice's subdomain is a secure context here, the clipboard works
    alice.page.evaluate("() => navigator.clipboard.writeText('not the link')")
    root.get_by_role("button", name="Copy link").click()
    expect(status_line(root)).to_have_text("Link copied to the clipboard.")
    assert alice.page.evaluate("() => navigator.clipboard.readText()") == link

    # bob accepts on the hub's host and lands in alice's JupyterLab on her subdomain
    bob = session()
    accept_invitation(bob.page, hub, "bob", link)
    assert origin(bob.page.url) == alice_origin, bob.page.url
    assert [s["user"]["name"] for s in hub.list_shares("alice")] == ["bob"]

    # alice sees bob and revokes him, all through her own origin
    root.get_by_role("button", name="Refresh").click()
    expect(share_names(root)).to_have_text(["bob"])
    root.get_by_role("button", name="Revoke access of bob").click()
    expect(status_line(root)).to_contain_text("Access of bob was revoked.")
    # no share listed (bob, whose page is still open, can be a row of someone
    # connected without a share)
    expect(share_names(root)).to_have_count(0)
    assert hub.list_shares("alice") == []
    assert {origin(url) for url in dialog_api_calls()} == {alice_origin}, dialog_api_calls()
    assert ("PATCH", f"{alice_origin}/hub/api/shares/alice/") in [
        (m, u) for m, u, _s in alice.responses
    ]

    alice.console.assert_clean()
    bob.console.assert_clean()
