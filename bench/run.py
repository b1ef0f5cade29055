"""The benchmark run: one hub, one Chromium, every figure of the benchmark."""

from __future__ import annotations

import gzip
import os
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.harness.browser import launch_browser, login
from tests.harness.hub import LocalHub
from tests.harness.procs import ROOT, VENV_BIN, cmdline, descendants, marked_pids

from .analyze import analyze_open, ours_start_bytes, peer_start_bytes
from .measure import OURS_PKG, VARIANTS, navigate, open_dialog, open_lab, refresh_check
from .profile import profiled_load, profiled_open
from .seed import Seeder

# share counts at which one extra open per dialog runs under the CPU profiler
PROFILE_AT = (100, 1000, 10000)

# jupyter-collaboration's dialog lists shares only if the token holds
# read:users:name, and offers users to share with if it may list them (its
# 4th request per open). The user role and the JupyterLab token get those
# scopes; configure(c) (LocalHub) then adds the sharing scopes both dialogs
# need. The same hub, server and token serve both dialogs.
PEER_SCOPES_CONFIG = """\
c.JupyterHub.load_roles.append(
    {"name": "user", "scopes": ["self", "read:users:name", "read:groups:name", "list:users"]}
)
c.Spawner.oauth_client_allowed_scopes = [
    "access:servers!server", "read:users:name", "read:groups:name", "list:users",
]
"""

STATIC_DIR = ROOT / "jupyterlab_user_sharing" / "labextension" / "static"
INSTALLED_STATIC = VENV_BIN.parent / "share" / "jupyter" / "labextensions" / OURS_PKG / "static"


@dataclass
class Plan:
    load_runs: int = 9
    load_warmup: int = 1
    first_runs: dict = field(default_factory=lambda: {0: 7, 10: 7, 100: 7, 1000: 5, 10000: 3})
    reopens: int = 2
    profiled_loads: int = 3
    sizes: tuple = (0, 10, 100, 1000, 10000)

    @classmethod
    def quick(cls) -> "Plan":
        return cls(load_runs=2, load_warmup=1,
                   first_runs={0: 2, 10: 1, 100: 2, 1000: 1, 10000: 1}, reopens=2,
                   profiled_loads=1)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def file_sizes(first_open_files: list[str]) -> dict:
    """Sizes on disk of the built labextension: everything, start-up files,
    and the files fetched on first open (wasm + glue), raw and gzip -9."""
    static = STATIC_DIR if STATIC_DIR.is_dir() else INSTALLED_STATIC
    out = {"dir": str(static.relative_to(ROOT) if static.is_relative_to(ROOT) else static), "files": {}}
    for p in sorted(static.iterdir()):
        if p.is_file():
            raw = p.read_bytes()
            out["files"][p.name] = {"raw": len(raw), "gzip": len(gzip.compress(raw, 9))}
    installed = {p.name for p in INSTALLED_STATIC.iterdir()} if INSTALLED_STATIC.is_dir() else set()
    out["same_as_installed"] = installed == set(out["files"])
    fo = [f for f in first_open_files if f in out["files"]]
    out["first_open"] = fo
    out["first_open_raw"] = sum(out["files"][f]["raw"] for f in fo)
    out["first_open_gzip"] = sum(out["files"][f]["gzip"] for f in fo)
    wasm = [f for f in fo if f.endswith(".wasm")]
    glue = [f for f in fo if f.endswith(".js")]
    out["wasm_raw"] = sum(out["files"][f]["raw"] for f in wasm)
    out["wasm_gzip"] = sum(out["files"][f]["gzip"] for f in wasm)
    out["glue_raw"] = sum(out["files"][f]["raw"] for f in glue)
    out["glue_gzip"] = sum(out["files"][f]["gzip"] for f in glue)
    return out


def measure_load(browser, state, lab_url, plan: Plan) -> dict:
    """JupyterLab load (navigation start -> app.restored), cold (fresh
    context) and warm (reload in the same context), per variant, rounds
    rotating the variant order (base, ours, peer / ours, peer, base / ...)."""
    names = list(VARIANTS)
    out = {v: {"cold": [], "warm": [], "cold_cpu": [], "warm_cpu": [], "resources": []} for v in names}
    rounds = plan.load_warmup + plan.load_runs
    for r in range(rounds):
        order = names[r % len(names):] + names[: r % len(names)]
        for v in order:
            lp = open_lab(browser, state, lab_url, drop=VARIANTS[v], metrics=True)
            try:
                cold, cold_cpu = lp.restored_ms, lp.cpu
                warm, warm_cpu = navigate(lp.page, lab_url, VARIANTS[v], reload=True, cdp=lp.cdp)
            finally:
                lp.close()
            if r >= plan.load_warmup:
                out[v]["cold"].append(cold)
                out[v]["warm"].append(warm)
                out[v]["cold_cpu"].append(cold_cpu)
                out[v]["warm_cpu"].append(warm_cpu)
                out[v]["resources"].append(lp.resources)
            log(f"load round {r + 1}/{rounds} {v:4s}: cold {cold:7.1f} ms "
                f"(main-thread CPU {cold_cpu['ThreadTime']:6.1f}), warm {warm:7.1f} ms "
                f"(main-thread CPU {warm_cpu['ThreadTime']:6.1f})"
                + ("  (warm-up, not counted)" if r < plan.load_warmup else ""))
    # where the extensions' own code runs during the load: a few extra,
    # profiled cold loads (not counted above)
    for v in ("ours", "peer"):
        out[v]["profiled"] = []
        for _ in range(plan.profiled_loads):
            p = profiled_load(browser, state, lab_url, VARIANTS[v])
            out[v]["profiled"].append(p)
            log(f"profiled load {v}: restored {p['restored']:.0f} ms, main thread busy "
                f"{p['busy']:.0f} ms, ours {p['cpu'].get('ours_js', 0):.1f} ms, "
                f"peer {p['cpu'].get('peer_js', 0):.1f} ms")
    for v in names:
        out[v]["start_ours"] = [ours_start_bytes(res) for res in out[v]["resources"]]
        out[v]["start_peer"] = [peer_start_bytes(res) for res in out[v]["resources"]]
        del out[v]["resources"]
    return out


def measure_stage(browser, state, lab_url, seeder: Seeder, n: int, plan: Plan) -> dict:
    t0 = time.monotonic()
    seeder.ensure_shares(n)
    seed_s = time.monotonic() - t0
    peer_expected = seeder.first_page_size()
    log(f"{n} shares seeded in {seed_s:.1f} s (the peer's one request returns {peer_expected})")
    stage = {"n": n, "peer_expected": peer_expected, "seed_s": seed_s,
             "ours": {"first": [], "reopen": []}, "peer": {"first": [], "reopen": []},
             "refresh": None, "capability_per_page": {"ours": [], "peer": []}}
    runs = plan.first_runs.get(n, 3)
    for i in range(runs):
        kinds = ("ours", "peer") if i % 2 == 0 else ("peer", "ours")
        for kind in kinds:
            expected = n if kind == "ours" else peer_expected
            lp = open_lab(browser, state, lab_url)
            try:
                cap = 0
                for k in range(1 + plan.reopens):
                    rec = open_dialog(lp, kind, expected)
                    a = analyze_open(rec)
                    cap += a["n_capability"]
                    stage[kind]["first" if k == 0 else "reopen"].append(a)
                    log(f"N={n} run {i + 1}/{runs} {kind} {'first ' if k == 0 else 'reopen'}: "
                        f"{a['total']:7.1f} ms, {a['rows']} rows, {a['n_requests']} hub requests, "
                        f"longest task {a['longest_task']:.0f} ms")
                stage["capability_per_page"][kind].append(cap)
                if kind == "ours" and stage["refresh"] is None:
                    stage["refresh"] = refresh_check(lp, n)
            finally:
                lp.close()
    if n in PROFILE_AT:
        stage["profile"] = []
        for kind in ("ours", "peer"):
            expected = n if kind == "ours" else peer_expected
            lp = open_lab(browser, state, lab_url)
            try:
                for when in ("first", "reopen"):
                    p = profiled_open(lp, kind, expected)
                    p["when"] = when
                    stage["profile"].append(p)
                    log(f"N={n} profiled {kind} {when}: {p['total']:.1f} ms, cpu "
                        + ", ".join(f"{k} {v:.0f}" for k, v in sorted(p["cpu"].items())))
            finally:
                lp.close()
    return stage


def run(plan: Plan, quiet: dict, sampler) -> dict:
    started = time.time()
    t_run = time.monotonic()
    hub = LocalHub(extra_config=PEER_SCOPES_CONFIG, revoke_on_start=False)
    results: dict = {"plan": plan.__dict__ | {"sizes": list(plan.sizes)}, "quiet": quiet,
                     "started": started}
    with hub:
        sampler.markers.append(hub.marker)
        log(f"hub {hub.version()} at {hub.url} ({hub.start_seconds:.1f} s)")
        seeder = Seeder(hub)
        with sync_playwright() as pw:
            browser = launch_browser(pw)
            try:
                results["chromium"] = browser.version
                ctx = browser.new_context()
                try:
                    login(ctx.new_page(), hub, "alice")
                    state = ctx.storage_state()
                finally:
                    ctx.close()
                lab_url = f"{hub.url}user/alice/lab"
                results["load"] = measure_load(browser, state, lab_url, plan)
                results["stages"] = {}
                for n in plan.sizes:
                    results["stages"][n] = measure_stage(browser, state, lab_url, seeder, n, plan)
                results["seed_seconds"] = seeder.seconds
                results["hub_version"] = hub.version()
            finally:
                browser.close()
        marker = hub.marker
    results["orphans"] = marked_pids(marker)
    # Playwright's driver and Chromium are children of this process
    results["orphans"] += [f"{p}: {cmdline(p)[:100]}" for p in descendants(os.getpid())]
    results["duration_s"] = time.monotonic() - t_run
    first_files = []
    for n, st in results["stages"].items():
        for a in st["ours"]["first"]:
            first_files.extend(a["static_files"])
    results["sizes"] = file_sizes(sorted(set(first_files)))
    return results


def dump(results: dict, path: Path) -> None:
    path.write_text(json.dumps(results, indent=1, default=str))
