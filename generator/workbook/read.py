"""Read a filled-in workbook back: check every cell, report every problem with its sheet, row and column.

Nothing is written here; ``import_settings`` in ``generator.workbook.files`` writes the YAML only when this
returns no problem.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pydantic import ValidationError

from generator.loading.messages import explain
from generator.model import Municipality, Procedure
from generator.workbook import layout
from generator.workbook.layout import ALL_PROCEDURES, Column, Kind, column_letter
from generator.workbook.write import Cell, Tables

_PHONE = re.compile(r"0\d{1,4}-\d{1,4}-\d{3,4}")
_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_WIDE_SPACE = "\u3000"


@dataclass(frozen=True, order=True)
class CellProblem:
    """One problem in one cell (``row`` 1-based as the spreadsheet shows it, ``column`` a letter)."""

    sheet_order: int
    row: int
    column_index: int
    sheet: str
    message: str

    @property
    def column(self) -> str:
        return column_letter(self.column_index)

    def __str__(self) -> str:
        where = f"シート {self.sheet}"
        if self.row:
            where += f", {self.row}行目"
            if self.column_index >= 0:
                where += f", {self.column}列"
        return f"{where}: {self.message}"


class WorkbookProblems(Exception):
    """The workbook has problems; nothing was written."""

    def __init__(self, problems: list[CellProblem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"表に {len(self.problems)} 件の 問題が あります。直してから もう一度 読みこんで ください（設定ファイルは 変えて いません）。"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def load_xlsx(path: Path) -> Tables:
    """Every sheet's cell values (dates as ``datetime.date``)."""
    book = load_workbook(path, data_only=True)
    tables: Tables = {}
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_plain(value) for value in row])
        tables[sheet.title] = rows
    return tables


def _plain(value: Any) -> Cell:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def load_csv_folder(folder: Path) -> Tables:
    """The CSV files written by ``write_csv_folder`` (one per sheet, named after it)."""
    tables: Tables = {}
    for name in layout.SHEETS:
        path = folder / f"{name}.csv"
        if path.is_file():
            with path.open(encoding="utf-8-sig", newline="") as handle:
                tables[name] = [list(row) for row in csv.reader(handle)]
    return tables


class _Reader:
    """Collects problems while it turns cells into settings data, remembering which cell each value came from."""

    def __init__(self, procedures: Sequence[Procedure]):
        self.procedures = {p.id: p for p in procedures}
        self.problems: list[CellProblem] = []
        self.cells: dict[tuple, tuple[str, int, int]] = {}

    def problem(self, sheet: str, row: int, column: int, message: str) -> None:
        self.problems.append(CellProblem(layout.SHEETS.index(sheet), row, column, sheet, message))

    def value(self, sheet: str, row: int, index: int, column: Column, raw: Cell, where: tuple) -> Any:
        """One cell's value, checked by kind; ``None`` when empty or wrong (the problem is recorded)."""
        self.cells[where] = (sheet, row, index)
        if isinstance(raw, str):
            if _WIDE_SPACE in raw and (column.kind != Kind.TEXT or raw != raw.strip(_WIDE_SPACE)):
                self.problem(sheet, row, index, f"全角の 空白（　）が 入って います。消すか、半角の 空白に して ください（いまは「{raw}」）。")
                return None
            raw = raw.strip()
            if not raw:
                raw = None
        if raw is None:
            if column.required:
                self.problem(sheet, row, index, f"{column.header}が 空です。書いて ください。")
            return None
        if column.kind == Kind.DATE:
            return self._date(sheet, row, index, raw)
        text = str(raw)
        if column.kind == Kind.CHOICE and text not in column.choices:
            self.problem(sheet, row, index, f"「{text}」は 一覧に ありません。{'、'.join(column.choices)} から えらんで ください。")
            return None
        if column.kind == Kind.PHONE and not (_PHONE.fullmatch(text) and len(re.sub(r"\D", "", text)) in (10, 11)):
            self.problem(sheet, row, index, f"電話番号は 市外局番から ハイフン区切りで、半角の 数字 10けたか 11けたで 書いて ください（例: 0178-88-2111、いまは「{text}」）。")
            return None
        if column.kind in (Kind.CODE, Kind.URL) and re.search(r"\s", text):
            self.problem(sheet, row, index, f"空白は 入れられません（いまは「{text}」）。")
            return None
        return text

    def _date(self, sheet: str, row: int, index: int, raw: Cell) -> datetime.date | None:
        if isinstance(raw, datetime.date):
            return raw
        match = _DATE.fullmatch(str(raw))
        if match:
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
        self.problem(sheet, row, index, f"日付は 2026-11-29 の 形で、ある 日付を 書いて ください（いまは「{raw}」）。")
        return None


def read_tables(tables: Tables, procedures: Sequence[Procedure]) -> Municipality:
    """The settings the workbook describes; raises ``WorkbookProblems`` listing every problem."""
    reader = _Reader(procedures)
    for name in layout.SHEETS[1:]:
        if name not in tables:
            reader.problem(name, 0, -1, f"シート「{name}」が ありません。tetsuzuki workbook write で 作った 表を 使って ください。")
    if reader.problems:
        raise WorkbookProblems(reader.problems)
    for name, columns in layout.TABLES.items():
        header = [str(v or "").strip() for v in (tables[name][0] if tables[name] else [])]
        expected = [c.header for c in columns]
        if header[: len(expected)] != expected:
            reader.problem(name, 1, -1, "1行目の 見出しが 変わって います。tetsuzuki workbook write で 作った 表に 書きなおして ください。")
    if reader.problems:
        raise WorkbookProblems(reader.problems)

    data: dict[str, Any] = {}
    _town(reader, tables[layout.TOWN], data)
    departments = _departments(reader, tables[layout.DEPARTMENTS], data)
    if data.get("default_department") and data["default_department"] not in departments:
        reader.problem(layout.TOWN, *_town_cell("default_department"), _unknown_department(data["default_department"], departments))
    local = _procedures(reader, tables[layout.PROCEDURES], departments, data)
    _answers(reader, tables[layout.ANSWERS], local)
    _notices(reader, tables[layout.NOTICES], local, data)
    entries = {pid: entry for pid, entry in local.items() if _is_set(entry)}
    for entry in entries.values():
        entry.setdefault("department", data.get("default_department"))
    if entries:
        data["procedures"] = entries
    sources = [_record(reader, layout.SOURCES, layout.SOURCE_COLUMNS, row, number, ("sources", i))
               for i, (number, row) in enumerate(_rows(tables[layout.SOURCES]))]
    if sources:
        data["sources"] = sources
    if reader.problems:
        raise WorkbookProblems(reader.problems)
    try:
        return Municipality.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            location = tuple(part for part in detail["loc"] if part != "[key]")
            sheet, row, column = _nearest(reader.cells, location)
            reader.problem(sheet, row, column, explain(detail))
        raise WorkbookProblems(reader.problems) from None


def _rows(rows: list[list[Cell]]) -> list[tuple[int, list[Cell]]]:
    """Data rows with their spreadsheet row numbers, leaving out rows with every cell empty."""
    return [
        (number, row) for number, row in enumerate(rows[1:], start=2)
        if any(v is not None and str(v).strip() for v in row)
    ]


def _record(reader: _Reader, sheet: str, columns: tuple[Column, ...], row: list[Cell], number: int, where: tuple) -> dict[str, Any]:
    record = {}
    for index, column in enumerate(columns):
        if column.kind == Kind.FIXED:
            continue
        value = reader.value(sheet, number, index, column, row[index] if index < len(row) else None, (*where, column.field))
        if value is not None:
            record[column.field] = value
    return record


def _town_cell(field: str) -> tuple[int, int]:
    index = next(i for i, c in enumerate(layout.TOWN_ROWS) if c.field == field)
    return index + 2, 1


def _town(reader: _Reader, rows: list[list[Cell]], data: dict[str, Any]) -> None:
    by_label = {str(row[0]).strip(): (number, row) for number, row in enumerate(rows, start=1) if row and row[0]}
    for column in layout.TOWN_ROWS:
        if column.header not in by_label:
            reader.problem(layout.TOWN, 0, -1, f"「{column.header}」の 行が ありません。A列の 項目名は 変えないで ください。")
            continue
        number, row = by_label[column.header]
        value = reader.value(layout.TOWN, number, 1, column, row[1] if len(row) > 1 else None, (column.field,))
        if value is not None:
            data[column.field] = {v: k for k, v in layout.SAMPLE.items()}[value] if column.field == "sample" else value


def _departments(reader: _Reader, rows: list[list[Cell]], data: dict[str, Any]) -> list[str]:
    departments: dict[str, Any] = {}
    for number, row in _rows(rows):
        record = _record(reader, layout.DEPARTMENTS, layout.DEPARTMENT_COLUMNS, row, number, ("departments", f"row{number}"))
        key = record.pop("key", None)
        if key is None:
            continue
        if key in departments:
            reader.problem(layout.DEPARTMENTS, number, 0, f"キー「{key}」が 2回 あります。課ごとに ちがう キーに して ください。")
            continue
        reader.cells.update({("departments", key, *k[2:]): v for k, v in reader.cells.items() if k[:2] == ("departments", f"row{number}")})
        departments[key] = record
    if not departments:
        reader.problem(layout.DEPARTMENTS, 2, 0, "問い合わせ先が 1つも ありません。少なくとも 1行 書いて ください。")
    data["departments"] = departments
    return list(departments)


def _unknown_department(key: str, departments: list[str]) -> str:
    return f"問い合わせ先「{key}」は 問い合わせ先の シートに ありません。使える キー: {'、'.join(departments) or '（まだ ありません）'}。"


def _procedures(reader: _Reader, rows: list[list[Cell]], departments: list[str], data: dict[str, Any]) -> dict[str, dict]:
    local: dict[str, dict] = {}
    online = {v: k for k, v in layout.ONLINE.items()}
    for number, row in _rows(rows):
        procedure_id = str(row[0] or "").strip()
        if procedure_id not in reader.procedures:
            reader.problem(layout.PROCEDURES, number, 0, f"手続き ID「{procedure_id}」は ありません。A列は 変えないで ください。")
            continue
        if procedure_id in local:
            reader.problem(layout.PROCEDURES, number, 0, f"手続き「{procedure_id}」の 行が 2つ あります。1つに して ください。")
            continue
        record = _record(reader, layout.PROCEDURES, layout.PROCEDURE_COLUMNS, row, number, ("procedures", procedure_id))
        if "department" in record and record["department"] not in departments:
            reader.problem(layout.PROCEDURES, number, 2, _unknown_department(record["department"], departments))
        if "online" in record:
            record["online"] = online[record["online"]]
        local[procedure_id] = record
    return local


def _answers(reader: _Reader, rows: list[list[Cell]], local: dict[str, dict]) -> None:
    for number, row in _rows(rows):
        procedure_id, key = (str(v or "").strip() for v in (row + [None, None, None])[0:3:2])
        procedure = reader.procedures.get(procedure_id)
        if procedure is None or key not in {q.key for q in procedure.ask_locally}:
            reader.problem(layout.ANSWERS, number, 0, "この 行の 手続きか 質問の キーが ありません。A列〜D列は 変えないで ください。")
            continue
        record = _record(reader, layout.ANSWERS, layout.ANSWER_COLUMNS, row, number, ("procedures", procedure_id, "answers", key))
        if "text" in record and "checked" not in record:
            reader.problem(layout.ANSWERS, number, 5, "答えを 確かめた 日が 空です。ページに 日付と いっしょに 出るので、書いて ください。")
        elif "checked" in record and "text" not in record:
            reader.problem(layout.ANSWERS, number, 4, "確かめた 日は ありますが、答えが 空です。答えを 書くか、日付を 消して ください。")
        elif record:
            local.setdefault(procedure_id, {}).setdefault("answers", {})[key] = record


def _notices(reader: _Reader, rows: list[list[Cell]], local: dict[str, dict], data: dict[str, Any]) -> None:
    kinds = {v: k for k, v in layout.NOTICE_KINDS.items()}
    town: list[dict] = []
    for number, row in _rows(rows):
        target = str(row[0] or "").strip()
        if target != ALL_PROCEDURES and target and target not in reader.procedures:
            reader.problem(layout.NOTICES, number, 0, f"「{target}」は 手続きの ID でも「{ALL_PROCEDURES}」でも ありません。")
            continue
        into = town if target == ALL_PROCEDURES else local.setdefault(target, {}).setdefault("notices", [])
        where = ("notices", len(town)) if target == ALL_PROCEDURES else ("procedures", target, "notices", len(into))
        record = _record(reader, layout.NOTICES, layout.NOTICE_COLUMNS, row, number, where)
        record.pop("procedure", None)
        if "kind" in record:
            record["kind"] = kinds[record["kind"]]
        into.append(record)
    if town:
        data["notices"] = town


def _is_set(entry: dict) -> bool:
    """A procedure row says something beyond the defaults (so it gets an entry in the settings)."""
    return any(key != "online" for key in entry) or entry.get("online", "unknown") != "unknown"


def _nearest(cells: dict[tuple, tuple[str, int, int]], location: tuple) -> tuple[str, int, int]:
    """The cell a model error belongs to: the exact value's cell, else the first cell of its record."""
    for length in range(len(location), 0, -1):
        prefix = location[:length]
        if prefix in cells:
            return cells[prefix]
        matches = [cell for key, cell in cells.items() if key[:length] == prefix]
        if matches:
            sheet, row, _ = min(matches)
            return sheet, row, -1
    return layout.TOWN, 0, -1
