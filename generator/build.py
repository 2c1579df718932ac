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
from collections.abc import Iterator
from pathlib import Path

import mkdocs.commands.build as mkdocs_commands
import mkdocs.utils as mkdocs_utils
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import BuildError as MkDocsBuildError
from mkdocs.config.config_options import SiteDir
from mkdocs.config.defaults import MkDocsConfig

from generator.cache.fingerprint import remembered_in as fingerprint_remembered_in
from generator.cache.pages import PageMemo
from generator.cache.pruning import prune_now_and_then as prune_cache
from generator.cache.spare import spare_path
from generator.cache.stored import stored
from generator.cache.templates import kept_in as compiled_templates_kept_in
from generator.environment import build_options
from generator.kept import kept_in
from generator.mkdocs_plugin.plugin import TetsuzukiPlugin, load_mkdocs_config
from generator.model.options import BuildOptions
from generator.output_lock import output_lock
from generator.output_swap import clean_stale, drop_unused, refuse_non_folder, staging_folder, swap_in


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


def _points_at(config: MkDocsConfig, staging: Path) -> bool:
    """Point the loaded configuration's ``site_dir`` at ``staging``, checked by MkDocs' own option as a load of
    ``mkdocs.yml`` with that ``site_dir`` checks it; ``False`` (nothing changed) when the option refuses it.

    Why not load ``mkdocs.yml`` again with the staging folder: each load builds a Markdown instance with every
    extension to check them (≈ 0.01 s of a rebuild's CPU), and the plugins' and theme's options are the same."""
    option = SiteDir()
    option.pre_validation(config, "site_dir")
    previous = config["site_dir"]
    try:
        config["site_dir"] = option.validate(str(staging))
        option.post_validation(config, "site_dir")
    except ValidationError:
        config["site_dir"] = previous
        return False
    return True


@contextlib.contextmanager
def _reusing_pages(plugin: TetsuzukiPlugin) -> Iterator[None]:
    """While inside, a page whose theme pass and finishing were given the same inputs in the last build
    (``TetsuzukiPlugin.written_before``: its theme key, and the file read back with the hash the last build wrote)
    skips MkDocs' page pass (``_build_page``: context, template, ``on_page_context``, ``on_post_page``, the text
    encoded) and is written as those bytes — a hard link (``_writing_into``). Every other page, and every page of a
    ``--dirty`` or draft build, goes through MkDocs' own pass.

    Why: a rebuild after one edit reuses ~440 of ~450 pages; MkDocs' pass made each one text (decoded), checked it
    could be encoded, and encoded it again to compare it with the file (≈ 20 MB of text a rebuild)."""
    build_page = mkdocs_commands._build_page

    def build_or_reuse(page, config, doc_files, nav, env, dirty=False, excluded=False):  # noqa: ANN001, ANN202
        if dirty or excluded:
            return build_page(page, config, doc_files, nav, env, dirty, excluded)
        data = plugin.written_before(page)
        if data is None:
            return build_page(page, config, doc_files, nav, env, dirty, excluded)
        try:
            mkdocs_utils.write_file(data, page.file.abs_dest_path)
        except Exception as error:  # (said as MkDocs' page pass says it: a full disk is the same error either way)
            mkdocs_commands.log.error(f"Error building page '{page.file.src_uri}':"
                                      + ("" if isinstance(error, MkDocsBuildError) else f" {error}"))
            raise
        return None

    mkdocs_commands._build_page = build_or_reuse
    try:
        yield
    finally:
        mkdocs_commands._build_page = build_page


@contextlib.contextmanager
def _writing_into(staging: Path, memo: PageMemo, plugin: TetsuzukiPlugin) -> Iterator[None]:
    """While inside, MkDocs writes each page through ``memo.write_or_link`` — a page that is byte for byte the
    previous site's file, read back by this build, becomes a hard link to it (``generator/cache/pages.py``) — and
    does not clean ``staging`` before it writes: it holds nothing but the emptied folders of the site before last
    (``output_swap.staging_folder``), and those the new site does not use are removed after (``drop_unused``).
    MkDocs would remove them, and every folder would be made again. The files the plugin generates (its
    ``SiteFile``: QR codes, scripts, stylesheets, the open data) are linked the same way when the previous site's
    file holds their bytes (``PageMemo.write_or_link_same``, through the plugin's ``write_same``).

    Why MkDocs' ``write_file`` and ``clean_directory`` are replaced for the while: MkDocs has no event or option
    for either (``mkdocs.commands.build`` calls them by name: the page writer and the clean before a build)."""
    write_file, clean_directory = mkdocs_utils.write_file, mkdocs_utils.clean_directory

    def write_or_link(content: bytes, output_path: str) -> None:
        memo.write_or_link(content, output_path, staging, write_file)

    def clean(directory: str) -> None:
        if Path(directory) != staging:
            clean_directory(directory)

    def write_same(content: bytes, output_path: str) -> None:
        memo.write_or_link_same(content, output_path, staging, write_file)

    mkdocs_utils.write_file, mkdocs_utils.clean_directory, plugin.write_same = write_or_link, clean, write_same
    try:
        yield
    finally:
        mkdocs_utils.write_file, mkdocs_utils.clean_directory, plugin.write_same = write_file, clean_directory, None


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
        # (with a cache: into the emptied folders of the site before last, generator/output_swap.py)
        spare = None if options.cache_folder is None else spare_path(options.cache_folder, target)
        staging, kept_folders = staging_folder(target, spare)
        try:
            memo = PageMemo(options.cache_folder, target)
            if not _points_at(config, staging):  # (as MkDocs refuses it: loaded again, it says why and stops)
                config = load_mkdocs_config(config_file, settings, options, site_dir=str(staging))
            plugin = config.plugins["tetsuzuki"]
            plugin.memo, plugin.preloaded = memo, catalog
            with _writing_into(staging, memo, plugin), _reusing_pages(plugin):
                mkdocs_build(config)
            drop_unused(kept_folders)
            swap_in(staging, target, spare)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        memo.save()  # only for a site that is in place: the next build reuses its pages
    if prune:
        prune_cache(options.cache_folder, options.keep_days)
    return target
