"""How one build was asked to run: its cache, whether it makes PDFs, the date it prints, its progress lines.

Values, not the environment: ``generator/environment.py`` reads the environment variables once at an edge
(the ``tetsuzuki`` command, or the MkDocs plugin under plain ``mkdocs build``/``serve``) and every layer below
gets this object as an argument (the features through ``Catalog.options``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_CACHE_DIR = ".tetsuzuki-cache"
"""The cache folder of ``tetsuzuki build``, beside ``mkdocs.yml``, when no other folder is given."""
KEEP_DAYS = 30
"""Cached outputs no build has used for this many days are deleted (``generator.cache.pruning.prune``)."""


@dataclass(frozen=True)
class BuildOptions:
    """The defaults are a library call's: no cache folder, PDFs made by one process per core (at most 4), the
    input's own date, progress shown."""

    cache: bool = True
    """``False`` switches the build cache off (``TETSUZUKI_CACHE=0``)."""
    cache_dir: Path | None = None
    """The cache folder (``TETSUZUKI_CACHE_DIR``). ``None``: ``tetsuzuki build`` uses ``.tetsuzuki-cache/``
    beside ``mkdocs.yml`` (``with_cache_beside``); a plain ``mkdocs build`` has no cache."""
    keep_days: int = KEEP_DAYS
    """Cache entries unused for this many days are deleted after a build (``TETSUZUKI_CACHE_DAYS``)."""
    pdfs: bool = True
    """Make the flyer PDFs (``TETSUZUKI_FLYER_PDFS``; ``check`` and ``mkdocs serve`` default to no)."""
    pdf_workers: int | None = None
    """Processes making PDFs side by side (``--pdf-workers``, ``TETSUZUKI_PDF_WORKERS``; 1: in the build's own
    process). ``None``: one per core, at most 4 (``flyers.pdf_pool.default_workers``); ``build --all`` gives each
    town its share of the cores. The PDFs are the same bytes whatever the number."""
    source_date: datetime.date | None = None
    """The date to print and to show notices for (``SOURCE_DATE_EPOCH``); ``None``: the input's newest
    ``reviewed`` date (``generator/dates.py``)."""
    quiet: bool = False
    """``--quiet`` or ``TETSUZUKI_QUIET=1``: no progress lines, and no per-town lines in ``build --all``."""
    ci: bool = False
    """``CI=true``: no progress lines (a CI log is read afterwards), but still a line per town."""

    @property
    def cache_folder(self) -> Path | None:
        """Where this build reads and keeps cached results; ``None`` when it caches nothing."""
        return self.cache_dir if self.cache else None

    @property
    def progress(self) -> bool:
        """Whether progress lines (stages, PDFs n/N) go to stderr."""
        return not (self.quiet or self.ci)

    def with_cache_beside(self, project_root: Path) -> BuildOptions:
        """These options with the cache folder of ``tetsuzuki build``: the given one, else beside ``mkdocs.yml``."""
        return self if self.cache_dir is not None else replace(self, cache_dir=project_root / DEFAULT_CACHE_DIR)

    def output_key(self) -> str:
        """The options that change what a build writes, as text for the town fingerprints (``build --all``)."""
        return f"pdfs={self.pdfs}\nsource_date={self.source_date or ''}\n"
