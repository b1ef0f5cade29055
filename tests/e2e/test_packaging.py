"""Packaging end to end (SLOW, ~30-60 s): the wheel built without Node
installs in a fresh venv with jupyterlab from PyPI, still without Node, and
JupyterLab from that venv loads the extension and its wasm.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import expect

from tests.harness.browser import open_lab
from tests.harness.lab import PlainLab
from tests.harness.procs import ROOT, VENV_BIN

from .conftest import TIMINGS, Session, lab_get
from .pages import NO_HUB_TEXT, close_dialog, open_from_menu, settle_lab, wait_dialog_state

PIP_TIMEOUT = 600  # s, pip install of jupyterlab from PyPI into the fresh venv
JUPYTERLAB_VERSION = "4.6.6"

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def no_node_path(tmp: Path) -> str:
    """A PATH with no Node.js: an empty directory."""
    empty = tmp / "no-node-bin"
    empty.mkdir()
    return str(empty)


def assert_licences_and_catalogue(wheel: zipfile.ZipFile, share: str) -> None:
    """The wheel carries the licences of the Rust crates in the wasm (in
    JupyterLab's third-party-licenses format, next to the npm one), and the
    translation catalogue."""
    def read(suffix: str) -> bytes:
        (name,) = [n for n in wheel.namelist() if n.endswith(suffix)]
        return wheel.read(name)

    rust = json.loads(read(share + "static/third-party-licenses-rust.json"))["packages"]
    by_name = {p["name"]: p for p in rust}
    for crate in ("yew", "wasm-bindgen", "serde", "gloo-net", "js-sys", "web-sys"):
        assert crate in by_name, (crate, sorted(by_name))
        assert "Permission is hereby granted" in by_name[crate]["extractedText"], crate
        assert "MIT" in by_name[crate]["licenseId"], by_name[crate]["licenseId"]
    assert not {"hub-sharing", "user-sharing-ui"} & set(by_name), "our own crates are in LICENSE"
    assert "syn" not in by_name, "procedural macros are not in the wasm"
    # JupyterLab's Help -> Licenses reads only this file: it lists the crates too
    bundle = json.loads(read(share + "static/third-party-licenses.json"))["packages"]
    assert {"style-loader", "yew", "wasm-bindgen"} <= {p["name"] for p in bundle}, bundle
    pot = read("jupyterlab_user_sharing/locale/jupyterlab_user_sharing.pot").decode()
    assert 'msgid "Generate invite link"' in pot and 'msgctxt "menu"' in pot, pot[:500]
    assert (ROOT / "jupyterlab_user_sharing/locale/jupyterlab_user_sharing.pot").read_text() == pot


def test_wheel_installs_and_loads_without_node(tmp_path_factory, new_session):
    """SLOW (~30-60 s: pip installs jupyterlab from PyPI). Build the wheel
    with no Node on PATH (the prebuilt labextension is used), install it in a
    fresh venv with jupyterlab==4.6.6, still without Node, and check that
    JupyterLab from that venv lists, serves and loads the extension."""
    tmp = tmp_path_factory.mktemp("wheel")
    path = no_node_path(tmp)
    for tool in ("node", "nodejs", "npm", "jlpm"):
        assert shutil.which(tool, path=path) is None, tool
    base_env = {"HOME": os.environ.get("HOME", str(tmp)), "LANG": "C.UTF-8"}
    base_env.update({k: v for k, v in os.environ.items() if k.startswith("PIP_")})

    # -- build (from the project root; the hatch hook skips npm)
    t0 = time.monotonic()
    dist = tmp / "dist"
    built = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=ROOT, env={**base_env, "PATH": path}, capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = dist.glob("jupyterlab_user_sharing-*-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    share = "share/jupyter/labextensions/jupyterlab-user-sharing/"
    for pattern in (r"package\.json$", r"install\.json$", r"static/remoteEntry\.[0-9a-f]+\.js$",
                    r"static/[0-9a-f]+\.wasm$", r"schemas/jupyterlab-user-sharing/plugin\.json$",
                    r"static/third-party-licenses\.json$", r"static/third-party-licenses-rust\.json$"):
        assert any(share in n and re.search(pattern, n) for n in names), (pattern, names)
    assert_licences_and_catalogue(zipfile.ZipFile(wheel), share)
    # the server extension (access levels) is enabled by the wheel, inert until a hub turns it on
    enable = "etc/jupyter/jupyter_server_config.d/jupyterlab_user_sharing.json"
    [config] = [n for n in names if n.endswith(enable)]
    assert json.loads(zipfile.ZipFile(wheel).read(config)) == {
        "ServerApp": {"jpserver_extensions": {"jupyterlab_user_sharing.access": True}}}
    TIMINGS["wheel build, no Node (s)"] = time.monotonic() - t0

    # -- fresh venv + pip install (no Node on PATH)
    t0 = time.monotonic()
    venv = tmp / "venv"
    subprocess.run([str(VENV_BIN / "python"), "-m", "venv", str(venv)], check=True, timeout=120)
    venv_path = str(venv / "bin")
    assert shutil.which("node", path=venv_path) is None
    env = {**base_env, "PATH": venv_path}
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--no-input",
         str(wheel), f"jupyterlab=={JUPYTERLAB_VERSION}"],
        env=env, capture_output=True, text=True, timeout=PIP_TIMEOUT,
    )
    assert pip.returncode == 0, pip.stdout[-3000:] + pip.stderr[-3000:]
    TIMINGS["fresh venv + pip install jupyterlab + wheel (s)"] = time.monotonic() - t0

    # -- jupyter labextension list, in an empty home
    home = tmp / "home"
    home.mkdir()
    listed = subprocess.run(
        [str(venv / "bin" / "jupyter"), "labextension", "list"],
        env={**env, "HOME": str(home)}, capture_output=True, text=True, timeout=120,
    )
    out = ANSI.sub("", listed.stdout + listed.stderr)
    assert listed.returncode == 0, out
    assert f"JupyterLab v{JUPYTERLAB_VERSION}" in out, out
    assert str(venv / "share" / "jupyter" / "labextensions") in out, out
    assert re.search(
        r"jupyterlab-user-sharing v\S+ enabled\s+OK \(python, jupyterlab_user_sharing\)", out
    ), out

    # -- JupyterLab from the fresh venv serves and loads it
    lab = PlainLab(venv=venv, env={"PATH": venv_path})
    with lab:
        TIMINGS["jupyter-lab from the fresh venv start (s)"] = lab.start_seconds
        s: Session = new_session()
        page = s.page
        open_lab(page, lab.url)
        settle_lab(page)
        cfg = page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent)"
        )
        ours = [e for e in cfg["federated_extensions"] if e["name"] == "jupyterlab-user-sharing"]
        assert len(ours) == 1, cfg["federated_extensions"]
        entry = f"{lab.base}lab/extensions/jupyterlab-user-sharing/{ours[0]['load']}"
        assert any(
            u.split("?")[0] == entry and st == 200 for _m, u, st in s.responses
        ), (entry, s.responses)

        open_from_menu(page)
        root = wait_dialog_state(page, "no-hub")
        expect(root).to_contain_text(NO_HUB_TEXT)
        wasm = [(u, st) for _m, u, st in s.responses if urlparse(u).path.endswith(".wasm")]
        assert len(wasm) == 1 and wasm[0][1] == 200, wasm
        assert "/lab/extensions/jupyterlab-user-sharing/static/" in wasm[0][0], wasm
        close_dialog(page)
        s.console.assert_clean()
        # Help -> Licenses: JupyterLab's licences API lists the Rust crates
        listed = lab_get(lab, "lab/api/licenses/?bundles=jupyterlab-user-sharing&format=json")
        names = {p["name"] for p in listed["bundles"]["jupyterlab-user-sharing"]["packages"]}
        assert {"yew", "serde", "gloo-net", "wasm-bindgen"} <= names, names
        # nothing of the server came from .venv
        assert lab.proc.args[0] == str(venv / "bin" / "jupyter-lab")
