"""JupyterLab's own start-up check (``python -m jupyterlab.browser_check``)
with our extension installed: JupyterLab in browser-test mode must start with
no error in the page or the server log. tests/harness/browser_check.py runs
JupyterLab's check unchanged but with Debian's Chromium, since the stock one
downloads a browser build."""

import os
import subprocess
import sys

from tests.harness.procs import ROOT, VENV_BIN


def test_jupyterlab_browser_check_passes(extension, tmp_path):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("JUPYTERHUB_"):
            del env[k]
    # keep the check's settings, workspaces and runtime files out of $HOME
    env.update(
        HOME=str(tmp_path),
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
    )
    args = [str(VENV_BIN / "python"), str(ROOT / "tests/harness/browser_check.py")]
    if os.geteuid() == 0:
        args.append("--allow-root")
    proc = subprocess.run(
        args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "Browser test complete" in out
    assert "Exiting normally" in out
    print(out[-1500:], file=sys.stderr)
