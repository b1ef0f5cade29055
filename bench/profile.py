"""Where the main-thread time of one open goes (an extra, profiled open).

Not part of the timed figures: a separate fresh page per dialog, opened
with the CDP CPU profiler running (100 µs sampling) and Chromium's
cumulative ``Performance.getMetrics`` counters read before and after. The
profiler slows the page down a little; the split is what matters.
"""

from __future__ import annotations

from .analyze import analyze_open
from .measure import OURS_PKG, LabPage, open_dialog

METRICS = ("ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "TaskDuration")


def _metrics(cdp) -> dict:
    got = cdp.send("Performance.getMetrics")["metrics"]
    return {m["name"]: m["value"] for m in got if m["name"] in METRICS}


def _category(frame: dict) -> str | None:
    name, url = frame.get("functionName", ""), frame.get("url", "")
    if name == "(idle)" or name == "(root)":
        return None
    if name == "(garbage collector)":
        return "gc"
    if name == "(program)":
        return "native"  # style, layout, parsing, ... outside JS
    if url.startswith("wasm://") or url.split("?")[0].endswith(".wasm") or name.startswith("$"):
        return "wasm"
    if f"/{OURS_PKG}/" in url:
        return "ours_js"
    if "/@jupyter/" in url:
        return "peer_js"
    if url:
        return "lab_js"
    return "builtin"  # V8 builtins without a script (JSON.parse, ...)


def cpu_split(profile: dict, top: int = 12) -> tuple[dict, list]:
    """Self time (ms) per category over the whole profile (idle excluded),
    and the ``top`` functions by self time."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    out: dict[str, float] = {}
    funcs: dict[tuple, float] = {}
    samples, deltas = profile.get("samples", []), profile.get("timeDeltas", [])
    for i, node_id in enumerate(samples):
        # a sample stands for the time until the next one
        dur = deltas[i + 1] if i + 1 < len(deltas) else 0
        frame = nodes[node_id]["callFrame"]
        cat = _category(frame)
        if cat:
            out[cat] = out.get(cat, 0.0) + dur / 1000.0
            key = (cat, frame.get("functionName") or "(anonymous)",
                   frame.get("url", "").rsplit("/", 1)[-1].split("?")[0])
            funcs[key] = funcs.get(key, 0.0) + dur / 1000.0
    best = sorted(funcs.items(), key=lambda kv: -kv[1])[:top]
    return out, [{"category": c, "function": f, "file": u, "ms": ms} for (c, f, u), ms in best]


def profiled_open(lp: LabPage, kind: str, expected: int) -> dict:
    """One open with the profiler running from right before the click until
    the list is in the DOM: the figures of ``analyze_open``, the CPU split
    (ms of self time per category) and Chromium's metric deltas (ms) over
    the same window."""
    cdp = lp.context.new_cdp_session(lp.page)
    got: dict = {}
    try:
        cdp.send("Performance.enable", {"timeDomain": "timeTicks"})
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 100})

        def before():
            got["m0"] = _metrics(cdp)
            cdp.send("Profiler.start")

        def after():
            got["profile"] = cdp.send("Profiler.stop")["profile"]
            got["m1"] = _metrics(cdp)
            return True

        rec = open_dialog(lp, kind, expected, before_click=before, after_listed=after)
    finally:
        try:
            cdp.detach()
        except Exception:
            pass
    a = analyze_open(rec)
    split, top = cpu_split(got["profile"])
    return {
        "top": top,
        "kind": kind,
        "n": expected,
        "total": a["total"],
        "render_after_data": a["render_after_data"],
        "cpu": split,
        "metrics_ms": {k: (got["m1"].get(k, 0) - got["m0"].get(k, 0)) * 1000.0 for k in METRICS},
    }


def profiled_load(browser, state: dict, url: str, drop=()) -> dict:
    """One cold JupyterLab load (fresh context) with the CPU profiler running
    from before the navigation until app.restored: how much main-thread
    time the code of each extension took (self time in its files)."""
    from .measure import PAGE_TIMEOUT_MS, navigate
    from .page import init_script

    ctx = browser.new_context(storage_state=state, viewport={"width": 1366, "height": 900})
    try:
        ctx.add_init_script(init_script(drop))
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 100})
        cdp.send("Profiler.start")
        restored, _ = navigate(page, url, drop)
        prof = cdp.send("Profiler.stop")["profile"]
        page.set_default_timeout(PAGE_TIMEOUT_MS)
    finally:
        ctx.close()
    split, top = cpu_split(prof)
    return {"restored": restored, "cpu": split, "busy": sum(split.values()), "top": top}
