"""Process helpers shared by the hub and plain-lab harnesses (Linux only).

Every process the harness starts gets a unique marker in its environment
(``USER_SHARING_E2E_RUN=<id>``). Children inherit it (the hub passes it to
configurable-http-proxy, and to single-user servers through
``Spawner.environment``; kernels inherit it from their server), so after a
stop we can find every process that belongs to a run even when JupyterHub
started it in its own session (chp and single-user servers are started with
``start_new_session=True`` and are therefore NOT in the hub's process group)
or when it was re-parented to init.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

MARKER_VAR = "USER_SHARING_E2E_RUN"

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
# The hub-only JupyterHub 5.5 environment (requirements-hub5.txt), used to
# run the end-to-end sharing story against a 5.5 hub too.
HUB5_VENV = ROOT / ".venv-hub5"


def new_marker() -> str:
    return uuid.uuid4().hex


def free_port() -> int:
    """A currently free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    """True if a server could listen on 127.0.0.1:port now. SO_REUSEADDR
    like the proxy (node) and tornado: a port a stopped demo left in
    TIME_WAIT counts as free, one something listens on does not."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _alive(pid: int) -> bool:
    """True if pid exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return False
    # state is the field after the ")" that ends the command name
    state = stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3]
    return state not in (b"Z", b"X")


def _ppid(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rfind(b")") + 2 :].split()
    return int(fields[1])


def _all_pids() -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def marked_pids(marker: str) -> list[int]:
    """Live processes whose environment carries our marker."""
    needle = f"{MARKER_VAR}={marker}".encode()
    me = os.getpid()
    found = []
    for pid in _all_pids():
        if pid == me:
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = f.read().split(b"\0")
        except OSError:
            continue
        if needle in env and _alive(pid):
            found.append(pid)
    return found


def descendants(pid: int) -> list[int]:
    """All live descendants of pid (children first-level first)."""
    children: dict[int, list[int]] = {}
    for p in _all_pids():
        pp = _ppid(p)
        if pp is not None:
            children.setdefault(pp, []).append(p)
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            if _alive(c):
                out.append(c)
                todo.append(c)
    return out


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _wait_gone(pids, timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    remaining = [p for p in pids if _alive(p)]
    while remaining and time.monotonic() < deadline:
        time.sleep(0.05)
        remaining = [p for p in remaining if _alive(p)]
    return remaining


def stop_tree(
    proc: subprocess.Popen | None,
    marker: str,
    graceful_timeout: float = 20.0,
    kill_timeout: float = 5.0,
) -> list[str]:
    """Stop ``proc`` (leader of its own session/process group) and every
    process carrying ``marker``.

    1. SIGTERM to the leader's process group; the leader (jupyterhub /
       jupyter-lab) shuts down gracefully and stops what it started.
    2. Whatever is left (our marker in its environment, or a descendant of
       the leader) gets SIGTERM, then SIGKILL.

    Returns a description of processes that could not be stopped (empty list
    on success).
    """
    tracked: set[int] = set(marked_pids(marker))
    if proc is not None and proc.poll() is None:
        tracked.update(descendants(proc.pid))
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=graceful_timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=kill_timeout)
    elif proc is not None:
        proc.wait()

    for round_sig, timeout in ((signal.SIGTERM, kill_timeout), (signal.SIGKILL, kill_timeout)):
        tracked.update(marked_pids(marker))
        left = [p for p in tracked if _alive(p)]
        if not left:
            break
        for p in left:
            _signal(p, round_sig)
        tracked = set(_wait_gone(left, timeout))

    left = sorted(set(p for p in tracked if _alive(p)) | set(marked_pids(marker)))
    return [f"{p}: {cmdline(p)}" for p in left]


def wait_http_ok(proc, url: str, timeout: float, what: str, log_tail, error) -> None:
    """Poll ``url`` until it answers 200, failing early (with the log tail)
    if ``proc`` exits; bounded by ``timeout`` seconds, no fixed sleeps."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise error(f"{what} exited with {proc.returncode} while starting\n" + log_tail())
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
                last = r.status
        except urllib.error.HTTPError as e:
            last = e.code
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as e:
            last = e
        time.sleep(0.1)
    raise error(f"{what} not ready at {url} after {timeout}s (last: {last})\n" + log_tail())
