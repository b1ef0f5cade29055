"""The sharing story, end to end on a real JupyterHub, once per
hub version (6.x from .venv, 5.5.x from .venv-hub5; the single-user servers
always run from .venv):

 1. alice generates an invite link in the dialog;
 2. bob opens it, logs in, accepts, authorizes, and lands in alice's JupyterLab;
 3. bob's dialog there is the invitee view;
 4. carol does the same with the same link;
 5. alice's Refresh lists carol and bob (newest first), the link was used twice;
 6. Copy link puts the link on the clipboard;
 7. alice revokes bob: the hub forgets him, alice's server refuses him once
    its auth cache (``HubOAuth.cache_max_age``) has expired;
 8. Revoke All users: the same for carol;
 9. Revoke all share links: the hub forgets the link, dave gets the hub's
    not-found page and no access;
10. no console errors on alice's page; on bob's and carol's only the 403s
    alice's server answers after their access was revoked.

The steps are test functions run in order on one module-scoped hub and one
set of browser contexts per hub version; when a step fails, the later steps
of that version are skipped (the failure names the step).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, expect

from tests.harness.browser import (
    ConsoleWatcher,
    ignore_patterns,
    login,
)
from tests.harness.hub import LocalHub
from tests.harness.procs import HUB5_VENV

from .conftest import DEFAULT_TIMEOUT_MS, KNOWN_NOISE, TIMINGS, Session
from .pages import (
    DIALOG_READY_TIMEOUT,
    NO_SHARES_TEXT,
    accept_invitation,
    server_status,
    close_dialog,
    hub_form_login,
    hold_requests,
    link_summary,
    open_from_menu,
    open_launcher,
    parse_time,
    release,
    share_names,
    sharing_dialog,
    status_line,
    wait_dialog_state,
    workspace_files,
    workspace_puts,
)

# HubOAuth.cache_max_age of the single-user servers: how long a revoked user
# keeps access at most (docs/hub-api.md). Short, so the story can wait it out.
CACHE_MAX_AGE = 5
# Extra time allowed on top of it before a revoked user must be refused.
REVOCATION_MARGIN = 15.0
POLL_INTERVAL = 0.1

DEFAULT_LINK_LIFETIME = 3600  # setting linkLifetimeSeconds, default

# id -> (major version, hub environment; None = .venv)
HUBS = {
    "jupyterhub6": (6, None),
    "jupyterhub5": (5, HUB5_VENV),
}

# The page the hub shows for a dead invite link (docs/hub-api.md).
NOT_FOUND_HEADING = {6: "404 : Share not found or expired", 5: "404 : Not Found"}

# The hub's OAuth page for a user without access to alice's server.
OAUTH_REFUSED_HEADING = {
    6: "403 : You do not have permission to access Server at /user/alice/",
    5: "403 : Forbidden",
}

# What the browser logs when alice's server refuses a revoked visitor: each
# refused request of the visitor's still open JupyterLab page, and the 403
# page alice's server (jupyterhub-singleuser) serves on reload, is logged by
# Chromium itself as this network error. Only accepted on bob's and carol's
# pages, only after their access was revoked, and only for URLs of alice's
# server (checked in step 10).
REFUSED_AFTER_REVOCATION = re.compile(
    r"^Failed to load resource: the server responded with a status of 403 \(Forbidden\)$"
)

# dave's hub pages: the not-found page of the dead link, the refused OAuth step.
HUB_ERROR_PAGE = re.compile(
    r"^Failed to load resource: the server responded with a status of "
    r"(404 \(Not Found\)|403 \(Forbidden\))$"
)

TIME_CELL = re.compile(r"\d{4}.*\d{1,2}:\d{2}.*\((now|\d+ minutes? ago)\)$")


# ---------------------------------------------------------------- the story


@dataclass
class Story:
    hub: LocalHub
    major: int
    browser: Browser
    sessions: dict[str, Session] = field(default_factory=dict)
    # the same list object is handed to every step's report (conftest)
    session_list: list[Session] = field(default_factory=list)
    link: str | None = None
    failed: str | None = None
    # console entries of a visitor's page before their access was revoked
    console_mark: dict[str, int] = field(default_factory=dict)
    revocation_delay: dict[str, float] = field(default_factory=dict)

    def session(self, user: str, **context_kwargs) -> Session:
        if user not in self.sessions:
            ctx = self.browser.new_context(**context_kwargs)
            ctx.set_default_timeout(DEFAULT_TIMEOUT_MS)
            page = ctx.new_page()
            watcher = ConsoleWatcher(ignore=ignore_patterns(KNOWN_NOISE)).attach(page)
            s = Session(ctx, page, watcher)
            page.on(
                "response", lambda r: s.responses.append((r.request.method, r.url, r.status))
            )
            self.sessions[user] = s
            self.session_list.append(s)
        return self.sessions[user]

    @property
    def alice(self) -> Session:
        return self.sessions["alice"]

    def dialog_root(self):
        return sharing_dialog(self.alice.page).locator(".jp-UserSharing")

    def close(self) -> None:
        for s in self.sessions.values():
            try:
                s.context.close()
            except Exception:
                pass


@pytest.fixture(scope="module", params=list(HUBS))
def story(request, browser):
    major, venv = HUBS[request.param]
    hub = LocalHub(cache_max_age=CACHE_MAX_AGE, users=("dave",), hub_venv=venv)
    st = Story(hub, major, browser)
    try:
        hub.start()
        TIMINGS[f"hub start, {request.param} (s)"] = hub.start_seconds
        yield st
    finally:
        st.close()
        hub.stop()


@pytest.fixture(autouse=True)
def step(story, request):
    """Attach the story's hub log and pages to a failing step's report, and
    skip the rest of a story once a step failed."""
    request.node._e2e_servers = [("jupyterhub log", story.hub)]
    request.node._e2e_sessions = story.session_list
    if story.failed:
        pytest.skip(f"an earlier step of this story failed: {story.failed}")
    yield
    rep = getattr(request.node, "_e2e_rep_call", None)
    if rep is None or not rep.passed:
        story.failed = request.node.name


# ---------------------------------------------------------------- helpers


def wait_refused(s: Session, hub: LocalHub, since: float) -> float:
    """Poll alice's server as ``s``'s user until it refuses (403); bounded by
    the cache age + a margin. Returns seconds since ``since``."""
    deadline = since + CACHE_MAX_AGE + REVOCATION_MARGIN
    while True:
        status = server_status(s.context, hub)
        now = time.monotonic()
        if status != 200:
            assert status == 403, f"expected 403 from alice's server, got {status}"
            return now - since
        assert now < deadline, (
            f"still allowed in {now - since:.1f} s after revocation "
            f"(cache_max_age {CACHE_MAX_AGE} s)"
        )
        time.sleep(POLL_INTERVAL)


def shares_url(hub: LocalHub) -> re.Pattern:
    return re.compile("^" + re.escape(f"{hub.url}hub/api/shares/alice/") + "$")


# ---------------------------------------------------------------- steps


def test_01_alice_generates_invite_link(story: Story, extension):
    hub = story.hub
    version = hub.version()
    assert int(version.split(".")[0]) == story.major, version
    print(f"\nJupyterHub {version} (single-user servers: jupyterhub-singleuser from .venv)")

    alice = story.session(
        "alice", permissions=["clipboard-read", "clipboard-write"]
    )
    page = alice.page
    login(page, hub, "alice")
    open_from_menu(page)
    root = wait_dialog_state(page, "ready")

    warnings = root.locator("ul.jp-UserSharing-warnings > li")
    expect(warnings).to_have_count(3)
    expect(warnings.nth(0)).to_contain_text("file")
    expect(warnings.nth(1)).to_contain_text("until it expires")
    expect(warnings.nth(2)).to_contain_text("stop the server")
    expect(root).to_contain_text(NO_SHARES_TEXT)
    expect(link_summary(root)).to_have_text("There are no active invite links.")
    expect(root.get_by_label("Invite link", exact=True)).to_have_count(0)
    assert hub.list_share_codes("alice") == []

    # the link lifetime picker starts at the setting's default
    expect(root.get_by_label("Valid for", exact=True)).to_have_value(str(DEFAULT_LINK_LIFETIME))

    generate = root.get_by_role("button", name="Generate invite link")
    codes_url = re.compile("^" + re.escape(f"{hub.url}hub/api/share-codes/alice/") + "$")
    held = hold_requests(page, codes_url, "POST")
    with page.expect_response(
        lambda r: r.request.method == "POST" and codes_url.match(r.url)
    ) as created:
        generate.click()
        # disabled while the hub works on it
        expect(generate).to_be_disabled()
        release(page, codes_url, held)
    assert created.value.status == 200
    code = created.value.json()

    link_input = root.get_by_label("Invite link", exact=True)
    expect(link_input).to_have_count(1)
    expect(link_input).not_to_be_editable()
    expect(link_input).to_have_class(re.compile(r"\bjp-UserSharing-linkInput\b"))
    assert code["full_accept_url"], code
    assert code["full_accept_url"].startswith(f"{hub.url}hub/accept-share?code="), code
    expect(link_input).to_have_value(code["full_accept_url"])
    story.link = link_input.input_value()

    codes = hub.list_share_codes("alice")
    assert [c["id"] for c in codes] == [code["id"]], codes
    assert codes[0]["exchange_count"] == 0
    lifetime = (parse_time(codes[0]["expires_at"]) - parse_time(codes[0]["created_at"]))
    assert abs(lifetime.total_seconds() - DEFAULT_LINK_LIFETIME) < 60, codes[0]

    expect(root).to_have_attribute("data-state", "ready")
    expect(generate).to_be_enabled()
    expect(link_summary(root)).to_have_text("1 active invite link. Accepted 0 times in all.")
    expect(root.get_by_role("button", name="Copy link")).to_be_visible()
    alice.console.assert_clean()


def test_02_bob_accepts_invitation(story: Story):
    bob = story.session("bob")
    t0 = time.monotonic()
    accept_invitation(bob.page, story.hub, "bob", story.link)
    TIMINGS.setdefault("invite link -> invitee in JupyterLab (s)", time.monotonic() - t0)
    assert [s["user"]["name"] for s in story.hub.list_shares("alice")] == ["bob"]
    assert server_status(bob.context, story.hub) == 200
    bob.console.assert_clean()


def test_03_bob_sees_invitee_view(story: Story, extension):
    bob = story.sessions["bob"]
    page = bob.page
    open_from_menu(page)
    root = wait_dialog_state(page, "invitee")
    expect(root.locator(".jp-UserSharing-notice")).to_have_text(
        "This server belongs to alice and was shared with you. "
        "Only alice can manage who has access."
    )
    # no management; only leaving
    expect(root.get_by_role("button")).to_have_text(["Leave this server"])
    # the invitee view asks the hub nothing
    assert not [u for u in bob.response_urls() if "/hub/api/shares" in u or "/share-codes" in u]
    close_dialog(page)
    bob.console.assert_clean()


def test_04_carol_accepts_invitation(story: Story):
    carol = story.session("carol")
    accept_invitation(carol.page, story.hub, "carol", story.link)
    assert sorted(s["user"]["name"] for s in story.hub.list_shares("alice")) == ["bob", "carol"]
    assert server_status(carol.context, story.hub) == 200
    open_from_menu(carol.page)
    wait_dialog_state(carol.page, "invitee")
    close_dialog(carol.page)
    carol.console.assert_clean()


def test_04b_invitees_leave_alices_workspace_alone(story: Story):
    """Without access levels too, an invitee's JupyterLab keeps its layout
    in the page: it never saves over the owner's workspace."""
    before = workspace_files(story.hub)
    carol = story.sessions["carol"]
    open_launcher(carol.page)
    carol.page.wait_for_timeout(3000)  # JupyterLab saves its workspace a moment after a change
    assert workspace_puts(carol) == []
    assert workspace_puts(story.sessions["bob"]) == []
    assert workspace_files(story.hub) == before
    carol.console.assert_clean()


def test_05_alice_refresh_lists_bob_and_carol(story: Story):
    root = story.dialog_root()
    # bob and carol are connected to alice's server now: the dialog reloads
    # its list by itself for people online whom it does not name (they have
    # just accepted), and marks them
    expect(share_names(root)).to_have_text(["carol", "bob"], timeout=DIALOG_READY_TIMEOUT)
    for name in ("bob", "carol"):
        expect(root.locator("tbody tr", has=root.page.locator(
            "th.jp-UserSharing-name", has_text=name)).locator(".jp-UserSharing-onlineNow")
        ).to_have_text("Online now")

    root.get_by_role("button", name="Refresh", exact=True).click()
    expect(root).to_have_attribute("data-state", "ready", timeout=DIALOG_READY_TIMEOUT)
    table = root.get_by_role("table", name="Users and groups who can open this server")
    expect(table).to_be_visible()
    expect(share_names(root)).to_have_text(["carol", "bob"])  # newest first
    times = root.locator("td.jp-UserSharing-time")
    expect(times).to_have_count(2)
    for cell in times.all():
        expect(cell).to_have_text(TIME_CELL)
    expect(root).not_to_contain_text(NO_SHARES_TEXT)
    for name in ("bob", "carol"):
        expect(root.get_by_role("button", name=f"Revoke access of {name}", exact=True)).to_be_enabled()
    expect(root.get_by_role("button", name="Revoke All users", exact=True)).to_be_enabled()

    shares = story.hub.list_shares("alice")
    newest_first = sorted(shares, key=lambda s: parse_time(s["created_at"]), reverse=True)
    assert [s["user"]["name"] for s in newest_first] == ["carol", "bob"]
    codes = story.hub.list_share_codes("alice")
    assert [c["exchange_count"] for c in codes] == [2], codes
    expect(link_summary(root)).to_have_text("1 active invite link. Accepted 2 times in all.")
    story.alice.console.assert_clean()


def test_06_copy_link_puts_it_on_the_clipboard(story: Story):
    page = story.alice.page
    root = story.dialog_root()
    page.evaluate("() => navigator.clipboard.writeText('not the link')")
    assert page.evaluate("() => navigator.clipboard.readText()") == "not the link"

    root.get_by_role("button", name="Copy link", exact=True).click()
    expect(status_line(root)).to_have_text("Link copied to the clipboard.")
    assert page.evaluate("() => navigator.clipboard.readText()") == story.link
    story.alice.console.assert_clean()


def test_07_alice_revokes_bob(story: Story):
    hub, page, root = story.hub, story.alice.page, story.dialog_root()
    bob = story.sessions["bob"]
    bob.console.assert_clean()
    story.console_mark["bob"] = len(bob.console.entries)
    # bob uses the server just before: his token is (re)cached there now
    assert server_status(bob.context, hub) == 200

    url = shares_url(hub)
    held = hold_requests(page, url, "PATCH")
    with page.expect_response(lambda r: r.request.method == "PATCH" and url.match(r.url)) as r:
        root.get_by_role("button", name="Revoke access of bob", exact=True).click()
        # every change button is disabled while the hub works on it
        for name in ("Revoke access of bob", "Revoke access of carol", "Revoke All users",
                     "Generate invite link"):
            expect(root.get_by_role("button", name=name, exact=True)).to_be_disabled()
        release(page, url, held)
    revoked_at = time.monotonic()
    assert r.value.status == 200
    assert json.loads(r.value.request.post_data) == {"user": "bob"}

    expect(status_line(root)).to_contain_text("Access of bob was revoked.")
    expect(share_names(root)).to_have_text(["carol"])
    expect(root).to_have_attribute("data-state", "ready")
    assert [s["user"]["name"] for s in hub.list_shares("alice")] == ["carol"]

    delay = wait_refused(bob, hub, revoked_at)
    story.revocation_delay["bob"] = delay
    TIMINGS[f"bob refused after revoke, hub {story.major} (s)"] = delay
    print(f"\nhub {story.major}: bob refused {delay:.2f} s after the revocation "
          f"(cache_max_age {CACHE_MAX_AGE} s)")

    # and his JupyterLab does not load any more
    bob.page.reload()
    expect(bob.page.locator("h1")).to_have_text("403 : Forbidden")
    expect(bob.page.locator("body")).to_contain_text("user bob is not allowed")
    story.alice.console.assert_clean()


def test_08_alice_revokes_all_users(story: Story):
    hub, page, root = story.hub, story.alice.page, story.dialog_root()
    carol = story.sessions["carol"]
    carol.console.assert_clean()
    story.console_mark["carol"] = len(carol.console.entries)

    root.get_by_role("button", name="Revoke All users", exact=True).click()
    expect(root).to_contain_text("Revoke the access of every user and group listed here?")
    # Cancel first: nothing happens
    root.get_by_role("button", name="Cancel", exact=True).click()
    expect(share_names(root)).to_have_text(["carol"])
    assert [s["user"]["name"] for s in hub.list_shares("alice")] == ["carol"]

    root.get_by_role("button", name="Revoke All users", exact=True).click()
    url = shares_url(hub)
    # carol uses the server just before: her token is (re)cached there now
    assert server_status(carol.context, hub) == 200
    with page.expect_response(lambda r: r.request.method == "DELETE" and url.match(r.url)) as r:
        root.get_by_role("button", name="Yes, revoke", exact=True).click()
    revoked_at = time.monotonic()
    assert r.value.status == 204

    expect(status_line(root)).to_contain_text("Everyone's access was revoked.")
    # no share is listed (whoever still has a page open for a moment is a
    # row of someone connected without a share)
    expect(share_names(root)).to_have_count(0)
    people = root.get_by_role("table", name="Users and groups who can open this server")
    for row in people.locator("tbody tr").all():
        expect(row).to_contain_text("No share: an admin, a member of a shared group, or just revoked")
    expect(root.get_by_role("button", name="Revoke All users")).to_have_count(0)
    assert hub.list_shares("alice") == []

    delay = wait_refused(carol, hub, revoked_at)
    story.revocation_delay["carol"] = delay
    TIMINGS[f"carol refused after revoke all, hub {story.major} (s)"] = delay
    print(f"\nhub {story.major}: carol refused {delay:.2f} s after Revoke All users "
          f"(cache_max_age {CACHE_MAX_AGE} s)")
    carol.page.reload()
    expect(carol.page.locator("h1")).to_have_text("403 : Forbidden")
    expect(carol.page.locator("body")).to_contain_text("user carol is not allowed")
    story.alice.console.assert_clean()


def test_09_revoke_all_links_and_the_old_link_is_dead(story: Story):
    hub, page, root = story.hub, story.alice.page, story.dialog_root()

    root.get_by_role("button", name="Revoke all share links", exact=True).click()
    expect(root).to_contain_text("Revoke every invite link of this server?")
    codes_url = re.compile("^" + re.escape(f"{hub.url}hub/api/share-codes/alice/") + "$")
    with page.expect_response(
        lambda r: r.request.method == "DELETE" and codes_url.match(r.url)
    ) as r:
        root.get_by_role("button", name="Yes, revoke", exact=True).click()
    assert r.value.status == 204

    expect(status_line(root)).to_have_text("All invite links were revoked; they no longer work.")
    expect(link_summary(root)).to_have_text("There are no active invite links.")
    expect(root.get_by_label("Invite link", exact=True)).to_have_count(0)
    expect(root.get_by_role("button", name="Copy link")).to_have_count(0)
    expect(root.get_by_role("button", name="Revoke all share links")).to_be_disabled()
    assert hub.list_share_codes("alice") == []

    # dave, new on the hub, gets the old link
    dave = story.session("dave")
    dave.page.goto(story.link)
    expect(dave.page).to_have_url(re.compile(r"/hub/login\?next="))
    hub_form_login(dave.page, hub, "dave")
    expect(dave.page).to_have_url(story.link)
    expect(dave.page.locator("h1")).to_have_text(NOT_FOUND_HEADING[story.major])
    if story.major == 5:
        expect(dave.page.locator("body")).not_to_contain_text("Share not found")
    expect(dave.page.get_by_role("button", name="Accept invitation")).to_have_count(0)
    assert hub.list_shares("alice") == []
    assert server_status(dave.context, hub) == 403
    # opening alice's server ends at the hub's OAuth page, refused
    dave.page.goto(f"{hub.url}user/alice/lab")
    expect(dave.page.locator("h1")).to_have_text(OAUTH_REFUSED_HEADING[story.major])
    assert urlparse(dave.page.url).path == "/hub/api/oauth2/authorize", dave.page.url
    story.alice.console.assert_clean()


def test_10_no_console_errors(story: Story):
    story.alice.console.assert_clean()
    alice_server = f"{story.hub.url}user/alice/"
    problems = []
    for user in ("bob", "carol"):
        s = story.sessions[user]
        mark = story.console_mark[user]
        for i, e in enumerate(s.console.entries):
            allowed = (
                i >= mark
                and e.kind == "console"
                and REFUSED_AFTER_REVOCATION.match(e.text)
                and e.location.startswith(alice_server)
            )
            if not allowed:
                problems.append(f"{user}: {e}")
    # dave only saw the hub's own error pages (404 for the dead link, 403 at
    # the OAuth step), which Chromium logs as failed document loads.
    hub_pages = f"{story.hub.url}hub/"
    for e in story.sessions["dave"].console.entries:
        if not (
            e.kind == "console"
            and HUB_ERROR_PAGE.match(e.text)
            and e.location.startswith(hub_pages)
        ):
            problems.append(f"dave: {e}")
    assert not problems, "console errors:\n" + "\n".join(problems)
    for user in ("bob", "carol", "dave"):
        entries = story.sessions[user].console.entries
        print(f"\n{user}'s page: {len(entries)} expected error(s): "
              + "; ".join(f"{e.text} [{e.location[:80]}]" for e in entries))
