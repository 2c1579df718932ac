"""Where a project's inputs are: the procedures folder and the settings files named by ``mkdocs.yml``."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.confinement import INPUT_PLACES
from generator.layout import DEFAULT_INPUTS
from generator.loading.catalog import procedure_files

BUILD_INPUTS = INPUT_PLACES
"""Everything a build reads, relative to the project root (the package itself aside)."""


def copy_build_inputs(root: Path, target: Path) -> Path:
    """Copy what a build of ``root`` reads into ``target``: a scratch project to edit, break or time."""
    target.mkdir(parents=True, exist_ok=True)
    for part in BUILD_INPUTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


@dataclass(frozen=True)
class Project:
    """The inputs of one tetsuzuki project, as absolute paths."""

    config_file: Path
    procedures_dir: Path
    default_settings: Path
    docs_dir: Path | None = None
    """Hand-written pages (``docs_dir`` of mkdocs.yml)."""
    use_directory_urls: bool = True

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def municipalities_dir(self) -> Path:
        return self.default_settings.parent

    def all_settings(self) -> list[Path]:
        """Every settings file a person made next to the default one (``municipalities/*.yml``, no hidden, lock
        or backup files: ``is_leftover``), in name order."""
        return procedure_files(self.municipalities_dir)


def read_project(config_file: Path) -> Project:
    """Read the ``tetsuzuki`` plugin options from ``mkdocs.yml`` without running a build.

    Why not ``mkdocs.config.load_config``: it also checks docs_dir, theme and every plugin, which a quick
    ``tetsuzuki check`` or ``new`` does not need; only the two paths matter here.
    """
    config_file = config_file.resolve()
    # mkdocs.yml may hold !!python tags (the toc slugify); they are irrelevant here, so ignore all tags.
    loader = type("_AnyTagLoader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=loader) or {}
    options: dict = {}
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "tetsuzuki" in entry:
            options = entry["tetsuzuki"] or {}
    settings = options.get("settings", DEFAULT_INPUTS.settings)
    procedures = options.get("procedures", DEFAULT_INPUTS.procedures)
    root = config_file.parent
    return Project(
        config_file, (root / procedures).resolve(), (root / settings).resolve(),
        docs_dir=(root / str(config.get("docs_dir") or "docs")).resolve(),
        use_directory_urls=config.get("use_directory_urls") is not False,
    )
