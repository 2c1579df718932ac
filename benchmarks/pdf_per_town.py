"""Benchmark: CPU seconds of one town's PDF work (Typst and the glyph check), per tree, side by side (issue #23).

Not a test. Two steps:

    .venv/bin/python benchmarks/pdf_per_town.py record PAGES.pickle [--towns 3]
    .venv/bin/python benchmarks/pdf_per_town.py replay PAGES.pickle BEFORE_TREE AFTER_TREE [--runs 3]
    .venv/bin/python benchmarks/pdf_per_town.py calls PAGES.pickle TREE [TREE …]

``record`` builds ``--towns`` synthetic towns (``towns.py``'s ``make_project``: 階上町 under other names, phones
and addresses) with ``build --all -j 1``, one PDF worker and the cache off, and keeps every print page and its
shorter versions as handed to the PDF engine (``pdf_pool.render_fitting``), in order. ``replay`` sends them,
town by town, through each tree's engine, fit check and glyph check in a fresh process per tree and run (the
trees alternated), and prints the CPU seconds of each town: the PDF part of a town without the rest of the
build, steadier than a whole build on a shared machine. ``calls`` replays them once per tree with a stopwatch on
each kind of Typst call (compilers made, layout queries, PDF exports after a query, translations) and counts
which version of each page was kept. A tree is a checkout or a ``git archive`` copy.
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RECORD = """
import os, pickle, sys
import generator.flyers.pdf_pool as pool
original = pool.render_fitting
def recorded(engine, versions, fits=None):
    with open(os.environ["PAGES_OUT"] + f".{os.getpid()}", "ab") as out:  # the towns are built in forked workers
        pickle.dump([tuple(version) for version in versions], out)
    return original(engine, versions, fits)
pool.render_fitting = recorded
from generator.cli import main
sys.argv = ["tetsuzuki", "build", "--all", "sites", "-j", "1"]
main()
"""

_REPLAY = """
import pickle, sys, time
from generator.flyers import pdf_check, pdf_pool, typst_engine
from generator.flyers.feature import fits_one_sheet
towns = pickle.load(open(sys.argv[1], "rb"))
check = getattr(pdf_check, "sheet_font_use", None)  # (trees before it read every PDF back)
engine = typst_engine.TypstRenderer()
for pages in towns:
    started = time.process_time()
    for versions in pages:
        kept, rendered = pdf_pool.render_fitting(engine, versions, fits_one_sheet)
        check(rendered[0], versions[kept][0]) if check else pdf_check.font_use(rendered[0])
    print(time.process_time() - started)
"""

_CALLS = """
import collections, pickle, sys, time
from generator.flyers import pdf_pool, typst_engine, typst_markup
from generator.flyers.feature import fits_one_sheet
towns = pickle.load(open(sys.argv[1], "rb"))
engine = typst_engine.TypstRenderer()
made = engine._typst.Compiler
seconds, calls = collections.Counter(), collections.Counter()
def timed(kind, call):
    def wrapped(*args, **kwargs):
        started = time.process_time()
        try:
            return call(*args, **kwargs)
        finally:
            seconds[kind] += time.process_time() - started
            calls[kind] += 1
    return wrapped
class Compiler:  # typst.Compiler with a stopwatch on making it and on its query and compile
    def __init__(self, **kwargs):
        self.compiler = timed("compiler made", made)(**kwargs)
        self.query = timed("layout query", self.compiler.query)
        self.compile = timed("PDF export after the query", self.compiler.compile)
engine._typst = type("Typst", (), {"Compiler": Compiler})
typst_markup.document = timed("translation", typst_markup.document)
for pages in towns:
    seconds.clear(); calls.clear()
    started = time.process_time()
    kept = collections.Counter(pdf_pool.render_fitting(engine, versions, fits_one_sheet)[0] for versions in pages)
    print(f"town: {time.process_time() - started:.2f} CPU-s; " + "; ".join(
        f"{kind} {seconds[kind]:.2f} ({calls[kind]})" for kind in sorted(seconds)) + f"; version kept {dict(kept)}")
"""


def calls(pages: Path, trees: list[Path]) -> None:
    print(f"load average at start: {os.getloadavg()}")
    for tree in trees:
        environment = {**os.environ, "PYTHONPATH": str(tree.resolve())}
        done = subprocess.run([sys.executable, "-c", _CALLS, str(pages)], cwd=tree, env=environment,
                              capture_output=True, text=True, check=True)
        print(f"{tree}:\n{done.stdout}", end="", flush=True)
    print(f"load average at end: {os.getloadavg()}")


def record(target: Path, towns: int) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.towns import make_project

    scratch = Path(tempfile.mkdtemp(prefix="pdf-per-town-"))
    try:
        project = make_project(scratch / "project", towns)
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TETSUZUKI_FLYER_PDFS": "1", "TETSUZUKI_CACHE": "0",
                       "TETSUZUKI_PDF_WORKERS": "1", "TETSUZUKI_QUIET": "1", "SOURCE_DATE_EPOCH": "1765065600",
                       "PAGES_OUT": str(scratch / "pages"), "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-c", _RECORD], cwd=project, env=environment, check=True)
        pages: list[list] = []
        for part in sorted(scratch.glob("pages.*")):
            with part.open("rb") as stream:
                while True:
                    try:
                        pages.append(pickle.load(stream))
                    except EOFError:
                        break
        per_town = len(pages) // towns
        target.write_bytes(pickle.dumps([pages[i * per_town:(i + 1) * per_town] for i in range(towns)]))
        print(f"{len(pages)} print pages, {per_town} a town, in {target}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def replay(pages: Path, trees: list[Path], runs: int) -> None:
    figures: dict[Path, list[float]] = {tree: [] for tree in trees}
    print(f"load average at start: {os.getloadavg()}")
    for run in range(runs):
        for tree in trees:
            environment = {**os.environ, "PYTHONPATH": str(tree.resolve())}
            done = subprocess.run([sys.executable, "-c", _REPLAY, str(pages)], cwd=tree, env=environment,
                                  capture_output=True, text=True, check=True)
            seconds = [float(line) for line in done.stdout.split()]
            figures[tree] += seconds
            print(f"run {run + 1} {tree}: " + ", ".join(f"{s:.2f}" for s in seconds) + " CPU-s a town", flush=True)
    for tree, seconds in figures.items():
        print(f"{tree}: median {statistics.median(seconds):.2f} CPU-s a town ({len(seconds)} towns)")
    print(f"load average at end: {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    recording = commands.add_parser("record")
    recording.add_argument("pages", type=Path)
    recording.add_argument("--towns", type=int, default=3)
    replaying = commands.add_parser("replay")
    replaying.add_argument("pages", type=Path)
    replaying.add_argument("trees", type=Path, nargs="+")
    replaying.add_argument("--runs", type=int, default=3)
    timing = commands.add_parser("calls")
    timing.add_argument("pages", type=Path)
    timing.add_argument("trees", type=Path, nargs="+")
    options = parser.parse_args()
    if options.command == "record":
        record(options.pages, options.towns)
    elif options.command == "calls":
        calls(options.pages, options.trees)
    else:
        replay(options.pages, options.trees, options.runs)


if __name__ == "__main__":
    main()
