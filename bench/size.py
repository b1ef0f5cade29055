"""Where the wasm's bytes go: `make size-report` (python -m bench.size).

Reads the release wasm built with its names kept (`scripts/build-wasm.sh
--names`: the same cargo, wasm-bindgen and wasm-opt steps as the shipped
file, whose code it matches byte for byte, plus a name section) and writes
the breakdown between the markers of bench/SIZE.md: sections, crates, the
largest functions. The rest of SIZE.md (what each change saved) is kept by
hand. `bench/report.py` copies SIZE.md into RESULTS.md.

Sizes are function body bytes of the optimised module, before gzip.
Inlining moves code into its caller, so a crate's figure is what ended up
in functions named after it: the `html!` of our components lands in yew's
generic `CompStateInner<COMP>::view`, serde's visitors in
serde_wasm_bindgen's generic deserializers. Python standard library only.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "wasm" / "user_sharing_ui_bg.wasm"
NAMED = ROOT / "target" / "wasm-names" / "user_sharing_ui_bg.wasm"
SIZE_MD = Path(__file__).resolve().parent / "SIZE.md"
START, END = "<!-- breakdown:start -->", "<!-- breakdown:end -->"

SECTION_NAMES = {1: "types", 2: "imports (JS function names)", 3: "function index",
                 4: "table", 5: "memory", 6: "globals", 7: "exports", 8: "start",
                 9: "elements", 10: "code", 11: "data (strings, tables)",
                 12: "data count"}


def _leb(b: bytes, i: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = b[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def parse(path: Path) -> tuple[Counter, list[tuple[int, str]]]:
    """Section sizes (custom sections by name) and (body size, name) per function."""
    b = path.read_bytes()
    if b[:4] != b"\0asm":
        sys.exit(f"{path}: not a wasm module")
    sections: Counter = Counter()
    imported_funcs = 0
    bodies: list[int] = []
    names: dict[int, str] = {}
    i = 8
    while i < len(b):
        sid = b[i]
        n, i = _leb(b, i + 1)
        end = i + n
        key: str | int = sid
        if sid == 0:
            length, j = _leb(b, i)
            key = "custom: " + b[j:j + length].decode()
            if key == "custom: name":
                j += length
                while j < end:
                    sub, size_j = b[j], j + 1
                    size, j = _leb(b, size_j)
                    if sub == 1:  # function names
                        count, k = _leb(b, j)
                        for _ in range(count):
                            idx, k = _leb(b, k)
                            length, k = _leb(b, k)
                            names[idx] = b[k:k + length].decode("utf-8", "replace")
                            k += length
                    j += size
        elif sid == 2:
            count, j = _leb(b, i)
            for _ in range(count):
                for _ in range(2):  # module, field
                    length, j = _leb(b, j)
                    j += length
                kind = b[j]
                j += 1
                if kind == 0:  # function
                    imported_funcs += 1
                    _, j = _leb(b, j)
                elif kind == 1:  # table: reftype, limits
                    flags = b[j + 1]
                    _, j = _leb(b, j + 2)
                    if flags & 1:
                        _, j = _leb(b, j)
                elif kind == 2:  # memory: limits
                    flags = b[j]
                    _, j = _leb(b, j + 1)
                    if flags & 1:
                        _, j = _leb(b, j)
                else:  # global: valtype, mutability
                    j += 2
        elif sid == 10:
            count, j = _leb(b, i)
            for _ in range(count):
                size, j = _leb(b, j)
                bodies.append(size)
                j += size
        sections[key] += n
        i = end
    funcs = [(size, names.get(imported_funcs + k, f"function {imported_funcs + k}"))
             for k, size in enumerate(bodies)]
    return sections, funcs


def crate_of(name: str) -> str:
    """The crate a symbol is named after: `<yew::a::B<T> as core::X>::f` -> yew."""
    if name.endswith(" shim"):
        return "(wasm-bindgen shims)"
    if name.startswith("function "):
        return "(unnamed)"
    trimmed = re.sub(r"^(<|&|\*|mut |const |dyn )+", "", name)
    match = re.match(r"[A-Za-z_][A-Za-z0-9_]*", trimmed)
    if not match:
        return "(other)"
    crate = match.group(0)
    # core's float formatting is reached as `<f64 as Display>::fmt`
    return {"f64": "core", "f32": "core", "str": "core", "char": "core",
            "T": "(generic)"}.get(crate, crate)


def short(name: str, width: int = 110) -> str:
    name = re.sub(r"::h[0-9a-f]{16}$", "", name)
    name = re.sub(r"\[[0-9a-f]{16}\]", "", name)
    return name if len(name) <= width else name[:width - 1] + "…"


def breakdown(top: int) -> str:
    shipped = SHIPPED.read_bytes()
    sections, funcs = parse(NAMED)
    shipped_sections, _ = parse(SHIPPED)
    if sections[10] != shipped_sections[10]:
        sys.exit(f"{NAMED} has {sections[10]} bytes of code, {SHIPPED} {shipped_sections[10]}:"
                 " not the same build; run `make size-report`")
    raw = len(shipped)
    gz = len(subprocess.run(["gzip", "-9", "-c", str(SHIPPED)], check=True,
                            capture_output=True).stdout)
    code = sections[10]
    out = [f"Shipped `wasm/user_sharing_ui_bg.wasm`: **{raw:,} bytes raw, {gz:,} gzip -9** "
           f"({len(funcs):,} functions).", "",
           "| Section | Bytes | Share |", "|---|---:|---:|"]
    for key, size in sorted(shipped_sections.items(), key=lambda kv: -kv[1]):
        label = SECTION_NAMES.get(key, key) if isinstance(key, int) else key
        if size >= 100:
            out.append(f"| {label} | {size:,} | {size / raw:.1%} |")
    per_crate: Counter = Counter()
    count: Counter = Counter()
    for size, name in funcs:
        per_crate[crate_of(name)] += size
        count[crate_of(name)] += 1
    out += ["", "Code by crate (the crate a function is named after):", "",
            "| Crate | Bytes | Share of code | Functions |", "|---|---:|---:|---:|"]
    for crate, size in per_crate.most_common(15):
        out.append(f"| {crate} | {size:,} | {size / code:.1%} | {count[crate]} |")
    rest = code - sum(s for _, s in per_crate.most_common(15))
    out.append(f"| (the rest) | {rest:,} | {rest / code:.1%} | |")
    out += ["", f"The {top} largest functions:", "", "| Bytes | Function |", "|---:|---|"]
    for size, name in sorted(funcs, reverse=True)[:top]:
        out.append(f"| {size:,} | `{short(name)}` |")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.size", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--top", type=int, default=30, help="functions listed (default 30)")
    ap.add_argument("--print", action="store_true", help="print only, leave SIZE.md alone")
    args = ap.parse_args(argv)
    text = breakdown(args.top)
    if args.print:
        print(text)
        return 0
    doc = SIZE_MD.read_text()
    head, _, rest = doc.partition(START)
    _, _, tail = rest.partition(END)
    SIZE_MD.write_text(f"{head}{START}\n{text}\n{END}{tail}")
    print(text)
    print(f"\nwritten to {SIZE_MD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
