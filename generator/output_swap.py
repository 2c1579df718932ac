"""Putting a finished build in place of the site so that the site folder is at every instant a whole site.

A build writes into a staging folder beside the site (``.site.building-XXXX``); ``swap_in`` exchanges the two,
and ``clean_stale`` removes what killed builds left. Call both only while holding ``output_lock``.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

from generator.errors import BuildError

STAGING = ".building-"
"""``.site.building-XXXX``: a build in progress (or one that was killed; removed by the next build)."""
RETIRED = ".old-"
"""``.site.old-XXXX``: the previous site on its way out (only where the platform cannot exchange folders)."""


def refuse_non_folder(target: Path) -> None:
    """A file where the site folder should be is someone's file: say so, never move it aside."""
    if target.exists() and not target.is_dir():
        raise BuildError(
            f"出力先 {target} は フォルダでは なく ファイルです。消したり 移したり しないので、"
            "その ファイルを 別の 場所に 移すか、--site-dir で 別の 出力先を 指定して ください。"
        )


def clean_stale(target: Path) -> None:
    """Remove what killed builds left beside ``target``; call only while holding ``output_lock``.

    Under the lock no other build is running, so every staging or retired folder is a leftover. If a
    build died between the two renames of the fallback swap, ``target`` is missing and the retired
    folder is the last good site: it is put back first.
    """
    retired = sorted(target.parent.glob(f".{target.name}{RETIRED}*"), key=lambda p: p.stat().st_mtime)
    if not target.exists() and retired:
        retired.pop().rename(target)
    for leftover in [*target.parent.glob(f".{target.name}{STAGING}*"), *retired]:
        shutil.rmtree(leftover, ignore_errors=True)


def swap_in(staging: Path, target: Path) -> None:
    """Put ``staging`` in place of ``target`` so that ``target`` is at every instant a whole site.

    Linux: one ``renameat2(RENAME_EXCHANGE)`` swaps the two folders atomically; then the old site (now at
    the staging name) is deleted. ``site/`` stays a real folder, so web servers, rsync and ``mkdocs serve``
    see nothing new. Elsewhere, or on a file system without the call: two renames, and ``clean_stale``
    puts the old site back if a build dies between them.
    """
    staging.chmod(0o755)
    refuse_non_folder(target)
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}{RETIRED}", dir=target.parent))
    retired.rmdir()
    target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two folders; ``False`` when this platform or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # glibc older than 2.28, or musl without the wrapper
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))
