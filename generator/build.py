"""Atomic site builds: build into a temporary folder next to ``site/`` and swap it in only on success.

Why not ``mkdocs build`` straight into ``site/``: MkDocs cleans the output folder before it writes, so a
failure half-way (a template error, a full disk) would leave residents with a half-broken site. The lock is
``output_lock.py``, the swap and the clean-up of killed builds ``output_swap.py``; ``build --all`` is
``build_towns.py``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import mkdocs.utils as mkdocs_utils
from mkdocs.commands.build import build as mkdocs_build

from generator.cache.fingerprint import remembered_in as fingerprint_remembered_in
from generator.cache.pages import PageMemo
from generator.cache.pruning import prune as prune_cache
from generator.cache.stored import stored
from generator.cache.templates import kept_in as compiled_templates_kept_in
from generator.environment import build_options
from generator.kept import kept_in
from generator.mkdocs_plugin.plugin import load_mkdocs_config
from generator.model.options import BuildOptions
from generator.output_lock import output_lock
from generator.output_swap import STAGING, clean_stale, refuse_non_folder, swap_in


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    settings: Path | None = None,
    *,
    prune: bool = True,
    options: BuildOptions | None = None,
) -> Path:
    """Build the site described by ``config_file`` (and ``settings``) into ``site_dir`` atomically.

    Returns the output folder. On any error the previous ``site_dir`` is left exactly as it was. Bad input
    raises ``InputError`` with every problem (MkDocs itself would only log them and abort). A symlinked
    ``site_dir`` is followed: the real folder is replaced and the link stays. With ``prune`` (``build_all``
    prunes once, after all towns) cache entries unused for ``options.keep_days`` days are deleted after the
    build. ``options`` come from the command; a library caller that gives none (tests, benchmarks) gets what
    the environment says, read here once (``generator/environment.py``). The cache folder defaults to
    ``.tetsuzuki-cache/`` beside ``config_file``.
    """
    config_file = config_file.resolve()
    if options is None:
        options = build_options(os.environ)
    options = options.with_cache_beside(config_file.parent)
    folder = options.cache_folder
    # Pure steps a rebuild would otherwise compute again (generator/kept.py) and compiled templates
    # (generator/cache/templates.py), kept in the cache folder between builds.
    steps = None if folder is None else lambda source, compute: stored("steps", source, compute, folder)
    # (the code fingerprint, in every key, remembered there too under its files' stat signature)
    with fingerprint_remembered_in(folder), kept_in(steps), compiled_templates_kept_in(folder):
        return _build_site(config_file, site_dir, settings, prune=prune, options=options)


@contextlib.contextmanager
def _pages_linked(memo: PageMemo, staging: Path) -> Iterator[None]:
    """While inside, MkDocs writes each page through ``memo.write_or_link``: a page that is byte for byte the
    previous site's file, read back by this build, becomes a hard link to it (``generator/cache/pages.py``)."""
    original = mkdocs_utils.write_file

    def write_file(content: bytes, output_path: str) -> None:
        memo.write_or_link(content, output_path, staging, original)

    mkdocs_utils.write_file = write_file
    try:
        yield
    finally:
        mkdocs_utils.write_file = original


def _build_site(
    config_file: Path, site_dir: Path | None, settings: Path | None, *, prune: bool, options: BuildOptions
) -> Path:
    config = load_mkdocs_config(config_file, settings, options)
    catalog = config.plugins["tetsuzuki"].load_catalog(config)
    target = Path(site_dir or config.site_dir).resolve()
    refuse_non_folder(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(target):
        clean_stale(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING}", dir=target.parent))
        try:
            memo = PageMemo(options.cache_folder, target)
            config = load_mkdocs_config(
                config_file, settings, options, memo=memo, catalog=catalog, site_dir=str(staging)
            )
            with _pages_linked(memo, staging):
                mkdocs_build(config)
            swap_in(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        memo.save()  # only for a site that is in place: the next build reuses its pages
    if prune:
        prune_cache(options.cache_folder, options.keep_days)
    return target
