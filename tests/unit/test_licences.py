"""The allow-list of the Rust crates' licences (about.toml) is enforced by
scripts/rust-licenses.py, which `make build` runs; here on a tiny fixture
crate whose dependency is GPL-3.0-only (tests/fixtures/licence_check)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "licence_check"


def test_a_crate_with_a_licence_off_the_allow_list_fails_the_build(tmp_path):
    out = tmp_path / "licences.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "rust-licenses.py"), str(out),
         "--manifest-path", str(FIXTURE / "app" / "Cargo.toml"),
         "--config", str(ROOT / "about.toml")],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "failed to satisfy license requirements" in run.stderr, run.stderr
    assert 'license = "GPL-3.0-only"' in run.stderr, run.stderr
    assert "not in `accepted` of about.toml" in run.stderr, run.stderr
    assert not out.exists()
