"""Benchmark: one town built clean with PDFs, PDFs rendered in one process against several (issue #23).

Not a test. In a scratch copy of the project (the example town), each round builds the site once per worker
count, in a fresh process each time (``python -m generator.cli build --pdf-workers N``) with an empty PDF
cache (a first build), the counts interleaved (1, 2, 1, 2, …) so that the load of a shared machine falls on
both alike. Prints the load average before each build, the medians, and whether every build wrote the same
bytes (the worker count must not change a byte).

    .venv/bin/python benchmarks/pdf_workers.py [--runs 3] [--workers 1 2] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import hashlib
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


def build(project: Path, workers: int, run: int) -> tuple[float, float, str, int]:
    """Wall seconds, CPU seconds of the build and its workers, the site's digest, and its number of PDFs."""
    site = project / f"site-{workers}-{run}"
    cache = project / f"cache-{workers}-{run}"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TETSUZUKI_FLYER_PDFS": "1",
                   "TETSUZUKI_CACHE_DIR": str(cache), "TETSUZUKI_QUIET": "1", "SOURCE_DATE_EPOCH": "1790000000"}
    environment.pop("TETSUZUKI_PDF_WORKERS", None)
    before = os.times()
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site), "--pdf-workers", str(workers)],
        cwd=project, env=environment, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    after = os.times()
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    pdfs = sum(1 for _ in site.rglob("*.pdf"))
    value = digest(site)
    shutil.rmtree(site)
    shutil.rmtree(cache, ignore_errors=True)
    return seconds, cpu, value, pdfs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs; load average at start {os.getloadavg()}", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="tetsuzuki-pdf-workers-"))
    walls: dict[int, list[float]] = {count: [] for count in options.workers}
    cpus: dict[int, list[float]] = {count: [] for count in options.workers}
    loads: list[float] = []
    digests: set[str] = set()
    pdf_count = 0
    try:
        project = copy_build_inputs(ROOT, scratch / "project")
        for run in range(options.runs):
            for count in options.workers:
                load = os.getloadavg()[0]
                loads.append(load)
                seconds, cpu, value, pdf_count = build(project, count, run)
                walls[count].append(seconds)
                cpus[count].append(cpu)
                digests.add(value)
                print(f"round {run + 1}, {count} worker(s): {seconds:.1f} s wall, {cpu:.1f} s CPU, "
                      f"load before {load:.2f}", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    first = options.workers[0]
    lines = [
        f"Load average (1 min) before each build: {min(loads):.1f}–{max(loads):.1f}; at the end {os.getloadavg()[0]:.1f}.",
        f"Every build wrote the same bytes: {'yes' if len(digests) == 1 else 'NO'} ({pdf_count} PDFs per build).",
        "",
        "| PDF workers | wall s (median) | runs | × against " + f"{first} | CPU s (median, build + workers) |",
        "|---:|---:|---|---:|---:|",
    ]
    for count in options.workers:
        median = statistics.median(walls[count])
        runs = ", ".join(f"{value:.1f}" for value in walls[count])
        lines.append(f"| {count} | {median:.1f} | {runs} | {statistics.median(walls[first]) / median:.2f} "
                     f"| {statistics.median(cpus[count]):.1f} |")
    print("\n".join(lines))
    if options.markdown:
        options.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
