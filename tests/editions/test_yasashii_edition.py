"""The やさしい日本語 edition: its own addresses and short links, ruby from the reviewed readings on every page,
QR codes that open it, and a visible link between the two editions on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.editions import load_site_readings
from generator.loading.strings import string_table
from generator.loading.readings import Readings, load_readings
from generator.editions.ruby import Annotator, ruby_coverage, split_reading
from generator.errors import InputError
from generator.model import Catalog

ROOT = Path(__file__).resolve().parents[2]

HARD_TERMS = {
    # pykakasi misread these (peer review 2026-12 §3.1); the readings table must not.
    "要介護": "ようかいご", "未支払": "みしはらい", "額改定": "がくかいてい", "階上町": "はしかみちょう",
    "出生届": "しゅっしょうとどけ", "世帯主": "せたいぬし", "受給資格者": "じゅきゅうしかくしゃ",
    "認定こども園": "にんていこどもえん",
    # our own list: official terms of the 27 procedures and words read two ways
    "児童扶養手当": "じどうふようてあて", "特別児童扶養手当": "とくべつじどうふようてあて",
    "罹災証明書": "りさいしょうめいしょ", "署名用電子証明書": "しょめいようでんししょうめいしょ",
    "利用者証明用電子証明書": "りようしゃしょうめいようでんししょうめいしょ", "暗証番号": "あんしょうばんごう",
    "被保険者": "ひほけんしゃ", "母子健康手帳": "ぼしけんこうてちょう", "現況届": "げんきょうとどけ",
    "転出予定日": "てんしゅつよていび", "市区町村": "しくちょうそん", "申し込む": "もうしこむ",
    "亡くなった": "なくなった", "何度も": "なんども", "一人": "ひとり", "階上町役場（代表）": "はしかみちょうやくば（だいひょう）",
    "うまれた 日": "うまれた ひ", "15日以内": "15にちいない", "3日": "みっか", "おくれた 月": "おくれた つき",
    # the review of 2026-12-06 (readings/words.yml): readings that were wrong before, in the context they appear in
    "大文字": "おおもじ", "英大文字と": "えいおおもじと", "介護保険証が": "かいごほけんしょうが",
    "負担割合証の再交付": "ふたんわりあいしょうのさいこうふ", "正しく": "ただしく", "カードの 中の 証明書": "カードの なかの しょうめいしょ",
    "話し合い中の": "はなしあいちゅうの", "工事の 前と 後の": "こうじの まえと あとの", "改正後の": "かいせいごの",
    "出さない 間は": "ださない あいだは", "分に 間に あうか": "ぶんに まに あうか", "次の 月の 分から": "つぎの つきの ぶんから",
    "職員の 方へ": "しょくいんの かたへ", "さがし方": "さがしかた", "押された 数だけ": "おされた かずだけ",
    "認定請求書": "にんていせいきゅうしょ", "何を 出せば": "なにを だせば", "作成日": "さくせいび", "ある 町の 例": "ある まちの れい",
    "市町の 窓口": "しちょうの まどぐち", "大字道仏字": "おおあざどうぶつあざ", "その 行の 横": "その ぎょうの よこ",
    "多点杖": "たてんづえ", "受領委任払い": "じゅりょういにんばらい", "償還払い": "しょうかんばらい", "領収日から": "りょうしゅうびから", "前の 年の 所得": "まえの としの しょとく", "被害の 写真（カラー）": "ひがいの しゃしん（カラー）",
    # counters after numbers (readings/counters.yml): the whole number + counter where the sound changes
    "30分": "さんじゅっぷん", "6時30分": "6じさんじゅっぷん", "11分": "1いっぷん", "12人": "1ににん", "1人目": "ひとりめ",
    "3人目": "3にんめ", "4月": "しがつ", "7月": "しちがつ", "7日以内": "なのかいない", "14日以内": "1よっかいない",
    "23日": "23にち", "1か月": "いっかげつ", "1か月後まで": "いっかげつごまで", "6回": "ろっかい", "20件": "2じゅっけん",
    "18歳": "1はっさい", "40歳": "よんじゅっさい", "24時間": "2よじかん", "2024年": "202よねん", "1年中": "1ねんじゅう",
    "1組": "ひとくみ", "20人なら": "20にんなら", "3月31日": "3がつ31にち", "11月29日": "11がつ29にち",
    "12月6日": "12がつむいか", "60日前": "60にちまえ", "11時": "11じ", "月曜〜金曜": "げつよう〜きんよう", "第2日曜日": "だいににちようび", "1日あたり": "1にちあたり", "年末年始": "ねんまつねんし", "2日以内": "ふつかいない",
}


@pytest.fixture(scope="module")
def annotator(example_catalog: Catalog) -> Annotator:
    return Annotator(Readings(load_site_readings(ROOT, example_catalog.municipality)))


@pytest.mark.parametrize("term", sorted(HARD_TERMS))
def test_hard_terms_read_right(annotator: Annotator, term: str) -> None:
    assert "".join(reading or piece for piece, reading in annotator.words(term)) == HARD_TERMS[term]


@pytest.mark.parametrize("term", sorted(HARD_TERMS))
def test_hard_terms_read_right_on_the_page(annotator: Annotator, term: str) -> None:
    # What a reader sees: the ruby of the finished HTML (a 〇 word, a date or a word made of shorter ones).
    html = re.sub(r"<ruby>(.*?)<rt>(.*?)</rt></ruby>", r"\2", annotator.html(term))
    assert re.sub(r"<[^>]+>", "", html) == HARD_TERMS[term]


def test_town_names_come_from_the_settings_not_from_the_table() -> None:
    # A sample town may be named in another town's sources (「太子町の 例」 on 階上町's k01 page): the table may
    # then hold its name, but never with a reading other than the one its own settings give.
    import yaml

    table = load_readings(ROOT / "readings").words
    settings = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "municipalities").glob("*.yml"))]
    towns = {town["name"]: town["name_kana"] for town in settings}
    assert {"階上町", "上毛町", "榛東村", "勝央町", "太子町"} <= set(towns)
    assert {name: table[name] for name in towns if name in table} == {name: towns[name] for name in towns if name in table}


def test_ruby_goes_on_the_kanji_and_leaves_the_kana() -> None:
    assert split_reading("申し込む", "もうしこむ") == (("申", "もう"), ("し", None), ("込", "こ"), ("む", None))
    html = Annotator(Readings({"申し込む": "もうしこむ"})).html("窓口で 申し込む")
    assert html == '窓口で <span class="t-rw"><ruby>申<rt>もう</rt></ruby>し<ruby>込<rt>こ</rt></ruby>む</span>'


def test_a_bad_reading_is_reported_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "words.yml").write_text("児童手当: じどうてあて\n要介護: yokaigo\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_readings(tmp_path)
    assert "words.yml:2:1: 要介護: よみ「yokaigo」は ひらがなで" in error.value.report()


def _pages(site: Path) -> list[Path]:
    return sorted((site / "yasashii").rglob("index.html"))


def test_every_yasashii_page_puts_ruby_on_at_least_95_percent_of_its_kanji(example_site: Path) -> None:
    pages = _pages(example_site)
    assert len(pages) > 60
    low = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a short link: it only sends the reader on
        covered, total = ruby_coverage(html)
        if total and covered / total < 0.95:
            low.append(f"{path.relative_to(example_site)}: {covered}/{total}")
    assert low == []


def test_the_edition_has_its_own_addresses_short_links_and_qr_codes(example_site: Path) -> None:
    page = example_site / "yasashii" / "kosodate" / "jidou-teate-nintei-seikyu" / "index.html"
    assert page.is_file()
    short = (example_site / "yasashii" / "p" / "K01" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'http-equiv="refresh" content="0; url=\.\./\.\./kosodate/', short)
    flyer = (example_site / "yasashii" / "chirashi" / "k01" / "index.html").read_text(encoding="utf-8")
    assert "https://hashikami.example/tetsuzuki/yasashii/p/k01/" in re.sub(r"<wbr>", "", flyer)
    assert (example_site / "yasashii" / "chirashi" / "qr" / "k01.svg").is_file() or any(
        (example_site / "yasashii").rglob("k01.svg")
    )
    # Links inside the edition stay inside it; the theme's stylesheets are shared.
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    breadcrumbs = [a["href"] for a in soup.select("nav.t-breadcrumbs a")]
    assert breadcrumbs and all(not href.startswith("../../../") for href in breadcrumbs)
    # The header's site name and 「さがす」 open this edition's home and finder.
    assert [a["href"] for a in soup.select(".t-header a")] == ["../../", "../../sagasu/"]
    assert soup.select("rt")
    assert soup.select_one('link[href$="tetsuzuki.css"]')["href"].startswith("../../../")


def test_every_page_links_to_its_counterpart_near_the_top(example_site: Path) -> None:
    c01 = Path("kaigo") / "kaigo-nintei-shinsei"
    standard = BeautifulSoup((example_site / c01 / "index.html").read_text(encoding="utf-8"), "html.parser")
    switch = standard.select_one("main .t-edition a")
    assert "やさしい" in switch.get_text() and switch.get_text() == string_table().plain("edition.to_yasashii")
    assert (example_site / c01 / switch["href"] / "index.html").resolve() == (
        example_site / "yasashii" / c01 / "index.html"
    ).resolve()
    easy = BeautifulSoup((example_site / "yasashii" / c01 / "index.html").read_text(encoding="utf-8"), "html.parser")
    back = easy.select_one("main .t-edition a")
    assert (example_site / "yasashii" / c01 / back["href"] / "index.html").resolve() == (
        example_site / c01 / "index.html"
    ).resolve()
    # Near the top: the first thing in the content area.
    assert standard.select_one("main article").find(True) is standard.select_one("main .t-edition")


def test_a_word_is_cut_into_the_same_kanji_and_other_runs_as_the_kanji_class_and_its_negation_cut_it() -> None:
    # ruby._runs (used by split_reading) takes KANJI_RUN's matches and the text between them instead of compiling
    # a kanji class and its negation in every build: every character at the class's edges, in every order.
    import itertools

    from generator.editions.ruby import _runs

    kanji = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ"
    pattern = re.compile(f"[{kanji}]+|[^{kanji}]+")
    edges = "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000\uf8ff\uf900\ufaff\ufb00々〆ヶあア1 （"
    for length in range(4):
        for word in map("".join, itertools.product(edges, repeat=length)):
            assert _runs(word) == pattern.findall(word), word
    assert split_reading("申し込む", "もうしこむ") == (("申", "もう"), ("し", None), ("込", "こ"), ("む", None))
