#!/usr/bin/env python3
"""The translation catalogue of the `jupyterlab_user_sharing` domain.

    python scripts/i18n.py pot            # write jupyterlab_user_sharing/locale/jupyterlab_user_sharing.pot
                                          # and bring the test packs' .po files in step with it
    python scripts/i18n.py check          # fail when those files are not what `pot` would write
    python scripts/i18n.py compile PO DIR # PO -> DIR/jupyterlab_user_sharing.{json,mo}, as language packs ship them

Strings come from two places, with babel (pinned in requirements-dev.txt):
- the shim (js/**/*.ts): every `trans.__`, `trans._n`, `trans._p`,
  `trans._np` call of JupyterLab's TranslationBundle (the Rust UI's strings
  all pass through js/, see crates/user-sharing-ui/src/strings.rs);
- the settings schema (schema/*.json): the strings jupyterlab_server
  translates, with its contexts ("schema", "settings", "menu"), found by
  running jupyterlab_server's own schema walk.
Locations are file names without line numbers, so moving code does not
change the catalogue; changing, adding or removing a string does.

`compile` writes the two files a language pack holds per domain (see
docs/translation.md): the `.mo` the server uses for the schema, and the
`.json` JupyterLab's frontend loads (msgid -> [translations], a context
joined to its msgid by U+0004, as JupyterLab's Gettext looks them up).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = "jupyterlab_user_sharing"
POT = ROOT / "jupyterlab_user_sharing" / "locale" / f"{DOMAIN}.pot"
# The test language packs (tests/e2e) are made from the .pot and follow it.
TEST_PACKS = sorted((ROOT / "tests" / "fixtures").glob(f"language_pack_*/*/locale/*/LC_MESSAGES/{DOMAIN}.po"))
# TranslationBundle's methods: (1c = context argument)
KEYWORDS = {"__": None, "_n": (1, 2), "_p": ((1, "c"), 2), "_np": ((1, "c"), 2, 3)}
CONTEXT_SEPARATOR = "\x04"
# No year in it: the file must only change when the strings do.
HEADER = """\
# Translations template for jupyterlab-user-sharing (domain jupyterlab_user_sharing).
# Generated from js/ and schema/ by `make pot` (scripts/i18n.py): do not edit.
# Distributed under the same licence as jupyterlab-user-sharing (BSD-3-Clause).
# How to translate: docs/translation.md"""


def package_version() -> str:
    return json.loads((ROOT / "package.json").read_text())["version"]


def schema_strings(path: Path) -> list[tuple[str, str]]:
    """(context, msgid) of every string jupyterlab_server translates in a
    settings schema, in the order it meets them."""
    from jupyterlab_server.translation_utils import translator

    found: list[tuple[str, str]] = []

    class Recorder:
        def pgettext(self, context: str, msgid: str) -> str:
            found.append((context, msgid))
            return msgid

    translator._translate_schema_strings(Recorder(), json.loads(path.read_text()))
    return found


def build_catalogue() -> Catalog:
    catalog = Catalog(
        header_comment=HEADER,
        project=DOMAIN,
        version=package_version(),
        msgid_bugs_address="https://github.com/jupyterlab-user-sharing/jupyterlab-user-sharing/issues",
        copyright_holder="jupyterlab-user-sharing contributors",
        charset="utf-8",
        fuzzy=False,
    )
    for source in sorted((ROOT / "js").rglob("*.ts")):
        rel = source.relative_to(ROOT).as_posix()
        for _line, message, comments, context in extract_from_file(
            "javascript", source, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            options={"template_string": True},
        ):
            catalog.add(message, locations=[(rel, None)], auto_comments=comments, context=context)
    for schema in sorted((ROOT / "schema").glob("*.json")):
        rel = schema.relative_to(ROOT).as_posix()
        for context, msgid in schema_strings(schema):
            catalog.add(msgid, locations=[(rel, None)], context=context)
    return catalog


def render(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False, sort_output=False)
    # The creation date is the one line that changes on every run.
    return "".join(
        line for line in out.getvalue().decode().splitlines(keepends=True)
        if not line.startswith('"POT-Creation-Date:')
    )


def updated_po(po: Path, template: Catalog) -> str:
    """``po`` brought in step with the template: new strings added
    untranslated, strings gone from the sources dropped, no fuzzy guesses."""
    with open(po, "rb") as f:
        catalog = read_po(f, domain=DOMAIN)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return render(catalog)


def expected_files() -> dict[Path, str]:
    catalog = build_catalogue()
    template = read_po(io.BytesIO(render(catalog).encode()))
    return {POT: render(catalog), **{po: updated_po(po, template) for po in TEST_PACKS}}


def cmd_pot() -> int:
    POT.parent.mkdir(parents=True, exist_ok=True)
    for path, text in expected_files().items():
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            print(f"[i18n] wrote {path.relative_to(ROOT)}")
    return 0


def cmd_check() -> int:
    stale = [p for p, text in expected_files().items() if not p.exists() or p.read_text() != text]
    for path in stale:
        print(
            f"{path.relative_to(ROOT)} is out of date with the sources (js/, schema/):"
            " run `make pot` and commit the result.",
            file=sys.stderr,
        )
    if not stale:
        print(f"[i18n] {POT.relative_to(ROOT)} and the test packs are up to date")
    return 1 if stale else 0


def frontend_json(catalog: Catalog) -> dict:
    data: dict = {
        "": {
            "domain": DOMAIN,
            "language": str(catalog.locale).replace("_", "-") if catalog.locale else "",
            "plural_forms": catalog.plural_forms,
            "version": catalog.version or package_version(),
        }
    }
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = list(message.string) if isinstance(message.string, tuple) else [message.string]
        if not all(strings):
            continue
        key = f"{message.context}{CONTEXT_SEPARATOR}{msgid}" if message.context else msgid
        data[key] = strings
    return data


def cmd_compile(po: Path, out_dir: Path) -> int:
    with open(po, "rb") as f:
        catalog = read_po(f, domain=DOMAIN)
    pot_ids = {(m.context, m.id) for m in read_po(io.BytesIO(POT.read_bytes())) if m.id}
    unknown = [m.id for m in catalog if m.id and (m.context, m.id) not in pot_ids]
    if unknown:
        print(f"{po}: not in {POT.name} (obsolete? run pybabel update): {unknown}", file=sys.stderr)
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / f"{DOMAIN}.mo", "wb") as f:
        write_mo(f, catalog)
    (out_dir / f"{DOMAIN}.json").write_text(
        json.dumps(frontend_json(catalog), indent=2, ensure_ascii=False) + "\n"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("pot")
    sub.add_parser("check")
    compile_ = sub.add_parser("compile")
    compile_.add_argument("po", type=Path)
    compile_.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    if args.command == "pot":
        return cmd_pot()
    if args.command == "check":
        return cmd_check()
    return cmd_compile(args.po, args.out_dir)


if __name__ == "__main__":
    sys.exit(main())
