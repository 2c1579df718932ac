"""The standard edition: natural Japanese, no visible space between Japanese words, lines still break between
phrases (the source's spaces become <wbr>)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from generator.editions import html_text
from generator.editions.spacing import respace, standard_document, standard_script

J = "[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
SPACE_BETWEEN_JAPANESE = re.compile(f"{J}[ \t\r\n]+{J}")


def test_a_space_between_japanese_words_becomes_an_invisible_break() -> None:
    html = standard_document("<p>児童手当を はじめて もらう ときの 申請</p>")
    assert html == "<p>児童手当を<wbr>はじめて<wbr>もらう<wbr>ときの<wbr>申請</p>"
    assert BeautifulSoup(html, "html.parser").get_text() == "児童手当をはじめてもらうときの申請"


def test_latin_letters_and_digits_join_japanese_without_a_space_and_never_break_there() -> None:
    # A typesetter's rule: no space character between Japanese and Latin/digits (CSS text-autospace adds the
    # small gap); a phrase may start with a number (a break before it), but 「6／回」「QR／コード」 never split.
    assert standard_document("<p>QR コードを 読む</p>") == "<p>QRコードを<wbr>読む</p>"
    assert standard_document("<p>5回 続けて 6〜16文字</p>") == "<p>5回<wbr>続けて<wbr>6〜16文字</p>"
    # The label and the number: layout separates them (.t-tel has a margin), not a space.
    assert standard_document('<a>電話 <span class="t-tel">0178-88-2111</span></a>') == (
        '<a>電話<wbr><span class="t-tel">0178-88-2111</span></a>'
    )


def test_spaces_that_are_not_between_japanese_words_stay() -> None:
    assert standard_document("<p>My Number Card</p>") == "<p>My Number Card</p>"
    assert standard_document("<p>階上町　手続き</p>") == "<p>階上町　手続き</p>"  # an ideographic space is meant
    assert standard_document("<p>ホーム → 手続き</p>") == "<p>ホーム → 手続き</p>"
    # Two blocks are never joined: a space between them is not between words.
    assert standard_document("<li>介護の 手続き</li> <li>子育て</li>") == "<li>介護の<wbr>手続き</li> <li>子育て</li>"


def test_attributes_titles_and_scripts_lose_the_spaces_without_markup() -> None:
    html = standard_document(
        '<title>介護の 手続き - 階上町 手続きガイド</title><nav aria-label="サイトの 案内"></nav>'
        '<script type="application/json">{"q": "子どもは いますか"}</script><script>var a = "あ い";</script>'
    )
    assert "<title>介護の手続き - 階上町手続きガイド</title>" in html
    assert 'aria-label="サイトの案内"' in html
    assert json.loads(html.split('json">')[1].split("</script>")[0]) == {"q": "子どもは\u200bいますか"}
    assert 'var a = "あ い";' in html  # inline scripts are code: the published files go through standard_script
    assert standard_script('t("近い ものを 出して います")'.encode()) == 't("近い\u200bものを\u200b出して\u200bいます")'.encode()
    assert respace("QR コード") == "QRコード"


def test_every_standard_page_shows_no_space_between_two_japanese_characters(example_site: Path) -> None:
    pages = [path for path in example_site.rglob("*.html") if "yasashii" not in path.relative_to(example_site).parts]
    assert len(pages) > 100
    found = []
    for path in pages:
        for text in html_text.visible_text(path.read_text(encoding="utf-8")):
            text = re.sub(r"<[^>]*>", "", text)
            found += [f"{path.relative_to(example_site)}: …{m.group(0)}…" for m in SPACE_BETWEEN_JAPANESE.finditer(text)]
    assert found == []


def test_the_question_flows_words_show_no_space_between_two_japanese_characters(example_site: Path) -> None:
    # The flow's script shows its questions, options and deadlines from watashi/flow.json: what the standard
    # edition finishes in scripts (U+200B, an invisible break) it must finish there too.
    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [text for item in value.values() for text in strings(item)]
        if isinstance(value, list):
            return [text for item in value for text in strings(item)]
        return []

    standard = strings(json.loads((example_site / "watashi" / "flow.json").read_text(encoding="utf-8")))
    assert [text for text in standard if SPACE_BETWEEN_JAPANESE.search(text)] == []
    assert any("\u200b" in text for text in standard)  # the phrase boundaries are kept, invisible
    yasashii = strings(json.loads((example_site / "yasashii" / "watashi" / "flow.json").read_text(encoding="utf-8")))
    assert any(SPACE_BETWEEN_JAPANESE.search(text) for text in yasashii)  # the other edition keeps its spaces


def test_lines_still_break_between_phrases(example_site: Path) -> None:
    html = (example_site / "p" / "k01" / "index.html").read_text(encoding="utf-8")
    title = BeautifulSoup(html, "html.parser").h1
    assert "児童手当を<wbr/>はじめて<wbr/>もらう<wbr/>ときの<wbr/>申請" in str(title)
