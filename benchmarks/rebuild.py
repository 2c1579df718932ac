"""Benchmark: one town rebuilt after a one-procedure edit, without PDFs — this code beside an earlier revision.

Not a test: it prints medians on this machine, wall time and CPU time (user + system of the build process and
its children), with the load average (the machine may be shared: on a busy machine the wall time grows, the
CPU time much less). The builds use compiled bytecode (``__pycache__``) as an installed copy does, unless
``--no-bytecode`` (the figures before 2026-12-07b were measured that way: this machine sets
``PYTHONDONTWRITEBYTECODE=1``).

    .venv/bin/python benchmarks/rebuild.py [--runs 5] [--before REVISION] [--after REVISION] [--no-bytecode]

Each build is the real command in a fresh process, in a scratch copy of the project with one town (階上町
under another name, as ``benchmarks/towns.py`` makes it): ``tetsuzuki build`` (one site) and
``tetsuzuki build --all sites -j 1`` (the figure of ``benchmarks/results/towns-2026-11-30.md``). Before the
runs each copy is built once with its cache; then each run edits one step title of k02 (its ``reviewed`` date
kept) and rebuilds. ``--before`` (default ``main``) and ``--after`` (default ``HEAD``) are exported with
``git archive`` and run from those copies of ``generator/`` (they shadow the installed package through
``PYTHONPATH``; so editing the working tree during a run changes nothing); the two codes take turns in each
run, so both see the same load. Where the time of one rebuild goes: ``benchmarks/rebuild_phases.py``.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.towns import edit_procedure, make_project  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "build": ["build", "-d", "sites/town0000", "-s", "municipalities/town0000.yml", "-q"],
    "build --all": ["build", "--all", "sites", "-j", "1", "-q"],
}


BYTECODE = True
"""Whether the builds may write and use ``__pycache__`` (``--no-bytecode``: every process compiles the code from
source, as an environment with ``PYTHONDONTWRITEBYTECODE=1`` does — this machine's sessions have it set)."""


def _python_environment() -> dict[str, str]:
    environment = dict(os.environ)
    if BYTECODE:
        # As a webmaster's installed copy runs: compiled once, then read from __pycache__ (the first build of each
        # project below writes it for the exported code).
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
    return environment


def run(project: Path, code: Path | None, arguments: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one build command in a fresh process (``code``: a ``generator/`` to use)."""
    environment = {
        **_python_environment(), "NO_MKDOCS_2_WARNING": "1", "TETSUZUKI_FLYER_PDFS": "0", "TETSUZUKI_QUIET": "1",
        "TETSUZUKI_CACHE_DIR": str(project / ".tetsuzuki-cache"), "TETSUZUKI_CACHE": "1",
    }
    environment.pop("TETSUZUKI_SETTINGS", None)
    if code is not None:
        environment["PYTHONPATH"] = str(code)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", *arguments], cwd=project, env=environment, capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def export(revision: str, target: Path) -> Path:
    """``generator/`` and ``theme/`` as they were at ``revision`` (a folder to put on PYTHONPATH; each code builds
    with its own theme, which the projects copy)."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision, "generator", "theme"], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def startup(code: Path | None) -> tuple[float, float]:
    """The floor: a fresh interpreter importing the build command's modules, building nothing."""
    environment = {**_python_environment(), **({"PYTHONPATH": str(code)} if code else {})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # (cwd: for ``python -c`` the current folder comes before PYTHONPATH, so run where ``generator/`` is that code's)
    subprocess.run(
        [sys.executable, "-c", "import generator.cli, generator.build"], env=environment, check=True, cwd=code or ROOT
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", default="main", help="the revision to compare with (git; default main)")
    parser.add_argument("--after", default="HEAD", help="the revision measured (git; default HEAD)")
    parser.add_argument("--no-bytecode", action="store_true", help="compile the code from source in every process")
    options = parser.parse_args()
    global BYTECODE
    BYTECODE = not options.no_bytecode
    print(f"machine: {os.cpu_count()} CPUs, load average at start {os.getloadavg()}, "
          f"bytecode {'kept' if BYTECODE else 'off (PYTHONDONTWRITEBYTECODE=1)'}", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="tetsuzuki-rebuild-"))
    try:
        codes: dict[str, Path | None] = {
            f"before ({options.before})": export(options.before, scratch / "before"),
            f"after ({options.after})": export(options.after, scratch / "after"),
        }
        projects = {}
        for label, code in codes.items():
            for command, arguments in COMMANDS.items():
                project = make_project(scratch / f"{label.split()[0]}-{command.replace(' ', '')}", 1)
                if code is not None:  # the project's theme as that code has it
                    shutil.rmtree(project / "theme")
                    shutil.copytree(code / "theme", project / "theme")
                run(project, code, arguments)  # the build the edit is made after (fills the cache)
                projects[label, command] = project
        times: dict[tuple[str, str], list[tuple[float, float]]] = {key: [] for key in projects}
        floors: dict[str, list[tuple[float, float]]] = {label: [] for label in codes}
        for number in range(options.runs):
            for (label, command), project in projects.items():
                edit_procedure(project)
                times[label, command].append(run(project, codes[label], COMMANDS[command]))
                wall, cpu = times[label, command][-1]
                print(f"run {number + 1}: {label}, {command}: {wall:.2f} s wall, {cpu:.2f} s CPU, "
                      f"load {os.getloadavg()[0]:.2f}", flush=True)
            for label, code in codes.items():
                floors[label].append(startup(code))
        print(f"load average at end {os.getloadavg()}")
        print()
        print(f"| one town, after one procedure edit, no PDFs | code | wall s (median of {options.runs}) | CPU s |")
        print("|---|---|---:|---:|")
        for (label, command), values in times.items():
            print(f"| `tetsuzuki {command}` | {label} | {statistics.median(v[0] for v in values):.2f} | "
                  f"{statistics.median(v[1] for v in values):.2f} |")
        for label, values in floors.items():
            print(f"| interpreter + imports only | {label} | {statistics.median(v[0] for v in values):.2f} | "
                  f"{statistics.median(v[1] for v in values):.2f} |")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
