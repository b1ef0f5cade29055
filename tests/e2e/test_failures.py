"""Failures, bad input and security, end to end on a real hub.

One JupyterHub 6.x mounted under ``/jupyter/`` (``c.JupyterHub.base_url``)
serves most tests; its proxy runs outside the hub (``restartable=True``) so
the hub alone can be stopped and started again while the proxy and the
single-user servers keep running. A JupyterHub 5.5 hub serves the named
server whose name has a space and non-ASCII letters (6.x refuses such names).

- the whole story under a base URL, and the invitee's JupyterLab never asks
  the management endpoints;
- owners named like an e-mail address and in Unicode; a named server
  "my notebook ü" on 5.5;
- a group named ``<img src=x onerror=alert(1)>`` is shown as text;
- the dialog under the tightest Content-Security-Policy JupyterLab runs
  with, and no script of ours needs more than 'self' + 'wasm-unsafe-eval';
- the share code is never stored, logged or put in the page URL;
- two tabs of one owner; a fast double click creates one code;
- the hub stops while the dialog is open: a clear message, the last lists
  kept and marked stale; the hub comes back: Refresh recovers.

Every test checks the browser console (only errors the test provokes itself
are allowed, each by URL and text).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.harness.browser import (
    LOGIN_TIMEOUT,
    ConsoleWatcher,
    ignore_patterns,
    wait_for_lab,
)
from tests.harness.hub import LocalHub, seg
from tests.harness.procs import HUB5_VENV, VENV_BIN

from .conftest import DEFAULT_TIMEOUT_MS, KNOWN_NOISE, TIMINGS, Session
from .pages import (
    DIALOG_READY_TIMEOUT,
    NO_SHARES_TEXT,
    accept_invitation,
    close_dialog,
    error_notice,
    hub_form_login,
    open_from_menu,
    page_config,
    server_url,
    share_names,
    status_line,
    wait_dialog_state,
)

BASE_URL = "/jupyter/"
EMAIL_OWNER = "first.last@example.org"
UNICODE_OWNER = "zoë-李"
CSP_OWNER = "erin"
XSS_GROUP = "<img src=x onerror=alert(1)>"
XSS_USER = "\"'><svg onload=alert(2)>"
# 5.x accepts it; 6.x only takes lowercase slugs (docs/hub-api.md)
ODD_SERVER = "my notebook ü"

CLIPBOARD = ["clipboard-read", "clipboard-write"]

# The dialog's sentences (crates/user-sharing-ui/src/strings.rs).
STALE_TEXT = "The list below may be out of date: it is the last one loaded."
HUB_PROBLEM_503 = "JupyterHub had a problem (HTTP 503). Try again in a moment."
HUB_TIMEOUT = "JupyterHub did not answer in time. Try again in a moment."
TIMEOUT_MS = 15_000  # the dialog's per-request timeout (host.rs DEFAULT_TIMEOUT_MS)

# Chromium's own console line for a failed subresource request.
FAILED_RESOURCE = re.compile(
    r"^Failed to load resource: the server responded with a status of (\d{3})"
)


# JupyterLab's notification toasts close after a few seconds: every page
# records the text and markup of each toast it showed, so a test can check
# them however slow the machine is.
RECORD_TOASTS = """
window.__toasts = [];
new MutationObserver(() => {
  for (const t of document.querySelectorAll('.Toastify__toast')) {
    const seen = {text: t.textContent, html: t.innerHTML};
    if (!window.__toasts.some(x => x.html === seen.html)) window.__toasts.push(seen);
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


def wait_toast(page: Page, text: str) -> dict:
    """The first toast the page showed whose text contains ``text``."""
    handle = page.wait_for_function(
        "t => window.__toasts.find(x => x.text.includes(t))", arg=text
    )
    return handle.json_value()


@pytest.fixture(autouse=True, scope="module")
def patient_expect():
    """A loaded 2-core machine: expect() waits up to 15 s here (default 5 s)."""
    before = expect._timeout  # None: Playwright's default
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=before)


# ---------------------------------------------------------------- sessions


@dataclass
class Tab:
    """One browser page, with its console and every request it sent."""

    session: Session
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, url, type

    @property
    def page(self) -> Page:
        return self.session.page

    @property
    def console(self) -> ConsoleWatcher:
        return self.session.console


def watch(page: Page, session: Session) -> Tab:
    tab = Tab(session)
    page.on(
        "request", lambda r: tab.requests.append((r.method, r.url, r.resource_type))
    )
    return tab


class Browsers:
    """Browser contexts of one test; closed after it. ``state`` caches each
    user's logged-in cookies for the module."""

    def __init__(self, browser: Browser, states: dict, node):
        self.browser = browser
        self.states = states
        self.node = node
        self.sessions: list[Session] = []

    def context(self, user: str | None = None, **kwargs):
        ctx = self.browser.new_context(
            storage_state=self.states.get(user) if user else None, **kwargs
        )
        ctx.set_default_timeout(DEFAULT_TIMEOUT_MS)
        ctx.add_init_script(RECORD_TOASTS)
        return ctx

    def tab(self, ctx) -> Tab:
        page = ctx.new_page()
        watcher = ConsoleWatcher(ignore=ignore_patterns(KNOWN_NOISE)).attach(page)
        s = Session(ctx, page, watcher)
        page.on("response", lambda r: s.responses.append((r.request.method, r.url, r.status)))
        self.sessions.append(s)
        self.node._e2e_sessions = self.sessions
        return watch(page, s)

    def new(self, user: str | None = None, **kwargs) -> Tab:
        return self.tab(self.context(user, **kwargs))

    def close(self) -> None:
        seen = set()
        for s in self.sessions:
            if id(s.context) not in seen:
                seen.add(id(s.context))
                try:
                    s.context.close()
                except Exception:
                    pass


# ---------------------------------------------------------------- hubs


def csp_config(policy: str, report_only: str) -> str:
    return (
        "c.ServerApp.tornado_settings = "
        + repr({"headers": {"Content-Security-Policy": policy,
                            "Content-Security-Policy-Report-Only": report_only}})
        + "\n"
    )


def jupyterlab_inline_script_hashes() -> list[str]:
    """CSP hashes of the inline scripts of JupyterLab's page template (the
    one that removes ``?token=`` from the URL); data blocks
    (``type="application/json"``) are not scripts and need none."""
    html = (VENV_BIN.parent / "share/jupyter/lab/static/index.html").read_text()
    hashes = []
    for m in re.finditer(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", html, re.S):
        if "src=" in m.group("attrs") or "application/json" in m.group("attrs"):
            continue
        assert "{{" not in m.group("body"), "inline script with template values"
        digest = hashlib.sha256(m.group("body").encode()).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode() + "'")
    assert hashes, "JupyterLab's template has no inline script any more: drop the hash"
    return hashes


# The tightest policy JupyterLab 4.6 runs under (measured): its bundles need
# 'unsafe-eval' (ajv compiles the settings schemas with new Function) and
# inline <style> (style-loader), and its page has one inline script (allowed
# by hash). 'unsafe-eval' also allows WebAssembly, so a second, report-only
# policy tells whether any script needs more than 'self' + 'wasm-unsafe-eval'.
def csp_policies() -> tuple[str, str]:
    hashes = " ".join(jupyterlab_inline_script_hashes())
    enforced = (
        f"default-src 'self'; script-src 'self' 'unsafe-eval' {hashes}; "
        "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; "
        "frame-ancestors 'self'"
    )
    strict = f"script-src 'self' 'wasm-unsafe-eval' {hashes}"
    return enforced, strict


@dataclass
class World:
    hub: LocalHub
    states: dict = field(default_factory=dict)
    # bob's pages in the base-URL story, for the invitee request check
    invitee_tabs: list[Tab] = field(default_factory=list)
    invitee_server: str = ""


@pytest.fixture(scope="module")
def world():
    hub = LocalHub(
        base_url=BASE_URL,
        restartable=True,
        users=(EMAIL_OWNER, UNICODE_OWNER, CSP_OWNER, "dave"),
        extra_config="c.JupyterHub.allow_named_servers = True",
    )
    try:
        hub.start()
        TIMINGS["hub start, base_url /jupyter/ (s)"] = hub.start_seconds
        # erin's server runs under a Content-Security-Policy: her home's
        # jupyter_server_config.py (HOME is her home dir for the spawner)
        conf = hub.tmp / "home" / CSP_OWNER / ".jupyter"
        conf.mkdir(parents=True)
        (conf / "jupyter_server_config.py").write_text(csp_config(*csp_policies()))
        yield World(hub)
    finally:
        hub.stop()


@pytest.fixture(scope="module")
def hub5():
    hub = LocalHub(
        hub_venv=HUB5_VENV,
        users=(EMAIL_OWNER,),
        extra_config="c.JupyterHub.allow_named_servers = True",
    )
    try:
        hub.start()
        yield hub
    finally:
        hub.stop()


@pytest.fixture
def browsers(browser, world, request):
    request.node._e2e_servers = [("jupyterhub log", world.hub)]
    b = Browsers(browser, world.states, request.node)
    yield b
    b.close()


# ---------------------------------------------------------------- helpers


def hub_login(page: Page, hub: LocalHub, user: str, next_url: str) -> None:
    """Log in on the hub's form, going to ``next_url`` (a path) afterwards."""
    page.goto(f"{hub.url}hub/login?next={quote(next_url, safe='')}")
    hub_form_login(page, hub, user)


def owner_lab(b: Browsers, hub: LocalHub, owner: str, server: str = "", **ctx_kwargs) -> Tab:
    """``owner``'s JupyterLab on their running (or now spawned) server; the
    owner's hub cookies are kept for the module."""
    if owner not in b.states:
        tab = b.new(**ctx_kwargs)
        if not server:
            hub.start_server(owner)
            hub.wait_server_ready(owner)
        url = server_url(hub, owner, server)
        hub_login(tab.page, hub, owner, urlparse(url).path + "lab")
        tab.page.wait_for_url(re.compile(re.escape(url) + "lab"), timeout=LOGIN_TIMEOUT)
        wait_for_lab(tab.page, timeout=LOGIN_TIMEOUT)
        b.states[owner] = tab.session.context.storage_state()
        return tab
    tab = b.new(owner, **ctx_kwargs)
    url = server_url(hub, owner, server)
    tab.page.goto(url + "lab")
    wait_for_lab(tab.page)
    return tab


def open_dialog(tab: Tab, state: str = "ready"):
    open_from_menu(tab.page)
    return wait_dialog_state(tab.page, state)


def generate(root, page: Page, hub: LocalHub) -> dict:
    """Click Generate invite link; returns the hub's answer (with ``code``)."""
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/hub/api/share-codes/" in r.url
    ) as created:
        root.get_by_role("button", name="Generate invite link").click()
    assert created.value.status == 200, created.value
    code = created.value.json()
    expect(root.get_by_label("Invite link", exact=True).first).to_have_value(
        code["full_accept_url"]
    )
    expect(root).to_have_attribute("data-state", "ready", timeout=DIALOG_READY_TIMEOUT)
    return code


def refresh(root) -> None:
    root.get_by_role("button", name="Refresh", exact=True).click()


def hub_names(hub: LocalHub, owner: str, server: str = "") -> list[str]:
    return sorted(
        (s["user"] or s["group"])["name"] for s in hub.list_shares(owner, server)
    )


def management_requests(tab: Tab, hub_prefix: str) -> list[str]:
    """Requests a page sent to the hub API other than the OAuth navigation."""
    out = []
    for method, url, kind in tab.requests:
        path = urlparse(url).path
        if not path.startswith(hub_prefix + "api/"):
            continue
        if kind == "document" and path == hub_prefix + "api/oauth2/authorize":
            continue
        out.append(f"{method} {url} ({kind})")
    return out


# ---------------------------------------------------------------- tests


def test_whole_story_under_a_base_url(world: World, browsers: Browsers, extension):
    """Generate, accept, list, revoke on a hub at /jupyter/."""
    hub = world.hub
    alice = owner_lab(browsers, hub, "alice")
    assert urlparse(alice.page.url).path == "/jupyter/user/alice/lab"
    assert page_config(alice.page)["hubPrefix"] == "/jupyter/hub/"
    root = open_dialog(alice)
    expect(root).to_contain_text(NO_SHARES_TEXT)

    code = generate(root, alice.page, hub)
    link = code["full_accept_url"]
    assert link.startswith(f"{hub.url}hub/accept-share?code="), code
    # without JupyterHub.public_url the dialog uses accept_url: base URL included
    assert code["accept_url"].startswith("/jupyter/hub/accept-share?code="), code
    assert [c["id"] for c in hub.list_share_codes("alice")] == [code["id"]]

    bob = browsers.new()
    world.invitee_tabs.append(bob)
    world.invitee_server = server_url(hub, "alice")
    accept_invitation(bob.page, hub, "bob", link, "alice")
    assert hub_names(hub, "alice") == ["bob"]
    bob_root = open_dialog(bob, "invitee")
    expect(bob_root).to_contain_text("This server belongs to alice")
    # an invitee manages nothing: leaving is the one thing they can do
    expect(bob_root.get_by_role("button")).to_have_text(["Leave this server"])
    close_dialog(bob.page)

    refresh(root)
    expect(share_names(root)).to_have_text(["bob"])
    expect(root.locator(".jp-UserSharing-linkSummary")).to_have_text(
        "1 active invite link. Accepted 1 time in all."
    )
    with alice.page.expect_response(
        lambda r: r.request.method == "PATCH" and r.url == f"{hub.api_url}shares/alice/"
    ) as revoked:
        root.get_by_role("button", name="Revoke access of bob", exact=True).click()
    assert revoked.value.status == 200
    expect(status_line(root)).to_contain_text("Access of bob was revoked.")
    # no share listed (bob, whose page may still be connected for a moment,
    # can be a row of someone online without a share)
    expect(share_names(root)).to_have_count(0)
    assert hub.list_shares("alice") == []
    hub.revoke_all_share_codes("alice")
    alice.console.assert_clean()
    bob.console.assert_clean()


def test_invitee_never_calls_management_endpoints(world: World):
    """bob's pages (invite link -> accept -> JupyterLab -> dialog) sent no
    request to the hub API but the OAuth navigation."""
    if not world.invitee_tabs:
        pytest.skip("the base-URL story did not get as far as bob's JupyterLab")
    bob = world.invitee_tabs[0]
    lab_requests = [u for _m, u, _k in bob.requests if u.startswith(world.invitee_server)]
    assert len(lab_requests) > 20, "bob's JupyterLab was not recorded"
    assert management_requests(bob, BASE_URL + "hub/") == []


@pytest.mark.parametrize("owner", [EMAIL_OWNER, UNICODE_OWNER], ids=["email", "unicode"])
def test_owner_with_an_odd_name(world: World, browsers: Browsers, extension, owner):
    """Owners named like an e-mail address or in Unicode."""
    hub = world.hub
    tab = owner_lab(browsers, hub, owner)
    assert page_config(tab.page)["hubServerUser"] == owner
    root = open_dialog(tab)
    code = generate(root, tab.page, hub)
    # API paths percent-encode the owner like encodeURIComponent
    posts = [u for m, u, _k in tab.requests if m == "POST" and "/share-codes/" in u]
    assert posts == [f"{hub.api_url}share-codes/{seg(owner)}/"], posts

    bob = browsers.new()
    accept_invitation(bob.page, hub, "bob", code["full_accept_url"], owner)
    assert hub_names(hub, owner) == ["bob"]

    refresh(root)
    expect(share_names(root)).to_have_text(["bob"])
    root.get_by_role("button", name="Revoke access of bob", exact=True).click()
    expect(status_line(root)).to_contain_text("Access of bob was revoked.")
    # no share listed (bob, whose page may still be connected for a moment,
    # can be a row of someone online without a share)
    expect(share_names(root)).to_have_count(0)
    assert hub.list_shares(owner) == []
    tab.console.assert_clean()
    bob.console.assert_clean()


def test_jupyterhub6_refuses_server_names_with_spaces(world: World):
    """What 6.x accepts as a named-server name (the 5.5 test below uses one)."""
    status, body = world.hub.api("POST", f"users/alice/servers/{seg(ODD_SERVER)}")
    assert status == 400, body
    assert "Invalid server_name" in body["message"], body


def test_named_server_with_space_and_unicode_on_jupyterhub5(hub5, browser, request, extension):
    """An e-mail-like owner's named server "my notebook ü" on 5.5."""
    hub = hub5
    request.node._e2e_servers = [("jupyterhub 5 log", hub)]
    b = Browsers(browser, {}, request.node)
    try:
        status, body = hub.api("POST", f"users/{seg(EMAIL_OWNER)}/servers/{seg(ODD_SERVER)}")
        assert status in (201, 202), body
        model = hub.wait_server_ready(EMAIL_OWNER, server=ODD_SERVER)
        assert model["url"] == "/user/first.last@example.org/my%20notebook%20%C3%BC/"
        owner = owner_lab(b, hub, EMAIL_OWNER, ODD_SERVER)
        cfg = page_config(owner.page)
        assert (cfg["hubServerUser"], cfg["hubServerName"]) == (EMAIL_OWNER, ODD_SERVER)
        root = open_dialog(owner)
        code = generate(root, owner.page, hub)
        assert code["server"]["name"] == ODD_SERVER, code
        assert [c["id"] for c in hub.list_share_codes(EMAIL_OWNER, ODD_SERVER)] == [code["id"]]
        posts = [u for m, u, _k in owner.requests if m == "POST" and "/share-codes/" in u]
        assert posts == [
            f"{hub.api_url}share-codes/first.last%40example.org/my%20notebook%20%C3%BC"
        ], posts

        bob = b.new()
        accept_invitation(bob.page, hub, "bob", code["full_accept_url"], EMAIL_OWNER, ODD_SERVER)
        assert hub_names(hub, EMAIL_OWNER, ODD_SERVER) == ["bob"]
        open_dialog(bob, "invitee")
        close_dialog(bob.page)
        assert management_requests(bob, "/hub/") == []

        refresh(root)
        expect(share_names(root)).to_have_text(["bob"])
        root.get_by_role("button", name="Revoke access of bob", exact=True).click()
        expect(status_line(root)).to_contain_text("Access of bob was revoked.")
        # no share listed (bob, whose page may still be connected for a moment,
        # can be a row of someone online without a share)
        expect(share_names(root)).to_have_count(0)
        assert hub.list_shares(EMAIL_OWNER, ODD_SERVER) == []
        owner.console.assert_clean()
        bob.console.assert_clean()
    finally:
        b.close()


def test_hostile_group_and_user_names_are_text(world: World, browsers: Browsers, extension):
    """A group and a user named like markup are shown as text: no element,
    no script, no request, in the dialog and in JupyterLab's notifications."""
    hub = world.hub
    status, body = hub.api("POST", f"groups/{seg(XSS_GROUP)}")
    assert status in (201, 409), body
    status, body = hub.api("POST", f"users/{seg(XSS_USER)}")
    assert status in (201, 409), body
    # alice's server first: a (re)spawn revokes all shares (configure(c))
    alice = owner_lab(browsers, hub, "alice")
    hub._ok((200,), "POST", "shares/alice/", {"group": XSS_GROUP})
    hub.grant_share("alice", XSS_USER)
    try:
        page = alice.page
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        root = open_dialog(alice)
        group_label = f"{XSS_GROUP} (group)"
        expect(share_names(root)).to_have_text([XSS_USER, group_label])
        cells = [c.inner_html() for c in share_names(root).all()]
        assert cells == [
            "\"'&gt;&lt;svg onload=alert(2)&gt;",
            "&lt;img src=x onerror=alert(1)&gt; (group)",
        ], cells

        root.get_by_role("button", name=f"Revoke access of {group_label}", exact=True).click()
        revoked = f"Access of {XSS_GROUP} was revoked."
        expect(status_line(root)).to_contain_text(revoked)
        # the same sentence in JupyterLab's notification toast
        toast = wait_toast(page, revoked)
        assert "Access of &lt;img src=x onerror=alert(1)&gt; was revoked." in toast["html"]
        expect(share_names(root)).to_have_text([XSS_USER])
        root.get_by_role("button", name=f"Revoke access of {XSS_USER}", exact=True).click()
        revoked = f"Access of {XSS_USER} was revoked."
        toast = wait_toast(page, revoked)
        assert "Access of \"'&gt;&lt;svg onload=alert(2)&gt; was revoked." in toast["html"]
        expect(root).to_contain_text(NO_SHARES_TEXT)
        assert hub.list_shares("alice") == []

        # nothing was created from the names anywhere in the page
        made = page.evaluate(
            "() => document.querySelectorAll('img[src=\"x\"], svg[onload]').length"
        )
        assert made == 0
        assert dialogs == []
        # an <img src=x> would have asked for ".../x"
        assert not [u for _m, u, _k in alice.requests if urlparse(u).path.endswith("/x")]
        alice.console.assert_clean()
    finally:
        hub.revoke_all_shares("alice")


def test_dialog_under_content_security_policy(world: World, browsers: Browsers, extension):
    """erin's server sends the tightest CSP JupyterLab runs under; the dialog
    works with no violation, and the report-only 'self' + 'wasm-unsafe-eval'
    policy is only broken by JupyterLab's own bundles."""
    hub = world.hub
    enforced, strict = csp_policies()
    init = """
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp.push({
          directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile,
          line: e.lineNumber, disposition: e.disposition}));
    """
    ctx = browsers.context(permissions=CLIPBOARD)
    ctx.add_init_script(init)
    erin = browsers.tab(ctx)
    hub.start_server(CSP_OWNER)
    hub.wait_server_ready(CSP_OWNER)
    url = server_url(hub, CSP_OWNER)
    hub_login(erin.page, hub, CSP_OWNER, urlparse(url).path + "lab")
    erin.page.wait_for_url(re.compile(re.escape(url) + "lab"), timeout=LOGIN_TIMEOUT)
    wait_for_lab(erin.page, timeout=LOGIN_TIMEOUT)

    r = ctx.request.get(url + "lab")
    try:
        assert r.headers.get("content-security-policy") == enforced
        assert r.headers.get("content-security-policy-report-only") == strict
    finally:
        r.dispose()

    before = erin.page.evaluate("window.__csp.length")
    root = open_dialog(erin)
    code = generate(root, erin.page, hub)
    root.get_by_role("button", name="Copy link", exact=True).click()
    expect(status_line(root)).to_have_text("Link copied to the clipboard.")
    assert erin.page.evaluate("() => navigator.clipboard.readText()") == code["full_accept_url"]
    refresh(root)
    expect(root).to_have_attribute("data-state", "ready")
    close_dialog(erin.page)
    wasm = [u for _m, u, _k in erin.requests if urlparse(u).path.endswith(".wasm")]
    assert len(wasm) == 1 and "jupyterlab-user-sharing" in wasm[0], wasm

    violations = erin.page.evaluate("window.__csp")
    enforced_hits = [v for v in violations if v["disposition"] == "enforce"]
    assert enforced_hits == [], enforced_hits
    ours = [v for v in violations if "jupyterlab-user-sharing" in (v["source"] or "")
            or "jupyterlab-user-sharing" in (v["blocked"] or "")]
    assert ours == [], ours
    # JupyterLab's core bundles (static/lab/) evaluate strings (ajv): that
    # is all the report-only policy saw
    lab_static = urlparse(url).path + "static/lab/"
    others = [v for v in violations
              if not (v["directive"] == "script-src" and v["blocked"] == "eval"
                      and urlparse(v["source"]).path.startswith(lab_static))]
    assert others == [], others
    during = violations[before:]
    print(f"\nCSP: {len(violations)} report-only eval reports from JupyterLab's bundles, "
          f"{len(during)} while the dialog was used, none enforced, none from ours")
    hub.revoke_all_share_codes(CSP_OWNER)
    erin.console.assert_clean()


def test_share_code_is_never_stored_logged_or_in_the_url(world: World, browsers: Browsers,
                                                         extension):
    """After generating and copying, the code is nowhere but the dialog and
    the clipboard."""
    hub = world.hub
    alice = owner_lab(browsers, hub, "alice", permissions=CLIPBOARD)
    page = alice.page
    root = open_dialog(alice)
    created = generate(root, page, hub)
    secret = created["code"]
    assert len(secret) >= 16, created
    root.get_by_role("button", name="Copy link", exact=True).click()
    expect(status_line(root)).to_have_text("Link copied to the clipboard.")
    assert page.evaluate("() => navigator.clipboard.readText()") == created["full_accept_url"]
    close_dialog(page)
    # reopening shows the link again, from memory
    root = open_dialog(alice)
    expect(root.get_by_label("Invite link", exact=True)).to_have_value(created["full_accept_url"])
    close_dialog(page)

    stored = page.evaluate(
        """async () => {
          const dump = s => Object.keys(s).map(k => k + '=' + s.getItem(k));
          const idb = [];
          for (const info of await indexedDB.databases()) {
            const db = await new Promise((ok, ko) => {
              const r = indexedDB.open(info.name); r.onsuccess = () => ok(r.result); r.onerror = ko;
            });
            for (const store of db.objectStoreNames) {
              const rows = await new Promise((ok, ko) => {
                const r = db.transaction(store).objectStore(store).getAll();
                r.onsuccess = () => ok(r.result); r.onerror = ko;
              });
              idb.push(info.name + '/' + store + ': ' + JSON.stringify(rows));
            }
            db.close();
          }
          return {local: dump(localStorage), session: dump(sessionStorage), idb,
                  cookie: document.cookie, url: location.href, history: history.length};
        }"""
    )
    flat = json.dumps(stored)
    assert secret not in flat, stored
    assert secret not in page.url
    assert not [m for m in alice.console.all_messages if secret in m], alice.console.all_messages
    # the only request carrying the code is none: it came in the POST's answer
    assert not [u for _m, u, _k in alice.requests if secret in u]
    # nor in what JupyterLab saved on the server (workspaces, state)
    status, workspaces = hub.server_api("alice", "GET", "lab/api/workspaces")
    assert status == 200, workspaces
    assert secret not in json.dumps(workspaces)
    hub.revoke_all_share_codes("alice")
    alice.console.assert_clean()


def test_two_tabs_of_one_owner(world: World, browsers: Browsers, extension):
    """Revoke in one tab; Refresh in the other shows the hub's state."""
    hub = world.hub
    one = owner_lab(browsers, hub, "alice")  # before sharing: a spawn revokes all
    hub.grant_share("alice", "carol")
    hub.grant_share("alice", "dave")
    try:
        two = browsers.tab(one.session.context)
        two.page.goto(server_url(hub, "alice") + "lab")
        wait_for_lab(two.page)
        root1, root2 = open_dialog(one), open_dialog(two)
        expect(share_names(root1)).to_have_text(["dave", "carol"])
        expect(share_names(root2)).to_have_text(["dave", "carol"])

        root1.get_by_role("button", name="Revoke access of carol", exact=True).click()
        expect(status_line(root1)).to_contain_text("Access of carol was revoked.")
        expect(share_names(root1)).to_have_text(["dave"])
        assert hub_names(hub, "alice") == ["dave"]
        # the other tab shows its last load until asked
        expect(share_names(root2)).to_have_text(["dave", "carol"])
        refresh(root2)
        expect(share_names(root2)).to_have_text(["dave"])
        expect(root2).to_have_attribute("data-state", "ready")

        # and the other way round
        root2.get_by_role("button", name="Revoke All users", exact=True).click()
        root2.get_by_role("button", name="Yes, revoke", exact=True).click()
        expect(root2).to_contain_text(NO_SHARES_TEXT)
        refresh(root1)
        expect(root1).to_contain_text(NO_SHARES_TEXT)
        expect(share_names(root1)).to_have_count(0)
        assert hub.list_shares("alice") == []

        # links: tab one makes one, tab two revokes all links; tab one's
        # Refresh drops the dead link it still shows
        code = generate(root1, one.page, hub)
        refresh(root2)
        summary2 = root2.locator(".jp-UserSharing-linkSummary")
        expect(summary2).to_have_text("1 active invite link. Accepted 0 times in all.")
        expect(root2.get_by_label("Invite link", exact=True)).to_have_count(0)  # never shown
        root2.get_by_role("button", name="Revoke all share links", exact=True).click()
        root2.get_by_role("button", name="Yes, revoke", exact=True).click()
        expect(summary2).to_have_text("There are no active invite links.")
        assert hub.list_share_codes("alice") == []
        link1 = root1.get_by_label("Invite link", exact=True)
        expect(link1).to_have_value(code["full_accept_url"])
        refresh(root1)
        expect(root1.locator(".jp-UserSharing-linkSummary")).to_have_text(
            "There are no active invite links."
        )
        expect(link1).to_have_count(0)
        one.console.assert_clean()
        two.console.assert_clean()
    finally:
        hub.revoke_all_shares("alice")
        hub.revoke_all_share_codes("alice")


def test_fast_double_click_creates_one_code(world: World, browsers: Browsers, extension):
    """A double click, and two clicks in one task, on Generate invite link
    create exactly one code each."""
    hub = world.hub
    hub.revoke_all_share_codes("alice")
    alice = owner_lab(browsers, hub, "alice")
    root = open_dialog(alice)
    links = root.get_by_label("Invite link", exact=True)
    before = links.count()
    generate_button = root.get_by_role("button", name="Generate invite link")

    def posts() -> int:
        return len([1 for m, u, _k in alice.requests if m == "POST" and "/share-codes/" in u])

    generate_button.dblclick()
    expect(links).to_have_count(before + 1)
    expect(root).to_have_attribute("data-state", "ready")
    expect(generate_button).to_be_enabled()
    assert posts() == 1
    assert len(hub.list_share_codes("alice")) == 1

    # two clicks delivered before any re-render
    generate_button.evaluate("b => { b.click(); b.click(); }")
    expect(links).to_have_count(before + 2)
    expect(root).to_have_attribute("data-state", "ready")
    expect(generate_button).to_be_enabled()
    assert posts() == 2
    assert len(hub.list_share_codes("alice")) == 2
    expect(root.locator(".jp-UserSharing-linkSummary")).to_have_text(
        "2 active invite links. Accepted 0 times in all."
    )
    hub.revoke_all_share_codes("alice")
    alice.console.assert_clean()


def test_a_hung_hub_times_out(world: World, browsers: Browsers, extension):
    """The hub accepts connections but answers nothing (SIGSTOP): the
    dialog gives up after its 15 s timeout, says so, keeps the list; the
    hub wakes up: Try again recovers."""
    hub = world.hub
    alice = owner_lab(browsers, hub, "alice")  # before sharing: a spawn revokes all
    hub.grant_share("alice", "carol")
    root = open_dialog(alice)
    expect(share_names(root)).to_have_text(["carol"])
    t0 = time.monotonic()
    hub.pause_hub()
    try:
        refresh(root)
        expect(root).to_have_attribute("aria-busy", "true")
        expect(error_notice(root)).to_have_text(
            re.compile(re.escape(HUB_TIMEOUT)), timeout=TIMEOUT_MS + 30_000
        )
        waited = time.monotonic() - t0
        expect(error_notice(root)).to_have_attribute("data-error-kind", "timeout")
        expect(root).to_have_attribute("data-state", "error")
        expect(root.locator(".jp-UserSharing-stale")).to_have_text(STALE_TEXT)
        expect(share_names(root)).to_have_text(["carol"])
    finally:
        hub.resume_hub()
    assert waited >= TIMEOUT_MS / 1000 - 0.5, waited
    TIMINGS["hung hub: error shown after (s)"] = waited
    root.get_by_role("button", name="Try again", exact=True).click()
    expect(root).to_have_attribute("data-state", "ready", timeout=DIALOG_READY_TIMEOUT)
    expect(error_notice(root)).to_have_count(0)
    expect(root.locator(".jp-UserSharing-stale")).to_have_count(0)
    expect(share_names(root)).to_have_text(["carol"])
    hub.revoke_all_shares("alice")
    alice.console.assert_clean()


def test_hub_stops_while_the_dialog_is_open(world: World, browsers: Browsers, extension):
    """The hub goes away (proxy and alice's server stay): Refresh says so and
    keeps the last lists, marked stale; the hub comes back: Refresh
    recovers. Runs last: it restarts the module's hub."""
    hub = world.hub
    alice = owner_lab(browsers, hub, "alice")  # before sharing: a spawn revokes all
    hub.grant_share("alice", "carol")
    root = open_dialog(alice)
    code = generate(root, alice.page, hub)
    expect(share_names(root)).to_have_text(["carol"])
    summary = root.locator(".jp-UserSharing-linkSummary")
    expect(summary).to_have_text("1 active invite link. Accepted 0 times in all.")
    alice.console.assert_clean()

    t0 = time.monotonic()
    hub.stop_hub()
    outage_start = len(alice.console.entries)
    try:
        with alice.page.expect_response(
            lambda r: r.request.method == "GET" and "/hub/api/shares/alice/" in r.url
        ) as failed:
            refresh(root)
        assert failed.value.status == 503  # the proxy's answer for a missing hub
        expect(root).to_have_attribute("data-state", "error", timeout=DIALOG_READY_TIMEOUT)
        expect(error_notice(root)).to_have_text(re.compile(re.escape(HUB_PROBLEM_503)))
        expect(error_notice(root)).to_have_attribute("data-error-kind", "server")
        expect(root.locator(".jp-UserSharing-stale")).to_have_text(STALE_TEXT)
        # the last good data is still there
        expect(share_names(root)).to_have_text(["carol"])
        expect(summary).to_have_text("1 active invite link. Accepted 0 times in all.")
        expect(root.get_by_label("Invite link", exact=True)).to_have_value(
            code["full_accept_url"]
        )

        # a change fails the same way, says so, and creates nothing
        links = root.get_by_label("Invite link", exact=True)
        with alice.page.expect_response(
            lambda r: r.request.method == "POST" and "/hub/api/share-codes/alice/" in r.url
        ) as post:
            root.get_by_role("button", name="Generate invite link").click()
        assert post.value.status == 503
        failure = "The invite link could not be created. " + HUB_PROBLEM_503
        expect(status_line(root)).to_have_text(failure)
        wait_toast(alice.page, failure)
        expect(root).to_have_attribute("data-state", "error", timeout=DIALOG_READY_TIMEOUT)
        expect(root.get_by_role("button", name="Generate invite link")).to_be_enabled()
        expect(links).to_have_count(1)
        expect(share_names(root)).to_have_text(["carol"])

        # reopened during the outage: the lists of the last good load (kept
        # in the page's memory), marked stale, the error, and the link made
        # in this page
        close_dialog(alice.page)
        open_from_menu(alice.page)
        root = wait_dialog_state(alice.page, "error")
        summary = root.locator(".jp-UserSharing-linkSummary")
        expect(error_notice(root)).to_have_text(re.compile(re.escape(HUB_PROBLEM_503)))
        expect(root.locator(".jp-UserSharing-stale")).to_have_text(STALE_TEXT)
        expect(share_names(root)).to_have_text(["carol"])
        expect(summary).to_have_text("1 active invite link. Accepted 0 times in all.")
        expect(root).not_to_contain_text(NO_SHARES_TEXT)
        expect(root.get_by_label("Invite link", exact=True)).to_have_value(
            code["full_accept_url"]
        )
        outage_errors = list(alice.console.entries[outage_start:])
    finally:
        hub.start_hub()
    TIMINGS["hub stopped and started again (s)"] = time.monotonic() - t0

    root.get_by_role("button", name="Try again", exact=True).click()
    expect(root).to_have_attribute("data-state", "ready", timeout=DIALOG_READY_TIMEOUT)
    expect(error_notice(root)).to_have_count(0)
    expect(root.locator(".jp-UserSharing-stale")).to_have_count(0)
    expect(share_names(root)).to_have_text(["carol"])
    expect(summary).to_have_text("1 active invite link. Accepted 0 times in all.")
    assert hub_names(hub, "alice") == ["carol"]
    assert [c["id"] for c in hub.list_share_codes("alice")] == [code["id"]]
    # and changes work again
    generate(root, alice.page, hub)
    expect(status_line(root)).not_to_contain_text("could not be created")
    expect(links).to_have_count(2)
    expect(summary).to_have_text("2 active invite links. Accepted 0 times in all.")

    # The only console errors: Chromium's lines for the outage's 503s (the
    # Refresh's two GETs, the POST, the two GETs of the reload after it, the
    # two GETs of the reopened dialog);
    # JupyterLab itself noticed nothing.
    def is_outage_503(e) -> bool:
        m = FAILED_RESOURCE.match(e.text)
        return (e.kind == "console" and m is not None and m.group(1) == "503"
                and e.location.startswith(hub.api_url))

    assert [is_outage_503(e) for e in outage_errors] == [True] * 7, (
        "\n".join(map(str, outage_errors))
    )
    after = alice.console.entries[outage_start + len(outage_errors):]
    assert after == [], "\n".join(map(str, after))
    hub.revoke_all_shares("alice")
    hub.revoke_all_share_codes("alice")
