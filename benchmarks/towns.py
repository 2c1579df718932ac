"""Benchmark: builds for many towns — clean, unchanged, and after one edit — with and without PDFs.

Not a test: it prints medians on this machine (note the load average it prints: the machine may be shared).

    .venv/bin/python benchmarks/towns.py [--runs 3] [--forty 40] [--towns 1741] [--jobs 2] [--no-full] [--pdfs-only]

Every build is the real command (``python -m generator.cli build --all sites``) in a fresh process, in a
scratch copy of the project whose ``municipalities/`` holds synthetic towns (階上町 with another name,
phone and address each, so no two towns share a PDF). Scenarios:

- one town, side by side in each run: cache off (every build starts from nothing), and with the cache:
  clean (empty cache), unchanged (nothing to do), after one procedure edit;
- ``--forty`` towns: clean and after one procedure edit, without PDFs (median of ``--runs``) and with PDFs
  (one run each);
- ``--towns`` (1,741, every municipality of Japan) without PDFs, for real: clean, after one procedure edit,
  one town's settings changed, nothing changed (``--no-full`` skips the first two). With PDFs the clean
  build and the rebuild after an edit are extrapolated from the 40-town runs (per-town time × towns ÷ jobs)
  — the printout says which numbers are extrapolated.

``--pdfs-only`` runs the scenarios with PDFs only (one town, ``--runs`` times: 0 leaves it out; ``--forty`` towns
clean and after an edit, and their extrapolation to ``--towns``), for a shared machine where the whole script
does not fit. Each row also gives
the CPU seconds of the builds (user + sys of the build and its workers), a steadier figure than wall time when
other work shares the cores.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.project import copy_build_inputs

ROOT = Path(__file__).resolve().parent.parent
EDITED = "procedures/k02-jidou-teate-gaku-kaitei.yml"


def make_project(target: Path, towns: int) -> Path:
    project = copy_build_inputs(ROOT, target)
    municipalities = project / "municipalities"
    template = (municipalities / "hashikami.yml").read_text(encoding="utf-8")
    for path in municipalities.glob("*.yml"):
        path.unlink()
    for number in range(towns):
        text = template.replace("name: 階上町", f"name: 見本{number:04d}町")
        text = text.replace("0178-88-2111", f"0178-{10 + number // 10000:02d}-{number % 10000:04d}")
        text = text.replace("hashikami.example", f"town{number:04d}.example")
        (municipalities / f"town{number:04d}.yml").write_text(text, encoding="utf-8")
    # mkdocs.yml names the settings file a plain build uses; point it at the first synthetic town.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("municipalities/hashikami.yml", "municipalities/town0000.yml"), encoding="utf-8")
    return project


def build_all(project: Path, pdfs: bool, jobs: int, cache: bool = True) -> float:
    environment = {
        **os.environ, "NO_MKDOCS_2_WARNING": "1", "TETSUZUKI_FLYER_PDFS": "1" if pdfs else "0",
        "TETSUZUKI_CACHE_DIR": str(project / ".tetsuzuki-cache"), "TETSUZUKI_CACHE": "1" if cache else "0",
    }
    started, started_cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--all", "sites", "-j", str(jobs)],
        cwd=project, env=environment, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    CPU_SECONDS.append(_children_cpu() - started_cpu)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")
    return seconds


CPU_SECONDS: list[float] = []
"""CPU seconds of every build so far, in order (``build_all`` appends)."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


_EDITS = itertools.count(1)


def edit_procedure(project: Path) -> None:
    """Change one step title of k02 (its reviewed date stays, so the flyers' 作成日 does not move); each call
    writes a title no earlier call wrote."""
    path = project / EDITED
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"^(  - title: .*?)(（編集\d+）)?$", rf"\1（編集{next(_EDITS)}）", text, count=1, flags=re.M)
    if edited == text:
        raise SystemExit(f"the edit changed nothing in {path}")
    path.write_text(edited, encoding="utf-8")


def reset(project: Path) -> None:
    shutil.rmtree(project / "sites", ignore_errors=True)
    shutil.rmtree(project / ".tetsuzuki-cache", ignore_errors=True)


def mark_built_except(project: Path, skip: str, pdfs: bool) -> None:
    """Leave every town but ``skip`` as a finished earlier build would: a folder and its input fingerprint."""
    from generator import cache
    from generator.build_towns import _shared_fingerprint
    from generator.model.options import BuildOptions

    shared = _shared_fingerprint(project / "mkdocs.yml", BuildOptions(pdfs=pdfs))  # as run_build's environment says
    for settings in sorted((project / "municipalities").glob("*.yml")):
        if settings.stem == skip:
            continue
        target = project / "sites" / settings.stem
        target.mkdir(parents=True, exist_ok=True)
        cache.mark_built(project / ".tetsuzuki-cache", target, cache.town_fingerprint(shared, settings.resolve()))


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--forty", type=int, default=40)
    parser.add_argument("--towns", type=int, default=1741)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-full", action="store_true", help="do not build every town clean and after an edit")
    parser.add_argument("--pdfs-only", action="store_true", help="only the scenarios with PDFs")
    options = parser.parse_args()
    rows: list[tuple[str, str, float, str, str]] = []

    def row(name: str, label: str, seconds: float, how: str, cpu: float | None = None) -> None:
        cpu_text = f"{cpu:.1f}" if cpu is not None else "–"
        rows.append((name, label, seconds, how, cpu_text))
        print(f"{name} | {label} | {seconds:.1f} s | CPU {cpu_text} s | {how} | load {os.getloadavg()[0]:.2f}", flush=True)

    print(f"machine: {os.cpu_count()} CPUs, load average at start {os.getloadavg()}", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="tetsuzuki-towns-"))
    try:
        one = make_project(scratch / "one", 1)
        # (--pdfs-only --runs 0: no one-town rows, the --forty towns only)
        for pdfs in (False, True) if not options.pdfs_only else (True,) if options.runs else ():
            label = "PDF あり" if pdfs else "PDF なし"
            off, clean, unchanged, edited = [], [], [], []
            cpu: dict[str, list[float]] = {"off": [], "clean": [], "unchanged": [], "edited": []}
            for run in range(options.runs):
                reset(one)
                off.append(build_all(one, pdfs, 1, cache=False))
                cpu["off"].append(CPU_SECONDS[-1])
                reset(one)
                clean.append(build_all(one, pdfs, 1))
                cpu["clean"].append(CPU_SECONDS[-1])
                unchanged.append(build_all(one, pdfs, 1))
                cpu["unchanged"].append(CPU_SECONDS[-1])
                edit_procedure(one)
                edited.append(build_all(one, pdfs, 1))
                cpu["edited"].append(CPU_SECONDS[-1])
            how = f"measured (median of {options.runs})"
            row("1 town, cache off (any build)", label, median(off), how, median(cpu["off"]))
            row("1 town, clean", label, median(clean), how, median(cpu["clean"]))
            row("1 town, unchanged", label, median(unchanged), how, median(cpu["unchanged"]))
            row("1 town, after one procedure edit", label, median(edited), how, median(cpu["edited"]))

        forty = make_project(scratch / "forty", options.forty)
        clean, edited = [], []
        for run in range(options.runs if not options.pdfs_only else 0):
            reset(forty)
            clean.append(build_all(forty, False, options.jobs))
            edit_procedure(forty)
            edited.append(build_all(forty, False, options.jobs))
        if clean:
            row(f"{options.forty} towns, clean", "PDF なし", median(clean), f"measured (median of {options.runs})")
            row(f"{options.forty} towns, after one procedure edit", "PDF なし", median(edited), f"measured (median of {options.runs})")
            per_town, per_town_edit = median(clean) / options.forty, median(edited) / options.forty

        reset(forty)
        clean_pdf = build_all(forty, True, options.jobs)
        clean_pdf_cpu = CPU_SECONDS[-1]
        row(f"{options.forty} towns, clean", "PDF あり", clean_pdf, "measured (1 run)", clean_pdf_cpu)
        edit_procedure(forty)
        edited_pdf = build_all(forty, True, options.jobs)
        row(f"{options.forty} towns, after one procedure edit", "PDF あり", edited_pdf, "measured (1 run)", CPU_SECONDS[-1])
        per_town_pdf, per_town_pdf_edit = clean_pdf / options.forty, edited_pdf / options.forty
        shutil.rmtree(forty, ignore_errors=True)

        if options.pdfs_only:
            extrapolated = f"extrapolated from {options.forty} ({options.forty} towns' time × {options.towns} ÷ {options.forty})"
            row(f"{options.towns} towns, clean", "PDF あり", per_town_pdf * options.towns, extrapolated,
                clean_pdf_cpu / options.forty * options.towns)
            row(f"{options.towns} towns, after one procedure edit", "PDF あり", per_town_pdf_edit * options.towns, extrapolated)
            print(f"load average at end {os.getloadavg()}")
            return _table(rows)
        many = make_project(scratch / "many", options.towns)
        changed = f"town{min(7, options.towns - 1):04d}"
        if not options.no_full:
            row(f"{options.towns} towns, clean", "PDF なし", build_all(many, False, options.jobs), "measured (1 run)")
            edit_procedure(many)
            row(f"{options.towns} towns, after one procedure edit", "PDF なし", build_all(many, False, options.jobs), "measured (1 run)")
        else:
            row(f"{options.towns} towns, clean", "PDF なし", per_town * options.towns, f"extrapolated from {options.forty}")
            row(f"{options.towns} towns, after one procedure edit", "PDF なし", per_town_edit * options.towns, f"extrapolated from {options.forty}")
            # Every town but one as a finished earlier build would leave it (its folder and input fingerprint).
            mark_built_except(many, changed, pdfs=False)
        settings = many / "municipalities" / f"{changed}.yml"
        settings.write_text(settings.read_text(encoding="utf-8").replace("町", "村", 1), encoding="utf-8")
        row(f"{options.towns} towns, one town's settings changed", "PDF なし", build_all(many, False, options.jobs), "measured (1 run)")
        row(f"{options.towns} towns, nothing changed", "PDF なし", build_all(many, False, options.jobs), "measured (1 run)")
        row(f"{options.towns} towns, clean", "PDF あり", per_town_pdf * options.towns, f"extrapolated from {options.forty}")
        row(f"{options.towns} towns, after one procedure edit", "PDF あり", per_town_pdf_edit * options.towns, f"extrapolated from {options.forty}")
        print(f"load average at end {os.getloadavg()}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _table(rows)


def _table(rows: list[tuple[str, str, float, str, str]]) -> None:
    print()
    print("| scenario | PDFs | seconds | CPU s | how |")
    print("|---|---|---:|---:|---|")
    for name, label, seconds, how, cpu in rows:
        print(f"| {name} | {label} | {seconds:.1f} | {cpu} | {how} |")


if __name__ == "__main__":
    main()
