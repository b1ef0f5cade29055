#!/usr/bin/env python3
"""`make watch`: rebuild the wasm and the shim on every change, into the
labextension that `jupyter labextension develop` links into ./.venv, so that
a running `make demo` (or any JupyterLab from ./.venv) shows the change on
the next page reload.

- crates/ changed  -> scripts/build-wasm.sh --dev (dev profile, no wasm-opt)
- js/ changed      -> tsc --watch (with source maps)
- lib/ or wasm/    -> jupyter-builder watch (development mode, source maps)

Start it after `make demo` (whose `make install-dev` replaces the link by an
installed copy). Ctrl-C stops it; the link stays until the next
`make install-dev`. Standard library only.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
LABEXT = ROOT / "jupyterlab_user_sharing" / "labextension"
RUST_LICENSES = ROOT / "target" / "third-party-licenses-rust.json"
POLL_SECONDS = 1.0


def say(text: str) -> None:
    print(f"\033[1m[watch]\033[0m {text}", flush=True)


def rust_sources() -> dict[Path, float]:
    files = [ROOT / "Cargo.toml", ROOT / "Cargo.lock"]
    for crate in (ROOT / "crates").iterdir():
        files += [crate / "Cargo.toml", *crate.rglob("*.rs")]
    return {f: f.stat().st_mtime for f in files if f.is_file()}


def build_wasm() -> bool:
    t0 = time.monotonic()
    ok = subprocess.run([str(ROOT / "scripts" / "build-wasm.sh"), "--dev"], cwd=ROOT).returncode == 0
    say(f"wasm {'rebuilt' if ok else 'build FAILED (fix and save again)'} in {time.monotonic() - t0:.0f} s")
    return ok


def start(args: list[str]) -> subprocess.Popen:
    # own process group: stopped as a whole, by its pid, on exit
    return subprocess.Popen(args, cwd=ROOT, start_new_session=True)


def wait_for_first_bundle(builder: subprocess.Popen) -> None:
    """jupyter-builder empties the labextension folder, then writes it."""
    while not list((LABEXT / "static").glob("remoteEntry.*.js")) or not (LABEXT / "package.json").exists():
        if builder.poll() is not None:
            sys.exit("[watch] jupyter-builder watch stopped")
        time.sleep(0.5)


def link_into_venv() -> None:
    """An editable install, then `jupyter labextension develop`: the venv's
    share/jupyter/labextensions/jupyterlab-user-sharing becomes a link to
    ./jupyterlab_user_sharing/labextension."""
    # The build hook would run a whole `make build` for an editable install
    # (it skips only for wheels); the watched folder is the build here.
    subprocess.run(
        [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--editable", "."],
        cwd=ROOT, check=True, env={**os.environ, "SKIP_JUPYTER_BUILDER": "1"},
    )
    # `jupyter labextension develop` itself, in JupyterLab 4.6, only calls
    # `jupyter-builder develop` (from PATH): call it directly.
    subprocess.run([str(BIN / "jupyter-builder"), "develop", "--overwrite", "."],
                   cwd=ROOT, check=True)
    link = ROOT / ".venv" / "share" / "jupyter" / "labextensions" / "jupyterlab-user-sharing"
    say(f"{link.relative_to(ROOT)} -> {os.readlink(link)}")


def main() -> int:
    # Ctrl-C even when started from a shell that ignores it (a background
    # job), and a plain `kill`, both end in the clean-up below.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    build_wasm()
    tsc = [str(ROOT / "node_modules" / ".bin" / "tsc"), "--strict", "--project", "tsconfig.json",
           "--sourceMap", "--inlineSources"]
    subprocess.run(tsc, cwd=ROOT, check=True)
    children = [
        start([*tsc, "--watch", "--preserveWatchOutput"]),
        start([str(BIN / "jupyter-builder"), "watch", ".", "--development", "--source-map"]),
    ]
    try:
        wait_for_first_bundle(children[1])
        # (a development bundle has no npm licence file to add the crates to)
        shutil.copy(RUST_LICENSES, LABEXT / "static")
        link_into_venv()
        say("watching crates/ and js/: reload JupyterLab after a rebuild; Ctrl-C stops")
        seen = rust_sources()
        while all(c.poll() is None for c in children):
            time.sleep(POLL_SECONDS)
            now = rust_sources()
            if now != seen:
                seen = now
                build_wasm()
        say("tsc or jupyter-builder stopped (see above)")
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for child in children:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        for child in children:
            child.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
