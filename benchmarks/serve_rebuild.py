"""Benchmark: the preview server (``tetsuzuki serve``) rebuilding one town after a one-procedure edit — this code
beside an earlier revision.

Not a test: it prints medians on this machine. ``tetsuzuki serve`` is MkDocs' live-reload server: its process
stays up, so a rebuild after an edit pays no interpreter start or imports, and keeps what is in its memory.
This is the figure of the webmaster's edit-and-look loop; ``benchmarks/rebuild.py`` measures ``tetsuzuki build``,
a fresh process each time (the figure of issue #23 item 4).

    .venv/bin/python benchmarks/serve_rebuild.py [--runs 5] [--before main] [--after HEAD]

For each code (exported with ``git archive`` as in ``benchmarks/rebuild.py``, each with its own ``theme/``) one
server runs in a scratch copy of the project with one town; after its first build, each run edits one step
title of k02 and waits for MkDocs' line 「Documentation built in …」. Measured: the server process's CPU time
(user + system, ``/proc/<pid>/stat``) from the edit to that line, and the seconds MkDocs reports for the build.
The two servers take turns.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.rebuild import export  # noqa: E402
from benchmarks.towns import edit_procedure, make_project  # noqa: E402

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14 and 15 of the whole line)


class Server:
    def __init__(self, project: Path, code: Path, port: int):
        environment = {
            **os.environ, "NO_MKDOCS_2_WARNING": "1", "TETSUZUKI_FLYER_PDFS": "0", "PYTHONPATH": str(code),
            "TETSUZUKI_CACHE_DIR": str(project / ".tetsuzuki-cache"),
        }
        environment.pop("TETSUZUKI_SETTINGS", None)
        self.project = project
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_built(timeout=600)  # the first build

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_built(self, timeout: float = 300) -> float:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise SystemExit(f"no build within {timeout} s") from None
            if "ERROR" in line or "Traceback" in line:
                raise SystemExit(f"the server failed: {line}")
            found = BUILT.search(line)
            if found:
                return float(found.group(1))

    def rebuild(self) -> tuple[float, float]:
        """(CPU seconds, MkDocs' build seconds) of one rebuild after an edit."""
        time.sleep(1.0)  # (the watcher's own polling is idle time, not counted)
        before = cpu_seconds(self.process.pid)
        edit_procedure(self.project)
        built = self.wait_built()
        return cpu_seconds(self.process.pid) - before, built

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", default="main")
    parser.add_argument("--after", default="HEAD")
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average at start {os.getloadavg()}", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="tetsuzuki-serve-"))
    servers: dict[str, Server] = {}
    try:
        for port, (label, revision) in enumerate(
            [(f"before ({options.before})", options.before), (f"after ({options.after})", options.after)], start=8731
        ):
            code = export(revision, scratch / f"code-{port}")
            project = make_project(scratch / f"project-{port}", 1)
            shutil.rmtree(project / "theme")
            shutil.copytree(code / "theme", project / "theme")
            servers[label] = Server(project, code, port)
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in servers}
        for label, server in servers.items():
            server.rebuild()  # the first rebuild after the first build (what the first build left in memory)
        for number in range(options.runs):
            for label, server in servers.items():
                times[label].append(server.rebuild())
                cpu, built = times[label][-1]
                print(f"run {number + 1}: {label}: {cpu:.2f} s CPU, MkDocs {built:.2f} s, load {os.getloadavg()[0]:.2f}",
                      flush=True)
        print(f"load average at end {os.getloadavg()}")
        print()
        print(f"| `tetsuzuki serve`, one procedure edited, one town | code | CPU s (median of {options.runs}) | "
              "MkDocs' build s |")
        print("|---|---|---:|---:|")
        for label, values in times.items():
            print(f"| rebuild in the running server | {label} | {statistics.median(v[0] for v in values):.2f} | "
                  f"{statistics.median(v[1] for v in values):.2f} |")
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
