"""Progress lines for long work (the build's stages, PDFs n/N, towns n/N): short Japanese lines on stderr, so
a first build of a few minutes never looks stuck. Quiet in CI (``CI=true``) and with ``--quiet``, which sets
``TETSUZUKI_QUIET=1`` so worker processes and the MkDocs plugin are quiet too."""

from __future__ import annotations

import os
import sys
import time

QUIET_ENV = "TETSUZUKI_QUIET"


def quiet() -> bool:
    return os.environ.get(QUIET_ENV, "0").strip() not in ("", "0") or os.environ.get("CI", "").strip().lower() == "true"


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
