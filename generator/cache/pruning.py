"""Pruning: PDFs and stored results that no build has used for a number of days are deleted."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from generator.cache.spare import SPARE


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
