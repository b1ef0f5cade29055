"""The version has one source: package.json. The Python package takes it
through hatch-nodejs-version; the Rust workspace must say the same."""

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
