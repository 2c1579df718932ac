"""Atomic site builds: build into a temporary folder next to ``site/`` and swap it in only on success.

Why not ``mkdocs build`` straight into ``site/``: MkDocs cleans the output folder before it writes, so a
failure half-way (a template error, a full disk) would leave residents with a half-broken site.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.mkdocs_plugin.plugin import SETTINGS_ENV


def build_site(config_file: Path, site_dir: Path | None = None, settings: Path | None = None) -> Path:
    """Build the site described by ``config_file`` (and ``settings``) into ``site_dir`` atomically.

    Returns the output folder. On any error the previous ``site_dir`` is left exactly as it was. Bad input
    raises ``InputError`` with every problem (MkDocs itself would only log them and abort).
    """
    config_file = config_file.resolve()
    with _settings_override(settings):
        config = load_config(str(config_file))
        config.plugins["tetsuzuki"].load_catalog(config)
        target = Path(site_dir or config.site_dir).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        try:
            config = load_config(str(config_file), site_dir=str(staging))
            mkdocs_build(config)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    _swap_in(staging, target)
    return target


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames, so readers never see a half-written folder."""
    staging.chmod(0o755)
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        retired.rmdir()
        target.rename(retired)
        staging.rename(target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(target)


@contextmanager
def _settings_override(settings: Path | None):
    if settings is None:
        yield
        return
    previous = os.environ.get(SETTINGS_ENV)
    os.environ[SETTINGS_ENV] = str(settings.resolve())
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(SETTINGS_ENV, None)
        else:
            os.environ[SETTINGS_ENV] = previous


@dataclass(frozen=True)
class SiteResult:
    """The outcome of one municipality's build in ``build_all``."""

    settings: Path
    target: Path
    seconds: float
    error: str | None = None


def build_all(
    config_file: Path,
    settings_files: list[Path],
    out_dir: Path,
    *,
    jobs: int | None = None,
    on_result: Callable[[SiteResult], None] | None = None,
) -> list[SiteResult]:
    """Build one site per settings file into ``out_dir/<settings stem>/``, in parallel processes.

    Each site is swapped in atomically on its own; a municipality whose input is broken keeps its previous
    folder, and the others are still built. Separate processes (not threads) because each build sets the
    settings through the environment and MkDocs keeps global state.
    """
    stems = [path.stem for path in settings_files]
    clashes = sorted({stem for stem in stems if stems.count(stem) > 1})
    if clashes:
        raise ValueError(f"settings files share a name: {', '.join(clashes)}")
    results = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(_build_one, config_file.resolve(), path.resolve(), (out_dir / path.stem).resolve())
            for path in settings_files
        ]
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            if on_result is not None:
                on_result(result)
    return sorted(results, key=lambda r: r.settings)


def _build_one(config_file: Path, settings: Path, target: Path) -> SiteResult:
    """One build in a worker process; errors come back as text (our exceptions do not pickle)."""
    from mkdocs.exceptions import MkDocsException

    from generator.errors import TetsuzukiError

    started = time.perf_counter()
    try:
        build_site(config_file, site_dir=target, settings=settings)
    except (TetsuzukiError, MkDocsException, OSError, ValueError) as error:
        return SiteResult(settings, target, time.perf_counter() - started, str(error) or type(error).__name__)
    return SiteResult(settings, target, time.perf_counter() - started)
