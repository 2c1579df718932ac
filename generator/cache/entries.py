"""Writing and touching cache entries: atomic, and never a reason for a build to fail."""

from __future__ import annotations

import contextlib
import itertools
import os
import time
from pathlib import Path


_RANDOM = os.urandom(4).hex()
"""Part of every temporary name (with the process id at the time of the write: ``build --all``'s workers are
forked, with this and the count as their parent had them; pruning skips ``.tmp-`` files)."""
_COUNT = itertools.count()
_EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to a new file beside ``path`` (permissions 0600, as ``mkstemp`` made them) and rename
    it over ``path``; the folder is made only when it is missing.

    Why not ``mkstemp`` and a ``mkdir`` first: ``build --all`` writes ≈ 500 entries a town, and the random name,
    the folder made again and the check after the rename were a third of each write's time (issue #23,
    decisions/2026-12-08-towns-site-side.md). The name is this process's own (its id, a random part given once,
    a count), made with ``O_EXCL`` like ``mkstemp``'s."""
    temporary = f"{path.parent}/.tmp-{os.getpid()}-{_RANDOM}-{next(_COUNT)}"
    try:
        handle = os.open(temporary, _EXCLUSIVE, 0o600)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, _EXCLUSIVE, 0o600)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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
