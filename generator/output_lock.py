"""One build at a time per output folder: a lock file beside it that the operating system releases on any exit."""

from __future__ import annotations

import logging
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.tetsuzuki")


@contextmanager
def output_lock(target: Path):
    """Hold ``.<name>.lock`` beside ``target`` for the whole build, so two builds never interleave.

    A second build of the same folder waits (and says so) until the first has finished. The operating
    system releases the lock when a build ends in any way, kill -9 included, so a crash never blocks the
    next build. The holder deletes the file before it lets go; a waiter that then gets the lock on the
    deleted file notices (another inode is, or no file is, at the path) and takes the lock again.
    """
    lock_path = target.parent / f".{target.name}.lock"
    said = False
    while True:
        handle = open(lock_path, "a+b")  # noqa: SIM115 (closed below, on every path)
        try:
            if not _try_lock(handle):
                if not said:
                    log.info("%s: 別の ビルドが 同じ 出力先に 書いて います。終わるのを 待って います…", target.name)
                    said = True
                _lock(handle)
            if _same_file(handle, lock_path):
                break
        except BaseException:
            handle.close()
            raise
        handle.close()
    try:
        yield
    finally:
        if sys.platform != "win32":
            lock_path.unlink(missing_ok=True)
        _unlock(handle)
        handle.close()


def _same_file(handle, path: Path) -> bool:  # noqa: ANN001
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except FileNotFoundError:
        return False


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle) -> bool:  # noqa: ANN001
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _lock(handle) -> None:  # noqa: ANN001
        while not _try_lock(handle):
            time.sleep(0.5)

    def _unlock(handle) -> None:  # noqa: ANN001
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle) -> bool:  # noqa: ANN001
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _lock(handle) -> None:  # noqa: ANN001
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)

    def _unlock(handle) -> None:  # noqa: ANN001
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
