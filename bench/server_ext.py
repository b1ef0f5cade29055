"""What the server extension adds to a single-user server's start.

    .venv/bin/python -m bench.server_ext        # ~1 min; `make bench` runs it too

Each run is a fresh Python (the .venv's, bytecode cached as in a real
server) that first imports what every single-user server on a JupyterHub
has imported before it loads extensions (jupyter_server's ServerApp and
handlers, JupyterHub's single-user extension, jupyter-server-ydoc's
handlers when installed), then times, with ``time.perf_counter``, only
what differs between three variants:

- ``base``: the server makes JupyterHub's Authorizer; no extension of ours;
- ``off``: the same, and it imports and loads ours (the wheel enables it in
  every Jupyter Server): what every server pays, on a hub without access
  levels or outside a hub;
- ``on``: the server imports and makes our Authorizer (``configure(c,
  access_levels=True)``), and loads ours, which starts enforcing
  (``enforcer.start``: the handlers, the contents and document filters).

The server application handed to the extension is a stand-in with the
attributes it reads (``authorizer``, ``identity_provider.hub_auth``,
``web_app``, ``io_loop``, ``jpserver_extensions``, ``log``): its first
check of the hub's shares is a callback on the running loop, after the
start, and is not timed. Variants alternate; the figure is the difference
of the medians, in wall time and in the thread's CPU time (which waiting
for a busy machine's CPU does not inflate).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from tests.harness.procs import VENV_BIN

SCRIPT = r"""
import importlib, json, logging, sys, time
from types import SimpleNamespace

# imported by every single-user server on a hub before extensions load
import jupyter_server.serverapp, jupyter_server.base.handlers
import jupyter_server.services.contents.handlers
import jupyterhub.singleuser.extension as hub_ext
import tornado.web
try:
    import jupyter_server_ydoc.handlers
    ydoc = True
except ImportError:
    ydoc = False
from traitlets.config import LoggingConfigurable

variant = sys.argv[1]


class Loop:
    def __init__(self):
        self.callbacks = []

    def add_callback(self, callback, *args):
        self.callbacks.append(callback)


app = LoggingConfigurable()
app.log = logging.getLogger("bench")
app.jpserver_extensions = {"jupyter_server_ydoc": ydoc}
app.web_app = tornado.web.Application([], base_url="/user/alice/")
app.io_loop = Loop()
app.identity_provider = SimpleNamespace(hub_auth=None)

c0 = time.thread_time()
t0 = time.perf_counter()
if variant == "on":
    cls = importlib.import_module("jupyterlab_user_sharing.access.authorizer").AccessAuthorizer
else:
    cls = hub_ext.JupyterHubAuthorizer
app.authorizer = cls()
t1 = time.perf_counter()
if variant != "base":
    ext = importlib.import_module("jupyterlab_user_sharing.access")
    ext._jupyter_server_extension_points()
    ext._load_jupyter_server_extension(app)
t2 = time.perf_counter()
c2 = time.thread_time()
started = "jupyterlab_user_sharing.access.enforcer" in sys.modules and bool(app.io_loop.callbacks)
print(json.dumps({"total_ms": (t2 - t0) * 1000, "cpu_ms": (c2 - c0) * 1000, "authorizer_ms": (t1 - t0) * 1000,
                  "extension_ms": (t2 - t1) * 1000, "enforcing": started}))
"""

VARIANTS = ("base", "off", "on")


def one(variant: str, env: dict | None = None) -> dict:
    out = subprocess.run([str(VENV_BIN / "python"), "-c", SCRIPT, variant], check=True,
                         capture_output=True, text=True, timeout=120, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bytecode_env(cache: str) -> dict:
    """Bytecode cached, as in an installed server (an installed wheel has
    its .pyc), in ``cache`` rather than next to the sources."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def measure(runs: int = 15, log=print) -> dict:
    """``runs`` fresh interpreters per variant, rotating the order."""
    got: dict[str, list[dict]] = {v: [] for v in VARIANTS}
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-pycache-") as cache:
        env = bytecode_env(cache)
        for v in VARIANTS:  # writes the bytecode; not counted
            one(v, env)
        for r in range(runs):
            order = VARIANTS[r % 3:] + VARIANTS[: r % 3]
            for v in order:
                got[v].append(one(v, env))
    med = {v: statistics.median(x["total_ms"] for x in got[v]) for v in VARIANTS}
    cpu = {v: statistics.median(x["cpu_ms"] for x in got[v]) for v in VARIANTS}
    out = {
        "runs": runs,
        "seconds": time.monotonic() - t0,
        "median_ms": med,
        "median_cpu_ms": cpu,
        "added_off_ms": med["off"] - med["base"],
        "added_on_ms": med["on"] - med["base"],
        "added_off_cpu_ms": cpu["off"] - cpu["base"],
        "added_on_cpu_ms": cpu["on"] - cpu["base"],
        "raw": got,
        "enforcing": {v: all(x["enforcing"] for x in got[v]) for v in VARIANTS},
    }
    log(f"server extension at start: base {med['base']:.2f} ms, off {med['off']:.2f} ms, "
        f"on {med['on']:.2f} ms (wall; CPU {cpu['base']:.2f} / {cpu['off']:.2f} / {cpu['on']:.2f} ms; "
        f"medians of {runs})")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.server_ext", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    opts = ap.parse_args(argv)
    res = measure(opts.runs)
    res.pop("raw")
    print(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
