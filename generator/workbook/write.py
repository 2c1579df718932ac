"""Make the ready-to-fill workbook (xlsx or a folder of CSV files) from the settings and the procedures."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from generator.hours_words import hours_line
from generator.loading.strings import string_table
from generator.model import Category, Municipality, Procedure
from generator.site.open_data import neutralise_formula
from generator.workbook import layout
from generator.workbook.layout import ALL_PROCEDURES, Column, Kind

Cell = str | bool | datetime.date | None
Tables = dict[str, list[list[Cell]]]
"""Every sheet as rows of cells, header row first (the 説明 sheet: one text per row)."""

_FIXED_FILL = PatternFill("solid", fgColor="E7E6E6")
_HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")


def procedure_order(municipality: Municipality, procedures: Sequence[Procedure]) -> list[Procedure]:
    """Procedures in the settings file's order first, then the rest by category and id (k, c, d)."""
    by_id = {p.id: p for p in procedures}
    listed = [by_id[i] for i in municipality.procedures if i in by_id]
    rest = sorted(
        (p for p in procedures if p.id not in municipality.procedures),
        key=lambda p: (list(Category).index(p.category), p.id),
    )
    return listed + rest


def workbook_tables(municipality: Municipality, procedures: Sequence[Procedure], settings_name: str | None = None) -> Tables:
    """The cells of every sheet, with the current values filled in (``settings_name``: the settings file's name,
    written on the 説明 sheet so the workbook cannot be read into another town's settings unnoticed)."""
    ordered = procedure_order(municipality, procedures)
    town: list[list[Cell]] = [list(layout.TOWN_HEADERS)]
    for column in layout.TOWN_ROWS:
        value = getattr(municipality, column.field)
        if column.field == "sample":
            value = layout.SAMPLE[value]
        elif column.field == "licence" and "licence" not in municipality.model_fields_set:
            value = None
        town.append([column.header, value, _hint(column)])

    departments: list[list[Cell]] = [[c.header for c in layout.DEPARTMENT_COLUMNS]]
    for key, department in municipality.departments.items():
        # Every column by its field, so a field added to the layout is written too (not only read back).
        # Hours kept per weekday are written as their one-line summary; reading back keeps the week while the
        # cell is unchanged (``workbook.files.keep_weekly_hours``).
        departments.append([
            key,
            *(hours_line(department.hours, string_table()) if column.field == "hours" else getattr(department, column.field) for column in layout.DEPARTMENT_COLUMNS[1:]),
        ])

    rows: list[list[Cell]] = [[c.header for c in layout.PROCEDURE_COLUMNS]]
    answers: list[list[Cell]] = [[c.header for c in layout.ANSWER_COLUMNS]]
    notices: list[list[Cell]] = [[c.header for c in layout.NOTICE_COLUMNS]]
    for notice in municipality.notices:
        notices.append([ALL_PROCEDURES, layout.NOTICE_KINDS[notice.kind], notice.text, notice.since, notice.until])
    for procedure in ordered:
        local = municipality.procedures.get(procedure.id)
        online = layout.ONLINE[local.online if local else "unknown"]
        rows.append(
            [procedure.id, procedure.title, local.department if local else None, online,
             local.mynaportal_url if local else None, local.note if local else None]
        )
        for question in procedure.ask_locally:
            answer = local.answers.get(question.key) if local else None
            answers.append(
                [procedure.id, procedure.title, question.key, question.text,
                 answer.text if answer else None, answer.checked if answer else None]
            )
        for notice in local.notices if local else []:
            notices.append([procedure.id, layout.NOTICE_KINDS[notice.kind], notice.text, notice.since, notice.until])

    sources: list[list[Cell]] = [[c.header for c in layout.SOURCE_COLUMNS]]
    sources += [[source.title, source.url] for source in municipality.sources]
    return {
        layout.HELP: [[line.format(name=municipality.name)] for line in layout.HELP_TEXT]
        + ([[""], [f"{layout.SETTINGS_MARK}{settings_name}（{municipality.name}）"]] if settings_name else []),
        layout.TOWN: town,
        layout.DEPARTMENTS: departments,
        layout.PROCEDURES: rows,
        layout.ANSWERS: answers,
        layout.NOTICES: notices,
        layout.SOURCES: sources,
    }


def _hint(column: Column) -> str:
    hints = {
        Kind.URL: "https:// で はじまる URL",
        Kind.DATE: "2026-11-29 の 形",
        Kind.CHOICE: "一覧から えらびます（" + "、".join(column.choices) + "）",
        Kind.CODE: "問い合わせ先の シートの キー",
    }
    text = hints.get(column.kind, "文章")
    return ("必須。" if column.required else "なくても かまいません。") + text


def runs_as_formula(text: object) -> bool:
    """A text a spreadsheet would run as a formula when it is typed or read from a CSV (``=…``, ``+…``, ``@…``)."""
    return isinstance(text, str) and neutralise_formula(text) != text


def csv_text(value: Cell) -> str:
    """A cell as CSV text. A formula-like text gets a leading ``'`` (as in the open data), and so does one that
    already starts with ``'`` before such a text, so reading back (``source._from_csv``) drops exactly one."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and runs_as_formula(value.lstrip("'")):
        return "'" + value
    return value


def _append(sheet, row: list[Cell]) -> None:
    """Append a row; text is always stored as text, never as a formula (openpyxl makes ``=…`` a formula)."""
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"


def write_workbook(tables: Tables, path: Path, procedure_ids: Sequence[str]) -> None:
    """Save ``tables`` as an xlsx file with drop-down lists, date checks and read-only columns in grey."""
    book = Workbook()
    book.remove(book.active)
    help_sheet = book.create_sheet(layout.HELP)
    for row in tables[layout.HELP]:
        _append(help_sheet, row)
    help_sheet.column_dimensions["A"].width = 110
    help_sheet["A1"].font = Font(bold=True, size=14)
    for cell in help_sheet["A"]:
        if cell.value in ("シートの 使い方", "書き方の 決まり"):
            cell.font = Font(bold=True)

    town = book.create_sheet(layout.TOWN)
    for row in tables[layout.TOWN]:
        _append(town, row)
    _header(town, 3)
    for letter, width in (("A", 44), ("B", 48), ("C", 52)):
        town.column_dimensions[letter].width = width
    for index, column in enumerate(layout.TOWN_ROWS, start=2):
        town.cell(index, 1).fill = _FIXED_FILL
        town.cell(index, 3).fill = _FIXED_FILL
        _format(town.cell(index, 2), column)
        if column.kind == Kind.CHOICE:
            _choices(town, column.choices, f"B{index}")
        elif column.kind == Kind.DATE:
            _dates(town, f"B{index}")
        elif column.field == "default_department":
            _department_list(town, f"B{index}")

    departments_count = max(len(tables[layout.DEPARTMENTS]) - 1 + layout.EMPTY_ROWS[layout.DEPARTMENTS], 1)
    for name, columns in layout.TABLES.items():
        sheet = book.create_sheet(name)
        for row in tables[name]:
            _append(sheet, row)
        last = len(tables[name]) + layout.EMPTY_ROWS.get(name, 0)
        _header(sheet, len(columns))
        sheet.freeze_panes = "A2"
        for position, column in enumerate(columns):
            letter = layout.column_letter(position)
            sheet.column_dimensions[letter].width = column.width
            area = f"{letter}2:{letter}{max(last, 2)}"
            for row_number in range(2, last + 1):
                cell = sheet.cell(row_number, position + 1)
                if column.kind == Kind.FIXED:
                    cell.fill = _FIXED_FILL
                _format(cell, column)
            if column.kind == Kind.CHOICE:
                _choices(sheet, column.choices, area)
            elif column.kind == Kind.DATE:
                _dates(sheet, area)
            elif column.field == "department":
                _department_list(sheet, area, departments_count)
            elif name == layout.NOTICES and column.field == "procedure":
                _choices(sheet, (ALL_PROCEDURES, *procedure_ids), area)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _header(sheet, count: int) -> None:
    for index in range(1, count + 1):
        cell = sheet.cell(1, index)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _format(cell, column: Column) -> None:
    # Text format keeps 0178-… phone numbers and ids exactly as typed (Excel would turn them into numbers).
    cell.number_format = "yyyy-mm-dd" if column.kind == Kind.DATE else "@"
    cell.alignment = Alignment(wrap_text=column.kind in (Kind.TEXT, Kind.FIXED), vertical="top")


def _choices(sheet, choices: Sequence[str], area: str) -> None:
    rule = DataValidation(
        type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True, showErrorMessage=True,
        errorTitle="一覧に ない 値です", error="▼ を 押して、一覧から えらんで ください。",
    )
    rule.add(area)
    sheet.add_data_validation(rule)


def _dates(sheet, area: str) -> None:
    rule = DataValidation(
        type="date", operator="greaterThan", formula1="36526", allow_blank=True, showErrorMessage=True,
        errorTitle="日付では ありません", error="2026-11-29 の 形で 日付を 書いて ください。",
    )
    rule.add(area)
    sheet.add_data_validation(rule)


def _department_list(sheet, area: str, rows: int = 50) -> None:
    rule = DataValidation(
        type="list", formula1=f"'{layout.DEPARTMENTS}'!$A$2:$A${rows + 1}", allow_blank=True, showErrorMessage=True,
        errorTitle="問い合わせ先に ない キーです", error="問い合わせ先の シートに ある キーを えらんで ください。",
    )
    rule.add(area)
    sheet.add_data_validation(rule)


def write_csv_folder(tables: Tables, folder: Path) -> list[Path]:
    """One CSV per sheet (UTF-8 with BOM, so Excel opens it in Japanese); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables.items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            for row in rows:
                writer.writerow([csv_text(v) for v in row])
        written.append(path)
    return written
