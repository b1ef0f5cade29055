"""The README's Troubleshooting quotes the dialog: each quoted message must
still be one the dialog can show (a msgid of the catalogue, with %1, %2
filled in by an example), so the README changes when a message does."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def troubleshooting_quotes() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Troubleshooting", 1)[1].split("\n## ", 1)[0]
    return [" ".join(q.split()) for q in re.findall(r'\*"(.+?)"\*', section, re.S)]


def msgids() -> list[str]:
    with open(ROOT / "jupyterlab_user_sharing/locale/jupyterlab_user_sharing.pot", "rb") as f:
        catalogue = read_po(f)
    ids = [m.id if isinstance(m.id, tuple) else (m.id,) for m in catalogue if m.id]
    return [msgid for group in ids for msgid in group]


def shown(quote: str, msgid: str) -> bool:
    """``quote`` is ``msgid`` with its placeholders filled; a quote ending in
    "..." only gives the beginning."""
    pattern = ".+?".join(re.escape(part) for part in re.split(r"%\d", msgid))
    if quote.endswith("..."):
        return msgid.startswith(quote[:-3])
    return re.fullmatch(pattern, quote) is not None


def test_every_message_the_readme_quotes_is_one_the_dialog_shows():
    quotes = troubleshooting_quotes()
    assert len(quotes) >= 5, quotes
    ids = msgids()
    for quote in quotes:
        assert any(shown(quote, msgid) for msgid in ids), (
            f"README quotes a message the dialog no longer has: {quote!r}"
        )


def test_a_quote_matches_only_the_message_it_quotes():
    template = "This JupyterHub (version %1) is too old."
    assert shown("This JupyterHub (version 4.1.6) is too old.", template)
    assert not shown("This JupyterHub (version 4.1.6) is too new.", template)
    assert shown("This JupyterHub...", template)
    assert not shown("That JupyterHub...", template)
