"""Benchmark: the stylesheet step alone (issue #23: the build's serial tail) on a site already built.

Not a test. Copies the built site, takes its ``assets/stylesheets/material.css`` away and writes it again with this
tree's ``generator/site/stylesheets.py`` as a clean build with the cache off does at its end
(``write_used_material_css``: no memo, no cache folder, the pages given as the bytes MkDocs wrote), then prints
the CPU seconds, the wall time, the load, and whether the sheet written is byte for byte the site's.

    cd TREE && PYTHONPATH=TREE .venv/bin/python benchmarks/stylesheet_step.py SITE [--runs 5]

Each run is a fresh process (the step keeps what it found in memory). The garbage collector is set as the
``tetsuzuki`` command sets it (``generator/cli.py``).
"""

from __future__ import annotations

import gc

gc.set_threshold(50_000, 20, 20)

import argparse  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402


def once(site: Path) -> None:
    import material

    from generator.site.stylesheets import MATERIAL_CSS, MATERIAL_SOURCE, write_used_material_css

    work = Path(tempfile.mkdtemp(prefix="stylesheet-step-")) / "site"
    shutil.copytree(site, work)
    expected = (work / MATERIAL_CSS).read_bytes()
    (work / MATERIAL_CSS).unlink()
    written = {}
    for folder, _, names in os.walk(work):
        for name in names:
            if name.endswith((".html", ".css", ".js")):
                path = Path(folder) / name
                written[path.relative_to(work).as_posix()] = path.read_bytes()
    themes = Path(material.__file__).parent / "templates"
    source = next(path for path in themes.rglob("*.css") if MATERIAL_SOURCE.fullmatch(path.relative_to(themes).as_posix()))
    css = source.read_text(encoding="utf-8")
    load = os.getloadavg()[0]
    cpu, wall = time.process_time(), time.perf_counter()
    write_used_material_css(work, css, None, None, written, {})
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    same = (work / MATERIAL_CSS).read_bytes() == expected
    print(f"{cpu:.3f} {wall:.3f} {load:.2f} {same}")
    shutil.rmtree(work.parent)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.once:
        once(options.site)
        return
    rows = []
    for run in range(options.runs):
        done = subprocess.run([sys.executable, __file__, str(options.site.resolve()), "--once"],
                              capture_output=True, text=True, check=True)
        cpu, wall, load, same = done.stdout.split()
        rows.append((float(cpu), float(wall)))
        print(f"run {run + 1}: CPU {cpu} s, wall {wall} s, load {load}, the same sheet: {same}")
    print(f"median: CPU {statistics.median(r[0] for r in rows):.3f} s, wall {statistics.median(r[1] for r in rows):.3f} s")


if __name__ == "__main__":
    main()
