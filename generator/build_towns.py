"""``build --all``: one atomic build per municipality settings file, in parallel processes, skipping towns whose
inputs and output are unchanged (``generator/cache/towns.py``); ``select_shard`` splits the towns for CI jobs."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from generator import compiled_texts
from generator.build import build_site
from generator.cache.pruning import prune_now_and_then
from generator.cache.towns import mark_built, shared_fingerprint, town_fingerprint, town_state
from generator.environment import build_options
from generator.errors import BuildError
from generator.flyers.pdf_pool import default_workers
from generator.model.options import BuildOptions
from generator.worker_lifetime import end_with_parent


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
    """Why a town with unchanged inputs was built again (its folder was changed since: ``cache.towns.town_state``)."""


def build_all(
    config_file: Path,
    settings_files: list[Path],
    out_dir: Path,
    *,
    jobs: int | None = None,
    on_result: Callable[[SiteResult], None] | None = None,
    options: BuildOptions | None = None,
) -> list[SiteResult]:
    """Build one site per settings file into ``out_dir/<settings stem>/``, in parallel processes.

    Each site is swapped in atomically on its own; a municipality whose input is broken keeps its previous
    folder, and the others are still built. Separate processes (not threads) because MkDocs keeps global
    state. ``options`` as for ``build_site`` (none: the environment's); the towns' own progress lines are
    left out, since they would interleave (the caller reports each town through ``on_result``). Each town makes
    its PDFs with ``options.pdf_workers`` processes, else with its share of the cores.
    """
    targets = _targets(settings_files, out_dir)
    if options is None:
        options = build_options(os.environ)
    options = replace(options.with_cache_beside(config_file.resolve().parent), quiet=True)
    shared = _shared_fingerprint(config_file, options) if options.cache_folder else None
    results = []
    towns_at_once = min(jobs or os.cpu_count() or 1, max(1, len(targets)))
    # Nested pools: each town's PDFs get the cores left per town (1 when as many towns run as there are cores),
    # so towns × PDF workers stays within the cores instead of oversubscribing them (generator/flyers/pdf_pool.py).
    options = replace(options, pdf_workers=options.pdf_workers or max(1, default_workers() // towns_at_once))
    # end_with_parent: a `build --all` killed with SIGKILL leaves no town building on (generator/worker_lifetime.py).
    with ProcessPoolExecutor(max_workers=towns_at_once, initializer=end_with_parent) as pool:
        futures = {
            pool.submit(_build_one, config_file.resolve(), path.resolve(), target, options, shared): (path, target)
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
    prune_now_and_then(options.cache_folder, options.keep_days)
    return sorted(results, key=lambda r: r.settings)


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


def _build_one(
    config_file: Path, settings: Path, target: Path, options: BuildOptions, shared: str | None = None
) -> SiteResult:
    """One build in a worker process; errors come back as text (our exceptions do not pickle).

    With ``shared`` (the project's shared-input fingerprint), a town whose inputs are unchanged since its
    last successful build is skipped (``generator/cache/towns.py``).
    """
    try:
        return _build_one_town(config_file, settings, target, options, shared)
    finally:
        # A pool's worker ends with os._exit, which runs no exit handler: what it compiled from text (the
        # build's own regular expressions, its models' annotations) is written here, for the next build.
        compiled_texts.save()


def _build_one_town(
    config_file: Path, settings: Path, target: Path, options: BuildOptions, shared: str | None
) -> SiteResult:
    from mkdocs.exceptions import MkDocsException

    from generator.errors import TetsuzukiError

    started = time.perf_counter()
    folder = options.cache_folder
    fingerprint = town_fingerprint(shared, settings) if shared and folder else None
    state = town_state(folder, target, fingerprint) if folder and fingerprint else None
    if state and state.up_to_date:
        return SiteResult(settings, target, time.perf_counter() - started, skipped=True)
    try:
        build_site(config_file, site_dir=target, settings=settings, prune=False, options=options)
    except (TetsuzukiError, MkDocsException, OSError, ValueError) as error:
        return SiteResult(settings, target, time.perf_counter() - started, str(error) or type(error).__name__)
    if folder and fingerprint:
        mark_built(folder, target, fingerprint)
    return SiteResult(settings, target, time.perf_counter() - started, why=state.why if state else None)


def _shared_fingerprint(config_file: Path, options: BuildOptions) -> str:
    """Fingerprint of every input the towns of ``config_file``'s project share (not the settings files)."""
    from generator.project import BUILD_INPUTS, read_project

    project = read_project(config_file)
    root = project.root
    shared = [root / part for part in BUILD_INPUTS if (root / part).resolve() != project.municipalities_dir]
    shared += [project.procedures_dir] + ([project.docs_dir] if project.docs_dir else [])
    return shared_fingerprint(shared, root, options)


def select_shard(settings_files: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    """The towns of shard ``i`` of ``n`` (1-based): every n-th file in name order, so shards stay balanced
    and a town always lands in the same shard while the list of towns is unchanged."""
    if shard is None:
        return list(settings_files)
    index, count = shard
    ordered = sorted(settings_files, key=lambda p: p.name)
    return ordered[index - 1 :: count]
