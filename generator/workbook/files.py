"""The two commands' work: settings file → workbook, and workbook → settings file (only when all is well)."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from generator.file_modes import new_file_mode
from generator.errors import InputError, TetsuzukiError
from generator.loading import load_catalog
from generator.loading.yaml_source import load_yaml
from generator.model import Municipality, Procedure
from generator.hours_words import hours_line
from generator.loading.strings import string_table
from generator.model.hours import WeeklyHours
from generator.workbook import layout
from generator.workbook.read import CellProblem, WorkbookProblems, read_sheets
from generator.workbook.source import Sheet, open_source
from generator.workbook.write import workbook_tables, write_csv_folder, write_workbook
from generator.workbook.yaml_out import SCHEMA_LINE, header_of, settings_yaml


def _catalog(procedures_dir: Path, settings: Path):
    return load_catalog(procedures_dir, settings)


class WorkbookRefused(TetsuzukiError):
    """The workbook cannot be written or read into these settings; the message says why and what to do."""


def export_settings(procedures_dir: Path, settings: Path, target: Path) -> list[Path]:
    """Write the workbook for ``settings``: ``target`` ending in ``.xlsx``, otherwise a folder of CSV files.

    Never overwrites: a filled-in workbook (or a settings file named by mistake) is worth more than a new one.
    """
    _refuse_existing(target)
    catalog = _catalog(procedures_dir, settings)
    tables = workbook_tables(catalog.municipality, catalog.procedures, settings.name)
    if target.suffix.lower() == ".xlsx":
        write_workbook(tables, target, [p.id for p in catalog.procedures])
        return [target]
    return write_csv_folder(tables, target)


def _refuse_existing(target: Path) -> None:
    if target.suffix.lower() in (".yml", ".yaml", ".csv", ".xlsm", ".xls"):
        raise WorkbookRefused(
            f"{target}: 表の 名前は「〇〇.xlsx」（Excel）か、CSV を 入れる フォルダの 名前に して ください"
            f"（{target.suffix} の ファイルには 書きません）。"
        )
    if target.is_file() or target.is_symlink():
        raise WorkbookRefused(f"{target}: この ファイルは もう あります。上書きは しません。ほかの 名前に するか、いらなければ 消して から もう一度 作って ください。")
    if target.is_dir() and any((target / f"{name}.csv").exists() for name in layout.SHEETS):
        raise WorkbookRefused(f"{target}: この フォルダには もう 表の CSV が あります。上書きは しません。ほかの フォルダを 指定して ください。")


@dataclass(frozen=True)
class ImportResult:
    settings: Path
    changed: bool
    converted: Sequence[CellProblem] = field(default_factory=tuple)
    """Cells read in another form than written, one line each (「０１７８…」を「0178…」と して 読みました)."""
    warnings: Sequence[CellProblem] = field(default_factory=tuple)


def import_settings(procedures_dir: Path, source: Path, settings: Path, *, force: bool = False) -> ImportResult:
    """Read ``source`` (xlsx, or a folder of CSV files) and write ``settings`` only if every cell is right.

    Raises ``UnreadableWorkbook`` (the file cannot be read), ``WorkbookRefused`` (a workbook of another town,
    unless ``force``) or ``WorkbookProblems`` (every cell problem) and leaves ``settings`` untouched then. The
    new file keeps the comment block at the top of the old one and its mode; it is checked with the same loader
    as a build before it replaces the old file, in one rename (through a symbolic link, into the file it names).
    """
    remove_leftovers(settings)
    sheets = open_source(source)
    if not force:
        _refuse_other_town(sheets, settings, None)
    procedures = _procedures(procedures_dir)
    result = read_sheets(sheets, procedures)
    municipality = result.municipality
    if not force:
        _refuse_other_town(sheets, settings, municipality.name)
    target = _real_file(settings)
    old = target.read_text(encoding="utf-8") if target.is_file() else None
    if old is not None:
        municipality = keep_weekly_hours(municipality, target)
    header = header_of(old) if old is not None else SCHEMA_LINE + "\n"
    text = settings_yaml(municipality, header)
    if old == text:
        return ImportResult(settings, False, result.converted, result.warnings)
    try:
        _replace(procedures_dir, target, settings.name, text)
    except OSError as error:
        raise WorkbookRefused(f"{settings}: 設定ファイルを 書けませんでした（{error.strerror}）。フォルダと ファイルの 書きこみの 権限を たしかめて ください。") from None
    return ImportResult(settings, True, result.converted, result.warnings)


def _real_file(settings: Path) -> Path:
    """The file to replace: the settings file itself, or the file its symbolic link names (written through)."""
    if not settings.is_symlink():
        return settings
    real = settings.resolve()
    if not real.is_file():
        raise WorkbookRefused(
            f"{settings}: この 設定ファイルは リンクですが、リンク先の ファイル（{real}）が ありません。"
            "リンクを 直すか、リンクを 消して から もう一度 読みこんで ください。"
        )
    return real


def _replace(procedures_dir: Path, target: Path, name: str, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        mode = stat.S_IMODE(target.stat().st_mode)
    else:
        mode = new_file_mode()
    handle, temporary = tempfile.mkstemp(prefix=f".{name}{TEMPORARY}", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, mode)  # mkstemp makes 0600: the web server or CI user must still read the file
        try:
            load_catalog(procedures_dir, Path(temporary))
        except InputError as error:
            # The cell checks should have caught these; say what is wrong rather than write a broken file.
            raise WorkbookProblems(
                [CellProblem(0, 0, -1, "（表 全体）", f"設定ファイルに すると 問題が あります: {p.field or 'ファイル'}: {p.message}")
                 for p in error.problems]
            ) from None
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _made_for(sheets: Sequence[Sheet]) -> str | None:
    """The settings file named on the 説明 sheet (``None`` for a workbook without that line)."""
    for sheet in sheets:
        for row in sheet.rows:
            text = str(row[0]).strip() if row and row[0] else ""
            if text.startswith(layout.SETTINGS_MARK):
                return text[len(layout.SETTINGS_MARK):].split("（")[0].strip()
    return None


def _refuse_other_town(sheets: Sequence[Sheet], settings: Path, name: str | None) -> None:
    """A workbook made from another settings file, or naming another town, is not read into these settings."""
    if not settings.exists():
        return
    made_for = _made_for(sheets)
    try:
        current = (load_yaml(settings).data or {}).get("name")
    except Exception:  # a settings file that does not load is replaced as before; the loader checks the new one
        current = None
    fix = "正しい 設定ファイルを --settings で 指定して ください。本当に この 表で 上書きする ときは --force を つけて ください。"
    if name is None and made_for and made_for != settings.name:
        raise WorkbookRefused(f"この 表は 設定ファイル「{made_for}」から 作った ものです。「{settings.name}」（{current or '名前 なし'}）には 読みこみません。{fix}")
    if name is not None and made_for is None and isinstance(current, str) and current.strip() != name:
        raise WorkbookRefused(f"この 表は「{name}」の ものです。「{settings.name}」は「{current}」の 設定なので、読みこみません。{fix}")


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
    folders = dict.fromkeys([settings.parent, settings.resolve().parent])  # a linked file is written beside its target
    for pattern in patterns:
        for path in [p for folder in folders for p in folder.glob(pattern)]:
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


def keep_weekly_hours(municipality: Municipality, old: Path) -> Municipality:
    """The workbook shows hours kept per weekday as one line of text. Where that line came back unchanged, the
    week of the old settings file stays (the round trip loses nothing); a changed line is the town's new text."""
    try:
        before = Municipality.model_validate(load_yaml(old).data)
    except ValidationError:
        return municipality  # an old file that no longer loads has no week to keep
    departments = dict(municipality.departments)
    for key, department in municipality.departments.items():
        previous = before.departments.get(key)
        if previous is not None and isinstance(previous.hours, WeeklyHours) and department.hours == hours_line(previous.hours, string_table()):
            departments[key] = department.model_copy(update={"hours": previous.hours})
    return municipality.model_copy(update={"departments": departments})
