"""Progress lines for long work (the build's stages, PDFs n/N, towns n/N): short Japanese lines on stderr, so
a first build of a few minutes never looks stuck. Quiet in CI (``CI=true``) and with ``--quiet``
(``TETSUZUKI_QUIET=1``).

Whether lines are shown is set once per build by its edge (``configure``: the command, or the MkDocs plugin
from ``BuildOptions.progress``), like a logging level; worker processes get it with their build's options.
"""

from __future__ import annotations

import sys
import time

_shown = [True]
"""Whether progress lines are printed in this process (``configure``)."""


def configure(*, show: bool) -> None:
    """Print progress lines from now on in this process, or not."""
    _shown[0] = show


def quiet() -> bool:
    return not _shown[0]


def say(message: str) -> None:
    if not quiet():
        print(message, file=sys.stderr, flush=True)


class Steps:
    """``label n/N`` for a loop, at most every ``seconds`` (and always for the last step)."""

    def __init__(self, label: str, total: int, seconds: float = 3.0):
        self.label, self.total, self.seconds = label, total, seconds
        self.last = time.monotonic()

    def done(self, count: int) -> None:
        now = time.monotonic()
        if count == self.total or now - self.last >= self.seconds:
            self.last = now
            say(f"  {self.label} {count}/{self.total}")
