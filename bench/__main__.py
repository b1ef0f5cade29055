"""Benchmark: jupyterlab-user-sharing vs jupyter-collaboration's
Share dialog, on a real JupyterHub with JupyterLab in headless Chromium.

    make bench                      # builds, installs, then runs this
    .venv/bin/python -m bench       # the default plan, ~10 min
    .venv/bin/python -m bench --quick --no-wait     # a smoke run

Prints the table as Markdown and writes it to bench/RESULTS.md (raw data in
bench/results.json). Waits (bounded) for a quiet machine first.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from .machine import LoadSampler, machine_info, wait_quiet
from .report import render
from .run import Plan, dump, log, run

HERE = Path(__file__).resolve().parent


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="few runs, for trying the benchmark")
    ap.add_argument("--load-runs", type=int, help="load-time runs per variant (default 9)")
    ap.add_argument("--first-runs", type=int,
                    help="fresh pages per dialog and share count (default 7; 5 at 1,000, 3 at 10,000)")
    ap.add_argument("--reopens", type=int, help="reopens per fresh page (default 2)")
    ap.add_argument("--max-shares", type=int, default=10000,
                    help="largest share count to measure (default 10000)")
    ap.add_argument("--no-wait", action="store_true", help="do not wait for a quiet machine")
    ap.add_argument("--quiet-load", type=float, default=0.7, help="1-min load to wait for (0.7)")
    ap.add_argument("--quiet-timeout", type=float, default=900, help="longest wait, s (900)")
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--json", type=Path, default=HERE / "results.json")
    ap.add_argument("--render", type=Path, metavar="JSON",
                    help="only render the table of an earlier run's results.json")
    opts = ap.parse_args(argv)

    if opts.render:
        import json

        md = render(json.loads(opts.render.read_text()))
        opts.out.write_text(md)
        print(md)
        return 0

    plan = Plan.quick() if opts.quick else Plan()
    if opts.load_runs:
        plan.load_runs = opts.load_runs
    if opts.first_runs:
        plan.first_runs = {n: opts.first_runs for n in plan.first_runs}
    if opts.reopens is not None:
        plan.reopens = opts.reopens
    plan.sizes = tuple(n for n in plan.sizes if n <= opts.max_shares)

    # SIGTERM (timeout, CI cancel) -> KeyboardInterrupt, so the hub and the
    # browser are stopped by their context managers.
    def on_term(signum, frame):
        raise KeyboardInterrupt("SIGTERM")

    signal.signal(signal.SIGTERM, on_term)

    machine = machine_info()
    if opts.no_wait:
        from .machine import foreign_processes, loadavg

        quiet = {"quiet": None, "waited_s": 0.0, "load_at_start": loadavg(),
                 "foreign_at_start": foreign_processes(), "skipped": True}
    else:
        quiet = wait_quiet(opts.quiet_load, opts.quiet_timeout, log)
    log(f"start: load {quiet['load_at_start']}, quiet={quiet['quiet']}, "
        f"waited {quiet['waited_s']:.0f} s")
    sampler = LoadSampler()
    sampler.start()
    t0 = time.monotonic()
    try:
        results = run(plan, quiet, sampler)
        # the server extension: its cost at start, and per request
        from . import authorizer, server_ext

        results["server_ext"] = server_ext.measure(5 if opts.quick else 15, log)
        log("authorizer: two hubs, requests alternating")
        results["authorizer"] = authorizer.run(100 if opts.quick else 400)
        for label, r in results["authorizer"]["rows"].items():
            log(f"authorizer, {label}: {r['added_ms']:+.2f} ms")
    finally:
        load = sampler.stop()
    results["machine"] = machine
    results["load_during"] = load
    results["wall_s"] = time.monotonic() - t0
    dump(results, opts.json)
    md = render(results)
    opts.out.write_text(md)
    print()
    print(md)
    log(f"written {opts.out} and {opts.json} ({results['wall_s']:.0f} s)")
    if results["orphans"]:
        print(f"orphan processes: {results['orphans']}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
