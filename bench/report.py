"""The Markdown table (and notes) from the raw results."""

from __future__ import annotations

import re
import time
from pathlib import Path
from importlib.metadata import PackageNotFoundError, version

from .analyze import Stat

KB = 1000.0


def pkg(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def ms(s: Stat | None, digits: int = 1) -> str:
    if s is None:
        return "n/a"
    return f"{s.median:.{digits}f} ms ({s.lo:.{digits}f}–{s.hi:.{digits}f}, n={s.n})"


def kb(b: float) -> str:
    return f"{b / KB:.1f} KB"


def ratio(a: float | None, b: float | None, digits: int = 2) -> str:
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.{digits}f}"


def verdict(value: float | None, budget: float, unit: str, digits: int = 1) -> str:
    if value is None:
        return "not measured"
    d = value - budget
    pct = 100.0 * d / budget if budget else 0.0
    if d <= 0:
        return f"within ({-d:.{digits}f} {unit} under, {pct:+.0f}%)"
    return f"**over** by {d:.{digits}f} {unit} ({pct:+.0f}%)"


def yes(v: bool) -> str:
    return "yes" if v else "**no**"


def load_rows(load: dict) -> list[list[str]]:
    rows = []
    for kind in ("cold", "warm"):
        base = load["base"][kind]
        sb = Stat.of(base)
        cells = {}
        added = {}
        for v in ("ours", "peer"):
            with_ = load[v][kind]
            s = Stat.of(with_)
            paired = Stat.of([w / b for w, b in zip(with_, base)])
            r = s.median / sb.median
            added[v] = s.median - sb.median
            cells[v] = (
                f"{r:.3f}x: {s.median:.0f} vs {sb.median:.0f} ms ({added[v]:+.0f} ms); "
                f"paired ratio {paired.median:.3f} ({paired.lo:.3f}–{paired.hi:.3f})"
            )
            cells[v + "_r"] = r
        what = ("fresh browser context, empty cache" if kind == "cold"
                else "reload in the same context, warm cache")
        rows.append([
            f"JupyterLab load with / without the extension, {kind} ({what}); "
            f"n={sb.n} each, ABC rotation",
            cells["ours"], cells["peer"],
            f"{cells['ours_r'] / cells['peer_r']:.3f} (factor / factor)",
            "≤ 1.01x",
            verdict(cells["ours_r"], 1.01, "x", 3),
        ])
    if load["ours"].get("profiled"):
        cells = {}
        for v, cat in (("ours", "ours_js"), ("peer", "peer_js")):
            ps = load[v]["profiled"]
            own = Stat.of([p["cpu"].get(cat, 0.0) for p in ps])
            busy = Stat.of([p["busy"] for p in ps])
            cells[v] = own.median / busy.median
            cells[v + "_txt"] = (f"{own.median:.1f} ms ({own.lo:.1f}–{own.hi:.1f}) of {busy.median:.0f} ms "
                                 f"busy = {100 * cells[v]:.2f}% (n={own.n})")
        rows.append([
            "Main-thread time in the extension's own JS files during a cold JupyterLab load "
            "(V8 profiler self time, navigation → restored; a noise-free lower bound of what it adds)",
            cells["ours_txt"], cells["peer_txt"],
            ratio(cells["ours"], cells["peer"]) if cells["peer"] else "—",
            "(≤ 1.01x is for load time; shown as evidence)",
            verdict(1.0 + cells["ours"], 1.01, "x", 3),
        ])
    for kind in ("cold", "warm"):
        key = kind + "_cpu"
        if not load["base"].get(key) or not load["base"][key][0]:
            continue
        if "ThreadTime" not in load["base"][key][0]:
            continue
        base = [c["ThreadTime"] for c in load["base"][key]]
        sb = Stat.of(base)
        cells = {}
        for v in ("ours", "peer"):
            with_ = [c["ThreadTime"] for c in load[v][key]]
            script = Stat.of([c["ScriptDuration"] for c in load[v][key]])
            s_ = Stat.of(with_)
            paired = Stat.of([w / b for w, b in zip(with_, base)])
            cells[v] = s_.median / sb.median
            cells[v + "_txt"] = (
                f"{cells[v]:.3f}x: {s_.median:.0f} vs {sb.median:.0f} ms ({s_.median - sb.median:+.0f} ms; "
                f"script {script.median:.0f} ms); paired {paired.median:.3f} ({paired.lo:.3f}–{paired.hi:.3f})"
            )
        rows.append([
            f"Main-thread CPU time from navigation to app restored, with / without, {kind} "
            "(Chromium's ThreadTime counter: CPU the page used, not inflated when other processes "
            "take the CPU, unlike wall time)",
            cells["ours_txt"], cells["peer_txt"], f"{cells['ours'] / cells['peer']:.3f} (factor / factor)",
            "(≤ 1.01x is for load time; shown as evidence)", verdict(cells["ours"], 1.01, "x", 3),
        ])
    return rows


def start_bytes_rows(load: dict, sizes: dict) -> list[list[str]]:
    ours = load["ours"]["start_ours"]
    peer = load["peer"]["start_peer"]
    o = Stat.of([x["js_encoded"] for x in ours])
    p = Stat.of([x["js_encoded"] for x in peer])
    o_files = sorted({f for x in ours for f in x["files"]})
    p_files = sorted({f for x in peer for f in x["files"]})
    o_transfer = Stat.of([x["transfer"] for x in ours])
    base_leak = [f for x in load["base"]["start_ours"] + load["base"]["start_peer"] for f in x["files"]]
    rows = [[
        "JavaScript fetched at JupyterLab start (resource timing, body bytes)",
        f"{kb(o.median)} in {len(o_files)} files ({', '.join(o_files)}); "
        f"{kb(o_transfer.median)} with headers",
        f"{kb(p.median)} ({p.median / 1024:.0f} KiB) in {len(p_files)} files",
        ratio(o.median, p.median),
        "≤ 15 KB",
        verdict(o.median / KB, 15.0, "KB"),
    ]]
    wasm_at_start = sorted({w for x in ours for w in x["wasm"]})
    rows.append([
        "wasm fetched at JupyterLab start",
        "none" if not wasm_at_start else ", ".join(wasm_at_start),
        "n/a (no wasm)", "—", "only on first open",
        "within" if not wasm_at_start else "**over**",
    ])
    rows.append([
        "wasm for the full feature set (access levels and invitations included), raw (built file on "
        "disk: " + ", ".join(f for f in sizes["first_open"] if f.endswith(".wasm")) + f"); with the glue "
        f"{kb(sizes['first_open_raw'])}",
        kb(sizes["wasm_raw"]), "n/a", "—", "≤ 320 KB",
        verdict(sizes["wasm_raw"] / KB, 320.0, "KB"),
    ])
    rows.append([
        f"wasm, gzip -9 (with the glue {kb(sizes['first_open_gzip'])})",
        kb(sizes["wasm_gzip"]), "n/a", "—", "≤ 130 KB",
        verdict(sizes["wasm_gzip"] / KB, 130.0, "KB"),
    ])
    if base_leak:
        rows.append(["(check) files of either extension fetched in the 'without' runs",
                     ", ".join(sorted(set(base_leak))), "", "", "none", "**broken**"])
    return rows


def first_open_bytes_row(stages: dict) -> list[list[str]]:
    firsts = [a for st in stages.values() for a in st["ours"]["first"]]
    again = [a for st in stages.values() for a in st["ours"]["reopen"]]
    if not firsts:
        return []
    b = Stat.of([a["static_bytes"] for a in firsts])
    files = sorted({f for a in firsts for f in a["static_files"]})
    again_b = max((a["static_bytes"] for a in again), default=0)
    return [[
        "Fetched by the first open of the dialog (resource timing, body bytes); by later opens",
        f"{kb(b.median)} ({', '.join(files)}); later opens {kb(again_b)}",
        "0 (its code is part of the start-up JS)", "—", "wasm only on first open",
        "within" if again_b == 0 and any(f.endswith('.wasm') for f in files) else "**over**",
    ]]


def _stat(st: dict, kind: str, when: str, key: str) -> Stat | None:
    return Stat.of([a.get(key) for a in st[kind][when]])


def _ratio_verdict(o: Stat | None, p: Stat | None, goal: float) -> str:
    if o is None or p is None or not p.median:
        return "not measured"
    return verdict(o.median / p.median, goal, "x", 2)


def click_rows(stages: dict) -> list[list[str]]:
    """Click -> list, per share count: the live list from the item's click
    and from the menu's, the first screenful of live rows, the list
    remembered from the last open."""
    rows = []
    hundred = stages.get(100)
    for n, st in stages.items():
        n = int(n)
        peer_rows = st["peer_expected"]
        peer_note = f"; peer lists {peer_rows}" if peer_rows != n else ""
        for when in ("first", "reopen"):
            o = _stat(st, "ours", when, "total")
            p = _stat(st, "peer", when, "total")
            label = ("opened again (same page)" if when == "reopen"
                     else "first open of the page (wasm fetch + compile + capability check)")
            small = n <= 100
            goal = 1.0 if when == "first" else 0.75
            rows.append([
                f"Click on **Open user sharing menu** → live list in the DOM (people and links), "
                f"{n:,} shares, {label}{peer_note}",
                ms(o), ms(p), ratio(o.median if o else None, p.median if p else None),
                f"ours/peer ≤ {goal:g}" if small else "—",
                _ratio_verdict(o, p, goal) if small else "—",
            ])
            fm = _stat(st, "ours", when, "from_menu")
            gap = _stat(st, "ours", when, "gap")
            rows.append([
                f"Click on the **User sharing** menu → the same live list, {n:,} shares, {label} "
                f"(the item clicked {gap.median:.0f} ms after the menu, median: Playwright's pace; "
                f"a person takes longer, so the work started at the menu has more time)" if gap else
                f"Click on the **User sharing** menu → the same live list, {n:,} shares, {label}",
                ms(fm), ms(p) + " (one click: its Share button)" if p else "n/a",
                ratio(fm.median if fm else None, p.median if p else None),
                "(shown as evidence)", "—",
            ])
            sc = _stat(st, "ours", when, "screen")
            sc100 = _stat(hundred, "ours", when, "screen") if hundred else None
            big = n >= 1000
            rows.append([
                f"Click on the item → first screenful of live rows (the people table with this open's "
                f"rows, data-rows partial or complete, its first 20 rows or all), {n:,} shares, {label}"
                + (f"; vs {sc100.median:.1f} ms at 100 shares" if big and sc100 else ""),
                ms(sc), ms(p) + " (its whole list)" if p else "n/a",
                ratio(sc.median if sc else None, p.median if p else None),
                "≤ 1.2x the 100-share figure" if big else "—",
                (verdict(sc.median / sc100.median, 1.2, "x", 2) if sc and sc100 else "not measured")
                if big else "—",
            ])
            if when == "reopen":
                shown = Stat.of([a["shown"] for a in st["ours"][when] if a.get("shown") is not None])
                rows.append([
                    f"Click → the list remembered from the last open on screen (marked \"Updating from "
                    f"the hub…\", replaced by the live list above; its first screenful, 20 rows or all, "
                    f"the rest of the page once that frame is painted), {n:,} shares, opened again",
                    ms(shown), "n/a (shows nothing until its requests end)", "—",
                    "≤ 16 ms (one frame)",
                    verdict(shown.median if shown else None, 16.0, "ms"),
                ])
    return rows


def request_rows(stages: dict) -> list[list[str]]:
    st = stages.get(100) or stages.get("100") or next(iter(stages.values()))
    rows = []

    def reqs(kind, when):
        a = st[kind][when]
        counts = sorted({x["n_requests"] for x in a})
        shown = [r.replace("GET ", "GET api/", 1) for r in (a[0]["requests"] if a else [])]
        return "/".join(str(c) for c in counts), shown

    of, of_list = reqs("ours", "first")
    orr, or_list = reqs("ours", "reopen")
    pf, pf_list = reqs("peer", "first")
    pr, _ = reqs("peer", "reopen")
    rows.append([
        f"Hub requests per open at {st['n']} shares, first / again "
        f"(ours first: {', '.join(of_list)}; again: {', '.join(or_list)}; peer: {', '.join(pf_list)})",
        f"{of} / {orr}", f"{pf} / {pr}", "—", "—", "—",
    ])
    par_open = all(a["parallel"] for k in ("first", "reopen") for a in st["ours"][k])
    ref = st.get("refresh") or {}
    ref_par = None
    if ref:
        from .analyze import api_entries, is_codes, is_shares

        ents = api_entries({"resources": ref["resources"]})
        sh = [e for e in ents if is_shares(e["api"])]
        co = [e for e in ents if is_codes(e["api"])]
        ref_par = bool(sh and co and max(sh[0]["start"], co[0]["start"]) < min(sh[0]["end"], co[0]["end"]))
        ref_reqs = ", ".join(f"{m} api/{p}" for m, p in ref["requests"])
    rows.append([
        "shares and share-codes requests in flight together (open / Refresh)"
        + (f"; Refresh sent: {ref_reqs}" if ref else ""),
        f"{yes(par_open)} / {yes(ref_par) if ref_par is not None else 'n/a'}",
        "n/a: one list (shares), requests in sequence", "—", "parallel",
        "within" if par_open and ref_par else "**over**",
    ])
    caps = {k: [c for s in stages.values() for c in s["capability_per_page"][k]] for k in ("ours", "peer")}
    opens = 1 + len(st["ours"]["reopen"]) // max(1, len(st["ours"]["first"]))
    o_caps = sorted(set(caps["ours"]))
    p_caps = sorted(set(caps["peer"]))
    o_first = sorted({a["n_capability"] for s in stages.values() for a in s["ours"]["first"]})
    o_again = sorted({a["n_capability"] for s in stages.values() for a in s["ours"]["reopen"]})
    rows.append([
        f"Capability check (GET api/ + GET api/user) requests per page of {opens} opens",
        "/".join(map(str, o_caps)) + f" per page: {'/'.join(map(str, o_first))} on the first open, "
        f"{'/'.join(map(str, o_again))} on later opens",
        "/".join(map(str, p_caps)) + " per page (2 on every open)", "—", "once per page",
        "within" if o_caps == [2] else "**over**",
    ])
    return rows


def big_rows(stages: dict) -> list[list[str]]:
    rows = []
    for n in (1000, 10000):
        st = stages.get(n) or stages.get(str(n))
        if not st:
            continue
        o_all = st["ours"]["first"] + st["ours"]["reopen"]
        p_all = st["peer"]["first"] + st["peer"]["reopen"]
        o_rows = sorted({a["rows"] for a in o_all})
        p_rows = sorted({a["rows"] for a in p_all})
        rows.append([
            f"{n:,} accepted users: rows listed",
            f"{'/'.join(map(str, o_rows))} of {n:,} "
            f"({o_all[0].get('shares_pages', '?')} pages of shares followed)",
            f"{'/'.join(map(str, p_rows))} of {n:,}", "—", "all",
            "within" if o_rows == [n] else "**over**",
        ])
        o = Stat.of([a["render_after_data"] for a in o_all])
        p = Stat.of([a["render_after_data"] for a in p_all])
        rows.append([
            f"{n:,} shares: list in the DOM after the last list response ended (first + again)",
            ms(o), ms(p) + f" (for {p_rows[0]} rows)" if p else "n/a",
            ratio(o.median if o else None, p.median if p else None),
            "≤ 50 ms" if n == 1000 else "—",
            verdict(o.median if o else None, 50.0, "ms") if n == 1000 else "—",
        ])
        o_lt = Stat.of([a["longest_task"] for a in o_all])
        p_lt = Stat.of([a["longest_task"] for a in p_all])
        o_cnt = sum(a["long_tasks"] for a in o_all)
        p_cnt = sum(a["long_tasks"] for a in p_all)
        rows.append([
            f"{n:,} shares: longest long task from click until the hub traffic ends",
            f"{ms(o_lt, 0)}; {o_cnt} long task(s) in {len(o_all)} opens",
            f"{ms(p_lt, 0)}; {p_cnt} long task(s) in {len(p_all)} opens",
            ratio(o_lt.median if o_lt else None, p_lt.median if p_lt else None),
            "≤ 200 ms" if n == 10000 else "—",
            verdict(o_lt.hi if o_lt else None, 200.0, "ms", 0) + " (worst open)" if n == 10000 else "—",
        ])
    return rows


def _phases(stages: dict, kind: str, columns: list[tuple[str, str]]) -> str:
    """Medians (ms after pointerdown) of ``columns`` (header, key) per share
    count, first opens then reopens, of one dialog."""
    lines = [
        "| shares | " + " | ".join(h for h, _k in columns) + " |",
        "|---:|" + "---:|" * len(columns),
    ]
    for when in ("first", "reopen"):
        for n, st in stages.items():
            a = st[kind][when]

            def med(key):
                s = Stat.of([x.get(key) for x in a])
                return f"{s.median:.1f}" if s else "—"

            lines.append(f"| {int(n):,} {when} | " + " | ".join(med(k) for _h, k in columns) + " |")
    return "\n".join(lines)


def phase_table(stages: dict) -> str:
    """Where the time of our opens goes."""
    return _phases(stages, "ours", [
        ("menu pointerdown", "gap_neg"), ("glue JS requested", "glue_start"),
        ("wasm response end", "wasm_end"), ("first hub request", "first_api_start"),
        ("first screenful", "screen"), ("last list response end", "data_end"),
        ("list in DOM", "total"), ("render after data", "render_after_data"),
    ])


def peer_phase_table(stages: dict) -> str:
    return _phases(stages, "peer", [
        ("first hub request", "first_api_start"), ("capability (version + user) end", "capability_end"),
        ("shares request start", "shares_start"), ("last list response end", "data_end"),
        ("list in DOM", "total"),
    ])


def profile_table(stages: dict) -> str:
    lines = [
        "| shares | dialog | open | click → list (profiled) | wasm | extension JS (ours: wasm-bindgen glue + shim) | JupyterLab JS | functions without a script (DOM API, JSON.parse, ...) | GC | (program): outside JS (style, layout, parser, ...) | Chromium counters: script / style / layout / task |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for n, st in stages.items():
        for p in st.get("profile", []):
            c = p["cpu"]
            ext = c.get("ours_js", 0.0) if p["kind"] == "ours" else c.get("peer_js", 0.0)
            m = p["metrics_ms"]
            lines.append(
                f"| {int(n):,} | {p['kind']} | {p['when']} | {p['total']:.1f} | {c.get('wasm', 0.0):.1f} | "
                f"{ext:.1f} | {c.get('lab_js', 0.0):.1f} | {c.get('builtin', 0.0):.1f} | {c.get('gc', 0.0):.1f} | "
                f"{c.get('native', 0.0):.1f} | {m['ScriptDuration']:.0f} / {m['RecalcStyleDuration']:.0f} / "
                f"{m['LayoutDuration']:.0f} / {m['TaskDuration']:.0f} |"
            )
    # the heaviest functions of the largest profiled open of ours
    biggest = None
    for n, st in stages.items():
        for p in st.get("profile", []):
            if p["kind"] == "ours" and p["when"] == "reopen" and (biggest is None or int(n) >= biggest[0]):
                biggest = (int(n), p)
    if biggest and biggest[1].get("top"):
        n, p = biggest
        lines.append("")
        lines.append(f"Heaviest functions (self time) of our reopen at {n:,} shares "
                     f"(wasm names are stripped by `--remove-name-section`):")
        lines.append("")
        lines.append("| ms | category | function | file |")
        lines.append("|---:|---|---|---|")
        for t in p["top"]:
            lines.append(f"| {t['ms']:.1f} | {t['category']} | `{t['function']}` | {t['file']} |")
    return "\n".join(lines)


def server_rows(res: dict) -> list[list[str]]:
    """The server extension: start, and per authenticated request."""
    rows = []
    se = res.get("server_ext")
    if se:
        med, cpu = se["median_ms"], se.get("median_cpu_ms", {})
        for key, what in (("off", "loaded but inert (every server with the wheel: no hub, or a hub "
                                  "without access levels)"),
                          ("on", "enforcing access levels (`configure(c, access_levels=True)`: our "
                                 "Authorizer imported and made, handlers, filters)")):
            added = se[f"added_{key}_ms"]
            added_cpu = se.get(f"added_{key}_cpu_ms")
            rows.append([
                f"Added to single-user server start by the server extension, {what}; fresh Python per "
                f"run, bytecode cached, n={se['runs']} per variant, medians (bench/server_ext.py)",
                f"+{added:.2f} ms wall ({med[key]:.2f} vs {med['base']:.2f} ms)"
                + (f"; +{added_cpu:.2f} ms CPU" if added_cpu is not None else ""),
                "n/a (no server extension)", "—", "≤ 5 ms",
                verdict(added, 5.0, "ms", 2),
            ])
    au = res.get("authorizer")
    if au:
        for label, r in au["rows"].items():
            rows.append([
                f"Added per authenticated REST request (`GET api/contents` through the proxy, kept-alive, "
                f"n={r['n']} alternating between a hub with our Authorizer and one without), {label}",
                f"{r['added_ms']:+.2f} ms ({r['with_ms']:.2f} vs {r['without_ms']:.2f} ms)",
                "n/a", "—", "≤ 1 ms median",
                verdict(r["added_ms"], 1.0, "ms", 2),
            ])
    return rows


def table(rows: list[list[str]]) -> str:
    head = ["Figure", "Ours (jupyterlab-user-sharing)", "Peer (jupyter-collaboration Share)",
            "Ours/peer", "Budget", "Verdict"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
    return "\n".join(out)


def render(res: dict) -> str:
    m = res["machine"]
    ld = res["load_during"]
    q = res["quiet"]
    stages = {int(k): v for k, v in res["stages"].items()}
    rows = (load_rows(res["load"]) + start_bytes_rows(res["load"], res["sizes"])
            + first_open_bytes_row(stages) + click_rows(stages) + request_rows(stages) + big_rows(stages)
            + server_rows(res))
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(res["started"]))
    quiet = ("yes" if q.get("quiet") else ("not checked (--no-wait)" if q.get("skipped")
             else "**no** (gave up waiting)"))
    seed = res.get("seed_seconds", {})
    sz = res["sizes"]
    files = ", ".join(f"{k} {v['raw']:,} B ({v['gzip']:,} gz)" for k, v in sz["files"].items())
    return f"""# Benchmark: jupyterlab-user-sharing vs jupyter-collaboration's Share dialog

Generated by `make bench` (`python -m bench`) on {date}; the whole run took {res['wall_s'] / 60:.1f} min.

- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['mem_gib']:.1f} GiB RAM, Linux {m['kernel']}
- Load (1-min average): {q['load_at_start'][0]:.2f} at start (quiet: {quiet}, waited {q['waited_s']:.0f} s);
  during the run median {ld['load1_median']:.2f} (min {ld['load1_min']:.2f}, max {ld['load1_max']:.2f}),
  which includes the benchmark's own hub, server and Chromium. Other jupyterhub/chromium processes seen
  during the run: {len(ld['foreign_seen']) or 'none'}.
- Versions: JupyterHub {res.get('hub_version', '?')}, JupyterLab {pkg('jupyterlab')}, jupyter-collaboration
  {pkg('jupyter-collaboration')} (peer), jupyterlab-user-sharing {pkg('jupyterlab-user-sharing')},
  Chromium {res.get('chromium', '?')} headless, Playwright {pkg('playwright')}, Python {m['python']}.
- Seeding through the hub API: users {seed.get('users', 0):.1f} s, shares {seed.get('shares', 0):.1f} s
  (10,000 grants, 8 in flight).

Medians with (min–max, n). "Ours/peer" divides the medians. Times are `performance.now()` in the page.

{table(rows)}

## Where the time goes (ours; medians, ms after the pointerdown on the item; negative: before it, from the menu's)

{phase_table(stages)}

## Where the time goes (peer; medians, ms after the pointerdown)

{peer_phase_table(stages)}

## Main-thread time of one extra open under the CPU profiler (ms)

One more open per dialog on a fresh page, not counted in the figures above. The V8 sampling profiler
(100 µs) runs from right before the click until it is stopped right after the list is in the DOM, so
the window usually also holds the first style/layout of the new list. Self time per category; the
last column is Chromium's own counters over the same window. Waiting for the network is idle time and
is in no column.

{profile_table(stages)}

## Method

- One JupyterHub {res.get('hub_version', '?')} (tests/harness LocalHub: configurable-http-proxy, DummyAuthenticator,
  SimpleLocalProcessSpawner, all on 127.0.0.1) and one single-user server of alice, serving both extensions.
  The user role and JupyterLab's token get `read:users:name`, `read:groups:name` and `list:users` on top of
  `configure(c)`'s sharing scopes, so that jupyter-collaboration shows its share list (it needs
  `read:users:name`) and lists users to share with (its 4th request). Shares are seeded through the hub API
  (`POST users`, `POST shares/alice/ {{"user": name}}`).
- Load time: navigation start -> `app.restored` (a setter on `window.jupyterapp`, `exposeAppInBrowser`
  set in the page config for every variant). "Without" = the extension removed from the page config's
  `federated_extensions` by an init script before JupyterLab reads it, so none of its files is fetched
  (checked with resource timing). `disabledExtensions` / `jupyter labextension disable` would not do:
  JupyterLab 4.6.6's bootstrap still loads the remoteEntry and the plugin module of every federated
  extension and only skips activating disabled plugins. Variants: base =
  neither, ours = only jupyterlab-user-sharing, peer = only jupyter-collaboration's frontend
  (@jupyter/collaboration-extension + @jupyter/docprovider-extension; the server side is unchanged).
  Same server and browser; one warm-up round, then rounds in rotating order (base/ours/peer,
  ours/peer/base, ...). Cold = a new browser context (empty cache), warm = reload in that context.
- Click -> list: `performance.mark` at a capture `pointerdown` listener; ours: a real Playwright click on
  the **User sharing** menu, then on its item **Open user sharing menu** (both pointerdowns kept: the
  figures count from the item's, the "from the menu" rows from the menu's); peer: one click on its
  top-bar Share button. A MutationObserver records the moment the list is in the DOM: ours
  `.jp-UserSharing[data-state=ready]` (people and links) with the table's `aria-rowcount` counting every
  share and a page of `.jp-UserSharing-name` rows (or the empty text); the first screenful: the people
  table with `data-rows` `partial` or `complete` (this open's own rows, not the remembered ones) and
  its first 20 rows (or all if fewer); the remembered list on screen: the table counting every share
  and its first 20 rows (or all: until the dialog's first frame is painted the table holds those,
  then the rest of its page); peer `table.jp-ManageSharesBody-shares-table` with one row per
  share it lists (or its empty text). First open = a freshly loaded page whose start-up
  traffic has ended; then {res['plan']['reopens']} more opens on that page (close, open again). Ours and
  the peer alternate pages.
- Hub requests per open: Playwright request events to `/hub/api/`; parallelism and "after data" from
  resource timing (`responseEnd` of the last list response); long tasks from
  `PerformanceObserver({{type: 'longtask', buffered: true}})` between the pointerdown and the end of the
  dialog's hub traffic (600 ms without a hub request in flight).
- Sizes on disk ({sz['dir']}): {files}.
- Server extension at start (bench/server_ext.py): a fresh Python per run imports what every single-user
  server on a hub has imported before extensions load, then times only what differs: JupyterHub's
  Authorizer alone (base), plus our extension loaded and inert (off), or our Authorizer and the
  extension enforcing (on). The server application handed to it is a stand-in with the attributes it
  reads; its first check of the hub's shares runs on the loop after the start and is not timed. Timing
  whole server starts instead was tried: they vary by ±100 ms on this machine, far above 5 ms.
- Per request (bench/authorizer.py): two more hubs, with and without `access_levels`, the same
  single-user server; `GET api/contents` with a token as the owner and as invitees, alternating between
  the hubs; the figure is the difference of the medians.{authorizer_load(res)}
""" + size_section()


def authorizer_load(res: dict) -> str:
    au = res.get("authorizer")
    if not au:
        return ""
    return (f" Load {au['load']:.2f} at its start, {au['load_end']:.2f} at its end "
            f"({au['seconds']:.0f} s).")

def size_section() -> str:
    """bench/SIZE.md (`make size-report`: where the wasm's bytes go), one
    heading level down, as the last section."""
    path = Path(__file__).resolve().parent / "SIZE.md"
    if not path.exists():
        return ""
    text = re.sub(r"^#", "##", path.read_text(), flags=re.M)
    return "\n" + text
