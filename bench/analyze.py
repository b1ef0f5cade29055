"""Turning raw page records into figures."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .measure import OURS_PKG, PEER_PKGS, api_name, ext_of, is_hub_api


@dataclass
class Stat:
    median: float
    lo: float
    hi: float
    n: int

    @classmethod
    def of(cls, values) -> "Stat | None":
        values = [v for v in values if v is not None]
        if not values:
            return None
        return cls(statistics.median(values), min(values), max(values), len(values))


def _overlap(a: dict, b: dict) -> bool:
    return max(a["start"], b["start"]) < min(a["end"], b["end"])


def api_entries(rec: dict) -> list[dict]:
    out = []
    for e in rec["resources"]:
        if is_hub_api(e["name"]):
            out.append({**e, "api": api_name(e["name"])})
    return sorted(out, key=lambda e: e["start"])


def is_shares(api: str) -> bool:
    return api.startswith("shares/")


def is_codes(api: str) -> bool:
    return api.startswith("share-codes/")


def is_capability(api: str) -> bool:
    return api in ("", "user") or api.startswith("user?")


def analyze_open(rec: dict) -> dict:
    """Figures of one open (times relative to the pointerdown, ms)."""
    down = rec["down"]
    api = api_entries(rec)
    shares = [e for e in api if is_shares(e["api"])]
    codes = [e for e in api if is_codes(e["api"])]
    data = shares + codes if rec["kind"] == "ours" else shares
    data_end = max((e["end"] for e in data), default=None)
    menu = rec.get("menuDown")
    screen = rec.get("screen")
    out = {
        "total": rec["listed"] - down,
        # ours: from the pointerdown on the User sharing menu (the item's
        # pointerdown came ``gap`` ms later)
        "from_menu": None if menu is None else rec["listed"] - menu,
        "gap": None if menu is None else down - menu,
        "gap_neg": None if menu is None else menu - down,
        # the first screenful of live rows (ours; the peer: its list)
        "screen": None if screen is None else screen - down,
        "screen_from_menu": None if menu is None or screen is None else screen - menu,
        # ours on a reopen: the list remembered from the last open, shown
        # (marked "Updating from the hub…") until the live one replaces it
        "shown": None if rec.get("shown") is None else rec["shown"] - down,
        "rows": rec["rows"],
        "requests": [f"{m} {p}" for m, p in rec["requests"]],
        "n_requests": len(rec["requests"]),
        "n_capability": sum(1 for _m, p in rec["requests"] if is_capability(p.split("?")[0])),
        "render_after_data": None if data_end is None else rec["listed"] - data_end,
        "data_end": None if data_end is None else data_end - down,
        "first_api_start": api[0]["start"] - down if api else None,
        "parallel": bool(shares and codes and _overlap(shares[0], codes[0])),
        "longest_task": max((t["duration"] for t in rec["longtasks"]), default=0.0),
        "long_tasks": len(rec["longtasks"]),
        "settled": rec["settled"],
        "settle_end": rec["settle_end"] - down,
    }
    # our static files fetched by this open (glue chunk + wasm on the first)
    ours = [e for e in rec["resources"] if ext_of(e["name"]) == OURS_PKG]
    wasm = [e for e in ours if e["name"].split("?")[0].endswith(".wasm")]
    js = [e for e in ours if e["name"].split("?")[0].endswith(".js")]
    out["static_files"] = [e["name"].rsplit("/", 1)[-1].split("?")[0] for e in ours]
    out["static_bytes"] = sum(e["encoded"] for e in ours)
    out["static_transfer"] = sum(e["transfer"] for e in ours)
    if ours:
        first = min(e["start"] for e in ours)
        out["static_first_start"] = first - down
        out["static_end"] = max(e["end"] for e in ours) - down
    if wasm:
        out["wasm_start"] = wasm[0]["start"] - down
        out["wasm_end"] = wasm[0]["end"] - down
    if js:
        out["glue_start"] = min(e["start"] for e in js) - down
        out["glue_end"] = max(e["end"] for e in js) - down
    cap = [e for e in api if is_capability(e["api"].split("?")[0])]
    if cap:
        out["capability_start"] = cap[0]["start"] - down
        out["capability_end"] = max(e["end"] for e in cap) - down
    if shares:
        out["shares_start"] = shares[0]["start"] - down
        out["shares_pages"] = len(shares)
    if codes:
        out["codes_start"] = codes[0]["start"] - down
    return out


def start_bytes(resources: list[dict], pkgs) -> dict:
    """JavaScript (and anything else) of the given labextensions fetched at
    JupyterLab start."""
    files = [e for e in resources if ext_of(e["name"]) in set(pkgs)]
    return {
        "files": sorted({e["name"].rsplit("/", 1)[-1].split("?")[0] for e in files}),
        "js_encoded": sum(e["encoded"] for e in files if e["name"].split("?")[0].endswith(".js")),
        "encoded": sum(e["encoded"] for e in files),
        "transfer": sum(e["transfer"] for e in files),
        "wasm": [e["name"] for e in files if e["name"].split("?")[0].endswith(".wasm")],
    }


def peer_start_bytes(resources):
    return start_bytes(resources, PEER_PKGS)


def ours_start_bytes(resources):
    return start_bytes(resources, (OURS_PKG,))
