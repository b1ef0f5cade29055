"""A long list of people on the real hub, end to end.

erin's server is shared with 230 users on a hub whose API pages hold at most
50 items (``api_page_max_limit``), so the dialog must follow five pages of
shares. Checked: every share is in the list (the table's ``aria-rowcount``),
the pages after the first were requested at the same time, the table shows
100 rows at a time with Previous / Next, the search field finds people in the
whole list (and Enter in it keeps the dialog open), a revoke from a search
result reaches the hub, and a reopened dialog ends with the hub's list. The
browser console stays clean.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import Page, expect

from tests.harness.browser import login, open_lab
from tests.harness.hub import LocalHub

from .pages import close_dialog, open_from_menu, share_names, wait_dialog_state

OWNER = "erin"
N = 230
PAGE_MAX = 50
NAMES = [f"reader-{i:03d}" for i in range(N)]


@pytest.fixture(scope="module")
def long_hub(request):
    hub = LocalHub(
        users=(OWNER,),
        extra_config=f"c.JupyterHub.api_page_max_limit = {PAGE_MAX}\n",
    )
    try:
        hub.start()
        yield hub
    finally:
        hub.stop()


@pytest.fixture(scope="module")
def erin_state(long_hub, browser):
    """erin logged in (her server spawned), then N users granted a share."""
    ctx = browser.new_context()
    try:
        login(ctx.new_page(), long_hub, OWNER)
        state = ctx.storage_state()
    finally:
        ctx.close()
    long_hub._ok((201,), "POST", "users", {"usernames": NAMES})
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda name: long_hub.grant_share(OWNER, name), NAMES))
    assert len(long_hub.list_shares(OWNER)) == N
    return state


@pytest.fixture
def erin(long_hub, erin_state, new_session, request):
    s = new_session(storage_state=erin_state)
    request.node._e2e_servers = [("jupyterhub log (long list)", long_hub)]
    open_lab(s.page, f"{long_hub.url}user/{OWNER}/lab")
    return s


def shares_requests(page: Page) -> list[dict]:
    return page.evaluate(
        """() => performance.getEntriesByType('resource')
            .filter(e => e.name.includes('/hub/api/shares/'))
            .map(e => ({url: e.name, start: e.startTime, end: e.responseEnd}))"""
    )


def names(root) -> list[str]:
    return share_names(root).all_inner_texts()


def test_every_share_is_listed_a_page_at_a_time_and_searchable(long_hub, erin, extension):
    page = erin.page
    open_from_menu(page)
    root = wait_dialog_state(page, "ready")
    table = root.locator("table.jp-UserSharing-table")
    expect(table).to_have_attribute("aria-rowcount", str(N + 1))
    expect(root.locator("tbody tr")).to_have_count(100)

    # five pages of 50 followed; the four after the first requested together
    reqs = shares_requests(page)
    offsets = sorted(int(r["url"].split("offset=")[1].split("&")[0]) for r in reqs)
    assert offsets == [0, 50, 100, 150, 200], offsets
    later = [r for r in reqs if "offset=0&" not in r["url"]]
    overlapping = max(
        sum(1 for o in later if o["start"] < r["end"] and r["start"] < o["end"]) for r in later
    )
    assert overlapping >= 2, f"pages after the first were fetched one by one: {later}"

    # the pager walks the whole list, 100 rows a page, every name once
    pager = root.get_by_role("navigation", name="Pages of the list")
    expect(pager).to_contain_text("1–100 of 230")
    seen = names(root)
    pager.get_by_role("button", name="Next").click()
    expect(pager).to_contain_text("101–200 of 230")
    seen += names(root)
    pager.get_by_role("button", name="Next").click()
    expect(pager).to_contain_text("201–230 of 230")
    expect(root.locator("tbody tr").first).to_have_attribute("aria-rowindex", "202")
    seen += names(root)
    assert sorted(seen) == NAMES
    next_button = pager.get_by_role("button", name="Next")
    expect(next_button).to_have_attribute("aria-disabled", "true")
    pager.get_by_role("button", name="Previous").click()
    expect(pager).to_contain_text("101–200 of 230")

    # search the whole list; Enter in the field keeps the dialog open
    search = root.get_by_role("searchbox", name="Find a user or group")
    search.fill("READER-01")
    expect(root.locator("tbody tr")).to_have_count(10)
    assert sorted(names(root)) == [f"reader-01{i}" for i in range(10)]
    expect(pager).to_have_count(0)
    search.press("Enter")
    expect(root).to_be_visible()
    expect(search).to_be_focused()

    # revoke one person found by the search: the hub forgets them
    root.get_by_role("button", name="Revoke access of reader-015").click()
    expect(root.locator("tbody tr")).to_have_count(9)
    wait_dialog_state(page, "ready")
    assert "reader-015" not in {s["user"]["name"] for s in long_hub.list_shares(OWNER)}
    expect(table).to_have_attribute("aria-rowcount", "10")

    # the search field went nowhere; emptying it shows the whole list again
    search.fill("")
    expect(table).to_have_attribute("aria-rowcount", str(N))
    close_dialog(page)

    # reopened: the hub's list, again in full
    long_hub.revoke_share(OWNER, "reader-016")
    open_from_menu(page)
    root = wait_dialog_state(page, "ready")
    expect(root.locator("table.jp-UserSharing-table")).to_have_attribute(
        "aria-rowcount", str(N - 1)
    )
    close_dialog(page)
    erin.console.assert_clean()
