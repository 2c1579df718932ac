"""Where the build cache is, and whether there is one."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

CACHE_ENV = "TETSUZUKI_CACHE"
CACHE_DIR_ENV = "TETSUZUKI_CACHE_DIR"
DEFAULT_DIR = ".tetsuzuki-cache"


def enabled() -> bool:
    return os.environ.get(CACHE_ENV, "1").strip() != "0"


def cache_dir(default_root: Path | None = None) -> Path | None:
    """Where the cache is: ``$TETSUZUKI_CACHE_DIR``, else ``<default_root>/.tetsuzuki-cache``; ``None`` when off."""
    if not enabled():
        return None
    configured = os.environ.get(CACHE_DIR_ENV, "").strip()
    if configured:
        return Path(configured)
    return default_root / DEFAULT_DIR if default_root is not None else None


@contextmanager
def default_location(root: Path):
    """Use ``<root>/.tetsuzuki-cache`` for this build unless ``TETSUZUKI_CACHE_DIR`` says otherwise."""
    if os.environ.get(CACHE_DIR_ENV, "").strip():
        yield
        return
    os.environ[CACHE_DIR_ENV] = str(root / DEFAULT_DIR)
    try:
        yield
    finally:
        os.environ.pop(CACHE_DIR_ENV, None)
