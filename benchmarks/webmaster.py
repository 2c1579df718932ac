"""Benchmark: how long a webmaster waits, and how the cost grows with the number of municipalities.

Not a test: it prints medians of several runs on this machine.

    .venv/bin/python benchmarks/webmaster.py [--runs 5] [--synthetic 100] [--jobs N]

What it measures (every build is the real command, ``python -m generator.cli``, in a fresh process)
- ``build``: one municipality (the example in mkdocs.yml), wall time;
- ``build --all``: the example municipalities in ``municipalities/``, and ``--synthetic`` generated ones
  (copies of an example with other names, phones and URLs, in a temporary folder), wall time, time per
  municipality, and the peak resident memory of the largest process (the command or one of its workers,
  from ``os.wait4``'s rusage, which includes waited-for descendants; with ``--jobs`` workers the machine's
  peak is at most about ``jobs`` times that);
- ``serve``: seconds from saving an edited procedure YAML until the preview serves the new text.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from generator.project import copy_build_inputs

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_mb: float


def copy_project(target: Path) -> Path:
    return copy_build_inputs(ROOT, target)


def run_command(cwd: Path, *args: str) -> Run:
    """Run ``tetsuzuki ARGS`` in a new process; wall time and its (and its children's) peak RSS."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("TETSUZUKI_SETTINGS", None)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"tetsuzuki {' '.join(args)} failed:\n{process.stderr.read().decode()}")
    return Run(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def synthesize(project: Path, count: int) -> None:
    """Replace municipalities/ by ``count`` generated settings files (distinct names, phones, URLs)."""
    template = (ROOT / "municipalities" / "shinto.yml").read_text(encoding="utf-8")
    folder = project / "municipalities"
    shutil.rmtree(folder)
    folder.mkdir()
    for number in range(count):
        text = template.replace("榛東村", f"合成{number:03d}村").replace("shinto.example", f"synth{number:03d}.example")
        text = text.replace("0279-54-2211", f"099-{number // 1000:03d}-{number % 1000:04d}")
        (folder / f"synth{number:03d}.yml").write_text(text, encoding="utf-8")
    # mkdocs.yml names a default settings file; point it at one that exists.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("municipalities/hashikami.yml", "municipalities/synth000.yml"), encoding="utf-8")


def measure_all(project: Path, runs: int, jobs: int | None) -> tuple[list[Run], int]:
    count = len(list((project / "municipalities").glob("*.yml")))
    extra = ["--jobs", str(jobs)] if jobs else []
    results = []
    for index in range(runs):
        results.append(run_command(project, "build", "--all", f"out{index}", *extra))
        shutil.rmtree(project / f"out{index}")
    return results, count


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float = 120) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"{url} never showed {text!r}")


def measure_serve(project: Path, runs: int) -> list[float]:
    """Save an edited YAML ``runs`` times; seconds until the preview serves the new title each time."""
    port = _free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("TETSUZUKI_SETTINGS", None)
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    k01 = next((project / "procedures").glob("k01-*.yml"))
    original = k01.read_text(encoding="utf-8")
    page = f"http://127.0.0.1:{port}/kosodate/jidou-teate-nintei-seikyu/"
    try:
        _wait_for(page, "<html")
        times = []
        for index in range(runs):
            marker = f"編集{index}回目"
            time.sleep(1.0)  # let the watcher settle, as between a person's edits
            k01.write_text(re.sub(r"^title: ", f"title: {marker} ", original, count=1, flags=re.M), encoding="utf-8")
            times.append(_wait_for(page, marker))
        return times
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--synthetic", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=None, help="workers for --all (default: CPU count)")
    options = parser.parse_args()
    print(f"CPU: {os.cpu_count()}  runs: {options.runs}  Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="tetsuzuki-bench-") as scratch:
        project = copy_project(Path(scratch) / "examples")
        single = [run_command(project, "build", "-d", f"site{i}") for i in range(options.runs)]
        print(f"build (1 municipality): median {statistics.median(r.seconds for r in single):.2f} s, "
              f"peak RSS {max(r.max_rss_mb for r in single):.0f} MB")

        for label, folder, count in (("examples", project, None), ("synthetic", Path(scratch) / "synthetic", options.synthetic)):
            if count is not None:
                copy_project(folder)
                synthesize(folder, count)
            runs = options.runs if count is None or count <= 20 else max(1, min(options.runs, 3))
            results, n = measure_all(folder, runs, options.jobs)
            median = statistics.median(r.seconds for r in results)
            print(f"build --all ({n} {label}, {runs} runs): median {median:.2f} s, {median / n:.3f} s per municipality, "
                  f"largest process peak RSS {max(r.max_rss_mb for r in results):.0f} MB")

        serve = measure_serve(project, options.runs)
        print(f"serve: rebuild after editing one YAML: median {statistics.median(serve):.2f} s "
              f"(runs: {', '.join(f'{s:.2f}' for s in serve)})")


if __name__ == "__main__":
    main()
