"""Benchmark: one town built clean with PDFs, PDFs rendered in one process against several (issue #23).

Not a test. In a scratch copy of the project (the example town), each round builds the site once per worker
count, in a fresh process each time (``python -m generator.cli build --pdf-workers N``) with an empty PDF
cache (a first build), the counts interleaved (1, 2, 1, 2, …) so that the load of a shared machine falls on
both alike. Prints the load average before each build, the medians, and whether every build wrote the same
bytes (the worker count must not change a byte).

Each build also reports its CPU seconds, in the build process and in its PDF workers. On a shared machine
whose kernel shares the CPU per session (autogroup), more processes get no more CPU, so the wall times there
cannot show what free cores give; the last column estimates it: the build process's CPU plus the workers'
CPU shared evenly among them (an estimate, labelled so: it assumes a free core per worker).

    .venv/bin/python benchmarks/pdf_workers.py [--runs 3] [--workers 1 2] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.project import copy_build_inputs  # noqa: E402


def digest(site: Path) -> str:
    """One SHA-256 over every file's path and bytes."""
    total = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        total.update(path.relative_to(site).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()


_COMMAND = """
import json, resource, sys
from generator.cli import main
try:
    main(sys.argv[1:])
finally:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print("CPU", json.dumps([own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime]), file=sys.stderr)
"""
"""``tetsuzuki build …`` that also reports its CPU seconds: its own and its (PDF worker) children's."""


def build(project: Path, workers: int, run: int) -> tuple[float, float, float, str, int]:
    """Wall seconds, CPU seconds of the build process and of its PDF workers, the site's digest, its PDFs."""
    site = project / f"site-{workers}-{run}"
    cache = project / f"cache-{workers}-{run}"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TETSUZUKI_FLYER_PDFS": "1",
                   "TETSUZUKI_CACHE_DIR": str(cache), "TETSUZUKI_QUIET": "1", "SOURCE_DATE_EPOCH": "1790000000"}
    environment.pop("TETSUZUKI_PDF_WORKERS", None)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _COMMAND, "build", "--site-dir", str(site), "--pdf-workers", str(workers)],
        cwd=project, env=environment, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")
    own, in_workers = json.loads(result.stderr.rsplit("CPU ", 1)[1])
    pdfs = sum(1 for _ in site.rglob("*.pdf"))
    value = digest(site)
    shutil.rmtree(site)
    shutil.rmtree(cache, ignore_errors=True)
    return seconds, own, in_workers, value, pdfs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs; load average at start {os.getloadavg()}", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="tetsuzuki-pdf-workers-"))
    walls: dict[int, list[float]] = {count: [] for count in options.workers}
    cpus: dict[int, list[tuple[float, float]]] = {count: [] for count in options.workers}
    loads: list[float] = []
    digests: set[str] = set()
    pdf_count = 0
    try:
        project = copy_build_inputs(ROOT, scratch / "project")
        for run in range(options.runs):
            for count in options.workers:
                load = os.getloadavg()[0]
                loads.append(load)
                seconds, own, in_workers, value, pdf_count = build(project, count, run)
                walls[count].append(seconds)
                cpus[count].append((own, in_workers))
                digests.add(value)
                print(f"round {run + 1}, {count} worker(s): {seconds:.1f} s wall, CPU {own:.1f} s in the build "
                      f"process + {in_workers:.1f} s in PDF workers, load before {load:.2f}", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    first = options.workers[0]
    lines = [
        f"Load average (1 min) before each build: {min(loads):.1f}–{max(loads):.1f}; at the end {os.getloadavg()[0]:.1f}.",
        f"Every build wrote the same bytes: {'yes' if len(digests) == 1 else 'NO'} ({pdf_count} PDFs per build).",
        "",
        "| PDF workers | wall s (median) | runs | × against " + f"{first} | CPU s: build process + PDF workers "
        "(medians) | idle-machine estimate s |",
        "|---:|---:|---|---:|---:|---:|",
    ]
    for count in options.workers:
        median = statistics.median(walls[count])
        runs = ", ".join(f"{value:.1f}" for value in walls[count])
        own = statistics.median(cpu[0] for cpu in cpus[count])
        in_workers = statistics.median(cpu[1] for cpu in cpus[count])
        # With a core free for each worker: the build process's own work, then the workers' shared evenly.
        estimate = own + in_workers / count
        lines.append(f"| {count} | {median:.1f} | {runs} | {statistics.median(walls[first]) / median:.2f} "
                     f"| {own:.1f} + {in_workers:.1f} | {estimate:.1f} |")
    print("\n".join(lines))
    if options.markdown:
        options.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
