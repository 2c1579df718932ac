"""The two commands' work: settings file → workbook, and workbook → settings file (only when all is well)."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError
from generator.loading import load_catalog
from generator.loading.yaml_source import load_yaml
from generator.model import Municipality, Procedure
from generator.workbook.read import CellProblem, WorkbookProblems, load_csv_folder, load_xlsx, read_tables
from generator.workbook.write import workbook_tables, write_csv_folder, write_workbook
from generator.workbook.yaml_out import SCHEMA_LINE, header_of, settings_yaml


def _catalog(procedures_dir: Path, settings: Path):
    return load_catalog(procedures_dir, settings)


def export_settings(procedures_dir: Path, settings: Path, target: Path) -> list[Path]:
    """Write the workbook for ``settings``: ``target`` ending in ``.xlsx``, otherwise a folder of CSV files."""
    catalog = _catalog(procedures_dir, settings)
    tables = workbook_tables(catalog.municipality, catalog.procedures)
    if target.suffix.lower() == ".xlsx":
        write_workbook(tables, target, [p.id for p in catalog.procedures])
        return [target]
    return write_csv_folder(tables, target)


@dataclass(frozen=True)
class ImportResult:
    settings: Path
    changed: bool


def import_settings(procedures_dir: Path, source: Path, settings: Path) -> ImportResult:
    """Read ``source`` (xlsx, or a folder of CSV files) and write ``settings`` only if every cell is right.

    Raises ``WorkbookProblems`` (every cell problem) and leaves ``settings`` untouched otherwise. The new file
    keeps the comment block at the top of the old one; it is checked with the same loader as a build before
    it replaces the old file, in one rename.
    """
    remove_leftovers(settings)
    tables = load_xlsx(source) if source.suffix.lower() == ".xlsx" else load_csv_folder(source)
    procedures = _procedures(procedures_dir)
    municipality = read_tables(tables, procedures)
    header = header_of(settings.read_text(encoding="utf-8")) if settings.is_file() else SCHEMA_LINE + "\n"
    text = settings_yaml(municipality, header)
    if settings.is_file() and settings.read_text(encoding="utf-8") == text:
        return ImportResult(settings, changed=False)
    settings.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{settings.name}{TEMPORARY}", dir=settings.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        try:
            load_catalog(procedures_dir, Path(temporary))
        except InputError as error:
            # The cell checks should have caught these; say what is wrong rather than write a broken file.
            raise WorkbookProblems(
                [CellProblem(0, 0, -1, "自治体", f"{p.field}: {p.message}") for p in error.problems]
            ) from None
        os.replace(temporary, settings)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return ImportResult(settings, changed=True)


TEMPORARY = ".tmp-"
"""``.koge.yml.tmp-x1y2z3``: the new settings before the rename. Hidden and not ``*.yml``, so no settings glob
matches it even when a killed read leaves it behind (``is_leftover`` skips hidden files anyway)."""

LEFTOVER_AGE_SECONDS = 60
"""A temporary file older than this is a killed read's (a read takes about a second); younger may be running."""


def remove_leftovers(settings: Path) -> list[Path]:
    """Delete what killed reads of ``settings`` left: ``.koge.yml.tmp-*`` and the older ``.koge.XXXXXXXX.yml``."""
    now = time.time()
    removed = []
    patterns = (f".{settings.name}{TEMPORARY}*", f".{settings.stem}.{'[a-z0-9_]' * 8}.yml")
    for pattern in patterns:
        for path in settings.parent.glob(pattern):
            try:
                if path.is_file() and not path.is_symlink() and now - path.stat().st_mtime > LEFTOVER_AGE_SECONDS:
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue
    return removed


def _procedures(procedures_dir: Path) -> list[Procedure]:
    """The procedures (without any settings) for the questions and ids the workbook refers to."""
    from generator.loading import procedure_files

    result = []
    for path in procedure_files(procedures_dir):
        document = load_yaml(path)
        try:
            result.append(Procedure.model_validate(document.data))
        except Exception:  # a broken procedure file is reported by `tetsuzuki check`, not here
            continue
    return result


__all__ = ["ImportResult", "Municipality", "export_settings", "import_settings"]
