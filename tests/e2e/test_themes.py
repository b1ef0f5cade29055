"""Themes end to end: the dialog with a share, a new link and a status
message, in JupyterLab Light and Dark (switched live with the palette):
screenshots (/tmp/user-sharing-screens/), the dark one is dark, WCAG AA
contrast of every text, no button label spilling out of its button.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.harness.browser import open_lab
from tests.harness.hub import LocalHub

from .conftest import DEFAULT_TIMEOUT_MS, LabSettings, clean_alice
from .pages import (
    dialog_root,
    open_from_menu,
    open_with_palette,
    settle_lab,
    status_line,
    wait_idle,
)

THEMES_PLUGIN = "@jupyterlab/apputils-extension:themes"

# Screenshots for people to look at (also kept in pytest's temp dir).
SCREENS_DIR = Path("/tmp/user-sharing-screens")

# WCAG 2.x AA: 4.5:1 for body text, 3:1 for large text (>= 24 px, or >= 18.66 px bold).
AA_BODY = 4.5
AA_LARGE = 3.0

# JupyterLab 4.6.6 on Chromium, measured: the background of the dialog.
DARK_MAX_LUMINANCE = 0.05
LIGHT_MIN_LUMINANCE = 0.8


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
    """WCAG AA for every text of the dialog, the status message included (a
    success colour of 4.12:1 on white once failed here); disabled controls
    are exempt."""
    items = themed[theme]["items"]
    assert len(items) > 20, items
    assert [i["text"] for i in items if "jp-UserSharing-outcome" in i["cls"]] == [
        "Link copied to the clipboard."
    ]
    assert not low_contrast(items), "\n".join(low_contrast(items))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_button_labels_fit_their_buttons(themed, theme):
    """No label spills out of its button (it once did for 'Generate invite
    link': JupyterLab's 'select.jp-mod-styled {flex: 1 1 auto; width: 100%}'
    made the picker take the whole row and the 32 px high button wrapped its
    label onto an invisible second line)."""
    assert not themed[theme]["overflowing"], themed[theme]["overflowing"]
