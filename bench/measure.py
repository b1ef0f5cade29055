"""Browser-side measurements: JupyterLab load, start-up bytes, dialog opens."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from playwright.sync_api import Browser, Page, expect

from .page import LONGTASKS_JS, RESOURCES_JS, WAIT_RESTORED_JS, init_script

OURS_PKG = "jupyterlab-user-sharing"
# jupyter-collaboration's frontend: the Share dialog lives in
# collaboration-extension, which needs docprovider-extension.
PEER_PKGS = ("@jupyter/collaboration-extension", "@jupyter/docprovider-extension")

# Load-time variants: which federated extensions are dropped from the page
# config before JupyterLab reads it.
VARIANTS = {
    "base": (OURS_PKG, *PEER_PKGS),  # neither
    "ours": PEER_PKGS,  # only ours
    "peer": (OURS_PKG,),  # only jupyter-collaboration
}

MENU_LABEL = "User sharing"
COMMAND_LABEL = "Open user sharing menu"
PEER_BUTTON = '[data-command="collaboration:shared-link"]'

PAGE_TIMEOUT_MS = 90_000
LIST_TIMEOUT_MS = 120_000


def url_path(url: str) -> str:
    return unquote(urlparse(url).path)


def ext_of(url: str) -> str | None:
    """The labextension a static URL belongs to (None if not one)."""
    path = url_path(url)
    marker = "/lab/extensions/"
    i = path.find(marker)
    if i < 0:
        return None
    rest = path[i + len(marker):].split("/")
    if rest and rest[0].startswith("@") and len(rest) > 1:
        return f"{rest[0]}/{rest[1]}"
    return rest[0] if rest else None


HUB_API_RE = re.compile(r"/hub/api(/|$)")


def is_hub_api(url: str) -> bool:
    """A request to the hub REST API (``/hub/api`` itself included: the
    peer asks for the version without the trailing slash)."""
    return bool(HUB_API_RE.search(urlparse(url).path))


def api_name(url: str) -> str:
    """'/hub/api/shares/alice/?offset=0' -> 'shares/alice/?offset=0';
    '/hub/api' and '/hub/api/' -> ''."""
    p = urlparse(url)
    path = unquote(p.path)
    m = HUB_API_RE.search(path)
    short = path[m.end():] if m else path
    return short + (f"?{p.query}" if p.query else "")


class HubTracker:
    """Counts in-flight requests to the hub API seen by the page."""

    def __init__(self, page: Page):
        self.inflight = 0
        self.last_change = time.monotonic()
        self.seen: list[tuple[str, str]] = []
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_done)
        page.on("requestfailed", self._on_done)

    @staticmethod
    def _is_api(req) -> bool:
        return is_hub_api(req.url)

    def _on_request(self, req) -> None:
        if self._is_api(req):
            self.inflight += 1
            self.last_change = time.monotonic()
            self.seen.append((req.method, api_name(req.url)))

    def _on_done(self, req) -> None:
        if self._is_api(req):
            self.inflight = max(0, self.inflight - 1)
            self.last_change = time.monotonic()

    def settle(self, page: Page, quiet_s: float = 0.6, timeout_s: float = 120.0) -> bool:
        """Wait until no hub request has been in flight for ``quiet_s``."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)
            if self.inflight == 0 and time.monotonic() - self.last_change >= quiet_s:
                return True
        return False


@dataclass
class LabPage:
    context: object
    page: Page
    tracker: HubTracker
    restored_ms: float | None = None
    cpu: dict | None = None
    cdp: object = None
    resources: list[dict] = field(default_factory=list)

    def close(self) -> None:
        try:
            self.context.close()
        except Exception:
            pass


# Per-document counters of Chromium (Performance.getMetrics), in seconds:
# ThreadTime is the CPU time of the page's main thread (not inflated when
# other processes take the CPU), TaskDuration the wall time of its tasks.
LOAD_METRICS = ("ThreadTime", "TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration")


def _metrics(cdp) -> dict:
    got = cdp.send("Performance.getMetrics")["metrics"]
    return {m["name"]: m["value"] for m in got if m["name"] in LOAD_METRICS}


def open_lab(browser: Browser, state: dict, url: str, drop=(), settle: bool = True,
             metrics: bool = False) -> LabPage:
    ctx = browser.new_context(storage_state=state, viewport={"width": 1366, "height": 900})
    ctx.set_default_timeout(60_000)
    ctx.add_init_script(init_script(drop))
    page = ctx.new_page()
    lp = LabPage(ctx, page, HubTracker(page))
    try:
        if metrics:
            lp.cdp = ctx.new_cdp_session(page)
            lp.cdp.send("Performance.enable", {"timeDomain": "timeTicks"})
        lp.restored_ms, lp.cpu = navigate(page, url, drop, cdp=lp.cdp)
        if settle:
            settle_start(page)
        lp.resources = page.evaluate(RESOURCES_JS, 0)
    except BaseException:
        lp.close()
        raise
    return lp


def navigate(page: Page, url: str, drop=(), reload: bool = False, cdp=None):
    """Load (or reload) JupyterLab. Returns navigation start -> app.restored
    (ms) and, with a CDP session, the page's main-thread time (ms) until
    restored (Chromium's TaskDuration, ScriptDuration, ... counters; they
    start from zero with each new document)."""
    if reload:
        page.reload(wait_until="commit", timeout=PAGE_TIMEOUT_MS)
    else:
        page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
    restored = page.evaluate(WAIT_RESTORED_JS, PAGE_TIMEOUT_MS)
    cpu = None
    if cdp:
        m1 = _metrics(cdp)
        cpu = {k: m1.get(k, 0.0) * 1000.0 for k in LOAD_METRICS}
    info = page.evaluate("() => ({ restored: __bench.restored, rewrote: __bench.rewrote, url: location.pathname })")
    rewrote = info["rewrote"] or {}
    if "error" in rewrote or rewrote.get("after") is None:
        raise RuntimeError(f"page config not rewritten: {rewrote}")
    left = set(drop) & set(rewrote["after"])
    if left:
        raise RuntimeError(f"extensions not dropped: {left}")
    if not info["url"].endswith("/lab"):
        raise RuntimeError(f"unexpected page {info['url']}")
    return restored, cpu


def settle_start(page: Page) -> None:
    """Let JupyterLab's start-up traffic end before measuring anything else."""
    try:
        page.wait_for_load_state("networkidle", timeout=20_000)
    except Exception:
        pass
    page.wait_for_timeout(300)


# ---------------------------------------------------------------- dialogs


def close_dialog(page: Page) -> None:
    dialog = page.locator(".jp-Dialog")
    dialog.locator(".jp-Dialog-footer").get_by_role("button", name="Close", exact=True).click()
    expect(dialog).to_have_count(0, timeout=30_000)


def open_dialog(lp: LabPage, kind: str, expected: int, before_click=None, after_listed=None) -> dict:
    """One open: pointerdown on the menu item / Share button -> the list
    (ours: the User sharing menu is clicked first, its pointerdown kept).

    Returns the raw record plus the hub requests, resources and long tasks
    from the pointerdown until the hub traffic settled. ``before_click`` /
    ``after_listed`` (callables) run right before the click and right after
    the list is in the DOM (the profiler uses them).
    """
    page = lp.page
    seen_before = len(lp.tracker.seen)
    # ours: the way a person clicks: the User sharing menu, then its item
    # (both pointerdowns recorded; the item's is the origin)
    clicks = 2 if kind == "ours" else 1
    page.evaluate("([k, n, t, c]) => window.__bench.arm(k, n, t, c)",
                  [kind, expected, LIST_TIMEOUT_MS, clicks])
    if before_click:
        before_click()
    if kind == "ours":
        page.get_by_role("menuitem", name=MENU_LABEL, exact=True).click()
        target = page.get_by_role("menuitem", name=COMMAND_LABEL)
        target.wait_for(state="visible")
    else:
        target = page.locator(PEER_BUTTON).first
        target.wait_for(state="visible")
    target.click()
    rec = page.evaluate("() => window.__bench.cur.wait()")
    if after_listed:
        rec["after_listed"] = after_listed()
    if rec["timedOut"] or rec["listed"] is None:
        rows = page.evaluate(
            """() => ({ours: document.querySelectorAll('.jp-UserSharing-name').length,
                       state: (document.querySelector('.jp-UserSharing') || {getAttribute: () => null}).getAttribute('data-state'),
                       peer: document.querySelectorAll('.jp-ManageSharesBody-shares-table tr').length,
                       dialog: (document.querySelector('.jp-Dialog') || {}).innerText})"""
        )
        raise RuntimeError(f"{kind}: list of {expected} not shown in time: {rows}")
    settled = lp.tracker.settle(page)
    page.wait_for_timeout(100)  # let the long-task observer deliver
    # from the menu's pointerdown (ours fetches its code and starts its hub
    # requests when the pointer reaches the menu), a little before it
    since = (rec["menuDown"] if rec.get("menuDown") is not None else rec["down"]) - 50.0
    rec["resources"] = page.evaluate(RESOURCES_JS, since)
    rec["longtasks"] = page.evaluate(LONGTASKS_JS, since)
    rec["requests"] = lp.tracker.seen[seen_before:]
    rec["settled"] = settled
    rec["settle_end"] = page.evaluate("() => performance.now()")
    close_dialog(page)
    return rec


def refresh_check(lp: LabPage, expected: int) -> dict:
    """Open our dialog, press Refresh, report the hub requests it sent and
    whether shares and share-codes were in flight together."""
    page = lp.page
    open_dialog_keep = page.get_by_role("menuitem", name=MENU_LABEL, exact=True)
    open_dialog_keep.click()
    page.get_by_role("menuitem", name=COMMAND_LABEL).click()
    expect(page.locator(".jp-UserSharing")).to_have_attribute("data-state", "ready", timeout=LIST_TIMEOUT_MS)
    lp.tracker.settle(page)
    t0 = page.evaluate("() => performance.now()")
    seen_before = len(lp.tracker.seen)
    page.locator(".jp-UserSharing-refresh").click()
    page.wait_for_timeout(100)
    lp.tracker.settle(page)
    expect(page.locator(".jp-UserSharing")).to_have_attribute("data-state", "ready", timeout=LIST_TIMEOUT_MS)
    res = page.evaluate(RESOURCES_JS, t0)
    close_dialog(page)
    return {"requests": lp.tracker.seen[seen_before:], "resources": res}
