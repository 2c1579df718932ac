"""Pruning: PDFs and stored results that no build has used for a number of days are deleted."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from generator.cache.entries import keep
from generator.cache.spare import SPARE

PRUNED_WITHIN = 3600
"""Seconds: a cache folder pruned this recently, with the same number of days, is not walked again (``prune_now_and_then``)."""
_STAMP = "pruned"
"""The file in the cache folder whose modification time says when it was last pruned, and whose text with how many days."""


def prune_now_and_then(folder: Path | None, days: int, now: float | None = None) -> int:
    """``prune``, unless ``folder`` was pruned for the same ``days`` less than ``PRUNED_WITHIN`` seconds ago (before
    or after ``now``: a clock set back does not stop pruning for longer). Returns how many files were deleted.

    Why: a town's cache holds a few thousand entries, and looking at each after every build was ~0.012 s of CPU of
    a rebuild after one edit (~1.3 %). An entry is kept for at least a day (``TETSUZUKI_CACHE_DAYS`` ≥ 1), so an
    entry deleted up to an hour later than it could have been changes nothing but the disk space for that hour;
    a change of ``days`` prunes at once."""
    if folder is None:
        return 0
    now = time.time() if now is None else now
    stamp = Path(folder) / _STAMP
    try:
        if stamp.read_text(encoding="ascii") == str(days) and abs(now - stamp.stat().st_mtime) < PRUNED_WITHIN:
            return 0
    except (OSError, ValueError):
        pass  # (never pruned, or the stamp is unreadable: prune)
    deleted = prune(folder, days, now)
    keep(stamp, str(days).encode("ascii"))
    return deleted


def prune(folder: Path | None, days: int, now: float | None = None) -> int:
    """Delete the PDFs, stored results, page memos and compiled templates in ``folder`` that no build has used for ``days`` days.

    Without it the cache only grows: every edit adds PDFs for every town, and every code change makes all
    keys new. A deleted entry is simply made again when it is needed. Returns how many files were deleted.
    """
    if folder is None:
        return 0
    limit = (time.time() if now is None else now) - days * 86400
    deleted = 0
    # (os.scandir, not Path.rglob: a town's cache holds a few thousand entries, and every build prunes)
    folders = [os.path.join(folder, part) for part in ("pdf", "stored", "pages", "templates", "fingerprint")]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            folders.append(entry.path)
                        elif (entry.is_file() and not entry.name.startswith(".tmp-")
                              and entry.stat().st_mtime < limit):
                            os.unlink(entry.path)
                            deleted += 1
                    except OSError:
                        pass  # another build may be using or removing it; it is tried again next time
        except OSError:
            pass  # (a part the cache does not have)
    # The empty folders of a site before last (generator/output_swap.py): a folder whose site no build made for as long.
    try:
        with os.scandir(os.path.join(folder, SPARE)) as entries:
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                        shutil.rmtree(entry.path)
                        deleted += 1
                except OSError:
                    pass
    except OSError:
        pass
    return deleted
