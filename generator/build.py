"""Atomic site builds: build into a temporary folder next to ``site/`` and swap it in only on success.

Why not ``mkdocs build`` straight into ``site/``: MkDocs cleans the output folder before it writes, so a
failure half-way (a template error, a full disk) would leave residents with a half-broken site.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build

from generator import cache
from generator.errors import BuildError
from generator.flyers.pdf_pool import default_workers
from generator.mkdocs_plugin.plugin import load_mkdocs_config

log = logging.getLogger("mkdocs.plugins.tetsuzuki")


def build_site(
    config_file: Path, site_dir: Path | None = None, settings: Path | None = None, *, prune: bool = True
) -> Path:
    """Build the site described by ``config_file`` (and ``settings``) into ``site_dir`` atomically.

    Returns the output folder. On any error the previous ``site_dir`` is left exactly as it was. Bad input
    raises ``InputError`` with every problem (MkDocs itself would only log them and abort). A symlinked
    ``site_dir`` is followed: the real folder is replaced and the link stays. With ``prune`` (``build_all``
    prunes once, after all towns) cache entries unused for ``TETSUZUKI_CACHE_DAYS`` days are deleted after
    the build.
    """
    config_file = config_file.resolve()
    days = cache.keep_days()
    with cache.default_location(config_file.parent):
        config = load_mkdocs_config(config_file, settings)
        config.plugins["tetsuzuki"].load_catalog(config)
        target = Path(site_dir or config.site_dir).resolve()
        _refuse_non_folder(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        with output_lock(target):
            clean_stale(target)
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING}", dir=target.parent))
            try:
                config = load_mkdocs_config(config_file, settings, site_dir=str(staging))
                mkdocs_build(config)
                _swap_in(staging, target)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        if prune:
            cache.prune(cache.cache_dir(), days)
    return target


STAGING = ".building-"
"""``.site.building-XXXX``: a build in progress (or one that was killed; removed by the next build)."""
RETIRED = ".old-"
"""``.site.old-XXXX``: the previous site on its way out (only where the platform cannot exchange folders)."""


def _refuse_non_folder(target: Path) -> None:
    """A file where the site folder should be is someone's file: say so, never move it aside."""
    if target.exists() and not target.is_dir():
        raise BuildError(
            f"出力先 {target} は フォルダでは なく ファイルです。消したり 移したり しないので、"
            "その ファイルを 別の 場所に 移すか、--site-dir で 別の 出力先を 指定して ください。"
        )


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


def _swap_in(staging: Path, target: Path) -> None:
    """Put ``staging`` in place of ``target`` so that ``target`` is at every instant a whole site.

    Linux: one ``renameat2(RENAME_EXCHANGE)`` swaps the two folders atomically; then the old site (now at
    the staging name) is deleted. ``site/`` stays a real folder, so web servers, rsync and ``mkdocs serve``
    see nothing new. Elsewhere, or on a file system without the call: two renames, and ``clean_stale``
    puts the old site back if a build dies between them.
    """
    staging.chmod(0o755)
    _refuse_non_folder(target)
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


@dataclass(frozen=True)
class SiteResult:
    """The outcome of one municipality's build in ``build_all``."""

    settings: Path
    target: Path
    seconds: float
    error: str | None = None
    skipped: bool = False
    """Nothing changed since the last build of this town: its folder was left as it is."""
    why: str | None = None
    """Why a town with unchanged inputs was built again (its folder was changed since: ``cache.town_state``)."""


def build_all(
    config_file: Path,
    settings_files: list[Path],
    out_dir: Path,
    *,
    jobs: int | None = None,
    pdf_workers: int | None = None,
    on_result: Callable[[SiteResult], None] | None = None,
) -> list[SiteResult]:
    """Build one site per settings file into ``out_dir/<settings stem>/``, in parallel processes.

    Each site is swapped in atomically on its own; a municipality whose input is broken keeps its previous
    folder, and the others are still built. Separate processes (not threads) because each build sets the
    settings through the environment and MkDocs keeps global state.
    """
    targets = _targets(settings_files, out_dir)
    days = cache.keep_days()
    shared = _shared_fingerprint(config_file) if cache.enabled() else None
    results = []
    towns_at_once = min(jobs or os.cpu_count() or 1, max(1, len(targets)))
    # Nested pools: each town's PDFs get the cores left per town (1 when as many towns run as there are cores),
    # so towns × PDF workers stays within the cores instead of oversubscribing them (generator/flyers/pdf_pool.py).
    per_town = pdf_workers or max(1, default_workers() // towns_at_once)
    with ProcessPoolExecutor(max_workers=towns_at_once, initializer=_set_pdf_workers, initargs=(per_town,)) as pool:
        futures = {
            pool.submit(_build_one, config_file.resolve(), path.resolve(), target, shared): (path, target)
            for path, target in targets.items()
        }
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool as error:
                # A worker died (a crash inside a C library, or killed): its town keeps its previous folder.
                path, target = futures[future]
                result = SiteResult(path.resolve(), target, 0.0, f"ビルドの プロセスが 途中で 止まりました（{error}）。")
            results.append(result)
            if on_result is not None:
                on_result(result)
    cache.prune(cache.cache_dir(config_file.parent), days)
    return sorted(results, key=lambda r: r.settings)


def _set_pdf_workers(count: int) -> None:
    from generator.flyers.feature import PDF_WORKERS_ENV

    os.environ[PDF_WORKERS_ENV] = str(count)  # read by the flyers feature in this town's build


def _targets(settings_files: list[Path], out_dir: Path) -> dict[Path, Path]:
    """Settings file → output folder, refusing two towns that would write the same folder.

    Same stem (``koge.yml`` and ``koge.yaml``), or a folder that is a symlink to another town's: either
    way one town's site would silently overwrite the other's.
    """
    by_target: dict[Path, list[Path]] = {}
    for path in settings_files:
        by_target.setdefault((out_dir / path.stem).resolve(), []).append(path)
    clashes = [(target, paths) for target, paths in by_target.items() if len(paths) > 1]
    if clashes:
        lines = [
            f"{'、'.join(str(p) for p in paths)} の サイトが 同じ フォルダ {target} に 書かれて しまいます。"
            for target, paths in clashes
        ]
        raise BuildError(
            "\n".join(lines)
            + "\n設定ファイルの 名前を 変えるか（koge.yml と koge.yaml は 同じ 名前です）、"
            "ほかの 自治体の フォルダを 指す リンク（シンボリックリンク）を 消して ください。何も つくって いません。"
        )
    return {paths[0]: target for target, paths in by_target.items()}


def _build_one(config_file: Path, settings: Path, target: Path, shared: str | None = None) -> SiteResult:
    """One build in a worker process; errors come back as text (our exceptions do not pickle).

    With ``shared`` (the project's shared-input fingerprint), a town whose inputs are unchanged since its
    last successful build is skipped (``generator/cache.py``).
    """
    from mkdocs.exceptions import MkDocsException

    from generator.errors import TetsuzukiError

    started = time.perf_counter()
    folder = cache.cache_dir(config_file.parent)
    fingerprint = cache.town_fingerprint(shared, settings) if shared and folder else None
    state = cache.town_state(folder, target, fingerprint) if fingerprint else None
    if state and state.up_to_date:
        return SiteResult(settings, target, time.perf_counter() - started, skipped=True)
    try:
        build_site(config_file, site_dir=target, settings=settings, prune=False)
    except (TetsuzukiError, MkDocsException, OSError, ValueError) as error:
        return SiteResult(settings, target, time.perf_counter() - started, str(error) or type(error).__name__)
    if fingerprint:
        cache.mark_built(folder, target, fingerprint)
    return SiteResult(settings, target, time.perf_counter() - started, why=state.why if state else None)


def _shared_fingerprint(config_file: Path) -> str:
    """Fingerprint of every input the towns of ``config_file``'s project share (not the settings files)."""
    from generator.project import BUILD_INPUTS, read_project

    project = read_project(config_file)
    root = project.root
    shared = [root / part for part in BUILD_INPUTS if (root / part).resolve() != project.municipalities_dir]
    shared += [project.procedures_dir] + ([project.docs_dir] if project.docs_dir else [])
    return cache.shared_fingerprint(shared, root)


def select_shard(settings_files: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    """The towns of shard ``i`` of ``n`` (1-based): every n-th file in name order, so shards stay balanced
    and a town always lands in the same shard while the list of towns is unchanged."""
    if shard is None:
        return list(settings_files)
    index, count = shard
    ordered = sorted(settings_files, key=lambda p: p.name)
    return ordered[index - 1 :: count]
