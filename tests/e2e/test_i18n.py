"""Translation end to end: a tiny French language pack (tests/fixtures, never
installed: a plain jupyter-lab gets it through PYTHONPATH) translates the
dialog, the command and the settings schema; JupyterLab's strings prefix
(``displayStringsPrefix``) shows that every string of the owner's dialog goes
through the translator.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.harness.browser import open_lab
from tests.harness.lab import PlainLab
from tests.harness.procs import ROOT, VENV_BIN

from .conftest import TIMINGS, Session, clean_alice, lab_get
from .pages import (
    COMMAND_LABEL,
    DIALOG_READY_TIMEOUT,
    MENU_LABEL,
    NO_HUB_TEXT,
    open_with_palette,
    settle_lab,
    wait_idle,
    wait_state,
)

PLUGIN = "jupyterlab-user-sharing:plugin"
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
    domain the schema names (``jupyter.lab.internationalization``)
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
    // a count (a link's uses) is a number, not a sentence: nothing to translate
    if (/^[0-9\\s.,]+$/.test(text)) continue;
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
    hub, extension, alice_settings, alice_clean, alice_session
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

        s = alice_session()
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
