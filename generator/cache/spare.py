"""Where the cache keeps the empty folders of a site before last (``generator/output_swap.py`` fills and takes
them; ``pruning.prune`` deletes those no build has used for ``TETSUZUKI_CACHE_DAYS`` days)."""

from __future__ import annotations

import hashlib
from pathlib import Path

SPARE = "spare"
"""The cache's folder of the sites' kept (empty) folders (``spare_path``)."""


def spare_path(cache_folder: Path, target: Path) -> Path:
    """Where the empty folders of the site before last of ``target`` are kept: in the cache, never beside the site."""
    name = hashlib.sha256(str(target.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return cache_folder / SPARE / name
