"""Plain `jupyter lab` (no hub), for the "outside JupyterHub" tests.

Runs ``<root>/.venv/bin/jupyter-lab`` directly: the ``jupyter`` launcher
forks, and stopping it would leave the real server running.
"""

from __future__ import annotations

import atexit
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .procs import (
    MARKER_VAR,
    VENV_BIN,
    free_port,
    is_root,
    new_marker,
    stop_tree,
    wait_http_ok,
)


class LabError(RuntimeError):
    pass


class PlainLab:
    def __init__(
        self,
        *,
        args: list[str] | tuple[str, ...] = (),
        env: dict[str, str] | None = None,
        start_timeout: float = 60.0,
        keep_tmp: bool | None = None,
        venv: Path | str | None = None,
        settings: dict[str, dict] | None = None,
    ):
        # the environment jupyter-lab runs from (default <root>/.venv)
        self.venv_bin = Path(venv) / "bin" if venv is not None else VENV_BIN
        # user settings written before the start: {plugin id: settings}
        self.settings = dict(settings or {})
        self.settings_dir: Path | None = None
        self.extra_args = list(args)
        self.env_overrides = dict(env or {})
        self.start_timeout = start_timeout
        self.keep_tmp = (
            os.environ.get("E2E_KEEP_TMP") == "1" if keep_tmp is None else keep_tmp
        )
        self.token = secrets.token_hex(24)
        self.marker = new_marker()
        self.port: int | None = None
        self.tmp: Path | None = None
        self.log_path: Path | None = None
        self.proc: subprocess.Popen | None = None
        self.start_seconds: float | None = None
        self._log_file = None
        self._stopped = True

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def url(self) -> str:
        """Open this to get JupyterLab (token login)."""
        return f"{self.base}lab?token={self.token}"

    def start(self) -> "PlainLab":
        if not self._stopped:
            return self
        t0 = time.monotonic()
        self.tmp = Path(tempfile.mkdtemp(prefix="user-sharing-lab-"))
        root_dir = self.tmp / "root"
        home = self.tmp / "home"
        root_dir.mkdir()
        home.mkdir()
        self.port = free_port()
        self.log_path = self.tmp / "jupyter-lab.log"
        self._log_file = open(self.log_path, "wb")

        env = dict(os.environ)
        for k in list(env):
            if k.startswith("JUPYTERHUB_"):
                del env[k]  # must look like a plain, hub-less server
        env["PATH"] = f"{self.venv_bin}{os.pathsep}{env.get('PATH', '')}"
        env["HOME"] = str(home)
        # keep user-level settings/workspaces/runtime files out of the real home
        env["JUPYTER_CONFIG_DIR"] = str(home / ".jupyter")
        env["JUPYTER_RUNTIME_DIR"] = str(self.tmp / "runtime")
        env["JUPYTERLAB_SETTINGS_DIR"] = str(home / ".jupyter" / "lab" / "user-settings")
        env["JUPYTERLAB_WORKSPACES_DIR"] = str(home / ".jupyter" / "lab" / "workspaces")
        env[MARKER_VAR] = self.marker
        env.update(self.env_overrides)
        self.settings_dir = Path(env["JUPYTERLAB_SETTINGS_DIR"])
        for plugin, values in self.settings.items():
            package, _, name = plugin.partition(":")
            path = self.settings_dir / package / f"{name}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, indent=2))

        cmd = [
            str(self.venv_bin / "jupyter-lab"),
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            "--no-browser",
            f"--ServerApp.token={self.token}",
            f"--ServerApp.root_dir={root_dir}",
        ]
        if is_root():
            cmd.append("--allow-root")
        cmd += self.extra_args

        self._stopped = False
        atexit.register(self.stop)
        self.proc = subprocess.Popen(
            cmd,
            cwd=root_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        self.start_seconds = time.monotonic() - t0
        return self

    def _wait_ready(self) -> None:
        status_url = f"{self.base}api/status?token={self.token}"
        wait_http_ok(self.proc, status_url, self.start_timeout, "jupyter-lab", self.log_tail, LabError)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        try:
            atexit.unregister(self.stop)
        except Exception:
            pass
        # jupyter_server asks for confirmation on SIGINT; SIGTERM stops it at once
        leftovers = stop_tree(self.proc, self.marker, graceful_timeout=15.0)
        if self._log_file:
            self._log_file.close()
            self._log_file = None
        if self.tmp and not self.keep_tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
        if leftovers:
            print("PlainLab.stop: survivors:\n  " + "\n  ".join(leftovers), file=sys.stderr)
            raise LabError("processes survived stop: " + "; ".join(leftovers))

    def __enter__(self) -> "PlainLab":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def log_tail(self, lines: int = 80) -> str:
        if not self.log_path or not self.log_path.exists():
            return "(no lab log)"
        text = self.log_path.read_text(errors="replace").splitlines()
        return f"---- last {lines} lines of {self.log_path} ----\n" + "\n".join(text[-lines:])
