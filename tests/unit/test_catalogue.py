"""The translation catalogue (jupyterlab_user_sharing/locale/*.pot) follows
the sources, and scripts/i18n.py compiles a .po into what JupyterLab reads."""

import gettext
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "scripts" / "i18n.py"
POT = ROOT / "jupyterlab_user_sharing" / "locale" / "jupyterlab_user_sharing.pot"
FRENCH = next((ROOT / "tests" / "fixtures").glob("language_pack_fr_FR/*/locale/fr_FR/LC_MESSAGES/*.po"))


def i18n(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(I18N), *args], capture_output=True, text=True, timeout=120)


def test_the_catalogue_and_the_test_pack_are_up_to_date_with_the_sources():
    run = i18n("check")
    assert run.returncode == 0, run.stderr  # the message says: run `make pot`


def test_every_string_the_shim_translates_is_in_the_catalogue():
    """A second reading of js/, independent of babel's JavaScript lexer (which
    reads TypeScript only because it is close enough to JavaScript)."""
    pot = POT.read_text()
    calls = re.compile(r"""trans\.(?:__|_n|_p|_np)\(\s*(['"])((?:\\.|(?!\1).)*)\1""", re.S)
    found = [
        m.group(2).replace("\\'", "'").replace('\\"', '"')
        for source in (ROOT / "js").rglob("*.ts")
        for m in calls.finditer(source.read_text())
    ]
    assert len(found) > 50, found
    flat = re.sub(r'"\n"', "", pot)  # the .pot wraps long msgids over lines
    missing = [s for s in found if f'"{s}"' not in flat.replace('\\"', '"')]
    assert not missing, missing


def test_compile_writes_the_json_and_mo_of_a_language_pack(tmp_path):
    run = i18n("compile", str(FRENCH), str(tmp_path))
    assert run.returncode == 0, run.stderr
    data = json.loads((tmp_path / "jupyterlab_user_sharing.json").read_text())
    assert data[""]["domain"] == "jupyterlab_user_sharing"
    assert data[""]["language"] == "fr-FR"
    assert data[""]["plural_forms"] == "nplurals=2; plural=(n > 1);"
    assert data["Generate invite link"] == ["Créer un lien d’invitation"]
    assert data["%1 hour"] == ["%1 heure", "%1 heures"]
    # a string with a context, as JupyterLab's Gettext looks it up
    assert data["menu\x04User sharing"] == ["Partage entre utilisateurs"]
    # untranslated strings are left out (the English one is shown)
    assert "Revoke All users" not in data
    with open(tmp_path / "jupyterlab_user_sharing.mo", "rb") as f:
        mo = gettext.GNUTranslations(f)
    assert mo.pgettext("settings", "Invite link lifetime") == "Durée de validité des liens d’invitation"
    assert mo.ngettext("%1 day", "%1 days", 2) == "%1 jours"


def test_compile_refuses_a_po_with_a_string_the_catalogue_lacks(tmp_path):
    po = tmp_path / "old.po"
    po.write_text(FRENCH.read_text() + '\nmsgid "A string nobody wrote"\nmsgstr "Une chaîne"\n')
    run = i18n("compile", str(po), str(tmp_path / "out"))
    assert run.returncode == 1
    assert "A string nobody wrote" in run.stderr
    assert not (tmp_path / "out").exists()
