"""Pruning: PDFs and stored results that no build has used for a number of days are deleted."""

from __future__ import annotations

import os
import time
from pathlib import Path

KEEP_DAYS_ENV = "TETSUZUKI_CACHE_DAYS"
KEEP_DAYS = 30
"""Cached outputs no build has used for this many days are deleted (``prune``)."""


def keep_days() -> int:
    """``$TETSUZUKI_CACHE_DAYS`` (a whole number of days, at least 1), else ``KEEP_DAYS``."""
    from generator.errors import BuildError

    text = os.environ.get(KEEP_DAYS_ENV, "").strip()
    if not text:
        return KEEP_DAYS
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise BuildError(
            f"環境変数 {KEEP_DAYS_ENV} は、キャッシュを のこす 日数です。1 以上の 整数（半角）に して ください"
            f"（いまは「{text}」）。"
        )
    return int(text)


def prune(folder: Path | None, days: int, now: float | None = None) -> int:
    """Delete the PDFs and stored results in ``folder`` that no build has used for ``days`` days.

    Without it the cache only grows: every edit adds PDFs for every town, and every code change makes all
    keys new. A deleted entry is simply made again when it is needed. Returns how many files were deleted.
    """
    if folder is None:
        return 0
    limit = (time.time() if now is None else now) - days * 86400
    deleted = 0
    for part in ("pdf", "stored"):
        for path in (folder / part).rglob("*"):
            try:
                if path.is_file() and not path.name.startswith(".tmp-") and path.stat().st_mtime < limit:
                    path.unlink()
                    deleted += 1
            except OSError:
                pass  # another build may be using or removing it; it is tried again next time
    return deleted
