"""Writing and touching cache entries: atomic, and never a reason for a build to fail."""

from __future__ import annotations

import os
import tempfile
import time
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


MARKED_WITHIN = 3600
"""Seconds: an entry marked used this recently is not marked again when read (``read_used``)."""


def read_used(path: Path) -> bytes:
    """An entry's bytes, marked used (``used``) unless it was marked in the last ``MARKED_WITHIN`` seconds; raises
    ``OSError`` when it cannot be read.

    Why: a rebuild reads ~600 stored entries; marking each again (a write of its file's times, a journal entry of
    the file system) and reading it through Python's buffered file were most of the kernel's work for them. Pruning
    keeps an entry for at least a day (``TETSUZUKI_CACHE_DAYS`` ≥ 1), so a mark up to an hour old loses nothing."""
    data, status = read_whole(path)
    if status.st_mtime < time.time() - MARKED_WITHIN:
        used(path)
    return data


def read_whole(path: str | Path, flags: int = 0) -> tuple[bytes, os.stat_result]:
    """A file's bytes and its status as it was read (``flags`` added to ``os.open``'s); raises ``OSError``.

    ``os.open`` and ``os.read``, not a buffered file: Python's ``open`` adds three or four calls to the kernel per
    file, and a rebuild reads ~600 cache entries and ~450 pages of the previous site."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | flags)
    try:
        status = os.fstat(handle)
        parts = []
        while chunk := os.read(handle, max(status.st_size, 1 << 16)):
            parts.append(chunk)
    finally:
        os.close(handle)
    return b"".join(parts), status
