"""Open what staff hand in (an xlsx file or a folder of CSV files) as plain sheets, or say in Japanese why not.

Every way a file can be unreadable ends here as ``UnreadableWorkbook``: an empty or truncated file, a file
that is not a zip, a zip that is not a workbook, a macro workbook or an old ``.xls``, a CSV in an encoding
other than UTF-8 or CP932 (Excel's Japanese CSV), a sheet too large to be a settings sheet. The reader then
sees ``Sheet`` objects: the values as staff see them, which sheets are hidden, where cells are merged and
which cells hold formulas.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import TetsuzukiError
from generator.workbook import layout

MAX_ROWS = 2000
"""Rows with a value that a sheet may have: 27 procedures, about 90 questions, a few departments fit easily."""
MAX_ALL_ROWS = 20000
"""Rows of any kind (empty but formatted ones too) that are read before a sheet is refused."""

_OTHER_FORMATS = {
    ".xlsm": "マクロ付きの ブック（.xlsm）",
    ".xls": "古い 形式の Excel ファイル（.xls）",
    ".xlsb": "バイナリ形式の ブック（.xlsb）",
    ".ods": "LibreOffice の ファイル（.ods）",
    ".numbers": "Numbers の ファイル",
}
_SAVE_AS_XLSX = "Excel で ひらいて「名前を 付けて 保存」→「Excel ブック（*.xlsx）」で 保存して から、その ファイルを 指定して ください。"


class UnreadableWorkbook(TetsuzukiError):
    """The file cannot be read as a workbook; the message says what it is and what to do."""

    def __init__(self, path: Path, message: str):
        super().__init__(f"{path}: {message}（設定ファイルは 変えて いません）")


Cell = Any


@dataclass
class Sheet:
    """One sheet as staff see it. ``rows`` hold values (dates as ``datetime.date``); positions are 1-based."""

    title: str
    rows: list[list[Cell]]
    hidden: bool = False
    formulas: set[tuple[int, int]] = field(default_factory=set)
    """(row, column) of cells holding a formula instead of a value."""
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Merged ranges as (first row, first column, last row, last column)."""
    encoding: str | None = None
    """For a CSV file read as CP932: its encoding (the reader says so)."""


def open_source(path: Path) -> list[Sheet]:
    """The sheets of ``path``: an ``.xlsx`` file or a folder of CSV files written by ``workbook write``."""
    if path.is_dir():
        return _csv_folder(path)
    suffix = path.suffix.lower()
    if suffix in _OTHER_FORMATS:
        raise UnreadableWorkbook(path, f"{_OTHER_FORMATS[suffix]}は 読めません。{_SAVE_AS_XLSX}")
    if suffix == ".csv":
        raise UnreadableWorkbook(
            path, "CSV は 1つずつでは なく、tetsuzuki workbook write で 作った フォルダごと 指定して ください（シートごとの CSV が 入った フォルダ）。"
        )
    if suffix != ".xlsx":
        raise UnreadableWorkbook(path, "Excel の ブック（.xlsx）か、CSV の フォルダを 指定して ください。")
    return _xlsx(path)


def _xlsx(path: Path) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnreadableWorkbook(path, f"ファイルを ひらけません（{error.strerror}）。") from None
    if size == 0:
        raise UnreadableWorkbook(path, "ファイルが 空です（0 バイト）。コピーか ダウンロードが とちゅうで 止まったかも しれません。もう一度 保存して ください。")
    if not zipfile.is_zipfile(path):
        raise UnreadableWorkbook(path, f"Excel の ブック（.xlsx）では ありません（中身が ちがう 形式です）。{_SAVE_AS_XLSX}")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise UnreadableWorkbook(path, f"zip ファイルですが、Excel の ブックでは ありません。{_SAVE_AS_XLSX}")
    try:
        _refuse_huge(path)
        # Not data_only: a formula is reported as a formula (its cached value may be stale or missing).
        book = load_workbook(path)
    except UnreadableWorkbook:
        raise
    except Exception as error:  # openpyxl raises many kinds (KeyError, XML errors, …) for a damaged file
        raise UnreadableWorkbook(path, f"Excel の ブックと して 読めませんでした（{type(error).__name__}）。{_SAVE_AS_XLSX}") from None
    sheets = []
    for sheet in book.worksheets:
        rows: list[list[Cell]] = []
        formulas = set()
        for row in sheet.iter_rows():
            values = []
            for cell in row:
                if cell.data_type == "f":
                    formulas.add((cell.row, cell.column))
                    values.append(None)
                else:
                    values.append(_plain(cell.value))
            rows.append(values)
        merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
        sheets.append(Sheet(sheet.title, rows, sheet.sheet_state != "visible", formulas, merged))
    return sheets


def _refuse_huge(path: Path) -> None:
    """Stop early, naming the sheet, when a sheet has far more rows than settings can have (a streamed pass)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        for sheet in book.worksheets:
            filled = 0
            for count, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if any(value not in (None, "") for value in row):
                    filled += 1
                if filled > MAX_ROWS or count > MAX_ALL_ROWS:
                    raise UnreadableWorkbook(path, _too_many(sheet.title))
    finally:
        book.close()


def _too_many(title: str) -> str:
    return (f"シート「{title}」の 行が 多すぎます（{MAX_ROWS:,}行より 多い）。設定の 表には そんなに 行は いりません。"
            "まちがって 貼りつけた 行を 消して から、もう一度 読みこんで ください。")


def _plain(value: Any) -> Cell:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.time):
        return f"{value.hour}:{value.minute:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _csv_folder(folder: Path) -> list[Sheet]:
    files = sorted(folder.glob("*.csv"), key=lambda p: (p.stem not in layout.SHEETS, p.name))
    if not files:
        raise UnreadableWorkbook(folder, "この フォルダには CSV ファイルが ありません。tetsuzuki workbook write で 作った CSV の フォルダを 指定して ください。")
    sheets = []
    for path in files:
        data = path.read_bytes()
        encoding = None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp932")
                encoding = "CP932（Shift_JIS）"
            except UnicodeDecodeError:
                raise UnreadableWorkbook(
                    path, "文字コードが 読めません。Excel で「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で 保存して ください。"
                ) from None
        rows = []
        filled = 0
        for count, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            rows.append([_from_csv(value) for value in row])
            filled += any(v.strip() for v in row)
            if filled > MAX_ROWS or count > MAX_ALL_ROWS:
                raise UnreadableWorkbook(path, _too_many(path.stem))
        sheets.append(Sheet(path.stem, rows, encoding=encoding))
    return sheets


def _from_csv(value: str) -> str:
    """Undo ``write.csv_text``: one leading ``'`` that kept a formula-like text from running is dropped."""
    from generator.workbook.write import runs_as_formula

    if value.startswith("'") and runs_as_formula(value.lstrip("'")):
        return value[1:]
    return value
