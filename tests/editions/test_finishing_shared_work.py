"""The editions' finishing does less work for the same pages (issue #23, decisions/2026-12-08-towns-site-side.md):
the document walk is one pass over ``re.split``'s list, the standard edition remembers what each run of text
became, and a town's ふりがな annotator takes the texts the previous town's made when the two readings tables
agree on every word in them. Each must give exactly what the plain way gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import editions
from generator.editions import html_text, spacing
from generator.editions.html_text import runs, tokens
from generator.editions.ruby import Annotator
from generator.loading.readings import Readings, load_readings

ROOT = Path(__file__).resolve().parents[2]


def reference_rewrite(document, text, *, tag=None, raw=None, skip_inside=frozenset()):  # noqa: ANN001, ANN201
    """The walk as it was written first: a token object for every piece, the runs, then the callbacks."""
    items = tokens(document)
    skipped: set[int] = set()
    depth = 0
    for index, token in enumerate(items if skip_inside else ()):
        if token.kind == "tag" and token.name in skip_inside:
            depth += -1 if token.closing else 1
        elif token.kind == "text" and depth > 0:
            skipped.add(index)
    for run in runs(items):
        run = [index for index in run if index not in skipped]
        if run:
            for index, value in zip(run, text([items[index].value for index in run]), strict=True):
                items[index].value = value
    for token in items:
        if token.kind == "tag" and tag:
            token.value = tag(token.value)
        elif token.kind in ("script", "style", "title", "textarea", "pre") and raw:
            token.value = raw(token.kind, token.value)
    return "".join(token.value for token in items)


AWKWARD = [
    "",
    "plain text only",
    "<p>one</p>",
    "lead <b>bold</b> tail<br>next line<p>para <a href='x'>link <span>in</span></a> end</p>trailing",
    "<!DOCTYPE html><html><head><TITLE>題 名</TITLE><Script type='x'>a < b</SCRIPT ><style>p{}</style></head>",
    "<script>never closed <p>text after</p>",
    "<!-- a <p> in a comment --> text <!-- unclosed comment <p>more</p>",
    "<pre>keep  this</pre><textarea>and <b>this</b></textarea><div>but not this</div>",
    "<ruby>漢字<rt>かんじ</rt></ruby>と <ruby>外<ruby>入れ子</ruby>側<rt>そと</rt></ruby> の 文<br/>",
    "a < b and c > d <3 <a1-b x>tag with digits</a1-b> <x-y>custom</x-y>",
    "<!x bang tag> <!/y> </ p> < p> text",
    "<p>\n   </p>\n\n<li>  一つ目  </li><li><wbr>二つ目 <img alt='絵 です'> と</li>",
]


def _marked(pieces: list[str]) -> list[str]:
    return [f"[{len(pieces)}:{piece}]" for piece in pieces]


@pytest.mark.parametrize("document", AWKWARD)
@pytest.mark.parametrize("skip", [frozenset(), frozenset({"ruby"}), frozenset({"p", "a"})])
def test_the_walk_finds_the_runs_tags_and_raw_elements_the_tokens_give(document: str, skip: frozenset[str]) -> None:
    def arguments() -> dict[str, object]:
        return {"tag": lambda tag: tag.upper(), "raw": lambda kind, element: f"«{kind}»", "skip_inside": skip}

    assert html_text.rewrite(document, _marked, **arguments()) == reference_rewrite(document, _marked, **arguments())
    assert html_text.rewrite(document, _marked, skip_inside=skip) == reference_rewrite(document, _marked, skip_inside=skip)


def test_every_page_of_the_example_is_walked_as_the_tokens_walk_it(example_site: Path) -> None:
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 400
    for path in pages:
        page = path.read_text(encoding="utf-8")
        for skip in (frozenset(), frozenset({"ruby"})):
            assert html_text.rewrite(page, _marked, tag=str.upper, skip_inside=skip) == reference_rewrite(
                page, _marked, tag=str.upper, skip_inside=skip), path


def test_a_remembered_run_is_what_the_rule_makes_of_its_text_now() -> None:
    pieces = ["電話 ", "0178-88-2111 で 申し込む"]
    first = spacing._respace_run(pieces)
    assert list(first) == spacing._respaced(["電話 ", "0178-88-2111 で 申し込む"]) == ["電話<wbr>", "0178-88-2111で<wbr>申し込む"]
    pieces[1] = "の 窓口"  # the same list with other text: remembered by its text, not by the list
    assert list(spacing._respace_run(pieces)) == spacing._respaced(["電話 ", "の 窓口"]) == ["電話<wbr>", "の<wbr>窓口"]


def test_the_remembered_runs_and_tags_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacing, "_RUNS", {})
    monkeypatch.setattr(spacing, "_TAGS", {})
    monkeypatch.setattr(spacing, "_RUNS_MAX", 10)
    for number in range(25):
        assert spacing._respace_run([f"番号 {number} の 文"]) == (f"番号<wbr>{number}の<wbr>文",)
        assert spacing._respace_tag(f'<img alt="番号 {number} の 絵" src="a b">') == f'<img alt="番号{number}の絵" src="a b">'
        assert len(spacing._RUNS) <= 10 and len(spacing._TAGS) <= 10


def _yasashii_pages(example_site: Path) -> list[str]:
    pages = [path.read_text(encoding="utf-8") for path in sorted((example_site / "yasashii").rglob("*.html"))]
    assert len(pages) > 100
    # (finished pages carry ruby already; without it the texts are those the annotator is given in a build)
    return [re.sub(r"<rt>.*?</rt>|</?ruby>|<wbr>", "", page) for page in pages]


def test_a_town_annotates_as_alone_when_it_takes_the_previous_towns_texts(example_site: Path) -> None:
    base = load_readings(ROOT / "readings").words
    assert {"役場", "窓口", "〇日"} <= base.keys()
    pages = _yasashii_pages(example_site)
    joined = "".join(pages)
    assert "役場" in joined and "窓口" in joined and "日以内" in joined
    previous = Annotator(Readings({**base, "見本一町": "みほんいっちょう"}))
    before = [previous.document(page) for page in pages]
    # The next town: its own name, one word read otherwise, one word gone, a 〇 word read otherwise.
    table = {**base, "見本二町": "みほんにちょう", "役場": "やくじょう", "〇日": "ひ"}
    del table["窓口"]
    alone = Annotator(Readings(table))
    expected = [alone.document(page) for page in pages]
    assert expected != before  # (the tables differ on words the pages hold)
    made = []
    taking = Annotator(Readings(table), donor=previous)
    annotate = taking._annotate
    taking._annotate = lambda text: made.append(text) or annotate(text)  # type: ignore[method-assign]
    assert [taking.document(page) for page in pages] == expected
    assert 0 < len(made) < len(alone._html) / 2  # most texts were taken, the ones with a differing word made again
    assert any("役場" in text for text in made) and any("窓口" in text for text in made)
    assert previous._donor is None  # (a process keeps two tables' texts at most)


def test_each_new_table_takes_from_the_last_and_few_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(editions, "_ANNOTATORS", {})
    base = {"役場": "やくば", "窓口": "まどぐち"}
    tables = [{**base, f"見本{number}町": "みほんちょう"} for number in range(8)]
    made = [editions.annotator(table) for table in tables]
    assert editions.annotator(tables[-1]) is made[-1]
    assert made[-1]._donor is made[-2] and made[-2]._donor is None
    assert len(editions._ANNOTATORS) == editions._ANNOTATORS_KEPT
    assert made[-1].html("役場の 窓口") == Annotator(Readings(tables[-1])).html("役場の 窓口")
