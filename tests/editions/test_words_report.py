"""check's report on the words: kanji without a reviewed reading (file:line) and the reading level."""

from __future__ import annotations

from pathlib import Path

from generator.editions.coverage import uncovered
from generator.editions.reading_level import TARGETS, page_level, reading_level_warnings, tateishi
from generator.loading.readings import Readings


def _project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "procedures").mkdir()
    (tmp_path / "procedures" / "k01-test.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_kanji_word_without_a_reading_is_listed_with_file_and_line(tmp_path: Path) -> None:
    root = _project(tmp_path, "id: k01\nsummary: 児童手当を もらう 申請です。\nofficial_name: 未支払の請求\n")
    found = uncovered(root, Readings({"児童手当": "じどうてあて", "申請": "しんせい"}))
    assert [(str(item.path), item.line, item.word) for item in found] == [
        ("procedures/k01-test.yml", 3, "未支払"), ("procedures/k01-test.yml", 3, "請求"),
    ]


def test_a_long_sentence_is_a_warning_at_its_line_and_official_names_are_left_out(tmp_path: Path) -> None:
    long = "この 手続きは " + "とても " * 30 + "ながい 文です。"
    root = _project(tmp_path, f"id: k01\nofficial_name: 児童手当等の受給資格及び児童手当の額についての認定請求\nsummary: {long}\n")
    warnings = reading_level_warnings(root)
    assert any(w.line == 3 and "文が 長いです" in w.message for w in warnings)
    assert all(w.line != 2 for w in warnings)
    level = page_level(root / "procedures" / "k01-test.yml")
    assert level.kanji_runs == 0 and max(level.lengths) > TARGETS["standard"][0]


def test_plain_words_score_as_easier_than_official_prose() -> None:
    official = "児童手当等の受給資格及び児童手当の額についての認定請求を行う必要があります。"
    plain = "児童手当を もらう ための 申請です。赤ちゃんが うまれたら 申し込みます。"
    assert tateishi(plain.replace(" ", "")) > tateishi(official) + 10


def test_the_example_pages_meet_the_standard_score(example_catalog) -> None:  # noqa: ANN001
    root = Path(__file__).resolve().parents[2]
    scores = [page_level(path).score for path in sorted((root / "procedures").glob("*.yml"))]
    assert min(scores) >= TARGETS["standard"][1], scores


def test_a_markdown_heading_is_page_text_not_a_comment(tmp_path: Path) -> None:
    (tmp_path / "docs" / "help").mkdir(parents=True)
    (tmp_path / "docs" / "help" / "photos.md").write_text("# 写真\n\n## 書類を 撮る ときの こつ\n", encoding="utf-8")
    found = uncovered(tmp_path, Readings({"写真": "しゃしん", "書類": "しょるい"}))
    assert [(str(item.path), item.line, item.word) for item in found] == [("docs/help/photos.md", 3, "撮")]


def test_the_staff_page_reports_a_too_long_sentence_with_its_file_and_line() -> None:
    from bs4 import BeautifulSoup

    from generator.editions.reading_level import PageLevel
    from generator.flyers.pages import READING_LEVEL_URL, reading_level_page, staff_page

    long = ("この 手続きは " + "とても " * 30 + "ながい 文です。").replace(" ", "")
    level = PageLevel(Path("procedures/k01-test.yml"), [(3, long), (4, "みじかい文です。")])
    staff = staff_page(
        flyers=[], handouts=[], base_url=None, pdf_problem=None, sizes={}, not_ready_reason="テスト", reading_levels=(level,)
    )
    soup = BeautifulSoup(staff.html, "html.parser")
    summary = soup.find(id="読みやすさ").find_next("ul").get_text(" ", strip=True)
    assert f"{TARGETS['standard'][0]}字を こえる 文は 1" in summary and f"{TARGETS['yasashii'][0]}字を こえる 文は 1" in summary
    assert soup.find("a", string="ページごとの 表と 長い 文の 一覧を 見る")["href"] == "yomiyasusa/"

    report = BeautifulSoup(reading_level_page((level,)).html, "html.parser")
    assert reading_level_page((level,)).url == READING_LEVEL_URL
    item = report.select_one("#ページごと + ul > li")
    numbers, targets = (paragraph.get_text(" ", strip=True) for paragraph in item.find_all("p"))
    assert item.code.get_text() == "procedures/k01-test.yml" and numbers.startswith(f"文の 長さ: 最大 {len(long)}字")
    assert f"ふつうの 版: {TARGETS['standard'][0]}字を こえる 文 1" in targets
    assert f"やさしい日本語の 版: {TARGETS['yasashii'][0]}字を こえる 文 1" in targets
    listed = [item.get_text(" ", strip=True) for item in report.select("#長い文 > li")]
    assert listed == [f"{len(long)}字「{long[:30]}…」: procedures/k01-test.yml:3"]


def test_the_example_sites_staff_pages_report_every_page_check_reads(example_site: Path) -> None:
    from bs4 import BeautifulSoup

    from generator.editions.reading_level import site_levels

    staff = BeautifulSoup((example_site / "chirashi" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert staff.find(id="読みやすさ")
    report = BeautifulSoup((example_site / "chirashi" / "yomiyasusa" / "index.html").read_text(encoding="utf-8"), "html.parser")
    root = Path(__file__).resolve().parents[2]
    assert [item.code.get_text() for item in report.select("#ページごと + ul > li")] == [str(level.path) for level in site_levels(root)]
    listed = " ".join(item.get_text(" ", strip=True) for item in report.select("#長い文 > li"))
    assert "102字「スマートフォンにカードの機能を入れている" in listed and "procedures/c01-kaigo-nintei-shinsei.yml:70" in listed
    # staff material: not in the やさしい日本語 edition
    assert not (example_site / "yasashii" / "chirashi" / "yomiyasusa").exists()
