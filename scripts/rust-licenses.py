#!/usr/bin/env python3
"""The licences of the Rust crates compiled into the WebAssembly, checked
against the allow-list and written for the labextension.

    python scripts/rust-licenses.py OUT.json [--manifest-path crates/user-sharing-ui/Cargo.toml]
                                             [--config about.toml]

1. cargo-about (pinned in scripts/setup.sh) reads every crate the UI crate
   depends on for wasm32 (dev- and build-dependencies left out) and fails
   when one needs a licence that `about.toml`'s `accepted` list lacks: the
   allow-list check. It reads licence files from the crates' sources
   (offline: no web service is asked).
2. `cargo tree -e normal,no-proc-macro` names the crates actually linked
   into the wasm (procedural macros only run at build time); each must have
   its licence texts from step 1.
3. OUT.json gets them in the format of JupyterLab's
   `static/third-party-licenses.json` (the npm side, written by
   JupyterLab's builder): {"packages": [{name, versionInfo, licenseId,
   extractedText}]}.
Exit status 1 with the reason on any failure. Standard library only.

    python scripts/rust-licenses.py --merge-into STATIC/third-party-licenses.json RUST.json

adds the crates of RUST.json to JupyterLab's own file (once), so that
JupyterLab's Help -> Licenses, which reads only that file, lists them too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = "wasm32-unknown-unknown"


def cargo_about(manifest: Path, config: Path) -> dict:
    run = subprocess.run(
        ["cargo", "about", "generate", "--format", "json", "--frozen", "--fail",
         "--manifest-path", str(manifest), "--config", str(config)],
        cwd=ROOT, capture_output=True, text=True,
    )
    if run.returncode != 0:
        sys.exit(
            f"{run.stderr.strip()}\n\nrust-licenses: cargo-about failed (above). A crate whose"
            f" licence is not in `accepted` of {config.name} cannot ship in the wasm: replace"
            " the crate, or decide to accept its licence there."
        )
    return json.loads(run.stdout)


def linked_crates(manifest: Path) -> set[tuple[str, str]]:
    """(name, version) of the registry crates linked into the wasm."""
    run = subprocess.run(
        ["cargo", "tree", "--locked", "--offline", "--manifest-path", str(manifest),
         "--target", TARGET, "--edges", "normal,no-proc-macro", "--prefix", "none",
         "--format", "{p}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    crates = set()
    for line in run.stdout.splitlines():
        # "yew v0.23.0", "serde v1.0.229 (*)" (a repeat); ours: "hub-sharing v0.1.0 (/path)"
        name, version, *rest = line.split()
        if rest in ([], ["(*)"]):
            crates.add((name, version.removeprefix("v")))
    return crates


def packages(about: dict, linked: set[tuple[str, str]]) -> list[dict]:
    texts: dict[tuple[str, str], list[str]] = {}
    for licence in about["licenses"]:
        for use in licence["used_by"]:
            key = (use["crate"]["name"], use["crate"]["version"])
            if licence["text"] not in texts.setdefault(key, []):
                texts[key].append(licence["text"])
    declared = {(c["package"]["name"], c["package"]["version"]): c["license"] for c in about["crates"]}
    missing = sorted(f"{n} {v}" for n, v in linked if (n, v) not in texts)
    if missing:
        sys.exit("rust-licenses: no licence text found for " + ", ".join(missing))
    return [
        {
            "name": name,
            "versionInfo": version,
            "licenseId": declared.get((name, version), ""),
            "extractedText": "\n\n".join(texts[(name, version)]),
        }
        for name, version in sorted(linked)
    ]


def merge_into(bundle: Path, rust: Path) -> None:
    data = json.loads(bundle.read_text())
    crates = json.loads(rust.read_text())["packages"]
    known = {(p["name"], p.get("versionInfo")) for p in data["packages"]}
    added = [c for c in crates if (c["name"], c["versionInfo"]) not in known]
    data["packages"].extend(added)
    bundle.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    print(f"[licences] {len(added)} Rust crates added to {bundle}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--merge-into", type=Path, metavar="BUNDLE")
    parser.add_argument("--manifest-path", type=Path, default=ROOT / "crates/user-sharing-ui/Cargo.toml")
    parser.add_argument("--config", type=Path, default=ROOT / "about.toml")
    args = parser.parse_args()
    if args.merge_into:
        merge_into(args.merge_into, args.out)
        return
    about = cargo_about(args.manifest_path, args.config)
    result = {"packages": packages(about, linked_crates(args.manifest_path))}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"[licences] {len(result['packages'])} Rust crates -> {args.out}")


if __name__ == "__main__":
    main()
