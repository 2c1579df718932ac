"""Benchmark: one town built with PDFs by two trees of the code, alternated (issue #23: PDF build time).

Not a test. Each run builds the example town (both editions, all PDFs) in a fresh process with each tree's own
``generator`` (``python -m generator.cli build`` started in the tree), the trees alternated (before, after,
before, after, …) so that a shared machine's load falls on both alike. Prints, per build, the wall time, the
CPU seconds of the build and its PDF workers, and the load average before it; then the medians, and whether
the last two sites are byte for byte the same (``diff -rq``: which files differ).

    .venv/bin/python benchmarks/one_town_side_by_side.py BEFORE_TREE AFTER_TREE [--runs 3] [--cache off|clean]

A tree is a checkout or ``git archive`` copy (``git archive main | tar -x -C /tmp/before``). ``--cache off``:
``TETSUZUKI_CACHE=0`` (nothing reused); ``clean``: the cache on, in a new empty folder (a first build).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cache", choices=("off", "clean"), default="off")
    options = parser.parse_args()
    trees = {"before": options.before.resolve(), "after": options.after.resolve()}
    scratch = Path(tempfile.mkdtemp(prefix="one-town-"))
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1765065600",
                   "TETSUZUKI_QUIET": "1", "TETSUZUKI_FLYER_PDFS": "1"}
    environment.pop("TETSUZUKI_PDF_WORKERS", None)  # each build's default: one worker per core
    environment.pop("PYTHONPATH", None)
    results: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": [], "load": []} for name in trees}
    print(f"machine: {os.cpu_count()} CPUs; cache {options.cache}")
    for run in range(options.runs):
        for name, tree in trees.items():
            site, cache = scratch / f"site-{name}", scratch / f"cache-{name}"
            shutil.rmtree(site, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            env = dict(environment)
            if options.cache == "off":
                env["TETSUZUKI_CACHE"] = "0"
            else:
                env |= {"TETSUZUKI_CACHE": "1", "TETSUZUKI_CACHE_DIR": str(cache)}
            load = os.getloadavg()[0]
            started, started_cpu = time.perf_counter(), _children_cpu()
            done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "-q", "-d", str(site)],
                                  cwd=tree, env=env, capture_output=True, text=True)
            wall, cpu = time.perf_counter() - started, _children_cpu() - started_cpu
            if done.returncode != 0:
                raise SystemExit(f"{name}: build failed\n{done.stderr[-3000:]}")
            for key, value in (("wall", wall), ("cpu", cpu), ("load", load)):
                results[name][key].append(value)
            print(f"{name:6} run {run + 1}: wall {wall:6.2f} s  CPU {cpu:6.2f} s  load {load:.2f}", flush=True)
    for name, figures in results.items():
        print(f"{name:6} median wall {statistics.median(figures['wall']):6.2f} s, median CPU "
              f"{statistics.median(figures['cpu']):6.2f} s (wall {', '.join(f'{x:.2f}' for x in figures['wall'])};"
              f" CPU {', '.join(f'{x:.2f}' for x in figures['cpu'])}; load {', '.join(f'{x:.1f}' for x in figures['load'])})")
    # (-q: the files that differ, by name; a PDF's bytes are not text)
    same = subprocess.run(["diff", "-rq", str(scratch / "site-before"), str(scratch / "site-after")],
                          capture_output=True, text=True, errors="replace")
    print("the last two sites (diff -r):", "identical" if same.returncode == 0 else "DIFFERENT\n" + same.stdout[:3000])
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
