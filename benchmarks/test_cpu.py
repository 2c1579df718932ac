"""Whether a test run waits or computes: samples the run's process tree (each xdist worker with everything it started:
Chromium, Java, PDF workers, builds) and tells, per worker and work unit, its CPU seconds and how long **no thread of
the worker's tree could run** (every thread asleep: waiting for a timer, the disk, another machine). That blocked time
is a worker's idle on a quiet machine, whatever the load of the machine while measuring: a thread that waits for a
core is counted as able to run. So a run on a busy shared machine still shows whether two workers would keep two
cores busy (blocked near 0) or leave them idle (blocked large), which the run's wall time cannot.

Usage, beside the timeline (tests/conftest.py ``TETSUZUKI_TEST_TIMELINE``):

    TETSUZUKI_TEST_TIMELINE=/tmp/tl CI=true bash .ci/run &
    python benchmarks/test_cpu.py record $! /tmp/tl/tree.jsonl
    python benchmarks/test_cpu.py report /tmp/tl

``record`` samples every half second until the process ROOT ends (Linux /proc only; any python3, so it can start
before the run's ``.venv`` exists); ``report`` needs the project's ``.venv``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _processes() -> dict[int, tuple[int, float, int, str]]:
    """Every process: its parent, its CPU seconds (its own and its waited-for children's), how many of its threads
    are running or able to run, its command line."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="utf-8") as stat:
                text = stat.read()
            with open(f"/proc/{name}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
            runnable = 0
            for task in os.listdir(f"/proc/{name}/task"):
                with open(f"/proc/{name}/task/{task}/stat", encoding="utf-8") as stat:
                    thread = stat.read()
                runnable += thread[thread.rfind(")") + 2] == "R"
        except (OSError, ValueError):
            continue  # (it ended while read)
        fields = text[text.rfind(")") + 2:].split()
        table[int(name)] = (int(fields[1]), sum(int(value) for value in fields[11:15]) / TICKS, runnable, command)
    return table


def record(root: int, out: Path) -> None:
    with out.open("w", encoding="utf-8") as log:
        while os.path.exists(f"/proc/{root}"):
            table = _processes()
            children: dict[int, list[int]] = {}
            for pid, (parent, *_rest) in table.items():
                children.setdefault(parent, []).append(pid)

            def tree(pid: int) -> list[int]:
                found, stack = [], [pid]
                while stack:
                    current = stack.pop()
                    found.append(current)
                    stack += children.get(current, [])
                return [p for p in found if p in table]

            controller = next((p for p in tree(root) if " -m pytest" in table[p][3]), None)
            sample: dict = {"time": time.time(), "cpu": sum(table[p][1] for p in tree(root))}
            if controller is not None:
                sample["workers"] = {
                    str(worker): {"cpu": sum(table[p][1] for p in tree(worker)), "runnable": sum(table[p][2] for p in tree(worker))}
                    for worker in children.get(controller, []) if "python" in table[worker][3]
                }
            log.write(json.dumps(sample) + "\n")
            log.flush()
            time.sleep(0.5)


def report(folder: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.conftest import work_unit  # (record needs only the standard library: any python3 runs it)

    lines = [json.loads(line) for log in sorted(folder.glob("*.jsonl")) if log.name != "tree.jsonl"
             for line in log.read_text(encoding="utf-8").splitlines()]
    events = [json.loads(line) for log in sorted(folder.glob("*.events")) for line in log.read_text(encoding="utf-8").splitlines()]
    pids = {event["worker"]: str(event["pid"]) for event in events if event["worker"] != "main"}
    samples = [json.loads(line) for line in (folder / "tree.jsonl").read_text(encoding="utf-8").splitlines()]
    t0 = min(line["start"] for line in lines)
    for worker in sorted(pids):
        pid = pids[worker]
        mine = sorted((line for line in lines if line["worker"] == worker), key=lambda line: line["start"])
        units: list[list] = []
        for line in mine:
            unit = work_unit(line["test"].removeprefix("tests/"))
            if not units or units[-1][0] != unit:
                units.append([unit, line["start"], line["end"]])
            units[-1][2] = line["end"]
        total_wall = total_blocked = total_cpu = 0.0
        print(f"{worker}:")
        for unit, start, end in units:
            inside = [s for s in samples if start <= s["time"] < end and pid in s.get("workers", {})]
            if len(inside) < 2:
                continue
            step = (inside[-1]["time"] - inside[0]["time"]) / (len(inside) - 1)
            blocked = sum(step for s in inside if s["workers"][pid]["runnable"] == 0)
            cpu = inside[-1]["workers"][pid]["cpu"] - inside[0]["workers"][pid]["cpu"]
            runnable = sum(s["workers"][pid]["runnable"] for s in inside) / len(inside)
            total_wall, total_blocked, total_cpu = total_wall + end - start, total_blocked + blocked, total_cpu + cpu
            if end - start >= 3:
                print(f"  {start - t0:7.1f} – {end - t0:7.1f}  {end - start:6.1f} s  cpu {cpu:6.1f} s  blocked {blocked:5.1f} s  "
                      f"threads able to run {runnable:4.2f}  {unit}")
        print(f"  units sampled: {total_wall:.0f} s, cpu {total_cpu:.0f} s, blocked {total_blocked:.0f} s")
    busy = [s for s in samples if "workers" in s]
    if busy:
        print(f"whole tree: {busy[-1]['cpu'] - busy[0]['cpu']:.0f} cpu-s in {busy[-1]['time'] - busy[0]['time']:.0f} s of pytest")


if __name__ == "__main__":
    if sys.argv[1:2] == ["record"]:
        record(int(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1:2] == ["report"]:
        report(Path(sys.argv[2]))
    else:
        sys.exit(__doc__)
