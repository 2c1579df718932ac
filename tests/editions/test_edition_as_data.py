"""Adding an edition is data: a declaration in ``editions.yml``, a string table and text variants — no Python.

The test edition (``en``, placeholder English) lives in this test only: the real site publishes no English
edition, since its facts would need sourcing. On a copy of the two-procedure test town it adds the edition
without touching any code, builds, and checks the new edition's pages, words, variant texts, finder and short
links — and that the standard and やさしい日本語 editions are unchanged but for the link to the new one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.build import build_site
from generator.errors import InputError
from generator.loading import load_catalog
from generator.loading.editions import DEFAULT_EDITIONS
from generator.loading.strings import TABLES
from generator.loading.variants import GUIDE_TEXT, PROCEDURE_TEXT
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


def _english_texts(data: object, path: tuple, texts: frozenset[str], *, keep_facts: bool) -> object:
    """A variant of ``data``: every text field replaced by ``EN <id> <field path>``; facts kept or left out."""
    pattern = ".".join("*" if isinstance(part, int) else str(part) for part in path)
    if pattern in texts:
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
    for page in sorted((project / "docs" / "help").glob("*.md")):
        variant = project / "docs" / "en" / "help" / page.name
        variant.parent.mkdir(parents=True, exist_ok=True)
        title = f"EN help {page.stem}"
        variant.write_text(f"---\ntitle: {title}\ndescription: EN help page {page.stem}\n---\n\n# {title}\n\n## EN heading {page.stem}\n", encoding="utf-8")


def _project(target: Path) -> Path:
    project = small_project(target)
    (project / "life_events" / "birth.yml").write_text(GUIDE, encoding="utf-8")
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
    assert "<ruby>" not in page
    assert 'href="../../../kosodate/test-jidou-teate/" data-edition>' in page
    assert 'href="../../../yasashii/kosodate/test-jidou-teate/" data-edition>' in page
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
    assert f'href="../../en/kosodate/test-jidou-teate/" data-edition>{LINK}</a>' in _read(site, "kosodate/test-jidou-teate/")


def test_the_existing_editions_are_unchanged_but_for_the_link_to_the_new_one(sites: tuple[Path, Path]) -> None:
    before, after = sites
    link = re.compile(rf'<p class="t-edition"><a href="[^"]*" data-edition>{re.escape(LINK)}</a></p>')
    compared = 0
    for path in sorted(before.rglob("*")):
        relative = path.relative_to(before)
        if not path.is_file() or relative.name.startswith("sitemap.xml"):
            continue  # the sitemap lists the new pages
        old, new = path.read_bytes(), (after / relative).read_bytes()
        if path.suffix == ".html":
            new = link.sub("", new.decode("utf-8")).encode("utf-8")
        assert new == old, f"{relative} changed"
        compared += 1
    assert compared > 100


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
