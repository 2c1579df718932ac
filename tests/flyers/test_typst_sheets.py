"""The Typst PDF engine (generator/flyers/typst_engine.py): a flyer's PDF says what its print page says, keeps
phrases whole, prints ふりがな above the kanji, is the same bytes every time, and its QR code still scans."""

from __future__ import annotations

import base64
import dataclasses
import gc
import io
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from bs4.element import NavigableString, RubyTextString

from generator.editions import declared, finisher
from generator.editions.edition import edition_catalog
from generator.flyers import build_flyers
from generator.flyers.pdf_check import check_pdfs, font_use
from generator.flyers.typst_engine import TYPST_SHEETS, EngineByKind, TypstRenderer, sheet_kind
from generator.flyers import typst_markup
from generator.flyers.typst_markup import UnknownMarkup, document
from generator.loading import load_catalog
from generator.mkdocs_plugin.plugin import hand_written_pages
from generator.model import Catalog
from generator.qr import PIXELS_PER_MODULE, vector_of_png
from tests.conftest import FIXTURES, ROOT, as_built
from tests.flyers.conftest import decode, pdf_page_texts, pdf_reader, render_pages

FLYER = re.compile(r"chirashi/(?:[kcd][0-9]{2}/(?:koushi/)?|cards-[a-z-]+/|practice/)")
"""The print pages Typst makes: flyers, instructors' pages, QR card sheets, the practice sheet."""


def _flyer_pages(catalog: Catalog) -> dict[str, str]:
    """Print page HTML of every sheet Typst makes, by site path, finished for the edition as the PDF engine gets
    it (no PDFs made: such a build leaves the finishing to the plugin, so it is done here)."""
    output = build_flyers(catalog, make_pdfs=False)
    finish = finisher(catalog)
    return {page.url: finish(page.html) for page in output.pages if FLYER.fullmatch(page.url)}


def _yasashii(catalog: Catalog) -> Catalog:
    return edition_catalog(catalog, next(edition for edition in declared(catalog) if edition.key == "yasashii"))


@pytest.fixture(scope="module")
def pages(monkeypatch_module: pytest.MonkeyPatch) -> dict[str, str]:
    """Print pages of the example town in both editions and of the test town (other online states)."""
    monkeypatch_module.setenv("SOURCE_DATE_EPOCH", "1790000000")
    example = load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")
    example = as_built(dataclasses.replace(example, docs_pages=hand_written_pages(ROOT / "docs")))
    valid = FIXTURES / "valid"
    fixture = as_built(load_catalog(valid / "procedures", valid / "municipalities" / "testtown.yml"))
    result = {}
    for name, catalog in (("standard", example), ("yasashii", _yasashii(example)), ("testtown", fixture)):
        result |= {f"{name}:{url}": html for url, html in _flyer_pages(catalog).items()}
    return result


@pytest.fixture(scope="module")
def monkeypatch_module():  # noqa: ANN201
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield monkeypatch


class _RenderedOnce(TypstRenderer):
    """The module's engine: each print page is laid out once for all the tests that read its PDF (Typst gives the
    same bytes for the same page: ``test_the_same_print_page_gives_the_same_bytes_with_the_build_date_only``,
    which uses engines of its own)."""

    def __init__(self) -> None:
        super().__init__()
        self._rendered: dict[tuple[str, str], tuple[bytes, int, float]] = {}

    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        if (html, url) not in self._rendered:
            self._rendered[html, url] = super().render_measured(html, url)
        return self._rendered[html, url]


@pytest.fixture(scope="module")
def engine() -> TypstRenderer:
    return _RenderedOnce()


def _normal(text: str) -> str:
    """Text without white space and invisible format characters (break opportunities, word joiners)."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def visible_text(html: str) -> str:
    """What the print page's sheets show: their text, ruby readings where the HTML has them (after the base)."""
    soup = BeautifulSoup(html, "html.parser")
    # (BeautifulSoup leaves <rt> out of get_text by default: a reading is shown, so it is asked for)
    for hidden in soup.select(".f-hidden"):  # a heading for screen readers only (the card sheets)
        hidden.decompose()
    return _normal("".join(sheet.get_text("", types=(NavigableString, RubyTextString)) for sheet in soup.select(".f-sheet")))


def pdf_text(pdf: bytes) -> str:
    return _normal("".join(pdf_page_texts(pdf)))


def _compact(html: str) -> str:
    return html.replace('class="f-sheet ', 'class="f-sheet f-sheet--compact ', 1)


def test_every_typst_pdf_carries_the_same_text_as_its_print_page(pages: dict[str, str], engine: TypstRenderer) -> None:
    # The PDF and the print page come from two layouts: the words, in their order, must be the same.
    kinds = {sheet_kind(html) for html in pages.values()}
    assert kinds == TYPST_SHEETS and len(pages) >= 27 * 3 + 2 * 2 + 2
    for name, html in pages.items():
        for variant in (html, _compact(html)) if sheet_kind(html) in ("f-flyer", "f-practice") else (html,):
            pdf, count, _ = engine.render_measured(variant, name.split(":")[1])
            if count == 1 or sheet_kind(html) in ("f-koushi", "f-cards"):
                assert pdf_text(pdf) == visible_text(variant), name
            else:  # a sheet too tall (the build makes it shorter): its columns split across pages, same words
                assert sorted(pdf_text(pdf)) == sorted(visible_text(variant)), name


def test_typst_pdfs_pass_the_glyph_and_font_check_with_the_shipped_fonts_only(pages: dict[str, str], engine: TypstRenderer) -> None:
    pdfs = {name: engine.render_measured(html, name.split(":")[1])[0] for name, html in pages.items() if "k01" in name}
    check_pdfs(pdfs)  # raises PdfFontError on an empty box or a font that is not the shipped one
    for pdf in pdfs.values():
        use = font_use(pdf)
        assert use.embedded and all(font.startswith(("BIZUDPGothic-", "BIZUDGothic-")) for font in use.embedded)
        assert not use.missing


def test_the_same_print_page_gives_the_same_bytes_with_the_build_date_only(pages: dict[str, str]) -> None:
    html = pages["yasashii:chirashi/k01/"]
    first, second = TypstRenderer(), TypstRenderer()  # two engines, as two worker processes would have
    pdf = first.render_measured(html, "chirashi/k01/")[0]
    assert pdf == second.render_measured(html, "chirashi/k01/")[0] == first.render_measured(html, "chirashi/k01/")[0]
    info = pdf_reader(pdf).metadata
    assert info["/CreationDate"].startswith("D:20260921") and info["/ModDate"].startswith("D:20260921")
    assert b"/Title" not in pdf or b"tetsuzuki-typst" not in pdf  # no temporary file name in the PDF


def test_the_fit_check_reads_pages_and_height_from_typsts_layout(pages: dict[str, str], engine: TypstRenderer) -> None:
    html = pages["standard:chirashi/k01/"]
    _, count, tallest = engine.render_measured(html, "chirashi/k01/")
    _, compact_count, compact_tallest = engine.render_measured(_compact(html), "chirashi/k01/")
    assert count == compact_count == 1
    assert 200 < compact_tallest < tallest < 297  # compact type makes the same sheet shorter
    # A sheet that runs over: more pages, a full page tall (the build then makes it compact, then tight).
    longer = html.replace("</footer>", "</footer>" + '<section class="f-block"><h2>x</h2><p>' + "あ" * 3000 + "</p></section>")
    _, over_count, over_tallest = engine.render_measured(longer, "chirashi/k01/")
    assert over_count >= 2 and over_tallest == 297.0


def test_phrases_stay_whole_and_spaces_follow_the_edition(pages: dict[str, str]) -> None:
    standard = document(pages["standard:chirashi/k01/"])
    yasashii = document(pages["yasashii:chirashi/k01/"])
    # The standard edition: phrases joined without a gap, a break opportunity between them; a title word whole.
    assert '#keep("はじめて")#keep("もらう")' in standard
    assert '#" "' not in standard.split("f-title", 1)[1].split("]]", 1)[0]
    # やさしい日本語: the phrase spaces stay visible; ruby is a function call, never the reading inline.
    assert '#keep("はじめて")#" "#keep("もらう")' in yasashii
    assert 'ruby("児童", "じどう")' in yasashii and "じどう" not in standard
    # The ideographic space after the town's name is printed, not collapsed like a space.
    assert "階上町\u3000" in standard


_PLAIN_PHRASE = re.compile(r'#keep\(("(?:[^"\\]|\\.)*")\)')


def test_a_plain_phrase_is_kept_as_a_string_and_draws_what_a_content_block_draws(
    pages: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A phrase of plain text goes to keep() as a string, not as a content block holding the string: ≈ 9 % less of
    # Typst's work for a sheet (benchmarks/results/pdf-2026-12-08.md). It must draw the very same PDF.
    for name in ("standard:chirashi/k01/", "yasashii:chirashi/k01/", "standard:chirashi/k01/koushi/"):
        html = pages[name]
        source = document(html)
        as_strings = len(_PLAIN_PHRASE.findall(source))
        assert as_strings > 50 and "#keep[" in source, name  # a phrase with a <strong> in it stays a block
        as_blocks = _PLAIN_PHRASE.sub(lambda match: f"#keep[#{match[1]}]", source)
        assert as_blocks != source and not _PLAIN_PHRASE.search(as_blocks)
        pdf, pages_count, tallest = TypstRenderer().render_measured(html, name)
        monkeypatch.setattr(typst_markup, "document", lambda _html, source=as_blocks: source)
        assert TypstRenderer().render_measured(html, name) == (pdf, pages_count, tallest), name
        monkeypatch.undo()


def test_ruby_readings_sit_above_their_kanji_in_smaller_type(pages: dict[str, str], engine: TypstRenderer) -> None:
    pdf, _, _ = engine.render_measured(pages["yasashii:chirashi/k01/"], "chirashi/k01/")
    placed: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:  # noqa: ARG001
        for word in ("児童", "じどう"):
            if word in text and word not in placed:
                placed[word] = (tm[5] * cm[3] + cm[5], size * abs(tm[3] or 1))

    pdf_reader(pdf).pages[0].extract_text(visitor_text=visit)
    (base_y, base_size), (reading_y, reading_size) = placed["児童"], placed["じどう"]
    assert reading_y > base_y  # PDF y grows upwards: the reading is above the base
    assert reading_size < base_size * 0.6


def test_a_typst_flyers_qr_code_scans_to_its_address(pages: dict[str, str], engine: TypstRenderer, tmp_path: Path) -> None:
    for edition in ("standard", "yasashii"):
        pdf, _, _ = engine.render_measured(pages[f"{edition}:chirashi/k01/"], "chirashi/k01/")
        (tmp_path / f"{edition}.pdf").write_bytes(pdf)
        [image, *_] = render_pages(tmp_path / f"{edition}.pdf", keep_as=f"typst-{edition}-k01")
        codes = [code.text for code in decode(image)]
        suffix = "yasashii/p/k01/" if edition == "yasashii" else "tetsuzuki/p/k01/"
        assert len(codes) == 1 and codes[0].endswith(suffix), codes


def test_print_pages_are_read_into_the_tree_htmlparser_gives(pages: dict[str, str]) -> None:
    # The translation reads a plain print page with one regular expression (typst_markup._quick_parse): every
    # print page of both editions and the test town must come out as HTMLParser reads it, node for node.
    for name, html in pages.items():
        quick = typst_markup._quick_parse(html)
        assert quick is not None, name
        assert quick == _read_by_htmlparser(html), name
    # Markup it does not read is left to HTMLParser (a character reference, a "<" as text, a comment, a style).
    for odd in ('<p class="a">1 &amp; 2</p>', "<p>1 < 2</p>", "<!-- a --><p>b</p>", "<style>p>a{}</style><p>b</p>"):
        assert typst_markup._quick_parse(odd) is None, odd
        assert typst_markup.parse(odd) == _read_by_htmlparser(odd), odd
    # Attributes as HTMLParser reads them: names in lower case, values unquoted, an empty one as "".
    tricky = """<DIV Class='f-a  f-b' data-x=1 hidden><Img src="a>b" alt=""/><P>x</p><br>y</DIV>"""
    assert typst_markup._quick_parse(tricky) == _read_by_htmlparser(tricky)


def _read_by_htmlparser(html: str) -> typst_markup.Node:
    builder = typst_markup._TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def test_a_print_page_element_without_a_typst_layout_is_an_error_naming_it() -> None:
    html = '<article class="f-sheet f-flyer"><p class="f-new-thing">x</p></article>'
    with pytest.raises(UnknownMarkup, match="f-new-thing"):
        document(html)


def test_the_finished_sheet_kinds_go_to_typst_any_other_to_weasyprint() -> None:
    calls: list[tuple[str, str]] = []

    class StandIn:
        def __init__(self, name: str):
            self.name = name

        def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
            calls.append((self.name, url))
            return b"", 1, 0.0

    engines = EngineByKind(lambda: StandIn("typst"), lambda: StandIn("weasyprint"))
    for kind, url in (("f-flyer", "chirashi/k01/"), ("f-cards", "chirashi/cards-all/"), ("f-practice", "chirashi/kakunin/"),
                      ("f-koushi", "chirashi/k01/koushi/")):
        engines.render_measured(f'<article class="f-sheet {kind}" id="sheet"></article>', url)
    assert calls == [("typst", "chirashi/k01/"), ("typst", "chirashi/cards-all/"),
                     ("typst", "chirashi/kakunin/"), ("typst", "chirashi/k01/koushi/")]
    engines.render_measured('<article class="f-sheet f-new-kind" id="sheet"></article>', "chirashi/new/")
    assert calls[-1] == ("weasyprint", "chirashi/new/")  # a kind without a Typst layout
    assert TYPST_SHEETS == {"f-flyer", "f-koushi", "f-cards", "f-practice"}
    assert sheet_kind('<section class="f-sheet f-cards">') == "f-cards"


def test_every_card_of_a_typst_card_sheet_scans_to_its_own_address(pages: dict[str, str], engine: TypstRenderer, tmp_path: Path) -> None:
    pdf, count, _ = engine.render_measured(pages["standard:chirashi/cards-all/"], "chirashi/cards-all/")
    assert count == 7  # 27 procedures, four cards a sheet
    (tmp_path / "cards.pdf").write_bytes(pdf)
    [first, *_] = render_pages(tmp_path / "cards.pdf", keep_as="typst-cards-all")
    codes = sorted(code.text for code in decode(first))
    assert codes == [f"https://hashikami.example/tetsuzuki/p/{pid}/" for pid in ("c01", "c02", "c03", "c04")]


def test_the_glyph_checks_quick_reading_equals_pypdfs_parser(pages: dict[str, str], engine: TypstRenderer) -> None:
    # pdf_check reads the text operations with one regular expression (pypdf's parser took longer than Typst
    # takes to make the sheet); it must read exactly what the parser reads, on Typst's PDFs and WeasyPrint's.
    from pypdf import PdfReader

    from generator.flyers.pdf import PdfRenderer
    from generator.flyers.pdf_check import _operations, _parsed

    pdfs = [engine.render_measured(pages[name], name.split(":")[1])[0]
            for name in ("standard:chirashi/k01/", "yasashii:chirashi/k01/", "standard:chirashi/k01/koushi/")]
    pdfs.append(PdfRenderer().render_measured("<p>児童手当の (申請) と 「電話」</p>", "x/")[0])
    streams = [page.get_contents().get_data() for pdf in pdfs for page in pdf_reader(pdf).pages]
    # and what a writer may put: balanced parentheses unescaped, hex strings, ' and ", marked content
    streams.append(b"/Span<</MCID 3/Lang(ja-JP)>>BDC BT /F1 12 Tf [(a(b)c) -20 <0041 0042>]TJ (x\\)y\\\\z)Tj"
                   b" 1 2 (q(r(s)))\" (t)' ET EMC")
    for data in streams:
        assert _operations(data) == _parsed(data)
    assert len(streams) >= 6 and all(isinstance(PdfReader(io.BytesIO(pdf)), PdfReader) for pdf in pdfs)


def test_a_character_no_shipped_font_has_is_named_with_its_sheet(pages: dict[str, str], engine: TypstRenderer) -> None:
    # Typst draws it as an empty box and writes no character for it: the check finds it in the print page.
    from generator.flyers.pdf_check import PdfFontError

    html = pages["standard:chirashi/k01/"].replace('<span class="f-w">児童手当を</span>', '<span class="f-w">児童手当を🙂</span>')
    pdf, _, _ = engine.render_measured(html, "chirashi/k01/")
    with pytest.raises(PdfFontError) as raised:
        check_pdfs({"chirashi/pdf/k01.pdf": pdf}, {"chirashi/pdf/k01.pdf": html})
    message = str(raised.value)
    assert "chirashi/pdf/k01.pdf: 「🙂」が 空の 四角に なります" in message and "U+0000" not in message
    assert "絵文字" in message  # the fix: write it another way in the YAML


def test_a_pdf_is_in_the_language_of_its_print_page(pages: dict[str, str], engine: TypstRenderer) -> None:
    """The PDF's ``/Lang`` (what a screen reader reads it in) follows the print page's ``<html lang>``, its
    edition's language: an edition in another language (``tests/editions/test_edition_as_data.py``) gets PDFs
    in that language."""
    html = pages["standard:chirashi/k01/"]
    japanese, _, _ = engine.render_measured(html, "chirashi/k01/")
    english, _, _ = engine.render_measured(html.replace('<html lang="ja"', '<html lang="en"', 1), "chirashi/k01/")
    assert re.findall(rb"/Lang\s*\(([^)]*)\)", japanese) == [b"ja-JP"]
    assert re.findall(rb"/Lang\s*\(([^)]*)\)", english) == [b"en"]


# ---- The glyph check judges a Typst sheet from its text (pdf_check.sheet_font_use) ----------------------------


def test_the_glyph_check_from_the_text_agrees_with_reading_the_pdf_back(pages: dict[str, str], engine: TypstRenderer) -> None:
    """Every character a Typst PDF draws is in its print page's text, and both readings pass every sheet of both
    editions; with a character no shipped font has, both readings fail, and the text names the character."""
    from generator.flyers.pdf_check import TextUse, _printed_text, sheet_font_use

    for name, html in pages.items():
        pdf = engine.render_measured(html, name.split(":")[1])[0]
        use, read_back = sheet_font_use(pdf, html), font_use(pdf)  # (the PDF read back once: pypdf, slow)
        assert isinstance(use, TextUse) and use.problems(name) == [] == read_back.problems(name), name
        assert set().union(*read_back.drawn.values()) <= set(_printed_text(html)), name
        assert use.fonts == set(read_back.embedded), name
    html = pages["yasashii:chirashi/k01/"].replace("</h1>", "🙂𩸽</h1>", 1)
    pdf = engine.render_measured(html, "chirashi/k01/")[0]
    assert font_use(pdf).missing, "the PDF read back: an empty box"
    [(font_setup, sentence)] = sheet_font_use(pdf, html).problems("chirashi/pdf/k01.pdf")
    assert not font_setup and sentence.startswith("chirashi/pdf/k01.pdf: 「") and "🙂" in sentence and "空の 四角" in sentence


def test_a_typst_pdf_with_a_font_that_is_not_shipped_fails_the_glyph_check(pages: dict[str, str], engine: TypstRenderer) -> None:
    from generator.flyers.pdf_check import sheet_font_use

    html = pages["standard:chirashi/k01/"]
    pdf = engine.render_measured(html, "chirashi/k01/")[0]
    other = pdf.replace(b"BIZUDPGothic-Regular", b"DejaVuSansMo-Regular")  # the same length: the file stays valid
    problems = sheet_font_use(other, html).problems("k01.pdf")
    assert (True, "k01.pdf: 日本語の フォント（BIZ UDPゴシック・BIZ UDゴシック）で なく DejaVuSansMo-Regular が 使われて います。") in problems
    assert sheet_font_use(pdf.replace(b"/BaseFont", b"/BaseFonX"), html).problems("k01.pdf"), "no font found: read back"


def test_a_font_file_typst_cannot_read_stops_the_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.flyers.pdf as pdf_module
    import generator.flyers.typst_engine as typst_engine
    from generator.flyers.pdf_check import PdfFontError

    for name in pdf_module.FONT_FILES:
        (tmp_path / name).write_bytes(b"not a font")
    monkeypatch.setattr(pdf_module, "FONT_DIR", tmp_path)
    monkeypatch.setattr(typst_engine, "FONT_DIR", tmp_path)
    with pytest.raises(PdfFontError) as raised:
        TypstRenderer()
    assert "BIZ UDPGothic" in str(raised.value) and "git checkout -- generator/flyers/fonts" in str(raised.value)


def test_a_compact_version_has_the_source_of_its_page_and_its_own_pdf(pages: dict[str, str]) -> None:
    """The engine translates a sheet's compact version only once with the page in normal type (the class it
    adds is read as ``sys.inputs.compact``); the PDFs still differ and are the ones of a fresh engine."""
    for name in ("standard:chirashi/k01/", "yasashii:chirashi/k01/", "standard:chirashi/practice/"):
        html = pages[name]
        assert document(_compact(html)) == document(html), name
    html = pages["yasashii:chirashi/k02/"]
    reused = TypstRenderer()
    normal, compact = (reused.render_measured(page, "chirashi/k02/") for page in (html, _compact(html)))
    assert compact[0] != normal[0] and compact[1:] != normal[1:], "smaller type: another layout"
    assert compact == TypstRenderer().render_measured(_compact(html), "chirashi/k02/")


def test_one_engine_lays_out_each_sheet_as_a_fresh_engine_does(pages: dict[str, str]) -> None:
    """The engine keeps one Typst compiler per set of sys.inputs and writes each sheet's source to its folder
    before laying it out: a sheet must never be laid out from the one before (same inputs or not)."""
    reused = TypstRenderer()
    names = ["standard:chirashi/k01/", "standard:chirashi/k02/", "yasashii:chirashi/k01/", "standard:chirashi/practice/",
             "standard:chirashi/k01/"]
    for name in names:
        html = pages[name]
        assert reused.render_measured(html, name) == TypstRenderer().render_measured(html, name), name
    # A version measured, another sheet written, then the first measured again: read from its own source.
    first, other = pages["standard:chirashi/k03/"], pages["standard:chirashi/k04/"]
    measured = reused.measure(first, "k03")
    assert reused.render_measured(other, "k04") == TypstRenderer().render_measured(other, "k04")
    assert reused.measure(first, "k03") == measured == TypstRenderer().measure(first, "k03")


def test_the_engines_folder_goes_with_the_engine() -> None:
    engine = TypstRenderer()
    folder = engine._folder
    assert (folder / "sheets.typ").is_file()
    del engine
    gc.collect()
    assert not folder.exists()


def test_the_glyph_check_without_the_font_files_stops_with_the_fonts_message(
    pages: dict[str, str], engine: TypstRenderer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also when no sheet is drawn (every PDF from the cache): the check needs the fonts' character maps."""
    import generator.flyers.pdf as pdf_module
    import generator.flyers.pdf_check as pdf_check

    html = pages["standard:chirashi/k01/"]
    pdf = engine.render_measured(html, "chirashi/k01/")[0]
    monkeypatch.setattr(pdf_module, "FONT_DIR", tmp_path)
    pdf_check._shipped_characters.cache_clear()
    try:
        with pytest.raises(pdf_check.PdfFontError) as raised:
            pdf_check.sheet_font_use(pdf, html)
        assert "BIZUDPGothic-Regular.ttf" in str(raised.value) and "git checkout -- generator/flyers/fonts" in str(raised.value)
        for name in pdf_module.FONT_FILES:
            (tmp_path / name).write_bytes(b"not a font")
        with pytest.raises(pdf_check.PdfFontError) as raised:
            pdf_check.sheet_font_use(pdf, html)
        assert "読めませんでした" in str(raised.value) and "git checkout" in str(raised.value)
    finally:
        pdf_check._shipped_characters.cache_clear()


def test_a_qr_code_is_drawn_as_its_pngs_modules_or_else_as_the_png(
    pages: dict[str, str], engine: TypstRenderer, tmp_path: Path
) -> None:
    # The PDF draws the print page's QR code as squares (qr.vector_of_png: a PNG decoded and compressed again in
    # every PDF was a tenth of Typst's work): exactly the PNG's modules, each dark square where the PNG is dark.
    html = pages["standard:chirashi/k01/"]
    png = base64.b64decode(re.search(r'src="data:image/png;base64,([^"]+)"', html)[1])
    svg = vector_of_png(png).decode("ascii")
    side = int(re.search(r'viewBox="0 0 (\d+) \1"', svg)[1])
    dark = {(x + i, y) for x, y, run in map(lambda m: map(int, m), re.findall(r"M(\d+) (\d+)h(\d+)", svg)[1:])
            for i in range(run)}
    image = Image.open(io.BytesIO(png)).convert("L")
    assert side == image.width // PIXELS_PER_MODULE
    assert dark == {(x, y) for y in range(side) for x in range(side)
                    if image.getpixel((x * PIXELS_PER_MODULE + 10, y * PIXELS_PER_MODULE + 10)) < 128}
    assert '"svg", ' in document(html)
    # Any other image (not a grid of whole black and white modules) is drawn as the PNG itself, and still scans.
    smoothed = image.resize((image.width - 1, image.height - 1)).convert("1")
    grey = image.copy()
    grey.putpixel((3, 3), 128)
    speck = image.convert("1")  # one pixel in the middle of the code off its module's colour
    middle = (side // 2 * PIXELS_PER_MODULE + 7, side // 2 * PIXELS_PER_MODULE + 7)
    speck.putpixel(middle, 0 if speck.getpixel(middle) else 255)
    for odd in (smoothed, grey, image.convert("RGB"), speck):
        buffer = io.BytesIO()
        odd.save(buffer, format="PNG")
        assert vector_of_png(buffer.getvalue()) is None
    buffer = io.BytesIO()
    smoothed.save(buffer, format="PNG")
    other = html.replace(base64.b64encode(png).decode("ascii"), base64.b64encode(buffer.getvalue()).decode("ascii"))
    assert '"png", ' in document(other) and '"svg", ' not in document(other)
    pdf, _, _ = engine.render_measured(other, "chirashi/k01/")
    (tmp_path / "png.pdf").write_bytes(pdf)
    [page, *_] = render_pages(tmp_path / "png.pdf")
    assert [code.text for code in decode(page)] == [code.text for code in decode(render_pages(
        _written(tmp_path / "svg.pdf", engine.render_measured(html, "chirashi/k01/")[0]))[0])]


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
