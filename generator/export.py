"""``tetsuzuki export DIR``: the generated site as a plain MkDocs project, the way out of our plugin.

Why: Material for MkDocs reaches end of life on 2027-05-05 and its successors run no MkDocs plugins
(ARCHITECTURE.md, decision record 2026-12-06). The exported tree needs no tetsuzuki code: every page our
plugin would make becomes a Markdown file (front matter + the page's HTML as one raw HTML block), every
generated file is written as a static file, and ``mkdocs.yml`` names no tetsuzuki plugin — plain
``mkdocs build`` turns it into the same pages (tests/mkdocs_plugin/test_export.py compares them).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import cache
from generator.errors import BuildError
from generator.mkdocs_plugin.plugin import TetsuzukiPlugin, front_matter, load_mkdocs_config

OVERRIDDEN_KEYS = ("site_name", "site_url", "docs_dir", "site_dir", "plugins", "extra")
"""Top-level keys of the project's mkdocs.yml that the exported one writes itself."""


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    pages: int
    files: int


def export_project(config_file: Path, target: Path, settings: Path | None = None) -> ExportResult:
    """Write a plain MkDocs project for ``config_file`` (and ``settings``) into the empty folder ``target``."""
    config_file = config_file.resolve()
    if target.exists() and any(target.iterdir()):
        raise BuildError(f"書き出し先 {target} は 空では ありません。空の フォルダか、まだ ない フォルダを 指定して ください。")
    with cache.default_location(config_file.parent):
        config = load_mkdocs_config(config_file, settings)
        plugin = config.plugins["tetsuzuki"]
        assert isinstance(plugin, TetsuzukiPlugin)
        plugin.on_startup(command="build", dirty=False)
        config = plugin.on_config(config)
    docs = target / "docs"
    shutil.copytree(config.docs_dir, docs, symlinks=False)
    for page in plugin.pages.values():
        _write(docs / page.src_uri, front_matter(page) + "\n" + page.html + "\n")
    for item in plugin.files:
        _write(docs / item.path, item.content)
    theme_dir = config.theme.custom_dir
    if theme_dir:
        shutil.copytree(theme_dir, target / "theme", symlinks=False)
    _write(target / "mkdocs.yml", _plain_config(config_file.read_text(encoding="utf-8"), config, bool(theme_dir)))
    return ExportResult(target, len(plugin.pages), len(plugin.files))


def _plain_config(original: str, config, with_theme: bool) -> str:  # noqa: ANN001 (MkDocsConfig)
    """The project's mkdocs.yml without our plugin, with the values the plugin would set written out.

    Why text and not a YAML round trip: the file holds a ``!!python/object/apply`` tag (the heading slugs)
    that safe YAML cannot load or write; keeping the other lines as written keeps it working.
    """
    kept = _drop_top_level_keys(original, OVERRIDDEN_KEYS)
    written = {
        "site_name": config.site_name,
        "site_url": config.site_url or None,
        "docs_dir": "docs",
        "site_dir": "site",
        "plugins": [],
        "extra": dict(config.extra),
    }
    if not written["site_url"]:
        del written["site_url"]
    header = "# Exported by `tetsuzuki export`: a plain MkDocs project (no tetsuzuki plugin). Do not edit; export again.\n"
    text = header + yaml.safe_dump(written, allow_unicode=True, sort_keys=False) + kept
    if not with_theme:
        text = re.sub(r"^(\s+)custom_dir:.*$", "", text, flags=re.MULTILINE)
    return text


def _drop_top_level_keys(text: str, keys: tuple[str, ...]) -> str:
    """Remove each ``key:`` section (the key's line and its indented or blank lines) from a YAML text."""
    out: list[str] = []
    dropping = False
    for line in text.splitlines(keepends=True):
        top = re.match(r"([A-Za-z_][\w-]*):", line)
        if top:
            dropping = top[1] in keys
        elif line[:1] not in (" ", "\t", "\n", "\r", "#", "") and not line.startswith("-"):
            dropping = False
        if not dropping:
            out.append(line)
    return "".join(out)


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
