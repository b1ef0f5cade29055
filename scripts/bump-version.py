#!/usr/bin/env python3
"""Set the project's version: package.json first (the one source, read by
hatch-nodejs-version for the Python package), then the Cargo workspace and
Cargo.lock, which tests/unit/test_version.py keeps equal to it, and the
translation catalogue's header (`make pot` writes the same).

    python scripts/bump-version.py 0.2.0        # an exact (npm semver) version
    python scripts/bump-version.py minor        # major | minor | patch
    python scripts/bump-version.py 0.2.0-rc.1   # a pre-release (Python: 0.2.0rc1)

jupyter-releaser calls it as its ``version_cmd`` (pyproject.toml).
Standard library only.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$")


def next_version(current: str, spec: str) -> str:
    if SEMVER.match(spec):
        return spec
    m = SEMVER.match(current)
    if not m:
        raise SystemExit(f"package.json version {current!r} is not semver")
    major, minor, patch = (int(x) for x in m.groups()[:3])
    if spec == "major":
        return f"{major + 1}.0.0"
    if spec == "minor":
        return f"{major}.{minor + 1}.0"
    if spec == "patch":
        # 1.2.3-rc.1 -> 1.2.3 (the release of a pre-release); 1.2.3 -> 1.2.4
        return f"{major}.{minor}.{patch if m.group(4) else patch + 1}"
    raise SystemExit(f"not a version nor major/minor/patch: {spec!r}")


def set_package_json(version: str) -> str:
    path = ROOT / "package.json"
    text = path.read_text()
    current = json.loads(text)["version"]
    # Replace the one top-level "version" line: keeps the file's formatting.
    new = re.sub(r'^(  "version": )"[^"]*"', rf'\g<1>"{version}"', text, count=1, flags=re.M)
    assert json.loads(new)["version"] == version, "package.json: version line not found"
    path.write_text(new)
    return current


def set_cargo_workspace(version: str) -> None:
    path = ROOT / "Cargo.toml"
    text = path.read_text()
    section = re.search(r"^\[workspace\.package\]\n(?:(?!\[).*\n)*", text, re.M)
    if not section or not re.search(r'^version = "', section.group(0), re.M):
        raise SystemExit("Cargo.toml: no version in [workspace.package]")
    body = re.sub(r'^version = "[^"]*"', f'version = "{version}"', section.group(0), flags=re.M)
    path.write_text(text[: section.start()] + body + text[section.end() :])
    # Cargo.lock records the members' versions; update only those.
    subprocess.run(["cargo", "update", "--workspace", "--offline"], cwd=ROOT, check=True)


def set_catalogue_header(version: str) -> None:
    path = ROOT / "jupyterlab_user_sharing" / "locale" / "jupyterlab_user_sharing.pot"
    text = path.read_text()
    new = re.sub(r'^"Project-Id-Version: (\S+) [^\\"]*', rf'"Project-Id-Version: \g<1> {version}', text,
                 count=1, flags=re.M)
    path.write_text(new)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    current = json.loads((ROOT / "package.json").read_text())["version"]
    version = next_version(current, argv[0])
    set_package_json(version)
    set_cargo_workspace(version)
    set_catalogue_header(version)
    print(f"version {current} -> {version} (package.json, Cargo.toml, Cargo.lock, .pot)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
