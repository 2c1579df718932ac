"""What each test worker ran when: reads the folder a test run wrote with ``TETSUZUKI_TEST_TIMELINE`` (tests/conftest.py)
and prints, per worker, its work units in order (start, end, seconds, the process's CPU seconds) and how long it sat
idle after its last test while the other worker still ran.

Usage: TETSUZUKI_TEST_TIMELINE=/tmp/tl CI=true bash .ci/run; python benchmarks/test_timeline.py /tmp/tl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import work_unit  # noqa: E402


def main(folder: Path) -> None:
    lines = [json.loads(line) for log in sorted(folder.glob("*.jsonl")) for line in log.read_text(encoding="utf-8").splitlines()]
    t0 = min(line["start"] for line in lines)
    last = max(line["end"] for line in lines)
    for worker in sorted({line["worker"] for line in lines}):
        mine = sorted((line for line in lines if line["worker"] == worker), key=lambda line: line["start"])
        print(f"{worker}: {len(mine)} tests, first at {mine[0]['start'] - t0:.1f} s, last ends at {mine[-1]['end'] - t0:.1f} s, "
              f"idle at the end {last - mine[-1]['end']:.1f} s")
        units: list[list] = []
        for line in mine:
            unit = work_unit(line["test"].removeprefix("tests/"))
            if not units or units[-1][0] != unit:
                units.append([unit, line["start"], line["end"], 0.0])
            units[-1][2] = line["end"]
            units[-1][3] += line["cpu"]
        for unit, start, end, cpu in units:
            print(f"  {start - t0:7.1f} – {end - t0:7.1f}  {end - start:6.1f} s  (cpu {cpu:5.1f} s)  {unit}")
    # The end of each process (the controller is "main"): its session's end, its last hook, its exit handlers, its
    # exit; seconds after the last test's end.
    events = [json.loads(line) for log in sorted(folder.glob("*.events")) for line in log.read_text(encoding="utf-8").splitlines()]
    if events:
        print(f"after the last test (ends at {last - t0:.1f} s):")
        for event in sorted(events, key=lambda event: event["time"]):
            print(f"  +{event['time'] - last:6.1f} s  {event['worker']:5} {event['event']}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
