"""Atomic site builds: build into a temporary folder next to ``site/`` and swap it in only on success.

Why not ``mkdocs build`` straight into ``site/``: MkDocs cleans the output folder before it writes, so a
failure half-way (a template error, a full disk) would leave residents with a half-broken site.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
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
