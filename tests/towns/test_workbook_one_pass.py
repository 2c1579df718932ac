"""Staff fix a workbook once: every mistake in one read, values with one meaning converted and listed, and no
bad value (a wrong host, another town's workbook, a formula) gets into the settings."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from generator.workbook.files import WorkbookRefused, export_settings, import_settings
from generator.workbook.read import WorkbookProblems
from generator.workbook.source import MAX_ROWS, UnreadableWorkbook
from tests.towns.conftest import MUNICIPALITIES, PROCEDURES

MYNA = "https://app.oss.myna.go.jp/Application/detail?sid=1"


def _blank(settings: Path, tmp_path: Path) -> Path:
    target = tmp_path / "blank.xlsx"
    export_settings(PROCEDURES, settings, target)
    return target


def test_a_workbook_with_ten_kinds_of_mistakes_is_reported_in_one_run(town_copy: Path, tmp_path: Path) -> None:
    book = load_workbook(_blank(town_copy, tmp_path))
    book["お知らせ"].title = "お知らせ一覧"                                  # renamed sheet: found by its header
    book.move_sheet("出典", offset=-5)                                       # reordered sheets
    book.create_sheet("メモ")["A1"] = "電話で きいた こと"                    # an extra sheet
    hidden = book.copy_worksheet(book["自治体"])                             # a hidden copy of a sheet
    hidden.title, hidden.sheet_state = "自治体 (2)", "hidden"
    book["自治体"]["B2"] = None                                              # 1 required name emptied
    departments = book["問い合わせ先"]
    departments["C2"] = "０１７８－８８－２１１１"                           # converted: full-width phone
    departments["E2"] = "=1+1"                                               # 2 a formula, not a value
    departments["F2"] = "  青森県三戸郡階上町大字道仏字耳ケ吠１５１－３  "   # converted: spaces around
    procedures = book["手続き"]
    procedures["D3"], procedures["E3"] = "できます", "app.oss.myna.go.jp/x"   # 3+4 two mistakes on one row
    procedures["D4"], procedures["E4"] = "できる", "https://example.com/foo"  # 5 a host the build refuses
    procedures["D5"], procedures["E5"] = "できない", MYNA                     # warning: URL on できない
    procedures["C6"] = "kodomo"                                              # 6 unknown department
    procedures["A29"], procedures["D29"] = "k16", "できる"                    # 7 a procedure that does not exist
    for row in (7, 8, 9):
        procedures[f"C{row}"] = None
    procedures["C7"] = "daihyo"
    procedures.merge_cells("C7:C9")                                          # converted: merged down one column
    procedures.merge_cells("E10:F10")                                        # 8 merged across columns
    answers = book["質問への 答え"]
    answers["E2"], answers["F2"] = "2週間ほどです。", "令和7年4月1日"         # converted: 和暦, no false "empty"
    notices = book["お知らせ一覧"]
    notices["A2"], notices["B2"], notices["D2"] = "k01", "一時停止", "R7.4.1"  # converted: R7.4.1
    notices["E2"] = "2026-02-30"                                             # 9 a day that does not exist
    book["出典"]["B2"], book["出典"]["A2"] = "https://ex ample.jp/", "町の 資料"  # 10 a space inside a URL
    broken = tmp_path / "broken.xlsx"
    book.save(broken)
    before = town_copy.read_bytes()

    with pytest.raises(WorkbookProblems) as caught:
        import_settings(PROCEDURES, broken, town_copy)

    problems = [str(p) for p in caught.value.problems]
    expected_starts = [
        "シート 自治体, 2行目, B列: 自治体の 名前が 空です",
        "シート 問い合わせ先, 2行目, E列: 数式が 入って います",
        "シート 手続き, 3行目, D列: 「できます」は 一覧に ありません",
        "シート 手続き, 3行目, E列: QR コードに できない URL です（k02）: 'app.oss.myna.go.jp/x' 理由: ",  # the build's own reason (flyers/safety.py)
        "シート 手続き, 4行目, E列: QR コードに できない URL です（k03）: 'https://example.com/foo' 理由: ホスト「example.com」は 許可されて いません",
        "シート 手続き, 6行目, C列: 問い合わせ先「kodomo」は 問い合わせ先の シートに ありません",
        "シート 手続き, 10行目, E列: セル E10:F10 が 結合されて います",
        "シート 手続き, 29行目, A列: 手続き ID「k16」は ありません",
        "シート お知らせ一覧, 2行目, E列: 日付は",
        "シート 出典, 2行目, B列: 空白は 入れられません",
    ]
    assert len(problems) == len(expected_starts), "\n".join(problems)
    for problem, start in zip(problems, expected_starts):
        assert problem.startswith(start), (problem, start)

    notes = [str(n) for n in caught.value.notes]
    for expected in [
        "シート 問い合わせ先, 2行目, C列: 「０１７８－８８－２１１１」を「0178-88-2111」と して 読みました。",
        "シート 問い合わせ先, 2行目, F列: 「  青森県三戸郡階上町大字道仏字耳ケ吠１５１－３  」を「青森県三戸郡階上町大字道仏字耳ケ吠１５１－３」と して 読みました。",
        "シート 手続き, 7行目, C列: C7:C9 は 結合された セルです。3行 すべて「daihyo」と して 読みました。",
        "シート 質問への 答え, 2行目, F列: 「令和7年4月1日」を「2025-04-01」と して 読みました。",
        "シート お知らせ一覧: この シートを「お知らせ」の シートと して 読みました（1行目の 見出しで 見つけました）。",
        "シート お知らせ一覧, 2行目, D列: 「R7.4.1」を「2025-04-01」と して 読みました。",
    ]:
        assert expected in notes, "\n".join(notes)
    warnings = "\n".join(notes)
    assert "シート 手続き, 5行目, E列: オンライン申請が「できない」なのに URL が あります" in warnings
    assert "シート メモ: 設定の シートでは ないので、読みませんでした。" in warnings
    assert "シート 自治体 (2): 非表示の シートです。読みませんでした。" in warnings
    assert "確かめた 日が 空" not in "\n".join(problems)   # no false follow-on for the converted date
    assert town_copy.read_bytes() == before


def test_converted_values_are_written_and_listed(town_copy: Path, tmp_path: Path, run) -> None:
    book = load_workbook(_blank(town_copy, tmp_path))
    book["問い合わせ先"]["C2"] = "０１７８ー８８ー２１１１"
    book["質問への 答え"]["E2"], book["質問への 答え"]["F2"] = "2週間ほどです。", "R8.1.5"
    book["手続き"]["D2"] = "まだわからない"
    book["手続き"]["A3"] = "ｋ０２"
    book["手続き"]["C3"] = " daihyo "
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    result = run(tmp_path, "workbook", "read", str(filled), "--settings", str(town_copy), "--config", str(PROCEDURES.parent / "mkdocs.yml"))
    assert result.exit_code == 0, result.output
    assert "5 か所を 読みかえました" in result.output
    assert "「R8.1.5」を「2026-01-05」と して 読みました。" in result.output
    settings = yaml.safe_load(town_copy.read_text(encoding="utf-8"))
    assert settings["departments"]["daihyo"]["phone"] == "0178-88-2111"
    assert str(settings["procedures"]["k01"]["answers"]["processing-time"]["checked"]) == "2026-01-05"


def test_a_workbook_made_for_another_town_is_refused(tmp_path: Path) -> None:
    koge = tmp_path / "koge.yml"
    shutil.copy(MUNICIPALITIES / "koge.yml", koge)
    before = koge.read_bytes()
    hashikami = _blank(MUNICIPALITIES / "hashikami.yml", tmp_path)
    with pytest.raises(WorkbookRefused, match="hashikami.yml.*koge.yml.*--force"):
        import_settings(PROCEDURES, hashikami, koge)
    # Without the 説明 sheet (a CSV folder handed in without it) the town's name gives it away.
    folder = tmp_path / "csv"
    export_settings(PROCEDURES, MUNICIPALITIES / "hashikami.yml", folder)
    (folder / "説明.csv").unlink()
    with pytest.raises(WorkbookRefused, match="「階上町」の ものです。「koge.yml」は「上毛町」"):
        import_settings(PROCEDURES, folder, koge)
    assert koge.read_bytes() == before
    # A webmaster who means it can say so.
    assert import_settings(PROCEDURES, hashikami, koge, force=True).changed
    assert yaml.safe_load(koge.read_text(encoding="utf-8"))["name"] == "階上町"


FORMULAS = ['=HYPERLINK("https://evil.example/","上毛町役場")', "+81-3-0000", "@SUM(A1)", "-1", "'=already quoted"]


def test_text_that_looks_like_a_formula_is_never_written_as_one(tmp_path: Path) -> None:
    settings = tmp_path / "hashikami.yml"
    text = (MUNICIPALITIES / "hashikami.yml").read_text(encoding="utf-8")
    text = text.replace("    name: 階上町役場（代表）", "    name: " + yaml.safe_dump(FORMULAS[0], allow_unicode=True).splitlines()[0], 1)
    settings.write_text(text, encoding="utf-8")
    book_path = tmp_path / "book.xlsx"
    export_settings(PROCEDURES, settings, book_path)
    with zipfile.ZipFile(book_path) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml
    assert load_workbook(book_path)["問い合わせ先"]["B2"].data_type == "s"
    folder = tmp_path / "csv"
    export_settings(PROCEDURES, settings, folder)
    assert "'=HYPERLINK" in (folder / "問い合わせ先.csv").read_text(encoding="utf-8-sig")
    # Both come back as the same text, byte for byte.
    assert not import_settings(PROCEDURES, book_path, settings).changed
    assert not import_settings(PROCEDURES, folder, settings).changed


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_like_csv_text_round_trips(value: str) -> None:
    from generator.workbook.source import _from_csv
    from generator.workbook.write import csv_text

    written = csv_text(value)
    assert not written[:1] in ("=", "+", "-", "@")
    assert _from_csv(written) == value


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {}
    files["not a zip"] = tmp_path / "bad.xlsx"
    files["not a zip"].write_text("項目,値\n", encoding="utf-8")
    files["0 bytes"] = tmp_path / "empty.xlsx"
    files["0 bytes"].write_bytes(b"")
    files["zip, not xlsx"] = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(files["zip, not xlsx"], "w") as archive:
        archive.writestr("hello.txt", "hello")
    files["xlsm"] = tmp_path / "macro.xlsm"
    export_settings(PROCEDURES, MUNICIPALITIES / "hashikami.yml", tmp_path / "good.xlsx")
    shutil.copy(tmp_path / "good.xlsx", files["xlsm"])
    files["one csv"] = tmp_path / "自治体.csv"
    files["one csv"].write_text("項目,値\n", encoding="utf-8")
    return files


@pytest.mark.parametrize("kind,words", [
    ("not a zip", "Excel の ブック（.xlsx）では ありません"),
    ("0 bytes", "ファイルが 空です（0 バイト）"),
    ("zip, not xlsx", "zip ファイルですが、Excel の ブックでは ありません"),
    ("xlsm", "マクロ付きの ブック（.xlsm）は 読めません"),
    ("one csv", "フォルダごと 指定して ください"),
])
def test_bad_files_get_a_japanese_message_not_a_traceback(kind: str, words: str, town_copy: Path, tmp_path: Path, run) -> None:
    path = _bad_files(tmp_path)[kind]
    before = town_copy.read_bytes()
    result = run(tmp_path, "workbook", "read", str(path), "--settings", str(town_copy), "--config", str(PROCEDURES.parent / "mkdocs.yml"))
    assert result.exit_code == 1
    assert words in result.output and "設定ファイルは 変えて いません" in result.output
    assert "Traceback" not in result.output
    assert town_copy.read_bytes() == before


def test_write_never_overwrites(town_copy: Path, tmp_path: Path, run) -> None:
    config = str(PROCEDURES.parent / "mkdocs.yml")
    before = town_copy.read_bytes()
    result = run(tmp_path, "workbook", "write", str(town_copy), "-o", str(town_copy), "--config", config)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "書きません" in result.output
    existing = tmp_path / "filled.xlsx"
    existing.write_bytes(b"staff work")
    result = run(tmp_path, "workbook", "write", str(town_copy), "-o", str(existing), "--config", config)
    assert result.exit_code == 1 and "上書きは しません" in result.output
    assert existing.read_bytes() == b"staff work" and town_copy.read_bytes() == before


def test_cp932_csv_from_excel_is_read(town_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    export_settings(PROCEDURES, town_copy, folder)
    for path in folder.glob("*.csv"):
        path.write_bytes(path.read_text(encoding="utf-8-sig").replace("まだ わからない", "できない", 1).encode("cp932"))
    result = import_settings(PROCEDURES, folder, town_copy)
    assert result.changed
    assert any("CP932" in str(note) for note in result.converted)


def _changed_workbook(settings: Path, tmp_path: Path) -> Path:
    book = load_workbook(_blank(settings, tmp_path))
    book["問い合わせ先"]["E2"] = "平日 8時30分〜17時15分"
    path = tmp_path / "changed.xlsx"
    book.save(path)
    return path


def test_the_settings_file_keeps_its_mode(town_copy: Path, tmp_path: Path) -> None:
    os.chmod(town_copy, 0o644)
    assert import_settings(PROCEDURES, _changed_workbook(town_copy, tmp_path), town_copy).changed
    assert oct(town_copy.stat().st_mode & 0o777) == "0o644"


def test_a_symlinked_settings_file_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "hashikami.yml"
    real.parent.mkdir()
    shutil.copy(MUNICIPALITIES / "hashikami.yml", real)
    link = tmp_path / "municipalities" / "hashikami.yml"
    link.parent.mkdir()
    link.symlink_to(real)
    assert import_settings(PROCEDURES, _changed_workbook(link, tmp_path), link).changed
    assert link.is_symlink()
    assert "平日 8時30分〜17時15分" in real.read_text(encoding="utf-8")
    assert not list(link.parent.glob(".*"))   # nothing left beside the link


def test_a_dangling_settings_link_is_refused(tmp_path: Path) -> None:
    workbook = _changed_workbook(MUNICIPALITIES / "hashikami.yml", tmp_path)
    link = tmp_path / "hashikami.yml"
    link.symlink_to(tmp_path / "gone.yml")
    with pytest.raises(WorkbookRefused, match="リンク先の ファイル"):
        import_settings(PROCEDURES, workbook, link)
    assert link.is_symlink()


def test_a_huge_sheet_is_refused_early_naming_it(town_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Early: in the streamed pass (openpyxl's read-only mode), a row past the limit, before the whole book is
    loaded into memory (what took minutes on a sheet of 100,000 rows). Checked by what is read, not by a clock."""
    import openpyxl

    book = load_workbook(_blank(town_copy, tmp_path))
    sources = book["出典"]
    for row in range(3, 100_003):
        sources.cell(row, 1, "資料")
    huge = tmp_path / "huge.xlsx"
    book.save(huge)
    loads, rows_read = [], []
    real_load = openpyxl.load_workbook

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        loaded = real_load(*args, **kwargs)
        loads.append(bool(kwargs.get("read_only")))
        for sheet in loaded.worksheets:
            real_rows = sheet.iter_rows

            def rows(*a, _real=real_rows, _title=sheet.title, **k):  # noqa: ANN002, ANN003, ANN202
                for row in _real(*a, **k):
                    rows_read.append(_title)
                    yield row

            sheet.iter_rows = rows
        return loaded

    monkeypatch.setattr(openpyxl, "load_workbook", counted)
    with pytest.raises(UnreadableWorkbook, match="シート「出典」の 行が 多すぎます"):
        import_settings(PROCEDURES, huge, town_copy)
    assert loads == [True], f"the book was loaded {loads} (True: streamed) before the refusal"
    assert rows_read.count("出典") <= MAX_ROWS + 3, f"{rows_read.count('出典')} rows of 出典 read before the refusal"


def test_what_staff_see_is_read_not_a_hidden_sheet(town_copy: Path, tmp_path: Path) -> None:
    book = load_workbook(_blank(town_copy, tmp_path))
    hidden = book.copy_worksheet(book["自治体"])
    book["自治体"].title = "自治体（見る用）"
    hidden.title, hidden.sheet_state = "自治体", "hidden"
    hidden["B2"] = "隠し町"
    book["手続き"]["C2"] = "daihyo"
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    result = import_settings(PROCEDURES, path, town_copy)
    assert yaml.safe_load(town_copy.read_text(encoding="utf-8"))["name"] == "階上町"
    assert any("非表示の シート" in str(w) for w in result.warnings)


def test_a_part_only_in_a_hidden_sheet_is_refused_with_what_to_do(town_copy: Path, tmp_path: Path) -> None:
    book = load_workbook(_blank(town_copy, tmp_path))
    book["出典"].sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    with pytest.raises(WorkbookProblems, match="シート 出典: この シートは 非表示です。.*「再表示」"):
        import_settings(PROCEDURES, path, town_copy)
