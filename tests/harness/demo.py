"""Run a throw-away JupyterHub for trying the extension by hand.

    python -m tests.harness.demo            # from the project root
    python -m tests.harness.demo --port 8001 --base-url /jupyter/

Uses the hub from tests/harness/hub.py: users alice, bob, carol with the
shared demo password, sharing scopes enabled. Stops everything on Ctrl-C or
SIGTERM.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from .hub import DEMO_PASSWORD, LocalHub, preferred_port

# Short enough that someone trying revocation by hand sees it take effect
# (the end-to-end story uses 5 s), long enough to notice the delay the dialog
# warns about.
DEMO_CACHE_MAX_AGE = 30


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.harness.demo", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=None,
                    help="proxy port (default: 8000 if free, else a free port)")
    ap.add_argument("--base-url", default="/", help="JupyterHub base_url (default /)")
    ap.add_argument("--cache-max-age", type=int, default=DEMO_CACHE_MAX_AGE,
                    help="--HubOAuth.cache_max_age for user servers: how long a revoked "
                         f"user keeps access at most (seconds, default {DEMO_CACHE_MAX_AGE}; "
                         "JupyterHub's own default is 300)")
    opts = ap.parse_args(argv)

    stop = threading.Event()

    def on_signal(signum, _frame):
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    port = opts.port if opts.port is not None else preferred_port(8000)
    hub = LocalHub(port=port, base_url=opts.base_url, cache_max_age=opts.cache_max_age)
    print(f"Starting JupyterHub on 127.0.0.1:{port} ...", flush=True)
    try:
        hub.start()
        if stop.is_set():
            return 130
        print(
            "\n"
            f"  JupyterHub demo:  {hub.url}\n"
            f"  users:            {', '.join(hub.users)}\n"
            f"  password:         {DEMO_PASSWORD}\n"
            f"  hub log:          {hub.log_path}\n"
            f"  revocation delay: up to {opts.cache_max_age} s (HubOAuth.cache_max_age)\n"
            "\n"
            "  Log in as alice, open User sharing -> Open user sharing menu.\n"
            "  Press Ctrl-C to stop.\n",
            flush=True,
        )
        while not stop.wait(0.5):
            if hub.proc.poll() is not None:
                print(f"jupyterhub exited with {hub.proc.returncode}\n{hub.log_tail()}",
                      file=sys.stderr, flush=True)
                return 1
        print("\nStopping JupyterHub ...", flush=True)
        return 0
    finally:
        hub.stop()
        print("Stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
