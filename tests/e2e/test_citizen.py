"""Issue #6, "A good JupyterLab citizen", end to end.

* Settings: ``linkLifetimeSeconds`` changed in JupyterLab's Settings Editor is
  what the dialog sends to the hub (no reload); settings present at start
  (REST API, then load) turn the warnings off, set the lifetime and turn
  auto-refresh on.
* Translation: a tiny French language pack (tests/fixtures, never installed:
  a plain jupyter-lab gets it through PYTHONPATH) translates the dialog and
  the command; JupyterLab's strings prefix (``displayStringsPrefix``) shows
  that every string of the owner's dialog goes through the translator.
* Keyboard: the command palette opens the dialog, every control (lifetime
  picker, Generate, Copy link, Refresh, Revoke, Revoke All users + Cancel /
  Yes, Revoke all share links + Yes, Try again, Reload page) is reached with
  Tab / Shift+Tab and activated with Enter or Space (arrow keys for the
  picker), each with its effect at the hub, in the status line and as a
  JupyterLab notification (toast); every control shows a focus ring; after
  each action the focus stays on a sensible control of the dialog; Enter on
  the picker does not close the dialog; Escape closes the dialog and the
  focus goes back.
* Themes: the dialog with a share, a new link and a status message, in
  JupyterLab Light and Dark (switched live with the palette): screenshots
  (/tmp/user-sharing-screens/), the dark one is dark, WCAG AA contrast of
  every text, no button label spilling out of its button.
* Packaging (SLOW, ~30-60 s, last): the wheel built without Node installs in
  a fresh venv with jupyterlab from PyPI, still without Node, and JupyterLab
  from that venv loads the extension and its wasm.

A defect of the extension still open is a strict ``xfail`` test whose reason
says what is wrong: it turns into a failure (XPASS strict) once the defect is
fixed, so remove the mark then. (None is open now; those fixed in 811cfef,
306cf24 and since -- label overflow, schema domain, Tab into the body, select
focus ring, status colour, focus lost after an action, Enter on the picker
closing the dialog -- are plain tests.)

Alice's settings changed here are restored after each test (through her
server's settings API), and her shares and links are removed, so the other
test modules on the package hub see the defaults.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
import zipfile
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.harness.browser import open_lab, wait_for_lab
from tests.harness.hub import HubError, LocalHub
from tests.harness.lab import PlainLab
from tests.harness.procs import ROOT, VENV_BIN

from .conftest import DEFAULT_TIMEOUT_MS, TIMINGS, Session
from .test_sharing_story import hold_requests, release
from .test_foundation import (  # noqa: F401  (extension is a fixture)
    COMMAND_LABEL,
    DIALOG_READY_TIMEOUT,
    MENU_LABEL,
    NO_HUB_TEXT,
    close_dialog,
    extension,
    open_from_menu,
    sharing_dialog,
    wait_dialog_state,
)

PLUGIN = "jupyterlab-user-sharing:plugin"
THEMES_PLUGIN = "@jupyterlab/apputils-extension:themes"
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"

FIXTURES = ROOT / "tests" / "fixtures"
LANGUAGE_PACK = FIXTURES / "language_pack_fr_FR" / "jupyterlab_language_pack_fr_FR"
FR = {
    "User sharing": "Partage entre utilisateurs",
    "Open user sharing menu": "Ouvrir le menu de partage entre utilisateurs",
    "Close": "Fermer",
    "Invite link lifetime": "Durée de validité des liens d’invitation",
    "needsHub": "Le partage entre utilisateurs nécessite JupyterHub. Ce JupyterLab "
    "ne tourne pas sur un JupyterHub : il n’y a personne avec qui le partager.",
}

# Screenshots for people to look at (also kept in pytest's temp dir).
SCREENS_DIR = Path("/tmp/user-sharing-screens")

# WCAG 2.x AA: 4.5:1 for body text, 3:1 for large text (>= 24 px, or >= 18.66 px bold).
AA_BODY = 4.5
AA_LARGE = 3.0

# JupyterLab 4.6.6 on Chromium, measured: the background of the dialog.
DARK_MAX_LUMINANCE = 0.05
LIGHT_MIN_LUMINANCE = 0.8

PIP_TIMEOUT = 600  # s, pip install of jupyterlab from PyPI into the fresh venv
JUPYTERLAB_VERSION = "4.6.6"


# ---------------------------------------------------------------- helpers


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


def parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def lifetime_at_hub(code: dict) -> float:
    return (parse_time(code["expires_at"]) - parse_time(code["created_at"])).total_seconds()


def codes_url(hub: LocalHub) -> str:
    return f"{hub.url}hub/api/share-codes/alice/"


def shares_url_re(hub: LocalHub) -> re.Pattern:
    """alice's shares URL, with or without the pagination query."""
    return re.compile("^" + re.escape(f"{hub.url}hub/api/shares/alice/") + r"(\?.*)?$")


def is_code_post(hub: LocalHub):
    url = codes_url(hub)
    return lambda r: r.method == "POST" and r.url == url


def dialog_root(page: Page):
    return sharing_dialog(page).locator(".jp-UserSharing")


def wait_state(page: Page, state: str):
    """The dialog's Yew root once its data-state is ``state`` (whatever the
    dialog's title, which may be translated)."""
    root = page.locator(".jp-Dialog .jp-UserSharing")
    expect(root).to_have_attribute("data-state", state, timeout=DIALOG_READY_TIMEOUT)
    return root


def status_line(root):
    return root.locator(".jp-UserSharing-statusLine")


def toast(page: Page, message: str):
    """A JupyterLab notification shown as a toast (Notification API)."""
    return page.locator(".jp-toastContainer .jp-toast-message").filter(has_text=message)


def wait_idle(root) -> None:
    expect(root).to_have_attribute("data-state", "ready", timeout=DIALOG_READY_TIMEOUT)
    expect(root).to_have_attribute("aria-busy", "false", timeout=DIALOG_READY_TIMEOUT)


def alice_session(new_session, alice_state, hub, *, permissions=()) -> Session:
    s = new_session(storage_state=alice_state)
    if permissions:
        s.context.grant_permissions(list(permissions), origin=hub.url.rstrip("/"))
    open_lab(s.page, f"{hub.url}user/alice/lab")
    settle_lab(s.page)
    return s


# ---- keyboard

DESCRIBE_ACTIVE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return 'body';
  const name = e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30);
  return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${name}"`
    + (e.closest('.jp-Dialog') ? '' : ' (outside the dialog)');
}"""


def active(page: Page) -> str:
    return page.evaluate(DESCRIBE_ACTIVE)


def is_focused(locator) -> bool:
    return locator.evaluate("e => e === document.activeElement")


def focus_in_dialog(page: Page) -> bool:
    return page.evaluate(
        "() => !!(document.activeElement && document.activeElement.closest('.jp-Dialog'))"
    )


def reach(page: Page, target, key: str = "Shift+Tab", limit: int = 30) -> list[str]:
    """Press ``key`` until ``target`` has the focus; returns the way there."""
    expect(target).to_have_count(1)
    expect(target).to_be_enabled()
    way = []
    for _ in range(limit):
        if is_focused(target):
            return way
        page.keyboard.press(key)
        way.append(active(page))
    raise AssertionError(f"not reached with {limit} x {key}; focus went: {way}")


FOCUS_INDICATOR = """e => {
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return {visible: e.matches(':focus-visible') && (outline || s.boxShadow !== 'none'),
          outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
          boxShadow: s.boxShadow};
}"""


def assert_focus_visible(locator, what: str) -> None:
    info = locator.evaluate(FOCUS_INDICATOR)
    assert info["visible"], f"{what} has the keyboard focus but no focus indicator: {info}"


def press_on(page: Page, target, key: str, nav: str = "Shift+Tab") -> None:
    """Reach ``target`` by keyboard, check its focus ring, press ``key``."""
    reach(page, target, nav)
    assert_focus_visible(target, str(target))
    page.keyboard.press(key)


# JupyterLab 4.6.6 focuses the main area's current widget (the Launcher)
# ~0.5 s after it looks ready (menus there, splash gone) -- measured. A command
# palette open at that moment closes; a dialog open at that moment gets its
# focus sent back to its default button (Close), under the keys of a fast
# user. Keyboard tests wait for that focus first.
MAIN_AREA_FOCUSED = """() => {
  const main = document.getElementById('jp-main-dock-panel');
  return !!main && main.contains(document.activeElement);
}"""


def settle_lab(page: Page) -> None:
    """Wait until JupyterLab has given the focus to its main area."""
    page.wait_for_function(MAIN_AREA_FOCUSED, timeout=10_000, polling=50)


def open_with_palette(page: Page, label: str = COMMAND_LABEL, query: str | None = None) -> None:
    """Ctrl+Shift+C, type ``query`` (default: ``label``), Enter on ``label``."""
    page.keyboard.press("Control+Shift+C")
    search = page.locator("#modal-command-palette .lm-CommandPalette-input")
    expect(search).to_be_focused()
    page.keyboard.type(query or label)
    expect(
        page.locator("#modal-command-palette .lm-CommandPalette-item.lm-mod-active")
    ).to_have_text(re.compile("^" + re.escape(label)))
    page.keyboard.press("Enter")


# ---------------------------------------------------------------- fixtures


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


# ---------------------------------------------------------------- settings


def test_lifetime_from_settings_editor_is_sent_to_hub(
    hub, extension, alice_settings, alice_clean, alice_lab
):
    """The Settings Editor shows the lifetimes and refresh intervals by name
    (15 minutes ... 1 week; Off, Every 10 seconds ...), not as bare seconds;
    Invite link lifetime "1 day" -> (no reload) the dialog preselects 1 day
    and POSTs expires_in 86400; the hub's code lives a day."""
    page = alice_lab.page
    settle_lab(page)
    alice_settings.track(PLUGIN)
    alice_settings.track_workspace()
    assert alice_settings.get(PLUGIN)["settings"].get("linkLifetimeSeconds", 3600) == 3600

    page.locator("#jp-menu-panel").get_by_role("menuitem", name="Settings", exact=True).click()
    page.get_by_role("menuitem", name=re.compile(r"^Settings Editor")).click()
    page.locator(".jp-PluginList-entry").filter(has_text=re.compile(r"^User sharing$")).click()
    lifetime = page.locator(f'select[id="jp-SettingsEditor-{PLUGIN}_linkLifetimeSeconds"]')
    expect(lifetime).to_be_visible()
    # readable choices (the schema's oneOf titles), not bare seconds
    expect(lifetime.locator("option")).to_have_text(
        ["15 minutes", "1 hour", "4 hours", "1 day", "1 week"]
    )
    assert lifetime.evaluate("e => e.selectedOptions[0].textContent") == "1 hour"
    refresh = page.locator(f'select[id="jp-SettingsEditor-{PLUGIN}_autoRefreshSeconds"]')
    expect(refresh.locator("option")).to_have_text(
        ["Off", "Every 10 seconds", "Every 30 seconds", "Every minute", "Every 5 minutes"]
    )
    assert refresh.evaluate("e => e.selectedOptions[0].textContent") == "Off"
    settings_url = f"{hub.url}user/alice/lab/api/settings/{PLUGIN}"
    with page.expect_response(
        lambda r: r.request.method == "PUT" and r.url.split("?")[0] == settings_url
    ) as saved:
        lifetime.select_option(label="1 day")
    assert saved.value.status == 204
    assert alice_settings.get(PLUGIN)["settings"]["linkLifetimeSeconds"] == 86400

    open_from_menu(page)
    root = wait_dialog_state(page, "ready")
    picker = root.get_by_label("Valid for", exact=True)
    expect(picker).to_have_value("86400")
    assert picker.evaluate("e => e.selectedOptions[0].textContent") == "1 day"

    with page.expect_request(is_code_post(hub)) as posted:
        root.get_by_role("button", name="Generate invite link").click()
    assert posted.value.post_data_json == {"expires_in": 86400}
    assert posted.value.response().status == 200
    expect(root.get_by_label("Invite link", exact=True)).to_have_count(1)
    codes = hub.list_share_codes("alice")
    assert len(codes) == 1, codes
    assert abs(lifetime_at_hub(codes[0]) - 86400) < 60, codes[0]
    wait_idle(root)
    close_dialog(page)
    alice_lab.console.assert_clean()


def test_settings_at_start_warnings_lifetime_auto_refresh(
    hub, extension, alice_settings, alice_clean, alice_state, new_session
):
    """Settings saved before JupyterLab loads: showWarnings false hides the
    warnings, linkLifetimeSeconds 900 is preselected and sent, and
    autoRefreshSeconds 10 shows a new share without any click."""
    alice_settings.put(
        PLUGIN, {"showWarnings": False, "linkLifetimeSeconds": 900, "autoRefreshSeconds": 10}
    )
    s = alice_session(new_session, alice_state, hub)
    page = s.page
    open_from_menu(page)
    root = wait_dialog_state(page, "ready")
    expect(root.locator(".jp-UserSharing-warnings")).to_have_count(0)
    expect(root).not_to_contain_text("Everyone you share with")
    # the rest of the dialog is all there
    expect(root.get_by_role("heading", name="Invite links")).to_be_visible()
    expect(root.get_by_role("heading", name="People with access")).to_be_visible()
    expect(root.get_by_label("Valid for", exact=True)).to_have_value("900")

    with page.expect_request(is_code_post(hub)) as posted:
        root.get_by_role("button", name="Generate invite link").click()
    assert posted.value.post_data_json == {"expires_in": 900}
    wait_idle(root)
    (code,) = hub.list_share_codes("alice")
    assert abs(lifetime_at_hub(code) - 900) < 60, code

    # auto-refresh: bob appears by himself within one interval (+ margin)
    t0 = time.monotonic()
    hub.grant_share("alice", "bob")
    expect(root.locator("th.jp-UserSharing-name")).to_have_text(["bob"], timeout=20_000)
    TIMINGS["auto-refresh (10 s) showed a new share after (s)"] = time.monotonic() - t0
    close_dialog(page)
    s.console.assert_clean()


# ---------------------------------------------------------------- translation


def build_language_pack(dest: Path) -> Path:
    """Copy the fixture pack to ``dest``/site, compile its .po files (made
    from the shipped .pot) into the .json and .mo JupyterLab reads, with
    the project's own tool (scripts/i18n.py compile, as docs/translation.md
    tells pack authors); add the dist-info with the ``jupyterlab.languagepack``
    entry point; return the directory to put on PYTHONPATH."""
    site = dest / "site"
    pack = site / LANGUAGE_PACK.name
    shutil.copytree(LANGUAGE_PACK, pack)
    for po in pack.rglob("*.po"):
        subprocess.run(
            [str(VENV_BIN / "python"), str(ROOT / "scripts" / "i18n.py"), "compile",
             str(po), str(po.parent)],
            check=True, timeout=60,
        )
        assert po.with_suffix(".json").is_file() and po.with_suffix(".mo").is_file()
    info = site / f"{LANGUAGE_PACK.name}-0.0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: jupyterlab-language-pack-fr-FR\nVersion: 0.0.0\n"
    )
    (info / "entry_points.txt").write_text(
        f"[jupyterlab.languagepack]\nfr_FR = {LANGUAGE_PACK.name}\n"
    )
    return site


@pytest.fixture(scope="module")
def french_lab(tmp_path_factory):
    site = build_language_pack(tmp_path_factory.mktemp("language-pack"))
    lab = PlainLab(
        env={"PYTHONPATH": str(site)},
        settings={TRANSLATION_PLUGIN: {"locale": "fr_FR"}},
    )
    try:
        lab.start()
        TIMINGS["jupyter-lab (fr_FR pack) start (s)"] = lab.start_seconds
        yield lab
    finally:
        lab.stop()


@pytest.fixture
def french_page(french_lab, new_session, request) -> Session:
    request.node._e2e_servers = [("jupyter-lab (fr_FR) log", french_lab)]
    s = new_session()
    open_lab(s.page, french_lab.url)
    settle_lab(s.page)
    return s


def lab_get(lab: PlainLab, path: str) -> dict:
    sep = "&" if "?" in path else "?"
    with urllib.request.urlopen(f"{lab.base}{path}{sep}token={lab.token}", timeout=30) as r:
        return json.load(r)


def test_language_pack_translates_the_dialog(extension, french_lab, french_page):
    page = french_page.page
    pack = lab_get(french_lab, "lab/api/translations/fr_FR")
    assert "jupyterlab_user_sharing" in pack["data"], pack
    assert page.evaluate("() => document.documentElement.lang") == "fr-FR"

    page.get_by_role("menuitem", name=MENU_LABEL, exact=True).click()
    item = page.get_by_role("menuitem", name=FR["Open user sharing menu"])
    expect(item).to_be_visible()
    expect(page.get_by_role("menuitem", name=COMMAND_LABEL)).to_have_count(0)
    item.click()
    root = wait_state(page, "no-hub")
    dialog = page.locator(".jp-Dialog")
    expect(dialog.locator(".jp-Dialog-header")).to_have_text(FR["User sharing"])
    expect(root).to_have_text(FR["needsHub"])
    expect(root).not_to_contain_text(NO_HUB_TEXT)
    close = dialog.get_by_role("button", name=FR["Close"], exact=True)
    expect(close).to_be_visible()
    close.click()
    expect(dialog).to_have_count(0)

    # the palette shows the translated command too
    open_with_palette(page, FR["Open user sharing menu"])
    wait_state(page, "no-hub")
    page.keyboard.press("Escape")
    expect(page.locator(".jp-Dialog")).to_have_count(0)
    french_page.console.assert_clean()


def test_language_pack_translates_the_settings_schema(french_lab):
    """The server translates the schema's strings (menu label, titles) in the
    domain the schema names (``jupyter.lab.internationalization``, 306cf24)
    with Python gettext: the fixture's .po (with the "menu", "schema" and
    "settings" contexts) is compiled to a .mo by ``build_language_pack``.

    Only the single-plugin endpoint, though: jupyterlab_server 2.28.1's
    ``_list_settings`` (GET lab/api/settings, which JupyterLab builds its menu
    bar from) translates the core schemas but not those of prebuilt
    extensions, so the top-level menu still says "User sharing" in French;
    nothing this extension can change."""
    schema = lab_get(french_lab, f"lab/api/settings/{PLUGIN}")["schema"]
    assert schema["jupyter.lab.menus"]["main"][0]["label"] == FR["User sharing"]
    assert schema["title"] == FR["User sharing"]
    assert schema["properties"]["linkLifetimeSeconds"]["title"] == FR["Invite link lifetime"]
    # the choices' titles too (oneOf; same selector "properties/.*/title")
    choices = schema["properties"]["linkLifetimeSeconds"]["oneOf"]
    assert [(c["const"], c["title"]) for c in choices] == [
        (900, "15 minutes"), (3600, "1 heure"), (14400, "4 heures"), (86400, "1 jour"),
        (604800, "1 semaine"),
    ]
    choices = schema["properties"]["autoRefreshSeconds"]["oneOf"]
    assert [c["title"] for c in choices] == [
        "Désactivée", "Toutes les 10 secondes", "Toutes les 30 secondes", "Toutes les minutes",
        "Toutes les 5 minutes",
    ]
    listed = lab_get(french_lab, "lab/api/settings")["settings"]
    (ours,) = [x for x in listed if x["id"] == PLUGIN]
    assert ours["schema"]["jupyter.lab.menus"]["main"][0]["label"] == "User sharing", (
        "jupyterlab_server now translates prebuilt extensions' schemas in the "
        "settings list: check that the menu bar shows the French label and test it"
    )


PREFIX = "!!"

UNPREFIXED = """(root) => {
  const prefix = %s;
  const bad = [], names = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    if (!text) continue;
    if (n.parentElement.closest('th.jp-UserSharing-name')) { names.push(text); continue; }
    if (!text.includes(prefix)) bad.push(`text in <${n.parentElement.tagName.toLowerCase()} class="${n.parentElement.className}">: ${text}`);
  }
  for (const el of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const attr of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(attr);
      if (v && !v.includes(prefix)) bad.push(`${attr} of <${el.tagName.toLowerCase()}>: ${v}`);
    }
  }
  return {bad, names};
}""" % json.dumps(PREFIX)


def test_every_dialog_string_goes_through_the_translator(
    hub, extension, alice_settings, alice_clean, alice_state, new_session
):
    """JupyterLab's strings prefix marks every string a translator returns:
    the owner's dialog (a user and a group share, a new link, the status
    line, both confirmations) shows no string without it, except user names."""
    alice_settings.put(TRANSLATION_PLUGIN, {"stringsPrefix": PREFIX, "displayStringsPrefix": True})
    status, body = hub.api("POST", "groups/citizen-testers")
    assert status in (201, 409), (status, body)
    try:
        hub.grant_share("alice", "bob")
        status, body = hub.api("POST", "shares/alice/", {"group": "citizen-testers"})
        assert status == 200, (status, body)

        s = alice_session(new_session, alice_state, hub)
        page = s.page
        # (JupyterLab also passes the menu's label from the settings schema
        # through its own translator: trans._p("menu", label), domain jupyterlab)
        page.get_by_role("menuitem", name=PREFIX + MENU_LABEL, exact=True).click()
        page.get_by_role("menuitem", name=PREFIX + COMMAND_LABEL).click()
        root = page.locator(".jp-UserSharing")
        expect(root).to_have_attribute("data-state", "ready", timeout=DIALOG_READY_TIMEOUT)
        content = page.locator(".jp-Dialog-content")
        names = root.locator("th.jp-UserSharing-name")
        expect(names).to_have_count(2)

        root.get_by_role("button", name=PREFIX + "Generate invite link").click()
        root.get_by_role("button", name=PREFIX + "Copy link").click()
        expect(root.locator(".jp-UserSharing-outcome")).to_have_text(
            PREFIX + "Link copied to the clipboard."
        )
        wait_idle(root)
        found = content.evaluate(UNPREFIXED)
        assert sorted(found["names"]) == sorted(["bob", f"{PREFIX}citizen-testers (group)"])

        root.get_by_role("button", name=PREFIX + "Revoke all share links").click()
        expect(root.locator(".jp-UserSharing-confirm")).to_have_count(1)
        found["bad"] += content.evaluate(UNPREFIXED)["bad"]
        root.get_by_role("button", name=PREFIX + "Cancel").click()
        root.get_by_role("button", name=PREFIX + "Revoke All users").click()
        expect(root.locator(".jp-UserSharing-confirm")).to_have_count(1)
        found["bad"] += content.evaluate(UNPREFIXED)["bad"]
        root.get_by_role("button", name=PREFIX + "Cancel").click()

        assert not found["bad"], "strings that bypass the translator:\n" + "\n".join(
            sorted(set(found["bad"]))
        )
        page.keyboard.press("Escape")
        s.console.assert_clean()
    finally:
        clean_alice(hub)
        hub.api("DELETE", "groups/citizen-testers")


# ---------------------------------------------------------------- keyboard


def test_keyboard_only_every_button(hub, extension, alice_clean, alice_state, new_session):
    """From the command palette to every button and back, keyboard only."""
    hub.grant_share("alice", "bob")
    hub.grant_share("alice", "carol")
    s = alice_session(
        new_session, alice_state, hub, permissions=["clipboard-read", "clipboard-write"]
    )
    page = s.page
    kb = page.keyboard
    origin = page.evaluate_handle("() => document.activeElement")

    # -- open: Ctrl+Shift+C, type, Enter
    open_with_palette(page)
    root = dialog_root(page)
    wait_idle(root)
    expect(root.locator("th.jp-UserSharing-name")).to_have_text(["carol", "bob"])
    close_button = sharing_dialog(page).get_by_role("button", name="Close", exact=True)
    expect(close_button).to_be_focused()  # JupyterLab focuses the dialog's button
    t0 = time.monotonic()

    # -- Tab from Close enters the dialog body (the body host is the Dialog's
    # first focusable element since 306cf24), and reaches "Valid for"
    picker = root.get_by_label("Valid for", exact=True)
    way = reach(page, picker, "Tab", limit=4)
    assert way[0].startswith("div"), f"Tab from Close went: {way}"

    # -- "Valid for": a focus ring, arrow keys pick another lifetime
    assert_focus_visible(picker, "the 'Valid for' select")
    expect(picker).to_have_value("3600")
    kb.press("ArrowDown")
    expect(picker).to_have_value("14400")
    expect(picker).to_be_focused()

    # -- Generate invite link (Enter): sends the picked lifetime
    with page.expect_request(is_code_post(hub)) as posted:
        press_on(page, root.get_by_role("button", name="Generate invite link"), "Enter")
    assert posted.value.post_data_json == {"expires_in": 14400}
    link_input = root.get_by_label("Invite link", exact=True)
    expect(link_input).to_have_count(1)
    wait_idle(root)
    (code,) = hub.list_share_codes("alice")
    assert abs(lifetime_at_hub(code) - 14400) < 60, code
    link = link_input.input_value()

    # -- Copy link (Space): clipboard, status line, notification
    page.evaluate("() => navigator.clipboard.writeText('not the link')")
    press_on(page, root.get_by_role("button", name="Copy link"), "Space")
    expect(status_line(root)).to_have_text("Link copied to the clipboard.")
    expect(toast(page, "Link copied to the clipboard.").first).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == link

    # -- Refresh (Enter): reloads from the hub
    with page.expect_response(
        lambda r: r.request.method == "GET" and shares_url_re(hub).match(r.url)
    ) as reloaded:
        press_on(page, root.get_by_role("button", name="Refresh", exact=True), "Enter")
    assert reloaded.value.status == 200
    wait_idle(root)

    # -- Revoke one user (Space)
    press_on(page, root.get_by_role("button", name="Revoke access of bob", exact=True), "Space")
    expect(status_line(root)).to_have_text(re.compile(r"^Access of bob was revoked\."))
    expect(toast(page, "Access of bob was revoked.").first).to_be_visible()
    expect(root.locator("th.jp-UserSharing-name")).to_have_text(["carol"])
    assert [x["user"]["name"] for x in hub.list_shares("alice")] == ["carol"]
    wait_idle(root)

    # -- Revoke All users: Cancel gets the focus; Enter on it cancels
    press_on(page, root.get_by_role("button", name="Revoke All users", exact=True), "Enter")
    confirm = root.locator(".jp-UserSharing-confirm")
    expect(confirm).to_contain_text("Revoke the access of every user and group listed here?")
    expect(confirm.get_by_role("button", name="Cancel", exact=True)).to_be_focused()
    kb.press("Enter")
    expect(confirm).to_have_count(0)
    assert [x["user"]["name"] for x in hub.list_shares("alice")] == ["carol"]
    # ... and again, Shift+Tab to "Yes, revoke", Enter
    press_on(page, root.get_by_role("button", name="Revoke All users", exact=True), "Enter")
    expect(confirm.get_by_role("button", name="Cancel", exact=True)).to_be_focused()
    press_on(page, confirm.get_by_role("button", name="Yes, revoke", exact=True), "Enter")
    expect(status_line(root)).to_have_text(re.compile(r"^Everyone's access was revoked\."))
    expect(toast(page, "Everyone's access was revoked.").first).to_be_visible()
    assert hub.list_shares("alice") == []
    wait_idle(root)

    # -- Revoke all share links: Cancel focused, Shift+Tab to Yes, Space
    press_on(page, root.get_by_role("button", name="Revoke all share links"), "Enter")
    expect(confirm).to_contain_text("Revoke every invite link of this server?")
    expect(confirm.get_by_role("button", name="Cancel", exact=True)).to_be_focused()
    press_on(page, confirm.get_by_role("button", name="Yes, revoke", exact=True), "Space")
    expect(status_line(root)).to_have_text("All invite links were revoked; they no longer work.")
    expect(toast(page, "All invite links were revoked; they no longer work.").first).to_be_visible()
    assert hub.list_share_codes("alice") == []
    expect(link_input).to_have_count(0)
    wait_idle(root)

    # -- Try again (Enter), after the hub failed once (503 on the list)
    url = shares_url_re(hub)

    def unavailable(route):
        if route.request.method == "GET":
            route.fulfill(
                status=503,
                content_type="application/json",
                body='{"status": 503, "message": "Service Unavailable"}',
            )
        else:
            route.continue_()

    page.route(url, unavailable)
    press_on(page, root.get_by_role("button", name="Refresh", exact=True), "Enter")
    retry = root.get_by_role("button", name="Try again", exact=True)
    expect(retry).to_be_visible()
    expect(root.locator("[data-error-kind]")).to_contain_text("HTTP 503")
    page.unroute(url)
    press_on(page, retry, "Enter")
    expect(retry).to_have_count(0)
    wait_idle(root)
    TIMINGS["keyboard: every button (s)"] = time.monotonic() - t0

    # -- Escape closes; the focus goes back where it was before the palette
    reach(page, close_button)
    kb.press("Escape")
    expect(page.locator(".jp-Dialog")).to_have_count(0)
    back = page.evaluate(
        "o => document.activeElement === o || document.activeElement === document.body", origin
    )
    assert back, f"focus after Escape: {active(page)}"
    assert page.evaluate("() => document.activeElement.isConnected")

    # -- Reload page (Enter), offered when the hub session expired (401)
    def expired(route):
        if route.request.method == "GET":
            route.fulfill(
                status=401,
                content_type="application/json",
                body='{"status": 401, "message": "Missing or invalid credentials."}',
            )
        else:
            route.continue_()

    page.route(url, expired)
    open_with_palette(page)
    reload_button = root.get_by_role("button", name="Reload page", exact=True)
    expect(reload_button).to_be_visible()
    page.unroute(url)
    with page.expect_navigation():
        press_on(page, reload_button, "Enter")
    wait_for_lab(page)
    # Chromium logs the two answers this test made up (503, 401); nothing else
    simulated = re.compile(
        r"^Failed to load resource: the server responded with a status of "
        r"(503 \(Service Unavailable\)|401 \(Unauthorized\))$"
    )
    unexpected = [
        e for e in s.console.entries
        if not (simulated.match(e.text) and url.match(e.location.rsplit(":", 1)[0]))
    ]
    assert len(s.console.entries) - len(unexpected) == 2, s.console.entries
    assert not unexpected, "console errors:\n" + "\n".join(str(e) for e in unexpected)


def test_focus_stays_in_the_dialog_after_an_action(hub, extension, alice_clean, alice_lab):
    """Every action leaves the keyboard focus on a sensible control of the
    dialog, never on <body> (it did before: the focused button was disabled
    while the hub worked, or removed): a busy button keeps the focus
    (aria-disabled); a new link's Copy link takes it from Generate; a revoked
    row hands it to the row now in its place (or the one before); a closed
    confirmation to the button that opened it, or its successor when that is
    gone or disabled. Escape still closes the dialog at the end."""
    hub.grant_share("alice", "bob")
    hub.grant_share("alice", "carol")
    page = alice_lab.page
    settle_lab(page)
    open_with_palette(page)
    root = dialog_root(page)
    wait_idle(root)
    names = root.locator("th.jp-UserSharing-name")
    expect(names).to_have_text(["carol", "bob"])
    confirm = root.locator(".jp-UserSharing-confirm")
    lost = []

    def after(action: str, expected) -> None:
        wait_idle(root)
        if not focus_in_dialog(page):
            lost.append(f"{action}: focus on {active(page)}")
        elif not is_focused(expected):
            lost.append(f"{action}: focus on {active(page)}, expected {expected}")

    def button(name: str):
        return root.get_by_role("button", name=name, exact=True)

    # -- Generate: busy, it keeps the focus; then the new link's Copy link
    generate = button("Generate invite link")
    codes = re.compile("^" + re.escape(codes_url(hub)) + "$")
    held = hold_requests(page, codes, "POST")
    press_on(page, generate, "Enter")
    expect(generate).to_have_attribute("aria-disabled", "true")
    expect(generate).to_be_focused()
    page.keyboard.press("Enter")  # again, while busy: ignored
    release(page, codes, held)
    expect(root.get_by_label("Invite link", exact=True)).to_have_count(1)
    after("Generate invite link", button("Copy link"))
    assert len(hub.list_share_codes("alice")) == 1

    # -- Revoke the last row: the row before takes the focus
    press_on(page, button("Revoke access of bob"), "Enter")
    expect(names).to_have_text(["carol"])
    after("Revoke access of bob", button("Revoke access of carol"))

    # -- Revoke All users, Cancel: back on Revoke All users
    press_on(page, button("Revoke All users"), "Enter")
    expect(confirm.get_by_role("button", name="Cancel", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(confirm).to_have_count(0)
    after("Cancel (Revoke All users)", button("Revoke All users"))

    # -- Yes, revoke: nobody is left and the button is gone: Refresh
    page.keyboard.press("Enter")
    press_on(page, confirm.get_by_role("button", name="Yes, revoke", exact=True), "Enter")
    expect(root.locator(".jp-UserSharing-empty")).to_be_visible()
    after("Yes, revoke (Revoke All users)", button("Refresh"))

    # -- Refresh keeps the focus while it loads
    page.keyboard.press("Enter")
    after("Refresh", button("Refresh"))

    # -- Revoke all share links, Cancel: back on it; Yes: it is disabled
    # then (no link left), Generate invite link takes the focus
    press_on(page, button("Revoke all share links"), "Enter")
    expect(confirm.get_by_role("button", name="Cancel", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    expect(confirm).to_have_count(0)
    after("Cancel (Revoke all share links)", button("Revoke all share links"))
    page.keyboard.press("Enter")
    press_on(page, confirm.get_by_role("button", name="Yes, revoke", exact=True), "Enter")
    expect(root.get_by_label("Invite link", exact=True)).to_have_count(0)
    expect(button("Revoke all share links")).to_be_disabled()
    after("Yes, revoke (Revoke all share links)", generate)
    assert hub.list_share_codes("alice") == []

    print("\n".join(lost))
    assert not lost, "\n".join(lost)
    # -- and Escape, from where the focus is, still closes the dialog
    page.keyboard.press("Escape")
    expect(page.locator(".jp-Dialog")).to_have_count(0)
    alice_lab.console.assert_clean()


def test_enter_on_the_lifetime_picker_keeps_the_dialog_open(
    hub, extension, alice_clean, alice_lab
):
    """JupyterLab's Dialog takes Enter on a <select> or a text field as
    "accept" and closed the whole dialog; Enter on "Valid for" (and on a
    link's field) now does nothing, and the picked lifetime is kept."""
    page = alice_lab.page
    settle_lab(page)
    open_with_palette(page)
    root = dialog_root(page)
    wait_idle(root)
    dialog = page.locator(".jp-Dialog")
    picker = root.get_by_label("Valid for", exact=True)
    reach(page, picker, "Tab", limit=4)
    page.keyboard.press("ArrowDown")
    expect(picker).to_have_value("14400")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # the Dialog closes synchronously on keydown; be generous
    expect(dialog).to_have_count(1)
    expect(picker).to_be_focused()
    expect(picker).to_have_value("14400")

    with page.expect_request(is_code_post(hub)) as posted:
        press_on(page, root.get_by_role("button", name="Generate invite link"), "Enter")
    assert posted.value.post_data_json == {"expires_in": 14400}
    link_input = root.get_by_label("Invite link", exact=True)
    expect(link_input).to_have_count(1)
    wait_idle(root)
    link_input.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    expect(dialog).to_have_count(1)
    expect(link_input).to_be_focused()

    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    alice_lab.console.assert_clean()


# ---------------------------------------------------------------- themes

CONTRAST = """(root) => {
  const parse = (s) => {
    const m = s.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
    return {r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1};
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let bg = {r: 255, g: 255, b: 255, a: 1};
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const measure = (el, text) => {
    const st = getComputedStyle(el);
    const bg = background(el);
    const c = parse(st.color);
    const fg = over({...c, a: c.a * opacity(el)}, bg);
    const l1 = lum(fg), l2 = lum(bg);
    const size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
    return {
      text: text.slice(0, 60), tag: el.tagName.toLowerCase(), cls: String(el.className),
      color: st.color, background: `rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)})`,
      ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
      large: size >= 24 || (size >= 18.66 && bold),
      disabled: !!el.closest(':disabled, [aria-disabled="true"]'),
    };
  };
  const out = [], seen = new Set();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || seen.has(el) || el.closest('option')) continue;
    seen.add(el);
    const r = el.getBoundingClientRect();
    if (r.width > 1 && r.height > 1) out.push(measure(el, n.textContent.trim()));
  }
  for (const el of root.querySelectorAll('input, select')) {
    out.push(measure(el, el.tagName === 'SELECT' ? el.selectedOptions[0].textContent : el.value));
  }
  return {
    items: out,
    dialogBackground: lum(background(root)),
    overflowing: Array.from(root.querySelectorAll('button')).filter(
      b => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1
    ).map(b => `"${b.textContent.trim()}": ${b.scrollWidth}x${b.scrollHeight} px of text in a ${b.clientWidth}x${b.clientHeight} px button`),
  };
}"""


def render_dialog(page: Page, hub: LocalHub, theme: str, shots: Path) -> dict:
    """Open the dialog, make a status message, measure, screenshot, close."""
    open_from_menu(page)
    root = dialog_root(page)
    wait_idle(root)
    if not root.get_by_role("button", name="Copy link").count():
        root.get_by_role("button", name="Generate invite link").click()
    root.get_by_role("button", name="Copy link").click()
    expect(status_line(root)).to_have_text("Link copied to the clipboard.")
    wait_idle(root)
    # the toast would cover part of the dialog in the screenshot
    page.locator(".jp-toastContainer").evaluate("e => e.style.visibility = 'hidden'")
    content = page.locator(".jp-Dialog-content")
    measured = content.evaluate(CONTRAST)
    # JupyterLab's dialog has a fixed height and the body scrolls: top and bottom
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    host = page.locator(".jp-Dialog .jp-UserSharing-host")
    measured["screenshots"] = []
    for part, scroll in (("top", "0"), ("bottom", "e.scrollHeight")):
        host.evaluate(f"e => {{ e.scrollTop = {scroll}; }}")
        path = shots / f"dialog-{theme}-{part}.png"
        content.screenshot(path=str(path), animations="disabled")
        shutil.copy(path, SCREENS_DIR / path.name)
        measured["screenshots"].append(str(path))
    page.locator(".jp-toastContainer").evaluate("e => e.style.visibility = ''")
    page.keyboard.press("Escape")
    expect(page.locator(".jp-Dialog")).to_have_count(0)
    return measured


@pytest.fixture(scope="module")
def themed(hub, browser, alice_state, tmp_path_factory):
    """alice's dialog (a share, a new link, a status message) in JupyterLab
    Light, then JupyterLab Dark (switched with the command palette)."""
    shots = tmp_path_factory.mktemp("screens")
    settings = LabSettings(hub)
    clean_alice(hub)
    ctx = browser.new_context(storage_state=alice_state, viewport={"width": 1280, "height": 1100})
    ctx.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        settings.put(THEMES_PLUGIN, {"theme": "JupyterLab Light"})
        hub.grant_share("alice", "bob")
        page = ctx.new_page()
        open_lab(page, f"{hub.url}user/alice/lab")
        settle_lab(page)
        assert page.evaluate("() => document.body.dataset.jpThemeLight") == "true"
        out = {"light": render_dialog(page, hub, "light", shots)}

        open_with_palette(page, "Use Theme: JupyterLab Dark", query="JupyterLab Dark")
        page.wait_for_function(
            "() => document.body.dataset.jpThemeLight === 'false'"
            " && document.body.dataset.jpThemeName === 'JupyterLab Dark'"
        )
        out["dark"] = render_dialog(page, hub, "dark", shots)
        print(
            "\nscreenshots: "
            + ", ".join(p for t in out for p in out[t]["screenshots"])
            + f" (copies in {SCREENS_DIR})"
        )
        yield out
    finally:
        ctx.close()
        clean_alice(hub)
        settings.restore()


def test_dark_theme_is_dark_and_light_is_light(themed):
    assert themed["dark"]["dialogBackground"] < DARK_MAX_LUMINANCE, themed["dark"]
    assert themed["light"]["dialogBackground"] > LIGHT_MIN_LUMINANCE, themed["light"]
    for theme in ("light", "dark"):
        for shot in themed[theme]["screenshots"]:
            assert Path(shot).stat().st_size > 10_000, shot
            assert (SCREENS_DIR / Path(shot).name).is_file()
        texts = [i["text"] for i in themed[theme]["items"]]
        assert any(t.startswith("http://127.0.0.1") for t in texts), texts  # the link
        assert "bob" in texts and "Link copied to the clipboard." in texts, texts


def low_contrast(items: list[dict]) -> list[str]:
    return [
        f'{i["ratio"]:.2f}:1 <{i["tag"]} class="{i["cls"]}"> {i["color"]} on '
        f'{i["background"]}: {i["text"]!r}'
        for i in items
        if not i["disabled"] and i["ratio"] < (AA_LARGE if i["large"] else AA_BODY)
    ]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_contrast(themed, theme):
    """WCAG AA for every text of the dialog, the status message included (its
    success colour was 4.12:1 on white before 306cf24); disabled controls are
    exempt."""
    items = themed[theme]["items"]
    assert len(items) > 20, items
    assert [i["text"] for i in items if "jp-UserSharing-outcome" in i["cls"]] == [
        "Link copied to the clipboard."
    ]
    assert not low_contrast(items), "\n".join(low_contrast(items))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_button_labels_fit_their_buttons(themed, theme):
    """No label spills out of its button (it did for 'Generate invite link'
    before 811cfef: JupyterLab's 'select.jp-mod-styled {flex: 1 1 auto;
    width: 100%}' made the picker take the whole row and the 32 px high
    button wrapped its label onto an invisible second line)."""
    assert not themed[theme]["overflowing"], themed[theme]["overflowing"]


# ---------------------------------------------------------------- packaging (SLOW)

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def no_node_path(tmp: Path) -> str:
    """A PATH with no Node.js: an empty directory."""
    empty = tmp / "no-node-bin"
    empty.mkdir()
    return str(empty)


def assert_licences_and_catalogue(wheel: zipfile.ZipFile, share: str) -> None:
    """The wheel carries the licences of the Rust crates in the wasm (in
    JupyterLab's third-party-licenses format, next to the npm one), and the
    translation catalogue."""
    def read(suffix: str) -> bytes:
        (name,) = [n for n in wheel.namelist() if n.endswith(suffix)]
        return wheel.read(name)

    rust = json.loads(read(share + "static/third-party-licenses-rust.json"))["packages"]
    by_name = {p["name"]: p for p in rust}
    for crate in ("yew", "wasm-bindgen", "serde", "gloo-net", "js-sys", "web-sys"):
        assert crate in by_name, (crate, sorted(by_name))
        assert "Permission is hereby granted" in by_name[crate]["extractedText"], crate
        assert "MIT" in by_name[crate]["licenseId"], by_name[crate]["licenseId"]
    assert not {"hub-sharing", "user-sharing-ui"} & set(by_name), "our own crates are in LICENSE"
    assert "syn" not in by_name, "procedural macros are not in the wasm"
    # JupyterLab's Help -> Licenses reads only this file: it lists the crates too
    bundle = json.loads(read(share + "static/third-party-licenses.json"))["packages"]
    assert {"style-loader", "yew", "wasm-bindgen"} <= {p["name"] for p in bundle}, bundle
    pot = read("jupyterlab_user_sharing/locale/jupyterlab_user_sharing.pot").decode()
    assert 'msgid "Generate invite link"' in pot and 'msgctxt "menu"' in pot, pot[:500]
    assert (ROOT / "jupyterlab_user_sharing/locale/jupyterlab_user_sharing.pot").read_text() == pot


def test_wheel_installs_and_loads_without_node(tmp_path_factory, new_session):
    """SLOW (~30-60 s: pip installs jupyterlab from PyPI). Build the wheel
    with no Node on PATH (the prebuilt labextension is used), install it in a
    fresh venv with jupyterlab==4.6.6, still without Node, and check that
    JupyterLab from that venv lists, serves and loads the extension."""
    tmp = tmp_path_factory.mktemp("wheel")
    path = no_node_path(tmp)
    for tool in ("node", "nodejs", "npm", "jlpm"):
        assert shutil.which(tool, path=path) is None, tool
    base_env = {"HOME": os.environ.get("HOME", str(tmp)), "LANG": "C.UTF-8"}
    base_env.update({k: v for k, v in os.environ.items() if k.startswith("PIP_")})

    # -- build (from the project root; the hatch hook skips npm)
    t0 = time.monotonic()
    dist = tmp / "dist"
    built = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=ROOT, env={**base_env, "PATH": path}, capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = dist.glob("jupyterlab_user_sharing-*-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    share = "share/jupyter/labextensions/jupyterlab-user-sharing/"
    for pattern in (r"package\.json$", r"install\.json$", r"static/remoteEntry\.[0-9a-f]+\.js$",
                    r"static/[0-9a-f]+\.wasm$", r"schemas/jupyterlab-user-sharing/plugin\.json$",
                    r"static/third-party-licenses\.json$", r"static/third-party-licenses-rust\.json$"):
        assert any(share in n and re.search(pattern, n) for n in names), (pattern, names)
    assert_licences_and_catalogue(zipfile.ZipFile(wheel), share)
    TIMINGS["wheel build, no Node (s)"] = time.monotonic() - t0

    # -- fresh venv + pip install (no Node on PATH)
    t0 = time.monotonic()
    venv = tmp / "venv"
    subprocess.run([str(VENV_BIN / "python"), "-m", "venv", str(venv)], check=True, timeout=120)
    venv_path = str(venv / "bin")
    assert shutil.which("node", path=venv_path) is None
    env = {**base_env, "PATH": venv_path}
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--no-input",
         str(wheel), f"jupyterlab=={JUPYTERLAB_VERSION}"],
        env=env, capture_output=True, text=True, timeout=PIP_TIMEOUT,
    )
    assert pip.returncode == 0, pip.stdout[-3000:] + pip.stderr[-3000:]
    TIMINGS["fresh venv + pip install jupyterlab + wheel (s)"] = time.monotonic() - t0

    # -- jupyter labextension list, in an empty home
    home = tmp / "home"
    home.mkdir()
    listed = subprocess.run(
        [str(venv / "bin" / "jupyter"), "labextension", "list"],
        env={**env, "HOME": str(home)}, capture_output=True, text=True, timeout=120,
    )
    out = ANSI.sub("", listed.stdout + listed.stderr)
    assert listed.returncode == 0, out
    assert f"JupyterLab v{JUPYTERLAB_VERSION}" in out, out
    assert str(venv / "share" / "jupyter" / "labextensions") in out, out
    assert re.search(
        r"jupyterlab-user-sharing v\S+ enabled\s+OK \(python, jupyterlab_user_sharing\)", out
    ), out

    # -- JupyterLab from the fresh venv serves and loads it
    lab = PlainLab(venv=venv, env={"PATH": venv_path})
    with lab:
        TIMINGS["jupyter-lab from the fresh venv start (s)"] = lab.start_seconds
        s: Session = new_session()
        page = s.page
        open_lab(page, lab.url)
        settle_lab(page)
        cfg = page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent)"
        )
        ours = [e for e in cfg["federated_extensions"] if e["name"] == "jupyterlab-user-sharing"]
        assert len(ours) == 1, cfg["federated_extensions"]
        entry = f"{lab.base}lab/extensions/jupyterlab-user-sharing/{ours[0]['load']}"
        assert any(
            u.split("?")[0] == entry and st == 200 for _m, u, st in s.responses
        ), (entry, s.responses)

        open_from_menu(page)
        root = wait_dialog_state(page, "no-hub")
        expect(root).to_contain_text(NO_HUB_TEXT)
        wasm = [(u, st) for _m, u, st in s.responses if urlparse(u).path.endswith(".wasm")]
        assert len(wasm) == 1 and wasm[0][1] == 200, wasm
        assert "/lab/extensions/jupyterlab-user-sharing/static/" in wasm[0][0], wasm
        close_dialog(page)
        s.console.assert_clean()
        # Help -> Licenses: JupyterLab's licences API lists the Rust crates
        listed = lab_get(lab, "lab/api/licenses/?bundles=jupyterlab-user-sharing&format=json")
        names = {p["name"] for p in listed["bundles"]["jupyterlab-user-sharing"]["packages"]}
        assert {"yew", "serde", "gloo-net", "wasm-bindgen"} <= names, names
        # nothing of the server came from .venv
        assert lab.proc.args[0] == str(venv / "bin" / "jupyter-lab")
