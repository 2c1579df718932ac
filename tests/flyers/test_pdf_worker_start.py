"""PDF workers start before the first sheet and prepare their engine then (issue #23: one town in ≤ 6 s).

A worker's first sheet used to cost ≈ 0.3 s more than the others (the fonts read by Typst, the glyph check's
character maps), inside the time both workers were the build's critical path. ``SheetPool.start_workers``
starts them while the build process still makes the print pages; each makes its engine and runs the pool's
``warm`` on it. An engine with fake sheets, so no PDF is laid out here (fast; the real engine's warm-up is
``feature.warm_pdf_worker``, run by every two-worker build in the other tests).
"""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.flyers.pdf_pool import SheetPool


class _Recorded:
    """A fake engine: leaves a file per event (made, warmed, sheet) named with its process id."""

    def __init__(self, folder: Path, fail: bool = False):
        if fail and not (folder / "fixed").exists():
            raise BuildError("フォントが ありません（テスト）。")
        self.folder = folder
        _mark(folder, "made")

    def prepare(self) -> None:
        _mark(self.folder, "warmed")

    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        _mark(self.folder, "sheet")
        return f"%PDF-{html}".encode(), 1, 100.0


def _mark(folder: Path, event: str) -> None:
    (folder / f"{event}-{os.getpid()}-{time.monotonic_ns()}").touch()


def _warm(engine: _Recorded) -> None:
    engine.prepare()


def _warm_failing(engine: _Recorded) -> None:
    raise OSError("no fonts here")


def _events(folder: Path) -> list[tuple[str, str, int]]:
    """(event, pid, time) of every mark, in time order."""
    marks = [path.name.split("-") for path in folder.iterdir() if path.name.count("-") == 2]
    return sorted(((event, pid, int(at)) for event, pid, at in marks), key=lambda mark: mark[2])


def _wait_for(folder: Path, event: str, count: int) -> None:
    deadline = time.monotonic() + 15
    while sum(mark[0] == event for mark in _events(folder)) < count:
        assert time.monotonic() < deadline, f"{count} × {event} not seen: {_events(folder)}"
        time.sleep(0.02)


def test_workers_started_before_the_first_sheet_make_their_engine_then_and_use_it_for_their_sheets(tmp_path: Path) -> None:
    pool = SheetPool(functools.partial(_Recorded, tmp_path), 2, method="fork", warm=_warm)
    with pool:
        pool.start_workers()
        _wait_for(tmp_path, "warmed", 2)  # no sheet handed over yet
        assert not [mark for mark in _events(tmp_path) if mark[0] == "sheet"]
        kept = pool.render_all([[(f"page{n}", f"p{n}/")] for n in range(6)])
    assert [rendered[0] for _, rendered in kept] == [f"%PDF-page{n}".encode() for n in range(6)]
    events = _events(tmp_path)
    workers = {pid for event, pid, _ in events if event == "made"}
    assert len(workers) == 2
    for pid in workers:  # one engine a worker, made and warmed before its first sheet
        own = [event for event, who, _ in events if who == pid]
        assert own[:2] == ["made", "warmed"] and own.count("made") == 1 and set(own[2:]) <= {"sheet"}
    assert sum(event == "sheet" for event, _, _ in events) == 6


def test_a_warm_up_that_fails_leaves_the_engine_to_the_first_sheet(tmp_path: Path) -> None:
    pool = SheetPool(functools.partial(_Recorded, tmp_path), 2, method="fork", warm=_warm_failing)
    kept = pool.render_all([[(f"page{n}", f"p{n}/")] for n in range(4)])
    assert [rendered[0] for _, rendered in kept] == [f"%PDF-page{n}".encode() for n in range(4)]


def test_an_engine_that_cannot_start_still_says_why_on_the_first_sheet(tmp_path: Path) -> None:
    # Made (and failing) in the warm-up too, where an error would only say "the pool broke": the first sheet
    # makes it again and reports its own message.
    pool = SheetPool(functools.partial(_Recorded, tmp_path, fail=True), 2, method="fork", warm=_warm)
    with pytest.raises(BuildError, match="フォントが ありません"):
        with pool:
            pool.start_workers()
            pool.render_all([[("page", "p/")], [("page2", "p2/")]])
