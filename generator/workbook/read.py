"""Read a filled-in workbook back in one pass: every problem at once, each pinned to its sheet, row and column.

Sheets are found by name, else by their header row, so a renamed or reordered sheet is read and named; each
cell is checked on its own, so a row with two mistakes gives two messages; a cell already reported never
causes a second, false message (a missing date, an unknown department); values with exactly one meaning are
converted (``values.py``) and listed cell by cell. Addresses go through the build's own allowlist
(``generator.flyers.safety``). Nothing is written here; ``import_settings`` in ``generator.workbook.files``
writes the YAML only when this returns no problem.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from generator.errors import TetsuzukiError
from generator.flyers.safety import MYNAPORTAL_DOMAIN, Allowlist, UnsafeQrUrl, site_allowlist
from generator.loading.messages import explain
from generator.model import Municipality, Procedure
from generator.workbook import layout, values
from generator.workbook.layout import ALL_PROCEDURES, Column, Kind, column_letter
from generator.workbook.source import Sheet
from generator.workbook.write import Cell, Tables

_PHONE = re.compile(r"0\d{1,4}-\d{1,4}-\d{3,4}")
_WIDTH_FORMS = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
"""Full-width ASCII forms (！ to ～) → ASCII: all an address may need converting, the rest of it stays as typed."""
_OTHER = 99
"""Sort order of sheets that are none of the workbook's (extra or hidden ones)."""


@dataclass(frozen=True, order=True)
class CellProblem:
    """One message about one cell (``row`` 1-based as the spreadsheet shows it, ``column`` a letter)."""

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


class WorkbookProblems(TetsuzukiError):
    """The workbook has problems; nothing was written. ``notes`` are the conversions and warnings found too."""

    def __init__(self, problems: list[CellProblem], notes: Sequence[CellProblem] = ()):
        self.problems = sorted(set(problems))
        self.notes = sorted(set(notes))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"表に {len(self.problems)} 件の 問題が あります。直してから もう一度 読みこんで ください（設定ファイルは 変えて いません）。"]
        lines += [f"  {problem}" for problem in self.problems]
        if self.notes:
            lines.append("ほかに 次の ことが ありました（直さなくても 読めます）:")
            lines += [f"  {note}" for note in self.notes]
        return "\n".join(lines)


@dataclass
class ReadResult:
    municipality: Municipality
    converted: list[CellProblem] = field(default_factory=list)
    """Values read in another form than written (full-width digits, 和暦, spaces, merged cells, renamed sheets)."""
    warnings: list[CellProblem] = field(default_factory=list)
    """Things that are allowed but probably not meant (a URL that will not be shown)."""


@dataclass
class _Place:
    """A sheet found for one of the workbook's parts: where its columns are."""

    sheet: Sheet
    order: int
    columns: dict[int, int] = field(default_factory=dict)
    """Layout column index → 0-based index in the sheet's rows."""


class _Reader:
    """Collects problems and notes while it turns cells into settings data, remembering each value's cell."""

    def __init__(self, procedures: Sequence[Procedure]):
        self.procedures = {p.id: p for p in procedures}
        self.problems: list[CellProblem] = []
        self.converted: list[CellProblem] = []
        self.warnings: list[CellProblem] = []
        self.cells: dict[tuple, tuple[int, int, int, str]] = {}
        """Settings location → (sheet order, row, column, sheet title) of the cell it came from."""
        self.bad: set[tuple] = set()
        """Settings locations whose cell was reported: the model's messages about them would only repeat it."""
        self.bad_cells: set[tuple[str, int, int]] = set()
        """(sheet, row, 0-based column) reported before their value is read (merged across columns)."""
        self.places: dict[str, _Place] = {}

    def problem(self, place: _Place | str, row: int, column: int, message: str) -> None:
        """``column`` is the layout's index; the message names the column where the sheet has it."""
        if isinstance(place, _Place):
            self.problems.append(CellProblem(place.order, row, place.columns.get(column, column), place.sheet.title, message))
        else:
            self.problems.append(CellProblem(layout.SHEETS.index(place), row, column, place, message))

    def note(self, into: list[CellProblem], place: _Place, row: int, column: int, message: str) -> None:
        into.append(CellProblem(place.order, row, place.columns.get(column, column), place.sheet.title, message))

    def value(self, place: _Place, row: int, index: int, column: Column, raw: Cell, where: tuple) -> Any:
        """One cell's value, checked by kind on its own; ``None`` when empty or wrong (the problem is recorded)."""
        position = place.columns.get(index, index)
        self.cells[where] = (place.order, row, position, place.sheet.title)
        if (place.sheet.title, row, position) in self.bad_cells:
            self.bad.add(where)
            return None
        if (row, position + 1) in place.sheet.formulas:
            self.problem(place, row, index, "数式が 入って います。数式では なく、値を 書いて ください（コピーして「値の 貼り付け」を 使えます）。")
            self.bad.add(where)
            return None
        converted = self._convert(place, row, index, column, raw)
        if converted is _BAD:
            self.bad.add(where)
            return None
        if converted is None and column.required:
            self.problem(place, row, index, f"{column.header}が 空です。書いて ください。")
            self.bad.add(where)
        elif converted is not None and raw is not None and _shown(raw) != _shown(converted):
            self.note(self.converted, place, row, index, f"「{_shown(raw)}」を「{_shown(converted)}」と して 読みました。")
        return converted

    def _convert(self, place: _Place, row: int, index: int, column: Column, raw: Cell) -> Any:
        if isinstance(raw, datetime.date):
            if column.kind == Kind.DATE:
                return raw
            raw = raw.isoformat()
        if raw is None:
            return None
        text = str(raw).strip(" \t\r\n" + values.WIDE_SPACE)
        if not text:
            return None
        if values.WIDE_SPACE in text and column.kind != Kind.TEXT:
            self.problem(place, row, index, f"全角の 空白（　）が 入って います。消すか、半角の 空白に して ください（いまは「{raw}」）。")
            return _BAD
        if column.kind == Kind.DATE:
            day = values.date(text)
            if day is None:
                self.problem(place, row, index, f"日付は 2026-11-29 か 令和8年11月29日 の 形で、ある 日付を 書いて ください（いまは「{raw}」）。")
                return _BAD
            return day
        if column.kind == Kind.CHOICE:
            if text in column.choices:
                return text
            matches = [c for c in column.choices if values.without_spaces(c) == values.without_spaces(text)]
            if len(matches) == 1:
                return matches[0]
            self.problem(place, row, index, f"「{text}」は 一覧に ありません。{'、'.join(column.choices)} から えらんで ください。")
            return _BAD
        if column.kind == Kind.PHONE:
            number = values.phone(text)
            if not (_PHONE.fullmatch(number) and len(re.sub(r"\D", "", number)) in (10, 11)):
                self.problem(place, row, index, f"電話番号は 市外局番から ハイフン区切りで、数字 10けたか 11けたで 書いて ください（例: 0178-88-2111、いまは「{raw}」）。")
                return _BAD
            return number
        if column.kind == Kind.CODE:
            text = values.narrow(text)
        if column.kind == Kind.URL:
            text = text.translate(_WIDTH_FORMS)
        if column.kind in (Kind.CODE, Kind.URL) and re.search(r"\s", text):
            self.problem(place, row, index, f"空白は 入れられません（いまは「{raw}」）。")
            return _BAD
        return text


_BAD = object()


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _normal(text: Any) -> str:
    return values.without_spaces(values.narrow(str(text or "")))


def sheets_of(tables: Tables) -> list[Sheet]:
    """Plain tables (as ``workbook_tables`` makes them) as sheets, for reading them back."""
    return [Sheet(name, [list(row) for row in rows]) for name, rows in tables.items()]


def read_tables(tables: Tables, procedures: Sequence[Procedure]) -> Municipality:
    """The settings ``tables`` describe; raises ``WorkbookProblems`` listing every problem."""
    return read_sheets(sheets_of(tables), procedures).municipality


def read_sheets(sheets: Sequence[Sheet], procedures: Sequence[Procedure]) -> ReadResult:
    """The settings the sheets describe, with what was converted; raises ``WorkbookProblems`` on any problem."""
    reader = _Reader(procedures)
    _find_sheets(reader, sheets)
    for place in reader.places.values():
        _unmerge(reader, place)
        if place.sheet.encoding:
            reader.note(reader.converted, place, 0, -1, f"文字コード {place.sheet.encoding} の CSV と して 読みました。")

    data: dict[str, Any] = {}
    town = reader.places.get(layout.TOWN)
    if town:
        _town(reader, town, data)
    else:
        reader.bad.update((c.field,) for c in layout.TOWN_ROWS)
    departments = _departments(reader, reader.places.get(layout.DEPARTMENTS), data)
    default = data.get("default_department")
    if default and departments is not None and default not in departments:
        reader.problem(town, *_town_cell(town, "default_department"), _unknown_department(default, departments))
        reader.bad.add(("default_department",))
    allowlist = _allowlist(reader, data)
    local = _procedures(reader, reader.places.get(layout.PROCEDURES), departments, allowlist)
    _answers(reader, reader.places.get(layout.ANSWERS), local)
    _notices(reader, reader.places.get(layout.NOTICES), local, data)
    entries = {pid: entry for pid, entry in local.items() if _is_set(entry)}
    for entry in entries.values():
        entry.setdefault("department", data.get("default_department"))
    if entries:
        data["procedures"] = entries
    sources_place = reader.places.get(layout.SOURCES)
    if sources_place:
        sources = [_record(reader, sources_place, layout.SOURCE_COLUMNS, row, number, ("sources", i))
                   for i, (number, row) in enumerate(_rows(sources_place))]
        if sources:
            data["sources"] = sources
    notes = reader.converted + reader.warnings
    try:
        municipality = Municipality.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            location = tuple(part for part in detail["loc"] if part != "[key]")
            if any(location[:length] in reader.bad for length in range(1, len(location) + 1)):
                continue  # the cell was reported already; this would only repeat it (or say it is empty)
            if not location and reader.problems:
                continue  # a check across fields, made on data that is already known to be incomplete
            order, row, column, sheet = _nearest(reader.cells, location)
            reader.problems.append(CellProblem(order, row, column, sheet, explain(detail)))
        raise WorkbookProblems(reader.problems, notes) from None
    if reader.problems:
        raise WorkbookProblems(reader.problems, notes)
    return ReadResult(municipality, sorted(reader.converted), sorted(reader.warnings))


# -- finding the sheets --------------------------------------------------------------------------------------

def _expected_headers(role: str) -> tuple[str, ...]:
    return layout.TOWN_HEADERS if role == layout.TOWN else tuple(c.header for c in layout.TABLES[role])


def _score(sheet: Sheet, role: str) -> float:
    """How much of ``role``'s header row (and, for 自治体, its row labels) the sheet has: 0 to 1."""
    header = {_normal(v) for v in (sheet.rows[0] if sheet.rows else [])}
    expected = [_normal(h) for h in _expected_headers(role)]
    score = sum(h in header for h in expected) / len(expected)
    if role == layout.TOWN:
        labels = {_normal(row[0]) for row in sheet.rows if row}
        score = min(score, sum(_normal(c.header) in labels for c in layout.TOWN_ROWS) / len(layout.TOWN_ROWS))
    return score


def _is_help(sheet: Sheet) -> bool:
    first = str(sheet.rows[0][0] or "") if sheet.rows and sheet.rows[0] else ""
    return sheet.title.strip() == layout.HELP or first.startswith("この ファイルは")


def _find_sheets(reader: _Reader, sheets: Sequence[Sheet]) -> None:
    """Each part of the workbook by its name, else by its header row; renamed, extra and hidden sheets named."""
    roles = layout.SHEETS[1:]
    claimed: set[int] = set()
    for role in roles:
        for sheet in sheets:
            if not sheet.hidden and id(sheet) not in claimed and sheet.title.strip() == role and _score(sheet, role) >= 0.5:
                reader.places[role] = _Place(sheet, layout.SHEETS.index(role))
                claimed.add(id(sheet))
                break
    for role in roles:
        if role in reader.places:
            continue
        order = layout.SHEETS.index(role)
        candidates = [s for s in sheets if not s.hidden and id(s) not in claimed and _score(s, role) >= 0.5]
        hidden = [s for s in sheets if s.hidden and (s.title.strip() == role or _score(s, role) >= 0.5)]
        if len(candidates) == 1:
            place = reader.places[role] = _Place(candidates[0], order)
            claimed.add(id(candidates[0]))
            reader.note(reader.converted, place, 0, -1, f"この シートを「{role}」の シートと して 読みました（1行目の 見出しで 見つけました）。")
        elif candidates:
            names = "、".join(f"「{s.title}」" for s in candidates)
            reader.problem(role, 0, -1, f"「{role}」の シートらしい シートが {len(candidates)}つ あります（{names}）。1つに して ください。")
        elif hidden:
            reader.problems.append(CellProblem(
                order, 0, -1, hidden[0].title,
                f"この シートは 非表示です。シート見出しを 右クリックして「再表示」で 表示し、中身を たしかめてから もう一度 読みこんで ください（「{role}」の シートと して 読みます）。",
            ))
        else:
            present = [s for s in sheets if s.title.strip() == role]
            seen = "、".join(s.title for s in sheets) or "なし"
            message = (
                "1行目の 見出しが 変わって います。tetsuzuki workbook write で 作った 表の 見出しに もどして ください。"
                if present else
                f"シート「{role}」が ありません（ある シート: {seen}）。tetsuzuki workbook write で 作った 表を 使って ください。"
            )
            reader.problems.append(CellProblem(order, 1 if present else 0, -1, present[0].title if present else role, message))
    for sheet in sheets:
        if id(sheet) in claimed or _is_help(sheet) and not sheet.hidden:
            continue
        place = _Place(sheet, _OTHER)
        if sheet.hidden:
            reader.note(reader.warnings, place, 0, -1, "非表示の シートです。読みませんでした。")
        else:
            reader.note(reader.warnings, place, 0, -1, "設定の シートでは ないので、読みませんでした。")
    for role, place in reader.places.items():
        if role != layout.TOWN:
            _map_columns(reader, role, place)


def _map_columns(reader: _Reader, role: str, place: _Place) -> None:
    """Find each column by its header; a missing one is reported once, not once per row."""
    header = [_normal(v) for v in (place.sheet.rows[0] if place.sheet.rows else [])]
    for index, column in enumerate(layout.TABLES[role]):
        wanted = _normal(column.header)
        if index < len(header) and header[index] == wanted:
            place.columns[index] = index
        elif wanted in header:
            place.columns[index] = header.index(wanted)
        elif column.kind != Kind.FIXED or index == 0 or column.field == "key":
            reader.problem(place, 1, index, f"列「{column.header}」が ありません。見出しを もどすか、列を 足して ください。")


# -- merged cells ------------------------------------------------------------------------------------------

def _unmerge(reader: _Reader, place: _Place) -> None:
    """Read merged cells as staff see them: a range down one column gives its value to every row in it.

    A range across columns cannot say which column its value is for, so it is reported.
    """
    rows = place.sheet.rows
    for first_row, first_col, last_row, last_col in place.sheet.merged:
        if first_row == 1:
            continue  # header cells are matched by their text
        area = f"{column_letter(first_col - 1)}{first_row}:{column_letter(last_col - 1)}{last_row}"
        index = _layout_index(place, first_col - 1)
        if first_col != last_col:
            reader.problem(place, first_row, index, f"セル {area} が 結合されて います。結合を 解除して、1つの セルに 1つの 値を 書いて ください。")
            reader.bad_cells.update((place.sheet.title, r, c - 1) for r in range(first_row, last_row + 1) for c in range(first_col, last_col + 1))
            continue
        top = rows[first_row - 1][first_col - 1] if first_row - 1 < len(rows) and first_col - 1 < len(rows[first_row - 1]) else None
        for number in range(first_row + 1, min(last_row, len(rows)) + 1):
            row = rows[number - 1]
            row.extend([None] * (first_col - len(row)))
            row[first_col - 1] = top
        if top is not None:
            reader.note(reader.converted, place, first_row, index,
                        f"{area} は 結合された セルです。{last_row - first_row + 1}行 すべて「{_shown(top)}」と して 読みました。")


def _layout_index(place: _Place, sheet_index: int) -> int:
    """The layout column shown at ``sheet_index`` (messages name columns as the sheet shows them)."""
    for index, position in place.columns.items():
        if position == sheet_index:
            return index
    return sheet_index


# -- the parts ---------------------------------------------------------------------------------------------

def _rows(place: _Place) -> list[tuple[int, list[Cell]]]:
    """Data rows (in layout column order) with their spreadsheet row numbers, leaving out empty rows."""
    result = []
    columns = place.columns
    width = max(columns, default=-1) + 1
    for number, row in enumerate(place.sheet.rows[1:], start=2):
        if not any(v is not None and str(v).strip() for v in row) and not any((number, c + 1) in place.sheet.formulas for c in range(len(row))):
            continue
        result.append((number, [row[columns[i]] if i in columns and columns[i] < len(row) else None for i in range(width)]))
    return result


def _record(reader: _Reader, place: _Place, columns: tuple[Column, ...], row: list[Cell], number: int, where: tuple) -> dict[str, Any]:
    record = {}
    for index, column in enumerate(columns):
        if column.kind == Kind.FIXED or index not in place.columns:
            continue
        value = reader.value(place, number, index, column, row[index] if index < len(row) else None, (*where, column.field))
        if value is not None:
            record[column.field] = value
    return record


def _town_cell(place: _Place | None, field_name: str) -> tuple[int, int]:
    if place is not None:
        for number, row in enumerate(place.sheet.rows, start=1):
            if row and _normal(row[0]) == _normal(next(c.header for c in layout.TOWN_ROWS if c.field == field_name)):
                return number, 1
    index = next(i for i, c in enumerate(layout.TOWN_ROWS) if c.field == field_name)
    return index + 2, 1


def _town(reader: _Reader, place: _Place, data: dict[str, Any]) -> None:
    place.columns = {1: 1}
    by_label = {_normal(row[0]): (number, row) for number, row in enumerate(place.sheet.rows, start=1) if row and row[0]}
    for column in layout.TOWN_ROWS:
        if _normal(column.header) not in by_label:
            reader.problem(place, 0, -1, f"「{column.header}」の 行が ありません。A列の 項目名は 変えないで ください。")
            reader.bad.add((column.field,))
            continue
        number, row = by_label[_normal(column.header)]
        value = reader.value(place, number, 1, column, row[1] if len(row) > 1 else None, (column.field,))
        if value is None:
            continue
        if column.field == "base_url":
            try:
                site_allowlist(value, "")
            except UnsafeQrUrl as error:
                reader.problem(place, number, 1, _one_line(str(error)).lstrip(": "))
                reader.bad.add(("base_url",))
                continue
        data[column.field] = {v: k for k, v in layout.SAMPLE.items()}[value] if column.field == "sample" else value


def _allowlist(reader: _Reader, data: dict[str, Any]) -> Allowlist | None:
    """The build's QR allowlist for this town; Mynaportal alone when the base URL is missing; ``None`` when
    the base URL was reported (its addresses cannot be judged yet)."""
    if ("base_url",) in reader.bad:
        return None
    if data.get("base_url"):
        return site_allowlist(data["base_url"], "")
    return Allowlist(f"https://{MYNAPORTAL_DOMAIN}/")


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines())


def _departments(reader: _Reader, place: _Place | None, data: dict[str, Any]) -> list[str] | None:
    """The department keys, or ``None`` when they are not known for sure (so no key is called unknown)."""
    if place is None:
        reader.bad.add(("departments",))
        return None
    departments: dict[str, Any] = {}
    certain = 0 in place.columns
    for number, row in _rows(place):
        record = _record(reader, place, layout.DEPARTMENT_COLUMNS, row, number, ("departments", f"row{number}"))
        key = record.pop("key", None)
        if key is None:
            certain = False
            continue
        if key in departments:
            reader.problem(place, number, 0, f"キー「{key}」が 2回 あります。課ごとに ちがう キーに して ください。")
            continue
        reader.cells.update({("departments", key, *k[2:]): v for k, v in reader.cells.items() if k[:2] == ("departments", f"row{number}")})
        reader.bad.update(("departments", key, *k[2:]) for k in list(reader.bad) if k[:2] == ("departments", f"row{number}"))
        departments[key] = record
    if not departments and certain:
        reader.problem(place, 2, 0, "問い合わせ先が 1つも ありません。少なくとも 1行 書いて ください。")
        reader.bad.add(("departments",))
    data["departments"] = departments
    return list(departments) if certain else None


def _unknown_department(key: str, departments: list[str]) -> str:
    return f"問い合わせ先「{key}」は 問い合わせ先の シートに ありません。使える キー: {'、'.join(departments) or '（まだ ありません）'}。"


def _procedure_id(reader: _Reader, place: _Place, number: int, raw: Cell) -> str:
    text = str(raw or "").strip()
    narrow = values.narrow(text).strip()
    if narrow != text and narrow in reader.procedures:
        reader.note(reader.converted, place, number, 0, f"「{text}」を「{narrow}」と して 読みました。")
    return narrow


def _procedures(reader: _Reader, place: _Place | None, departments: list[str] | None, allowlist: Allowlist | None) -> dict[str, dict]:
    local: dict[str, dict] = {}
    if place is None or 0 not in place.columns:
        return local
    online = {v: k for k, v in layout.ONLINE.items()}
    for number, row in _rows(place):
        procedure_id = _procedure_id(reader, place, number, row[0])
        if procedure_id not in reader.procedures:
            reader.problem(place, number, 0, f"手続き ID「{procedure_id}」は ありません。A列は 変えないで ください。")
            continue
        if procedure_id in local:
            reader.problem(place, number, 0, f"手続き「{procedure_id}」の 行が 2つ あります。1つに して ください。")
            continue
        record = _record(reader, place, layout.PROCEDURE_COLUMNS, row, number, ("procedures", procedure_id))
        if "department" in record and departments is not None and record["department"] not in departments:
            reader.problem(place, number, 2, _unknown_department(record["department"], departments))
            reader.bad.add(("procedures", procedure_id, "department"))
        if "online" in record:
            record["online"] = online[record["online"]]
        url = record.get("mynaportal_url")
        if url and allowlist is not None:
            try:
                allowlist.check(url, f"{procedure_id}")
            except UnsafeQrUrl as error:
                reader.problem(place, number, 4, _one_line(str(error)))
                reader.bad.add(("procedures", procedure_id, "mynaportal_url"))
                record.pop("mynaportal_url")
        if "mynaportal_url" in record and "online" in record and record["online"] != "yes":
            word = layout.ONLINE[record["online"]]
            reader.note(reader.warnings, place, number, 4,
                        f"オンライン申請が「{word}」なのに URL が あります。この URL は ページに 出ません。"
                        f"申し込めるなら D列を「{layout.ONLINE['yes']}」に、そうで なければ URL を 消して ください。")
        local[procedure_id] = record
    return local


def _answers(reader: _Reader, place: _Place | None, local: dict[str, dict]) -> None:
    if place is None or 0 not in place.columns or 2 not in place.columns:
        return
    for number, row in _rows(place):
        procedure_id = _procedure_id(reader, place, number, row[0])
        key = str(row[2] or "").strip()
        procedure = reader.procedures.get(procedure_id)
        if procedure is None or key not in {q.key for q in procedure.ask_locally}:
            reader.problem(place, number, 0, "この 行の 手続きか 質問の キーが ありません。A列〜D列は 変えないで ください。")
            continue
        where = ("procedures", procedure_id, "answers", key)
        record = _record(reader, place, layout.ANSWER_COLUMNS, row, number, where)
        if "text" in record and "checked" not in record and (*where, "checked") not in reader.bad:
            reader.problem(place, number, 5, "答えを 確かめた 日が 空です。ページに 日付と いっしょに 出るので、書いて ください。")
        elif "checked" in record and "text" not in record and (*where, "text") not in reader.bad:
            reader.problem(place, number, 4, "確かめた 日は ありますが、答えが 空です。答えを 書くか、日付を 消して ください。")
        elif record and "text" in record and "checked" in record:
            local.setdefault(procedure_id, {}).setdefault("answers", {})[key] = record


def _notices(reader: _Reader, place: _Place | None, local: dict[str, dict], data: dict[str, Any]) -> None:
    if place is None:
        return
    kinds = {v: k for k, v in layout.NOTICE_KINDS.items()}
    town: list[dict] = []
    for number, row in _rows(place):
        target = _procedure_id(reader, place, number, row[0]) if 0 in place.columns else ""
        if target != ALL_PROCEDURES and target and target not in reader.procedures:
            reader.problem(place, number, 0, f"「{target}」は 手続きの ID でも「{ALL_PROCEDURES}」でも ありません。")
            continue
        into = town if target == ALL_PROCEDURES else local.setdefault(target, {}).setdefault("notices", [])
        where = ("notices", len(town)) if target == ALL_PROCEDURES else ("procedures", target, "notices", len(into))
        record = _record(reader, place, layout.NOTICE_COLUMNS, row, number, where)
        record.pop("procedure", None)
        if "kind" in record:
            record["kind"] = kinds[record["kind"]]
        into.append(record)
    if town:
        data["notices"] = town


def _is_set(entry: dict) -> bool:
    """A procedure row says something beyond the defaults (so it gets an entry in the settings)."""
    return any(key != "online" for key in entry) or entry.get("online", "unknown") != "unknown"


def _nearest(cells: dict[tuple, tuple[int, int, int, str]], location: tuple) -> tuple[int, int, int, str]:
    """The cell a model error belongs to: the exact value's cell, else the first cell of its record."""
    for length in range(len(location), 0, -1):
        prefix = location[:length]
        if prefix in cells:
            return cells[prefix]
        matches = [cell for key, cell in cells.items() if key[:length] == prefix]
        if matches:
            order, row, _, sheet = min(matches)
            return order, row, -1, sheet
    return layout.SHEETS.index(layout.TOWN), 0, -1, layout.TOWN
