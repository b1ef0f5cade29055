"""The version has one source: package.json. The Python package takes it
through hatch-nodejs-version; the Rust workspace must say the same."""

import importlib.util
import json
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cargo_workspace_version_matches_package_json():
    npm = json.loads((ROOT / "package.json").read_text())["version"]
    cargo = tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["package"]["version"]
    assert cargo == npm, "bump Cargo.toml's [workspace.package] version with package.json"


def test_python_version_comes_from_package_json():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["source"] == "nodejs"
    assert not re.search(r"^version\s*=", (ROOT / "pyproject.toml").read_text(), re.M)


def test_every_crate_takes_the_workspace_version_and_cargo_lock_agrees():
    npm = json.loads((ROOT / "package.json").read_text())["version"]
    members = tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["members"]
    locked = {
        p["name"]: p["version"]
        for p in tomllib.loads((ROOT / "Cargo.lock").read_text())["package"]
        if "source" not in p  # workspace members have no registry source
    }
    for member in members:
        package = tomllib.loads((ROOT / member / "Cargo.toml").read_text())["package"]
        assert package["version"] == {"workspace": True}, f"{member}: use version.workspace = true"
        assert locked[package["name"]] == npm, f"Cargo.lock: {package['name']} is not {npm}"


def test_bump_version_computes_the_next_version():
    spec = importlib.util.spec_from_file_location("bump", ROOT / "scripts" / "bump-version.py")
    bump = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bump)
    assert bump.next_version("0.1.0", "minor") == "0.2.0"
    assert bump.next_version("0.1.0", "major") == "1.0.0"
    assert bump.next_version("0.1.0", "patch") == "0.1.1"
    assert bump.next_version("0.2.0-rc.1", "patch") == "0.2.0"
    assert bump.next_version("0.1.0", "1.0.0-beta.2") == "1.0.0-beta.2"
