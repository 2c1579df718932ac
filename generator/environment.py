"""The environment variables a build honours, read in one place and turned into ``BuildOptions``.

Called only at the edges: the ``tetsuzuki`` command (``cli.py``) once per run, the MkDocs plugin's
``on_config`` when plain ``mkdocs build``/``serve`` runs it without our command, and ``build_site`` for a
library caller (tests, benchmarks) that passes no options. Below the edges the values travel as arguments,
and nothing writes ``os.environ``. Every variable that the user may set is listed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.dates import SOURCE_DATE_EPOCH, parse_source_date
from generator.errors import BadEnvironment
from generator.model.options import KEEP_DAYS, BuildOptions

CACHE_ENV = "TETSUZUKI_CACHE"
"""``0`` switches the build cache off."""
CACHE_DIR_ENV = "TETSUZUKI_CACHE_DIR"
"""Another cache folder than ``.tetsuzuki-cache/`` beside ``mkdocs.yml``."""
KEEP_DAYS_ENV = "TETSUZUKI_CACHE_DAYS"
"""Days an unused cache entry is kept (a whole number, at least 1)."""
PDF_ENV = "TETSUZUKI_FLYER_PDFS"
"""``0``: no flyer PDFs; anything else: PDFs. Unset: PDFs, except in ``check`` and ``mkdocs serve``."""
PDF_WORKERS_ENV = "TETSUZUKI_PDF_WORKERS"
"""How many processes make PDFs side by side (a whole number, at least 1); what ``--pdf-workers`` says."""
QUIET_ENV = "TETSUZUKI_QUIET"
"""Anything but ``0``: no progress lines (what ``--quiet`` does)."""
SETTINGS_ENV = "TETSUZUKI_SETTINGS"
"""Another municipality settings file for plain ``mkdocs build``/``serve`` (and ``tetsuzuki serve --settings``)."""


def build_options(environ: Mapping[str, str], *, pdfs_default: bool = True) -> BuildOptions:
    """What ``environ`` asks of a build. A value that cannot be used raises ``BadEnvironment`` naming it.

    ``pdfs_default``: whether PDFs are made when ``TETSUZUKI_FLYER_PDFS`` is not set (``check`` and the live
    preview say no).
    """
    folder = environ.get(CACHE_DIR_ENV, "").strip()
    pdfs = environ.get(PDF_ENV)
    return BuildOptions(
        cache=environ.get(CACHE_ENV, "1").strip() != "0",
        cache_dir=Path(folder) if folder else None,
        keep_days=keep_days(environ),
        pdfs=pdfs_default if pdfs is None else pdfs.strip() != "0",
        pdf_workers=pdf_workers(environ.get(PDF_WORKERS_ENV, ""), f"環境変数 {PDF_WORKERS_ENV}"),
        source_date=parse_source_date(environ.get(SOURCE_DATE_EPOCH, "")),
        quiet=environ.get(QUIET_ENV, "0").strip() not in ("", "0"),
        ci=environ.get("CI", "").strip().lower() == "true",
    )


def keep_days(environ: Mapping[str, str]) -> int:
    """``TETSUZUKI_CACHE_DAYS`` (a whole number of days, at least 1), else ``KEEP_DAYS``."""
    days = _whole_number(environ.get(KEEP_DAYS_ENV, ""), f"環境変数 {KEEP_DAYS_ENV}", "キャッシュを のこす 日数")
    return KEEP_DAYS if days is None else days


def pdf_workers(text: str, given_as: str) -> int | None:
    """How many processes make PDFs side by side, from ``TETSUZUKI_PDF_WORKERS`` or ``--pdf-workers`` (named
    in ``given_as`` for the message); ``None`` when empty (one per core, ``flyers.pdf_pool.default_workers``)."""
    return _whole_number(text, given_as, "PDF を 同時に 作る プロセスの 数")


def _whole_number(text: str, given_as: str, meaning: str) -> int | None:
    """``text`` as a whole number of at least 1 (half-width digits), ``None`` when empty; anything else raises
    ``BadEnvironment`` saying what was given and what is expected."""
    text = text.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise BadEnvironment(f"{given_as} は、{meaning}です。1 以上の 整数（半角）に して ください（いまは「{text}」）。")
    return int(text)


def settings_file(environ: Mapping[str, str]) -> str | None:
    """The settings file ``TETSUZUKI_SETTINGS`` names (relative to ``mkdocs.yml``), ``None`` when unset."""
    return environ.get(SETTINGS_ENV) or None
