"""Adding an edition is data: a declaration in ``editions.yml``, a string table and text variants — no Python.

The test edition (``en``, placeholder English) lives in this test only: the real site publishes no English
edition, since its facts would need sourcing. On a copy of the two-procedure test town it adds the edition
without touching any code, builds, and checks the new edition's pages, words, variant texts, finder and short
links — and that the standard and やさしい日本語 editions are unchanged but for the link to the new one.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.errors import InputError
from generator.loading import load_catalog
from generator.loading.editions import DEFAULT_EDITIONS
from generator.loading.strings import TABLES
from generator.loading.variants import GUIDE_TEXT, MUNICIPALITY_TEXT, PROCEDURE_TEXT
from tests.commands.conftest import small_project

LINK = "Read this page in English (test)"
"""The test table's words for the link to its edition (its ``edition.to_standard``, declared as ``link``)."""

GUIDE = """\
event: birth
intro: 赤ちゃんが うまれた ときに する ことです。
steps:
  - title: 児童手当を 申し込む
    text: うまれた 日の 次の 日から 15日以内に 申し込みます。
    procedures: [k01]
  - title: 出生届を 出す
    counter: うまれた 日を ふくめて 14日以内に 窓口に 出します。
    deadline: {counts_from: [birth], within_days: 14}
reviewed: 2026-11-01
sources:
  - title: テストの 出典
    url: https://source.example/birth
"""

EN_EDITION = {
    "key": "en", "prefix": "en/", "label": "English (test)", "strings": "strings/en.yml", "finish": "none",
    "copy_missing": False, "link": "edition.to_standard",
}


def _placeholder(key: str, entry: str) -> str:
    """Placeholder English for an entry: the key, with the entry's slots kept (the loader checks them)."""
    if key == "frame.lang":
        return "en"
    if key == "flow_script.weekdays":
        return "Sun,Mon,Tue,Wed,Thu,Fri,Sat"
    if key == "edition.to_standard":
        return LINK
    slots = "".join(f" {{{name}}}" for name in re.findall(r"\{([a-z][a-z0-9_]*)\}", entry))
    return f"EN {key}{slots}"


def _english_table(target: Path) -> None:
    data = yaml.load((TABLES / "ja.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # keys such as `no` stay text

    def walk(node: dict, path: tuple[str, ...]) -> dict:
        return {
            key: walk(value, (*path, key)) if isinstance(value, dict) else _placeholder(".".join((*path, key)), value)
            for key, value in node.items()
        }

    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(walk(data, ()), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _is_text(path: tuple, data: object, texts: frozenset[str]) -> bool:
    """Whether ``path`` is a text field of ``texts`` (``*``: any list index or mapping key) holding text."""
    parts = [str(part) for part in path]
    return not isinstance(data, (dict, list)) and any(
        len(pattern) == len(parts) and all(p in ("*", part) for p, part in zip(pattern, parts))
        for pattern in (text.split(".") for text in texts)
    )


def _english_texts(data: object, path: tuple, texts: frozenset[str], *, keep_facts: bool) -> object:
    """A variant of ``data``: every text field replaced by ``EN <id> <field path>``; facts kept or left out."""
    if _is_text(path, data, texts):
        return "EN " + ".".join(str(part) for part in path)
    if isinstance(data, dict):
        items = {key: _english_texts(value, (*path, key), texts, keep_facts=keep_facts) for key, value in data.items()}
        return {key: value for key, value in items.items() if value is not _FACT}
    if isinstance(data, list):
        items = [_english_texts(item, (*path, index), texts, keep_facts=keep_facts) for index, item in enumerate(data)]
        if all(item is _FACT for item in items):
            return _FACT
        return [{} if item is _FACT else item for item in items]
    return data if keep_facts else _FACT


_FACT = object()


def _variant(base: Path, target: Path, texts: frozenset[str], tag: str, *, keep_facts: bool) -> None:
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    variant = _english_texts(data, (), texts, keep_facts=keep_facts)
    variant = {key: value for key, value in variant.items() if value is not _FACT}
    text = yaml.safe_dump(variant, allow_unicode=True, sort_keys=False).replace("EN ", f"EN {tag} ")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def add_test_edition(project: Path) -> None:
    """The test edition, as data only: the declaration, a string table, and the text variants."""
    declared = yaml.safe_load(DEFAULT_EDITIONS.read_text(encoding="utf-8"))
    declared["editions"].append(EN_EDITION)
    (project / "editions.yml").write_text(yaml.safe_dump(declared, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _english_table(project / "strings" / "en.yml")
    # k01: only its texts; d01: a whole copy with its texts translated (a translator's starting point).
    _variant(project / "procedures" / "k01-test.yml", project / "procedures" / "en" / "k01-test.yml", PROCEDURE_TEXT, "k01", keep_facts=False)
    _variant(project / "procedures" / "d01-test.yml", project / "procedures" / "en" / "d01-test.yml", PROCEDURE_TEXT, "d01", keep_facts=True)
    _variant(project / "life_events" / "birth.yml", project / "life_events" / "en" / "birth.yml", GUIDE_TEXT, "birth", keep_facts=False)
    # The town's settings: its texts (site name, sample note, departments, hours, answers, notices).
    _variant(project / "municipalities" / "testtown.yml", project / "municipalities" / "en" / "testtown.yml", MUNICIPALITY_TEXT, "town", keep_facts=False)
    # Every hand-written page of docs/ (help pages, about, …), same path under docs/en/.
    docs = project / "docs"
    for page in sorted(path for path in docs.rglob("*.md") if not path.relative_to(docs).as_posix().startswith(("en/", "yasashii/"))):
        variant = docs / "en" / page.relative_to(docs)
        variant.parent.mkdir(parents=True, exist_ok=True)
        name = page.relative_to(docs).with_suffix("").as_posix().replace("/", " ")
        variant.write_text(f"---\ntitle: EN {name}\ndescription: EN page {name}\n---\n\n# EN {name}\n\n## EN heading {name}\n", encoding="utf-8")


TOWN_TEXTS = """\
site_name: テスト町の 手続き
departments:
  main:
    name: テスト町役場
    phone: 0123-45-6789
    phone_note: 代表電話です。
    address: テスト県テスト町1番地
    hours:
      mon: 8:30-17:15
      tue: 8:30-17:15
      wed: 8:30-17:15
      thu: 8:30-17:15
      fri: 8:30-17:15
      closed: [祝日, 年末年始（12月29日〜1月3日）]
      note: 第2日曜日も あけます。
  kosodate:
    name: こども課
    phone: 0123-45-0001
    hours: 平日 8時30分から 17時15分まで
procedures:
  k01:
    department: kosodate
    online: "yes"
    mynaportal_url: https://app.oss.myna.go.jp/Application/procdetail/initGet?test
    note: 窓口は 2階です。
    answers:
      test-question: {text: 町の 答えです。, checked: 2026-11-01}
    notices:
      - {kind: info, text: 12月は 窓口が こみます。, since: 2026-11-01}
  d01:
    department: main
    online: "no"
notices:
  - {kind: paused, text: しばらく 止めて います。, since: 2026-11-01}
"""
"""Every kind of text a town's settings hold, in the test town (the fixture's other fields stay)."""


def _project(target: Path) -> Path:
    project = small_project(target)
    (project / "life_events" / "birth.yml").write_text(GUIDE, encoding="utf-8")
    settings = project / "municipalities" / "testtown.yml"
    data = yaml.safe_load(settings.read_text(encoding="utf-8")) | yaml.safe_load(TOWN_TEXTS)
    settings.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The test town built before and after adding the test edition."""
    root = tmp_path_factory.mktemp("edition-as-data")
    before = build_site(_project(root / "before") / "mkdocs.yml", site_dir=root / "site-before")
    project = _project(root / "after")
    add_test_edition(project)
    after = build_site(project / "mkdocs.yml", site_dir=root / "site-after")
    return before, after


def _read(site: Path, address: str) -> str:
    path = site / address / "index.html"
    assert path.is_file(), f"missing page: {address}"
    return path.read_text(encoding="utf-8")


def test_the_new_edition_has_its_pages_words_and_texts(sites: tuple[Path, Path]) -> None:
    _, site = sites
    page = _read(site, "en/kosodate/test-jidou-teate/")
    assert '<html lang="en"' in page
    assert "EN k01 title" in page and "EN k01 steps.0.title" in page and "EN k01 prepare.1.note" in page
    assert "EN procedure." in page or "EN start." in page, "the table's words"
    assert "テストの 手続き いち" not in page and "テストの手続きいち" not in page, "no base text in the edition"
    # Facts come from the base file: the source's address, the reviewed date.
    assert "https://source.example/k01" in page and "2026" in page
    # The other editions are linked in their own tables' words; the page is not finished with ruby or spacing.
    assert "<ruby>" not in re.sub(r'<p class="t-edition">.*?</p>', "", page), "only the link to やさしい日本語 has ふりがな"
    assert 'href="../../../kosodate/test-jidou-teate/" lang="ja" hreflang="ja" data-edition>' in page
    assert 'href="../../../yasashii/kosodate/test-jidou-teate/" lang="ja" hreflang="ja" data-edition>' in page
    d01 = _read(site, "en/hisai/" + next(p.name for p in (site / "en" / "hisai").iterdir() if p.is_dir()) + "/")
    assert "EN d01 title" in d01
    guide = _read(site, "en/" + next(
        str(path.parent.relative_to(site / "en")) for path in (site / "en").rglob("index.html") if "EN birth intro" in path.read_text(encoding="utf-8")
    ) + "/")
    assert "EN birth steps.1.counter" in guide and "EN k01 title" in guide


def test_the_new_edition_has_its_finder_short_links_and_help_pages(sites: tuple[Path, Path]) -> None:
    _, site = sites
    finder = _read(site, "en/sagasu/")
    assert "EN k01 title" in finder and "EN help pin" in finder
    assert "テストの 手続き いち" not in finder
    short = _read(site, "en/p/k01/")
    assert "en/kosodate/test-jidou-teate/" in short or "../../kosodate/test-jidou-teate/" in short
    assert "EN help pin" in _read(site, "en/help/pin/")
    # The standard pages link to the new edition, in its own words.
    assert f'href="../../en/kosodate/test-jidou-teate/" lang="en" hreflang="en" data-edition><span>{LINK}</span></a>' in _read(site, "kosodate/test-jidou-teate/")


def test_the_existing_editions_are_unchanged_but_for_the_link_to_the_new_one(sites: tuple[Path, Path]) -> None:
    before, after = sites
    # The link stands in the same paragraph as the link to the other Japanese edition, marked with its language.
    link = re.compile(rf'<a href="[^"]*" lang="en" hreflang="en" data-edition><span>{re.escape(LINK)}</span></a>')
    compared = 0
    for path in sorted(before.rglob("*")):
        relative = path.relative_to(before)
        if not path.is_file() or relative.name.startswith("sitemap.xml"):
            continue  # the sitemap lists the new pages
        old, new = path.read_bytes(), (after / relative).read_bytes()
        if path.suffix == ".html":
            # (with several links in the switch, each link's words are one box: <span>)
            new = re.sub(r"(data-edition>)<span>(.*?)</span>(</a>)", r"\1\2\3", link.sub("", new.decode("utf-8"))).encode("utf-8")
        assert new == old, f"{relative} changed"
        compared += 1
    assert compared > 100


JAPANESE = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")
"""A Japanese character: kana, kanji, 々 and full-width forms (the marks 。、「」 are in no English text either)."""


def _proper_names_and_facts(project: Path) -> list[str]:
    """What the English edition may show in Japanese: the names the town gives (its name, prefecture, addresses:
    proper names, kept as the settings write them) and the procedures' facts that name Japanese documents (the
    ``official_name`` to say at the counter, the sources' titles: the documents cited)."""
    town = yaml.safe_load((project / "municipalities" / "testtown.yml").read_text(encoding="utf-8"))
    names = [town["name"], town["prefecture"], *(d["address"] for d in town["departments"].values() if "address" in d)]
    for path in sorted((project / "procedures").glob("*.yml")):
        procedure = yaml.safe_load(path.read_text(encoding="utf-8"))
        names += [procedure["official_name"], *(source["title"] for source in procedure["sources"])]
    return sorted(names, key=len, reverse=True)


def _english_text(page: str) -> str:
    """The text a reader of an English page meets (the text, the scripts' words, the attributes read aloud),
    leaving out what is marked as another language (``lang="ja"``: the links to the Japanese editions and to
    the pages only the standard edition has)."""
    soup = BeautifulSoup(page, "html.parser")
    for marked in soup.select("[lang]:not(html)"):
        if not marked["lang"].startswith("en"):
            marked.decompose()
    attributes = [value for tag in soup.find_all(True) for name, value in tag.attrs.items()
                  if name in ("alt", "title", "aria-label", "content", "placeholder") and isinstance(value, str)]
    return " ".join([soup.get_text(" "), *attributes])


def test_the_new_edition_shows_no_japanese_but_the_town_s_names_and_the_documents_facts(sites: tuple[Path, Path]) -> None:
    """The town's settings texts, the hand-written pages, the theme's words and the switch: nothing Japanese in
    the English edition, but for proper names and facts, and the links to Japanese pages, marked as such."""
    _, site = sites
    allowed = _proper_names_and_facts(site.parent / "after")
    pages = sorted((site / "en").rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert page.startswith('<!doctype html>\n<html lang="en"') or '<html lang="en"' in page[:200], path
        text = _english_text(page)
        for name in allowed:
            text = text.replace(name, "").replace(re.sub(r"\s+", "", name), "")
        found = JAPANESE.search(text)
        assert found is None, f"{path.relative_to(site)}: Japanese text 「{text[max(0, found.start() - 20):found.end() + 20]}」"


def test_the_new_edition_shows_the_town_s_own_texts_from_its_settings_variant(sites: tuple[Path, Path]) -> None:
    _, site = sites
    variant = (site.parent / "after" / "municipalities" / "en" / "testtown.yml").read_text(encoding="utf-8")
    texts = set(re.findall(r"EN town [a-z0-9_.-]+", variant))
    assert {"EN town site_name", "EN town sample_note", "EN town departments.main.hours.note",
            "EN town procedures.k01.answers.test-question.text", "EN town notices.0.text"} <= texts
    shown = {text for path in (site / "en").rglob("*.html") for text in re.findall(r"EN town [a-z0-9_.-]+", path.read_text(encoding="utf-8"))}
    assert shown == texts, "every text of the settings variant is shown somewhere"
    home = BeautifulSoup(_read(site, "en/"), "html.parser")
    assert home.select_one(".t-header__site").get_text(strip=True) == "EN town site_name"
    assert home.title.get_text().startswith("EN town site_name")
    # The other editions keep the town's own words; the closed dates are the base file's in every edition.
    assert not any("EN town" in path.read_text(encoding="utf-8") for path in site.rglob("*.html") if not path.relative_to(site).as_posix().startswith("en/"))
    closed = re.compile(r'data-closed="([^"]*)"')
    standard, english = (closed.findall(_read(site, prefix + "hisai/test-risai/")) for prefix in ("", "en/"))
    assert english == standard == ["1229 1230 1231 0101 0102 0103"]


def test_the_new_edition_has_its_own_hand_written_pages_and_footer(sites: tuple[Path, Path]) -> None:
    _, site = sites
    about = BeautifulSoup(_read(site, "en/about/"), "html.parser")
    assert about.h1.get_text(strip=True) == "EN about"
    footer = {a.get_text(strip=True): a["href"] for a in about.select(".t-footer__links a")}
    assert footer["EN about"] == "./" and footer["EN mojiwo-ookiku"] == "../mojiwo-ookiku/" and footer["EN help index"] == "../help/"
    staff = about.select_one('.t-footer__links a[href="../../koushin/"]')
    assert staff is not None and staff["lang"] == "ja", "a page only the standard edition has is marked as Japanese"
    # Links to Japanese pages are typeset as their edition: no visible phrase space in the standard edition's
    # words, ふりがな on the やさしい日本語 edition's.
    marked = about.select('a[lang="ja"]')
    assert len(marked) == 6 and all(a["hreflang"] == "ja" for a in marked)
    for link in marked:
        spaced = re.search(rf"{JAPANESE.pattern}\s+{JAPANESE.pattern}", link.get_text())
        assert spaced is None or link.select_one("ruby"), f"{link}: a space between Japanese words"
    assert about.select_one('.t-edition a[href="../../yasashii/about/"] ruby') is not None
    assert "EN mojiwo-ookiku" in _read(site, "en/mojiwo-ookiku/")
    # The standard page's switch goes to the edition's own copy of it.
    assert 'href="../en/about/" lang="en"' in _read(site, "about/")


def test_mkdocs_theme_language_changes_no_page(sites: tuple[Path, Path], tmp_path: Path) -> None:
    """A page's language and the theme's words come from its edition (``frame.lang`` and the words of the table
    its declaration names), never from mkdocs.yml's ``theme.language`` (Material's own words, which the theme
    does not write)."""
    before, _ = sites
    project = _project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  language: ja\n" in text
    config.write_text(text.replace("  language: ja\n", "  language: en\n"), encoding="utf-8")
    site = build_site(config, site_dir=tmp_path / "site")
    files = sorted(path.relative_to(before) for path in before.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(site) for path in site.rglob("*") if path.is_file())
    assert all((site / name).read_bytes() == (before / name).read_bytes() for name in files if name.name != "sitemap.xml.gz")


def test_a_town_s_settings_variant_cannot_change_a_fact_and_must_give_every_text(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    add_test_edition(project)
    variant = project / "municipalities" / "en" / "testtown.yml"
    data = yaml.safe_load(variant.read_text(encoding="utf-8"))
    data["departments"]["main"]["phone"] = "0123-45-0000"
    del data["departments"]["main"]["hours"]["note"]
    variant.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    lines = variant.read_text(encoding="utf-8").splitlines()
    phone = 1 + next(i for i, line in enumerate(lines) if "0123-45-0000" in line)
    with pytest.raises(InputError) as raised:
        load_catalog(project / "procedures", project / "municipalities" / "testtown.yml")
    report = raised.value.report()
    assert f"municipalities/en/testtown.yml:{phone}:" in report and "事実" in report and "0123-45-6789" in report
    assert re.search(r"municipalities/en/testtown.yml:\d+:\d+: departments.main.hours.note: この 文の 言いかえが ありません", report)
    variant.unlink()
    with pytest.raises(InputError) as raised:
        load_catalog(project / "procedures", project / "municipalities" / "testtown.yml")
    assert "municipalities/en/testtown.yml が 要ります" in raised.value.report()


def test_check_lists_the_missing_hand_written_pages(tmp_path: Path) -> None:
    from generator.check import check_municipality
    from generator.project import read_project

    project = _project(tmp_path / "project")
    add_test_edition(project)
    (project / "docs" / "en" / "about.md").unlink()
    (project / "docs" / "en" / "help" / "pin.md").unlink()
    result = check_municipality(
        project / "procedures", project / "municipalities" / "testtown.yml", today=datetime.date(2026, 12, 1),
        project=read_project(project / "mkdocs.yml"),
    )
    report = "\n".join(f"{problem.path}: {problem.message}" for problem in result.errors)
    assert "docs/en/about.md: docs/about.md の 言いかえが ありません" in report
    assert "docs/en/help/pin.md: docs/help/pin.md の 言いかえが ありません" in report


def test_a_variant_cannot_change_a_fact(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    add_test_edition(project)
    variant = project / "procedures" / "en" / "d01-test.yml"
    text = variant.read_text(encoding="utf-8")
    assert "https://source.example/d01" in text
    variant.write_text(text.replace("https://source.example/d01", "https://elsewhere.example/d01"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_catalog(project / "procedures", project / "municipalities" / "testtown.yml")
    report = raised.value.report()
    line = 1 + text.splitlines().index(next(l for l in text.splitlines() if "https://source.example/d01" in l))
    assert f"procedures/en/d01-test.yml:{line}:" in report and "事実" in report


def test_a_variant_needs_every_text_and_the_same_number_of_steps(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    add_test_edition(project)
    variant = project / "procedures" / "en" / "k01-test.yml"
    data = yaml.safe_load(variant.read_text(encoding="utf-8"))
    del data["summary"]
    data["steps"] = data["steps"][:2]
    variant.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "procedures" / "en" / "d01-test.yml").unlink()
    with pytest.raises(InputError) as raised:
        load_catalog(project / "procedures", project / "municipalities" / "testtown.yml")
    report = raised.value.report()
    assert "procedures/en/k01-test.yml:1:1: summary: この 文の 言いかえが ありません" in report
    assert re.search(r"procedures/en/k01-test.yml:\d+:\d+: steps: 元の ファイルと 同じ 3個", report)
    assert "procedures/en/d01-test.yml:1:1" in report and "d01-test.yml が 要ります" in report


def test_a_bad_editions_file_is_reported_with_its_line(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    add_test_edition(project)
    path = project / "editions.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = max(i for i, line in enumerate(lines) if "finish: none" in line)
    lines[index] = lines[index].replace("finish: none", "finish: furigana")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_catalog(project / "procedures", project / "municipalities" / "testtown.yml")
    assert f"editions.yml:{index + 1}:" in raised.value.report() and "finish" in raised.value.report()


NAMES_AN_EDITION = {
    "editions/reading_level.py": "the reading-level targets the staff report measures the Japanese source "
    "against, one per Japanese edition (an editor's yardstick, not part of building an edition)",
}


def test_the_code_names_no_edition() -> None:
    """No module under generator/ names an edition's key or prefix (they are in the declaration), but for the
    listed reasons."""
    root = Path(__file__).resolve().parents[2] / "generator"
    named = {
        path.relative_to(root).as_posix() for path in root.rglob("*.py")
        if re.search(r"""["']yasashii/?["']""", path.read_text(encoding="utf-8"))
    }
    assert named == set(NAMES_AN_EDITION)
