"""Fixtures for the end-to-end tests.

* ``browser``   -- one headless Debian Chromium for the e2e tests.
* ``hub``       -- one LocalHub (users alice, bob, carol) for the e2e tests.
* ``plain_lab`` -- one hub-less ``jupyter-lab`` for the e2e tests.
* ``alice_state`` -- alice's logged-in storage state (cookies), obtained once.
* ``new_session`` -- factory: a fresh browser context + page with console
  and network recording; closed after the test.
* ``extension`` -- fails the test unless the extension is installed in .venv.
* ``alice_lab`` -- a fresh page with alice's JupyterLab loaded.
* ``alice_session`` -- factory: alice's JupyterLab in a fresh page, settled
  (optionally with browser permissions such as the clipboard's).
* ``alice_settings`` -- alice's JupyterLab settings (``LabSettings``),
  restored after the test.
* ``alice_clean`` -- no shares and no invite links for alice's server,
  before and after the test.

They are package-scoped (this package = tests/e2e): Playwright's sync API
keeps an asyncio loop marked as running in the main thread while it is
alive, so other test directories that call ``asyncio.run()`` (tests/unit)
must run after it has stopped, i.e. after the last e2e test.

Everything is stopped in fixture finalizers (and, as a last resort, by the
harness's atexit hooks), also when tests fail or are interrupted. On a
failing test the tail of the hub / lab log and the page's console are added
to the report.
"""

from __future__ import annotations

import json
import signal
import urllib.request
import time
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

from tests.harness.browser import (
    ConsoleWatcher,
    ignore_patterns,
    launch_browser,
    login,
    open_lab,
)
from tests.harness.hub import HubError, LocalHub
from tests.harness.lab import PlainLab
from tests.harness.procs import VENV_BIN

from .pages import settle_lab

# Console errors JupyterLab or JupyterHub emit by themselves in this setup
# (regex, reason). Measured with JupyterHub 6.1.1, JupyterLab 4.6.6,
# jupyter-collaboration 5.0.4 and Chromium 156: neither the hub pages (login,
# spawn-pending) nor JupyterLab (under the hub and plain) log any console
# error or page error, so nothing is filtered. Only add entries for errors
# proven to come from JupyterLab/JupyterHub themselves -- never the
# extension's own.
KNOWN_NOISE: list[tuple[str, str]] = []

DEFAULT_TIMEOUT_MS = 30_000

# Timings measured during the run, printed at the end of the session.
TIMINGS: dict[str, float] = {}


def pytest_configure(config):
    # A SIGTERM (CI cancel, `timeout`) would skip fixture finalizers and
    # atexit hooks; turn it into KeyboardInterrupt so pytest tears down the
    # hub, the lab and the browser.
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:

        def on_sigterm(signum, frame):
            raise KeyboardInterrupt("SIGTERM")

        signal.signal(signal.SIGTERM, on_sigterm)


@dataclass
class Session:
    """A browser context + page with everything it saw recorded."""

    context: BrowserContext
    page: Page
    console: ConsoleWatcher
    responses: list[tuple[str, str, int]] = field(default_factory=list)  # (method, url, status)

    def response_urls(self) -> list[str]:
        return [url for _m, url, _s in self.responses]


LABEXTENSION_DIR = VENV_BIN.parent / "share" / "jupyter" / "labextensions" / "jupyterlab-user-sharing"


@pytest.fixture(scope="session")
def extension():
    # `jupyter labextension list` would take ~4 s; the installed files are
    # enough here (a disabled extension makes the menu tests fail anyway).
    if not (LABEXTENSION_DIR / "package.json").is_file():
        pytest.fail(
            f"jupyterlab-user-sharing is not installed in .venv ({LABEXTENSION_DIR} "
            "missing): run `make install-dev` first"
        )


@pytest.fixture(scope="package")
def playwright_instance():
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="package")
def browser(playwright_instance):
    b = launch_browser(playwright_instance)
    yield b
    b.close()


@pytest.fixture(scope="package")
def hub(request):
    h = LocalHub()
    request.config._e2e_hub = h
    try:
        h.start()
        TIMINGS["hub start (s)"] = h.start_seconds
        yield h
    finally:
        h.stop()


@pytest.fixture(scope="package")
def plain_lab(request):
    lab = PlainLab()
    request.config._e2e_lab = lab
    try:
        lab.start()
        TIMINGS["plain jupyter-lab start (s)"] = lab.start_seconds
        yield lab
    finally:
        lab.stop()


@pytest.fixture
def new_session(browser, request):
    """Factory: ``new_session(storage_state=None) -> Session``."""
    made: list[Session] = []

    def make(storage_state=None) -> Session:
        ctx = browser.new_context(storage_state=storage_state)
        ctx.set_default_timeout(DEFAULT_TIMEOUT_MS)
        page = ctx.new_page()
        watcher = ConsoleWatcher(ignore=ignore_patterns(KNOWN_NOISE)).attach(page)
        s = Session(ctx, page, watcher)
        page.on("response", lambda r: s.responses.append((r.request.method, r.url, r.status)))
        made.append(s)
        request.node._e2e_sessions = made
        return s

    yield make
    for s in made:
        try:
            s.context.close()
        except Exception:
            pass


@pytest.fixture(scope="package")
def alice_state(hub, browser):
    """alice logged in once (server spawned); reuse her cookies per test."""
    ctx = browser.new_context()
    ctx.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        page = ctx.new_page()
        login(page, hub, "alice")
        yield ctx.storage_state()
    finally:
        ctx.close()


@pytest.fixture
def alice_lab(hub, alice_state, new_session) -> Session:
    """A fresh page with alice's JupyterLab loaded (responses recorded from
    the very first request)."""
    s = new_session(storage_state=alice_state)
    t0 = time.monotonic()
    open_lab(s.page, f"{hub.url}user/alice/lab")
    TIMINGS.setdefault("JupyterLab load, server running (s)", time.monotonic() - t0)
    return s


@pytest.fixture
def alice_session(hub, alice_state, new_session):
    """Factory: ``alice_session(permissions=()) -> Session`` with alice's
    JupyterLab loaded and its focus settled."""

    def make(*, permissions=()) -> Session:
        s = new_session(storage_state=alice_state)
        if permissions:
            s.context.grant_permissions(list(permissions), origin=hub.url.rstrip("/"))
        open_lab(s.page, f"{hub.url}user/alice/lab")
        settle_lab(s.page)
        return s

    return make


@pytest.fixture
def plain_lab_page(plain_lab, new_session) -> Session:
    s = new_session()
    open_lab(s.page, plain_lab.url)
    return s


def lab_get(lab: PlainLab, path: str) -> dict:
    """GET a plain jupyter-lab's REST API (``path`` may have a query)."""
    sep = "&" if "?" in path else "?"
    with urllib.request.urlopen(f"{lab.base}{path}{sep}token={lab.token}", timeout=30) as r:
        return json.load(r)


class LabSettings:
    """Alice's JupyterLab user settings through her server's settings API
    (``lab/api/settings/<plugin>``, as the hub's e2e-admin service); remembers
    the first raw value of each plugin it changes and puts it back in
    ``restore()``."""

    def __init__(self, hub: LocalHub, user: str = "alice"):
        self.hub = hub
        self.user = user
        self.saved: dict[str, str] = {}
        self.workspaces: dict[str, dict | None] = {}

    def _path(self, plugin: str) -> str:
        return f"lab/api/settings/{plugin}"

    def get(self, plugin: str) -> dict:
        status, body = self.hub.server_api(self.user, "GET", self._path(plugin))
        assert status == 200, (plugin, status, body)
        return body

    def track(self, plugin: str) -> None:
        """Remember the current raw settings of ``plugin`` for ``restore``."""
        if plugin not in self.saved:
            self.saved[plugin] = self.get(plugin).get("raw") or "{}"

    def put(self, plugin: str, values: dict) -> None:
        self.track(plugin)
        self._put_raw(plugin, json.dumps(values))

    def _put_raw(self, plugin: str, raw: str) -> None:
        status, body = self.hub.server_api(self.user, "PUT", self._path(plugin), {"raw": raw})
        assert status == 204, (plugin, status, body)

    def track_workspace(self, name: str = "default") -> None:
        """Remember the saved layout (workspace) too: tests that open panels
        (the Settings Editor) would leave them in alice's JupyterLab."""
        status, body = self.hub.server_api(self.user, "GET", "lab/api/workspaces")
        assert status == 200, (status, body)
        known = {w["metadata"]["id"].strip("/"): w for w in body["workspaces"]["values"]}
        self.workspaces.setdefault(name, known.get(name))

    def restore(self) -> None:
        errors = []
        for plugin, raw in self.saved.items():
            try:
                self._put_raw(plugin, raw)
            except (AssertionError, HubError, OSError) as e:
                errors.append(f"{plugin}: {e}")
        for name, saved in self.workspaces.items():
            path = f"lab/api/workspaces/{name}"
            try:
                if saved is None:
                    status, body = self.hub.server_api(self.user, "DELETE", path)
                    assert status in (204, 404), (status, body)
                else:
                    status, body = self.hub.server_api(self.user, "PUT", path, saved)
                    assert status == 204, (status, body)
            except (AssertionError, HubError, OSError) as e:
                errors.append(f"workspace {name}: {e}")
        self.saved.clear()
        self.workspaces.clear()
        assert not errors, "settings not restored: " + "; ".join(errors)


def clean_alice(hub: LocalHub) -> None:
    """No shares, no invite links for alice's server."""
    hub.revoke_all_shares("alice")
    hub.revoke_all_share_codes("alice")


@pytest.fixture
def alice_settings(hub, alice_state):
    s = LabSettings(hub)
    yield s
    s.restore()


@pytest.fixture
def alice_clean(hub, alice_state):
    clean_alice(hub)
    yield
    clean_alice(hub)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    # the outcome of each phase, for fixtures that need it after the test
    # (test_story.py skips the later steps of a failed story)
    setattr(item, f"_e2e_rep_{rep.when}", rep)
    if not rep.failed:
        return
    servers = []
    for fixture, attr, name in (
        ("hub", "_e2e_hub", "jupyterhub log"),
        ("plain_lab", "_e2e_lab", "jupyter-lab log"),
    ):
        if fixture in item.fixturenames:
            servers.append((name, getattr(item.config, attr, None)))
    # (name, LocalHub/PlainLab) pairs a module's own fixtures attach to the item
    servers += getattr(item, "_e2e_servers", [])
    for name, server in servers:
        if server is not None and server.log_path is not None and server.log_path.exists():
            rep.sections.append((name, server.log_tail(60)))
    for i, s in enumerate(getattr(item, "_e2e_sessions", [])):
        lines = list(s.console.all_messages[-60:])
        if lines:
            rep.sections.append((f"browser console (page {i})", "\n".join(lines)))


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("e2e timings")
        for k, v in TIMINGS.items():
            terminalreporter.write_line(f"{k:45s} {v:6.2f}")
