"""Staff fill in the town settings in a spreadsheet: round-trips change nothing, mistakes are pinned to cells."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from generator.model import Municipality
from generator.workbook.files import export_settings, import_settings
from generator.workbook.read import WorkbookProblems
from tests.towns.conftest import MUNICIPALITIES, PROCEDURES

SHIPPED = sorted(MUNICIPALITIES.glob("*.yml"))


@pytest.mark.parametrize("settings", SHIPPED, ids=lambda p: p.stem)
@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_shipped_settings_round_trip_byte_for_byte(settings: Path, form: str, tmp_path: Path) -> None:
    copy = tmp_path / settings.name
    shutil.copy(settings, copy)
    target = tmp_path / ("book.xlsx" if form == "xlsx" else "book-csv")
    export_settings(PROCEDURES, copy, target)
    result = import_settings(PROCEDURES, target, copy)
    assert not result.changed
    assert copy.read_bytes() == settings.read_bytes()


def test_workbook_has_help_choices_and_current_values(tmp_path: Path) -> None:
    target = tmp_path / "hashikami.xlsx"
    export_settings(PROCEDURES, MUNICIPALITIES / "hashikami.yml", target)
    book = load_workbook(target)
    assert book.sheetnames == ["説明", "自治体", "問い合わせ先", "手続き", "質問への 答え", "お知らせ", "出典"]
    assert "全角の 空白" in "\n".join(str(c.value) for c in book["説明"]["A"] if c.value)
    assert book["自治体"]["B2"].value == "階上町"
    assert book["問い合わせ先"]["C2"].value == "0178-88-2111"
    procedures = book["手続き"]
    assert [procedures.cell(r, 1).value for r in range(2, 5)] == ["k01", "k02", "k03"]
    assert procedures.max_row == 1 + 27
    lists = [v.formula1 for v in procedures.data_validations.dataValidation if v.type == "list"]
    assert '"できる,できない,まだ わからない"' in lists
    # One row per ask_locally question, with the question's text for staff to read.
    questions = book["質問への 答え"]
    assert questions["C2"].value == "processing-time"
    assert questions["D2"].value.startswith("申し込んでから")


def _fill(source: Path, target: Path, edits: dict[tuple[str, str], object]) -> None:
    book = load_workbook(source)
    for (sheet, cell), value in edits.items():
        book[sheet][cell] = value
    book.save(target)


def test_hand_filled_mistakes_each_get_one_message_and_nothing_changes(town_copy: Path, tmp_path: Path) -> None:
    blank = tmp_path / "blank.xlsx"
    export_settings(PROCEDURES, town_copy, blank)
    before = town_copy.read_bytes()
    filled = tmp_path / "filled.xlsx"
    _fill(blank, filled, {
        ("問い合わせ先", "C2"): "0178-88-211",        # one digit short
        ("手続き", "D5"): "できろ",                    # misspelt choice
        ("問い合わせ先", "B2"): None,                   # required name emptied
        ("手続き", "C6"): "daihyo\u3000",              # full-width space after the key: one meaning, converted
        ("質問への 答え", "E2"): "2週間ほどです。",     # a good answer …
        ("質問への 答え", "F2"): datetime.datetime(2026, 11, 29),
    })
    with pytest.raises(WorkbookProblems) as caught:
        import_settings(PROCEDURES, filled, town_copy)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 3, messages
    assert messages[0].startswith("シート 問い合わせ先, 2行目, B列: ")
    assert messages[1].startswith("シート 問い合わせ先, 2行目, C列: 電話番号")
    assert messages[2].startswith("シート 手続き, 5行目, D列: 「できろ」は 一覧に ありません")
    assert "シート 手続き, 6行目, C列: 「daihyo\u3000」を「daihyo」と して 読みました。" in [str(n) for n in caught.value.notes]
    assert town_copy.read_bytes() == before


def test_csv_mistakes_are_pinned_to_the_same_cells(town_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    export_settings(PROCEDURES, town_copy, folder)
    sheet = folder / "手続き.csv"
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    assert lines[4].startswith("k04,") and ",まだ わからない," in lines[4]
    lines[4] = lines[4].replace(",まだ わからない,", ",できる？,")
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    with pytest.raises(WorkbookProblems) as caught:
        import_settings(PROCEDURES, folder, town_copy)
    assert [str(p) for p in caught.value.problems] == [
        "シート 手続き, 5行目, D列: 「できる？」は 一覧に ありません。できる、できない、まだ わからない から えらんで ください。"
    ]


def test_filled_answers_and_notices_are_written_as_yaml(town_copy: Path, tmp_path: Path) -> None:
    blank = tmp_path / "blank.xlsx"
    export_settings(PROCEDURES, town_copy, blank)
    filled = tmp_path / "filled.xlsx"
    _fill(blank, filled, {
        ("問い合わせ先", "E2"): "平日 8時30分〜17時15分",
        ("手続き", "D2"): "できる",
        ("質問への 答え", "E2"): "2週間ほどです。",
        ("質問への 答え", "F2"): datetime.datetime(2026, 11, 29),
        ("お知らせ", "A2"): "k01", ("お知らせ", "B2"): "一時停止",
        ("お知らせ", "D2"): "2026-12-01", ("お知らせ", "E2"): "2026/12/03",
    })
    assert import_settings(PROCEDURES, filled, town_copy).changed
    settings = Municipality.model_validate(yaml.safe_load(town_copy.read_text(encoding="utf-8")))
    k01 = settings.procedures["k01"]
    assert k01.online == "yes"
    assert k01.answers["processing-time"].text == "2週間ほどです。"
    assert k01.answers["processing-time"].checked == datetime.date(2026, 11, 29)
    assert k01.notices[0].kind == "paused" and k01.notices[0].until == datetime.date(2026, 12, 3)
    assert settings.departments["daihyo"].hours == "平日 8時30分〜17時15分"
    # The comment block at the top of the file is kept.
    assert town_copy.read_text(encoding="utf-8").startswith("# yaml-language-server:")
    assert re.search(r"^# 階上町（青森県）の 設定の 見本です。$", town_copy.read_text(encoding="utf-8"), re.M)
    # And it round-trips again from there.
    again = tmp_path / "again.xlsx"
    export_settings(PROCEDURES, town_copy, again)
    assert not import_settings(PROCEDURES, again, town_copy).changed


def test_a_departments_mail_and_form_address_come_from_the_workbook_and_bad_ones_are_pinned(town_copy: Path, tmp_path: Path) -> None:
    blank = tmp_path / "blank.xlsx"
    export_settings(PROCEDURES, town_copy, blank)
    headers = [cell.value for cell in load_workbook(blank)["問い合わせ先"][1]]
    mail, form = "ABCDEFGHIJ"[headers.index("メールアドレス")], "ABCDEFGHIJ"[headers.index("問い合わせフォームの URL（https://…）")]
    bad = tmp_path / "bad.xlsx"
    _fill(blank, bad, {("問い合わせ先", f"{mail}2"): "soudan?cc=x@town.example.lg.jp", ("問い合わせ先", f"{form}2"): "http://town.example.lg.jp/form"})
    with pytest.raises(WorkbookProblems) as caught:
        import_settings(PROCEDURES, bad, town_copy)
    assert [str(p).split(":")[0] for p in caught.value.problems] == [f"シート 問い合わせ先, 2行目, {mail}列", f"シート 問い合わせ先, 2行目, {form}列"]
    good = tmp_path / "good.xlsx"
    _fill(blank, good, {("問い合わせ先", f"{mail}2"): "soudan@town.example.lg.jp", ("問い合わせ先", f"{form}2"): "https://town.example.lg.jp/form/26"})
    assert import_settings(PROCEDURES, good, town_copy).changed
    settings = Municipality.model_validate(yaml.safe_load(town_copy.read_text(encoding="utf-8")))
    assert settings.departments["daihyo"].email == "soudan@town.example.lg.jp"
    assert settings.departments["daihyo"].form_url == "https://town.example.lg.jp/form/26"


def test_every_field_of_a_department_round_trips(tmp_path: Path) -> None:
    """A field added to the settings must be written into the workbook, not only read back."""
    settings = tmp_path / "hashikami.yml"
    text = (MUNICIPALITIES / "hashikami.yml").read_text(encoding="utf-8")
    settings.write_text(
        re.sub(r"(    address: .*\n)", r"\1    email: soudan@town.example.lg.jp\n    form_url: https://town.example.lg.jp/form/\n",
               text, count=1),
        encoding="utf-8",
    )
    before = settings.read_bytes()
    export_settings(PROCEDURES, settings, tmp_path / "book.xlsx")
    result = import_settings(PROCEDURES, tmp_path / "book.xlsx", settings)
    assert not result.changed and settings.read_bytes() == before
    assert b"soudan@town.example.lg.jp" in before and b"name_kana" in before


def test_every_settings_field_has_a_place_in_the_workbook() -> None:
    # A field added to the settings model but not to the workbook would be dropped by every read.
    from generator.model.municipality import Department, LocalProcedure
    from generator.workbook import layout

    sheets = {"departments", "procedures", "notices", "sources"}
    assert set(Municipality.model_fields) <= {c.field for c in layout.TOWN_ROWS} | sheets
    assert set(Department.model_fields) <= {c.field for c in layout.DEPARTMENT_COLUMNS}
    assert set(LocalProcedure.model_fields) <= {c.field for c in layout.PROCEDURE_COLUMNS} | {"answers", "notices"}


WEEK = "    hours:\n      mon: 8:30-17:15\n      tue: 8:30-17:15\n      wed: 8:30-17:15\n      thu: 8:30-17:15\n      fri: 8:30-17:15\n      closed: [祝日]\n"


def test_hours_kept_per_weekday_survive_the_workbook_and_an_edited_cell_becomes_the_towns_text(tmp_path: Path) -> None:
    """The workbook shows the week as one line; reading it back unchanged keeps the week (the pages need it for
    today's hours), and a line the town rewrote is taken as its new text."""
    settings = tmp_path / "hashikami.yml"
    text = (MUNICIPALITIES / "hashikami.yml").read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(    address: .*\n)", WEEK.replace("\\", r"\\") + r"\1", text, count=1), encoding="utf-8")
    week = Municipality.model_validate(yaml.safe_load(settings.read_text(encoding="utf-8"))).departments["daihyo"].hours
    export_settings(PROCEDURES, settings, tmp_path / "book.xlsx")
    book = load_workbook(tmp_path / "book.xlsx")
    assert book["問い合わせ先"]["E2"].value == "月曜〜金曜 8:30〜17:15。土曜・日曜、祝日は 休みです。"

    import_settings(PROCEDURES, tmp_path / "book.xlsx", settings)
    kept = Municipality.model_validate(yaml.safe_load(settings.read_text(encoding="utf-8"))).departments["daihyo"].hours
    assert kept == week
    again = settings.read_bytes()
    export_settings(PROCEDURES, settings, tmp_path / "book2.xlsx")
    assert not import_settings(PROCEDURES, tmp_path / "book2.xlsx", settings).changed and settings.read_bytes() == again

    _fill(tmp_path / "book2.xlsx", tmp_path / "book3.xlsx", {("問い合わせ先", "E2"): "平日 9:00〜16:00"})
    assert import_settings(PROCEDURES, tmp_path / "book3.xlsx", settings).changed
    edited = Municipality.model_validate(yaml.safe_load(settings.read_text(encoding="utf-8"))).departments["daihyo"].hours
    assert edited == "平日 9:00〜16:00"
