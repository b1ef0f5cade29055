"""The machine: description, waiting for it to be quiet, load during the run."""

from __future__ import annotations

import os
import platform
import re
import statistics
import threading
import time
from importlib.metadata import PackageNotFoundError, version

from tests.harness.procs import cmdline, descendants, marked_pids

FOREIGN_RE = re.compile(r"jupyterhub|chromium")


def loadavg() -> tuple[float, float, float]:
    with open("/proc/loadavg") as f:
        a, b, c = f.read().split()[:3]
    return float(a), float(b), float(c)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def mem_total_gib() -> float:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return float("nan")


def pkg_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine_info() -> dict:
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "mem_gib": mem_total_gib(),
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def foreign_processes(own_markers: list[str] = ()) -> list[str]:
    """jupyterhub / chromium processes that are not ours (not descendants
    of this process, not carrying one of our hub markers)."""
    mine = {os.getpid(), *descendants(os.getpid())}
    for m in own_markers:
        mine.update(marked_pids(m))
    out = []
    for p in os.listdir("/proc"):
        if not p.isdigit() or int(p) in mine:
            continue
        cmd = cmdline(int(p))
        # the crashpad handler Chromium leaves behind is idle
        if FOREIGN_RE.search(cmd) and "crashpad" not in cmd:
            out.append(f"{p}: {cmd[:120]}")
    return out


def wait_quiet(max_load: float, timeout: float, log) -> dict:
    """Wait (at most ``timeout`` s) for the 1-min load average to drop below
    ``max_load`` with no foreign jupyterhub/chromium process."""
    t0 = time.monotonic()
    last_log = -1e9
    while True:
        load = loadavg()
        foreign = foreign_processes()
        quiet = load[0] < max_load and not foreign
        waited = time.monotonic() - t0
        if quiet or waited >= timeout:
            return {
                "quiet": quiet,
                "waited_s": waited,
                "load_at_start": load,
                "foreign_at_start": foreign,
            }
        if time.monotonic() - last_log > 60:
            log(
                f"waiting for a quiet machine: load {load[0]:.2f} (want < {max_load}), "
                f"{len(foreign)} foreign jupyterhub/chromium processes, "
                f"{waited:.0f}/{timeout:.0f} s"
            )
            last_log = time.monotonic()
        time.sleep(10)


class LoadSampler(threading.Thread):
    """Samples /proc/loadavg and foreign processes every ``period`` s."""

    def __init__(self, period: float = 5.0):
        super().__init__(daemon=True)
        self.period = period
        self.samples: list[float] = []
        self.foreign_seen: dict[str, float] = {}
        self.markers: list[str] = []
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.samples.append(loadavg()[0])
            try:
                for p in foreign_processes(self.markers):
                    self.foreign_seen.setdefault(p, time.time())
            except Exception:
                pass
            self._halt.wait(self.period)

    def stop(self) -> dict:
        self._halt.set()
        self.join(timeout=10)
        s = self.samples or [float("nan")]
        return {
            "load1_median": statistics.median(s),
            "load1_min": min(s),
            "load1_max": max(s),
            "load_end": loadavg(),
            "foreign_seen": sorted(self.foreign_seen),
        }
