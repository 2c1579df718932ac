"""Benchmark: builds for many towns — clean, unchanged, and after one edit — with and without PDFs.

Not a test: it prints medians on this machine (note the load average it prints: the machine may be shared).

    .venv/bin/python benchmarks/towns.py [--runs 3] [--sample 8] [--forty 40] [--towns 1741] [--jobs 2]

Every build is the real command (``python -m generator.cli build --all sites``) in a fresh process, in a
scratch copy of the project whose ``municipalities/`` holds synthetic towns (階上町 with another name,
phone and address each, so no two towns share a PDF). Scenarios:

- one town: clean (empty cache), unchanged (nothing to do), after one procedure edit (cache warm);
- ``--forty`` towns: clean, and after one procedure edit, for real without PDFs; with PDFs for ``--sample``
  towns, extrapolated (per-town median × towns ÷ jobs) — the printout says which numbers are extrapolated;
- ``--towns`` (1,741, every municipality of Japan): unchanged-except-one-town for real (every other town is
  skipped by its input fingerprint); full clean and after one procedure edit extrapolated from the sample.
"""

from __future__ import annotations

import argparse
import os
import re
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


def build_all(project: Path, pdfs: bool, jobs: int) -> float:
    environment = {
        **os.environ, "NO_MKDOCS_2_WARNING": "1", "TETSUZUKI_FLYER_PDFS": "1" if pdfs else "0",
        "TETSUZUKI_CACHE_DIR": str(project / ".tetsuzuki-cache"),
    }
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--all", "sites", "-j", str(jobs)],
        cwd=project, env=environment, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")
    return seconds


def edit_procedure(project: Path, round_: int) -> None:
    """Change one step title of k02 (its reviewed date stays, so the flyers' 作成日 does not move)."""
    path = project / EDITED
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^(  - title: .*?)(（編集\d+）)?$", rf"\1（編集{round_}）", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def reset(project: Path) -> None:
    shutil.rmtree(project / "sites", ignore_errors=True)
    shutil.rmtree(project / ".tetsuzuki-cache", ignore_errors=True)


def mark_built_except(project: Path, skip: str, pdfs: bool) -> None:
    """Leave every town but ``skip`` as a finished earlier build would: a folder and its input fingerprint."""
    from generator import cache
    from generator.build import _shared_fingerprint

    saved = {name: os.environ.get(name) for name in cache.OUTPUT_ENV}
    os.environ["TETSUZUKI_FLYER_PDFS"] = "1" if pdfs else "0"
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        shared = _shared_fingerprint(project / "mkdocs.yml")
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
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
    parser.add_argument("--sample", type=int, default=8, help="towns built with PDFs to extrapolate from")
    parser.add_argument("--forty", type=int, default=40)
    parser.add_argument("--towns", type=int, default=1741)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average at start {os.getloadavg()}")
    rows: list[tuple[str, str, float, str]] = []
    scratch = Path(tempfile.mkdtemp(prefix="tetsuzuki-towns-"))
    try:
        one = make_project(scratch / "one", 1)
        for pdfs in (False, True):
            label = "PDF あり" if pdfs else "PDF なし"
            clean, unchanged, edited = [], [], []
            for run in range(options.runs):
                reset(one)
                clean.append(build_all(one, pdfs, 1))
                unchanged.append(build_all(one, pdfs, 1))
                edit_procedure(one, run)
                edited.append(build_all(one, pdfs, 1))
            rows += [
                ("1 town, clean", label, median(clean), "measured"),
                ("1 town, unchanged", label, median(unchanged), "measured"),
                ("1 town, after one procedure edit", label, median(edited), "measured"),
            ]
        print(f"load average after 1-town runs {os.getloadavg()}")

        forty = make_project(scratch / "forty", options.forty)
        full = build_all(forty, False, options.jobs)
        edit_procedure(forty, 1)
        after = build_all(forty, False, options.jobs)
        rows += [
            (f"{options.forty} towns, clean", "PDF なし", full, "measured"),
            (f"{options.forty} towns, after one procedure edit", "PDF なし", after, "measured"),
        ]
        per_town_nopdf, per_town_nopdf_edit = full / options.forty * options.jobs, after / options.forty * options.jobs

        sample = make_project(scratch / "sample", options.sample)
        full_pdf = build_all(sample, True, options.jobs)
        edit_procedure(sample, 1)
        after_pdf = build_all(sample, True, options.jobs)
        per_town_pdf, per_town_pdf_edit = full_pdf / options.sample * options.jobs, after_pdf / options.sample * options.jobs
        rows += [
            (f"{options.sample} towns, clean", "PDF あり", full_pdf, "measured"),
            (f"{options.sample} towns, after one procedure edit", "PDF あり", after_pdf, "measured"),
            (f"{options.forty} towns, clean", "PDF あり", per_town_pdf * options.forty / options.jobs, f"extrapolated from {options.sample}"),
            (f"{options.forty} towns, after one procedure edit", "PDF あり", per_town_pdf_edit * options.forty / options.jobs, f"extrapolated from {options.sample}"),
        ]
        print(f"load average after samples {os.getloadavg()}")

        many = make_project(scratch / "many", options.towns)
        # A full clean build of every town does not fit this machine's time: every town but one is marked
        # as built (its folder and its input fingerprint, written with the build's own functions, as a
        # previous build would leave them), then one town's settings change. The command then rebuilds that
        # town and checks every other town's fingerprint — measured for real.
        mark_built_except(many, "town0007", pdfs=False)
        one_town_changed = build_all(many, False, options.jobs)
        unchanged_all = build_all(many, False, options.jobs)
        rows += [
            (f"{options.towns} towns, one town changed (others unchanged)", "PDF なし", one_town_changed, "measured"),
            (f"{options.towns} towns, nothing changed", "PDF なし", unchanged_all, "measured"),
            (f"{options.towns} towns, clean", "PDF なし", per_town_nopdf * options.towns / options.jobs, f"extrapolated from {options.forty}"),
            (f"{options.towns} towns, clean", "PDF あり", per_town_pdf * options.towns / options.jobs, f"extrapolated from {options.sample}"),
            (f"{options.towns} towns, after one procedure edit", "PDF なし", per_town_nopdf_edit * options.towns / options.jobs, f"extrapolated from {options.forty}"),
            (f"{options.towns} towns, after one procedure edit", "PDF あり", per_town_pdf_edit * options.towns / options.jobs, f"extrapolated from {options.sample}"),
        ]
        print(f"load average at end {os.getloadavg()}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print()
    print("| scenario | PDFs | seconds | how |")
    print("|---|---|---:|---|")
    for name, label, seconds, how in rows:
        print(f"| {name} | {label} | {seconds:.1f} | {how} |")


if __name__ == "__main__":
    main()
