"""Putting a finished build in place of the site so that the site folder is at every instant a whole site.

A build writes into a staging folder beside the site (``.site.building-XXXX``); ``swap_in`` exchanges the two,
and ``clean_stale`` removes what killed builds left. Call them only while holding ``output_lock``.

**The folders of the site before last** (``staging_folder``, ``swap_in``'s ``spare``): creating a site's ~500
folders was the largest part of the kernel's work in a rebuild after one edit (~0.05–0.1 s of CPU; a folder is a
new inode and block, written through the file system's journal), and removing the old site's folders after the
swap another ~0.03 s. So, with a cache folder, the previous site is not removed after the swap: its files are
(each unlinked), and its empty folders are kept in the cache (``generator/cache/spare.py``). The next build
of the same site takes them as its staging folder — after removing anything found in them that is not a folder —
writes the site into them, and before the swap removes every kept folder the new site does not use
(``drop_unused``). What is swapped in is what a new folder would hold; only the folders' inodes are older.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from generator.errors import BuildError
from generator.file_modes import new_folder_mode

STAGING = ".building-"
"""``.site.building-XXXX``: a build in progress (or one that was killed; removed by the next build)."""
RETIRED = ".old-"
"""``.site.old-XXXX``: the previous site on its way out (only where the platform cannot exchange folders)."""


def staging_folder(target: Path, spare: Path | None) -> tuple[Path, list[str]]:
    """A new staging folder beside ``target``, and the folders in it that a build may leave unused (``drop_unused``).

    With ``spare`` (kept by the last ``swap_in``) the staging folder is made of its folders, emptied of anything
    else; without it, or if it cannot be taken, an empty new folder (and no folders to drop)."""
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING}", dir=target.parent))
    if spare is None:
        return staging, []
    try:
        kept = stat.S_ISDIR(os.lstat(spare).st_mode)
    except OSError:  # (none kept: the first build of this site with this cache, or the cache was deleted)
        kept = False
    if not kept:
        return staging, []
    try:
        os.rename(spare, staging)  # (over the empty new folder: one rename, or nothing on a failure)
        os.chmod(staging, 0o700)  # (as mkdtemp made it; swap_in opens it)
        return staging, _emptied(staging)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(spare, ignore_errors=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING}", dir=target.parent)), []


def _emptied(folder: Path) -> list[str]:
    """Remove everything in ``folder`` but folders (files, links and anything else: never followed); give the
    folders left, each before the ones inside it. A folder whose permissions are not what a new one gets is given
    those."""
    mode = new_folder_mode()
    folders: list[str] = []
    pending = [os.fspath(folder)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode) != mode:
                        os.chmod(entry.path, mode)
                    folders.append(entry.path)
                    pending.append(entry.path)
                else:
                    os.unlink(entry.path)
    return folders


def drop_unused(folders: list[str]) -> None:
    """Remove each of ``folders`` (from ``staging_folder``) that the build left empty, the innermost first: a
    site built into kept folders then holds exactly the folders a new one would."""
    for folder in reversed(folders):
        try:
            os.rmdir(folder)
        except OSError:  # (not empty: the new site uses it)
            pass


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


def swap_in(staging: Path, target: Path, spare: Path | None = None) -> None:
    """Put ``staging`` in place of ``target`` so that ``target`` is at every instant a whole site.

    Linux: one ``renameat2(RENAME_EXCHANGE)`` swaps the two folders atomically; then the old site (now at
    the staging name) is deleted — or, with ``spare``, its files are and its folders are kept there for the next
    build (``staging_folder``). ``site/`` stays a real folder, so web servers, rsync and ``mkdocs serve``
    see nothing new. Elsewhere, or on a file system without the call: two renames, and ``clean_stale``
    puts the old site back if a build dies between them.
    """
    staging.chmod(0o755)
    refuse_non_folder(target)
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        if spare is None or not _kept_as_spare(staging, spare):
            shutil.rmtree(staging, ignore_errors=True)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}{RETIRED}", dir=target.parent))
    retired.rmdir()
    target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def _kept_as_spare(old: Path, spare: Path) -> bool:
    """Empty ``old`` of everything but folders and move it to ``spare``; ``False`` when that cannot be done."""
    try:
        _emptied(old)
        shutil.rmtree(spare, ignore_errors=True)  # (none, unless a build was killed after taking it)
        spare.parent.mkdir(parents=True, exist_ok=True)
        os.rename(old, spare)
    except OSError:  # another file system than the cache's, a file that cannot be removed: remove it all
        return False
    return True


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
