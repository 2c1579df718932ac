"""Writing and touching cache entries: atomic, and never a reason for a build to fail."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _write_atomic(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def keep(path: Path, content: bytes) -> bool:
    """Write a cache entry; a read-only or full cache must never fail the build (the entry is made again)."""
    try:
        _write_atomic(path, content)
    except OSError:
        return False
    return True


def used(*paths: Path) -> None:
    """Mark cache entries as used now (their modification time), so ``prune`` keeps them."""
    for path in paths:
        try:
            os.utime(path)
        except OSError:
            pass
