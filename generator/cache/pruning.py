"""Pruning: PDFs and stored results that no build has used for a number of days are deleted."""

from __future__ import annotations

import time
from pathlib import Path


def prune(folder: Path | None, days: int, now: float | None = None) -> int:
    """Delete the PDFs, stored results, page memos and compiled templates in ``folder`` that no build has used for ``days`` days.

    Without it the cache only grows: every edit adds PDFs for every town, and every code change makes all
    keys new. A deleted entry is simply made again when it is needed. Returns how many files were deleted.
    """
    if folder is None:
        return 0
    limit = (time.time() if now is None else now) - days * 86400
    deleted = 0
    for part in ("pdf", "stored", "pages", "templates"):
        for path in (folder / part).rglob("*"):
            try:
                if path.is_file() and not path.name.startswith(".tmp-") and path.stat().st_mtime < limit:
                    path.unlink()
                    deleted += 1
            except OSError:
                pass  # another build may be using or removing it; it is tried again next time
    return deleted
