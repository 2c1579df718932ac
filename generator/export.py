"""``tetsuzuki export DIR``: the site as a plain MkDocs project, the way out of our plugin and of Material.

Why: Material for MkDocs reaches end of life on 2027-05-05 and its successors run no MkDocs plugins
(decisions/2026-12-06-way-out-of-mkdocs.md). Every page of our site is finished by our own code (the pages by
our templates, the theme frame by ``theme/base.html``, the editions by ``generator.editions`` after MkDocs has
rendered a page), so the export is the finished site itself:

- ``docs/`` holds every page and file of a real build, as static files (MkDocs copies them unchanged);
- ``theme/`` is a theme of its own (``name: null``) with just ``404.html`` and ``sitemap.xml``, each the built
  file verbatim inside ``{% raw %}`` — the two files MkDocs always renders from a theme;
- ``mkdocs.yml`` names no plugin and no Material.

Plain ``mkdocs build`` turns it into the same site (``tests/mkdocs_plugin/test_export.py``); so does any engine
that copies a docs folder.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import BuildError
from generator.model.options import BuildOptions

THEME_TEMPLATES = ("404.html", "sitemap.xml")
"""What MkDocs renders from the theme whatever the pages are (``static_templates``)."""
WRITTEN_BY_MKDOCS = ("sitemap.xml.gz",)
"""Made by MkDocs itself from ``sitemap.xml``."""


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    pages: int
    files: int


def export_project(
    config_file: Path, target: Path, settings: Path | None = None, options: BuildOptions | None = None
) -> ExportResult:
    """Build the site of ``config_file`` (and ``settings``) and write it as a plain MkDocs project to ``target``."""
    from generator.build import build_site  # the command layer; export sits beside it

    if target.exists() and any(target.iterdir()):
        raise BuildError(f"書き出し先 {target} は 空では ありません。空の フォルダか、まだ ない フォルダを 指定して ください。")
    with tempfile.TemporaryDirectory(prefix="tetsuzuki-export-") as scratch:
        site = build_site(config_file.resolve(), site_dir=Path(scratch) / "site", settings=settings, options=options)
        shutil.copytree(site, target / "docs", ignore=shutil.ignore_patterns(*THEME_TEMPLATES, *WRITTEN_BY_MKDOCS))
        for name in THEME_TEMPLATES:
            _write(target / "theme" / name, _verbatim(name, (site / name).read_text(encoding="utf-8")))
        pages = sum(1 for _ in site.rglob("*.html"))
        files = sum(1 for path in site.rglob("*") if path.is_file()) - pages
    _write(target / "mkdocs.yml", _plain_config(*_site_names(config_file.resolve(), settings)))
    return ExportResult(target, pages, files)


def _verbatim(name: str, text: str) -> str:
    """``text`` as a Jinja template that renders to exactly ``text`` (even if it holds ``{% endraw %}``)."""
    end = "{% endraw %}"
    return "{% raw %}" + text.replace(end, end + "{{ '" + end + "' }}{% raw %}") + end


def _site_names(config_file: Path, settings: Path | None) -> tuple[str, str | None]:
    """The site's name and published address, from the settings the build used."""
    from generator.loading.strings import string_table
    from generator.loading.yaml_source import load_yaml
    from generator.model import Municipality
    from generator.project import read_project
    from generator.town_words import site_name

    path = settings or read_project(config_file).default_settings
    municipality = Municipality.model_validate(load_yaml(path).data)  # the build has just validated it
    return site_name(municipality, string_table()), municipality.base_url


def _plain_config(site_name: str, site_url: str | None) -> str:
    config: dict[str, object] = {"site_name": site_name}
    if site_url:
        config["site_url"] = site_url
    config |= {
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "strict": True,
        "plugins": [],
        "theme": {"name": None, "custom_dir": "theme", "static_templates": list(THEME_TEMPLATES)},
    }
    header = (
        "# Exported by `tetsuzuki export`: the finished site as a plain MkDocs project (no plugin, no Material).\n"
        "# Do not edit: change the YAML and export again. `mkdocs build` writes the same site to site/.\n"
    )
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
