"""The PDFs: A4, the expected number of sheets, a Japanese font embedded, the title and phone in the text."""

from __future__ import annotations

import math
import re

import pytest
from pypdf import PdfReader

from generator.flyers import build_flyers
from generator.flyers.topics import topic_groups
from generator.site import urls
from tests.flyers.conftest import Built, pdf_page_texts, pdf_reader

A4_POINTS = (595.28, 841.89)


def expected_pages(built: Built) -> dict[str, int]:
    """PDF name → sheets; instructor pages (講師用) are not here: they take 1 to 3 sheets."""
    catalog = built.catalog
    pages = {p.id: 1 for p in catalog.procedures}
    pages["cards-all"] = math.ceil(len(catalog.procedures) / 4)
    pages["practice"] = 1
    for category in catalog.categories:
        pages[f"cards-{category.value}"] = math.ceil(len(catalog.in_category(category)) / 4)
    for group in topic_groups(catalog):
        cards = math.ceil(len(group.procedures) / 4)
        pages[f"cards-{group.key}"] = cards
        pages[f"bundle-{group.key}"] = 1 + len(group.procedures) + cards  # practice, flyers, cards
        pages[f"kit-{group.key}"] = 1 + len(group.core)  # practice, the core flyers
        if group.common:
            pages[f"kit-{group.key}-plus"] = 1 + len(group.core) + len(group.common)
    return pages


def _text(reader: PdfReader) -> str:
    """All text, without the spaces and line breaks layout puts in (Japanese wraps anywhere)."""
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _embedded_fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor and any(key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(descendant.get_object()["/BaseFont"]))
    return names


def test_every_pdf_is_a4_with_the_expected_number_of_sheets(built: Built) -> None:
    pdfs = {item.path for item in built.output.files if item.path.endswith(".pdf")}
    expected = expected_pages(built)
    instructors = {urls.flyer_pdf(f"koushi-{p.id}") for p in built.catalog.procedures}
    assert pdfs == {urls.flyer_pdf(name) for name in expected} | instructors
    for path in instructors:
        assert 1 <= len(pdf_reader(built.file(path)).pages) <= 3, path
    for name, count in expected.items():
        reader = pdf_reader(built.file(urls.flyer_pdf(name)))
        assert len(reader.pages) == count, name
        for page in reader.pages:
            assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_POINTS, abs=0.5)
    assert not built.output.notices, built.output.notices


def test_every_pdf_embeds_the_biz_ud_japanese_font(built: Built) -> None:
    for name in expected_pages(built):
        fonts = _embedded_fonts(pdf_reader(built.file(urls.flyer_pdf(name))))
        # WeasyPrint names the shipped fonts after flyer-pdf.css (BIZ-UDPGothic-tetsuzuki), Typst by their own
        # PostScript names (BIZUDPGothic-Bold): both are the files in generator/flyers/fonts (pdf_check.py).
        assert fonts and all("BIZ-UD" in font or "+BIZUD" in font for font in fonts), (name, fonts)


def test_flyer_pdfs_carry_title_phone_short_address_and_dates(built: Built) -> None:
    municipality = built.catalog.municipality
    for procedure in built.catalog.procedures:
        text = _text(pdf_reader(built.file(urls.flyer_pdf(procedure.id))))
        phone = municipality.department_for(procedure.id).phone
        for expected in (procedure.title, phone, built.short_url(procedure.id), procedure.official_name):
            assert re.sub(r"\s+", "", expected) in text, (procedure.id, expected)
        reviewed = procedure.reviewed
        assert f"内容をたしかめた日:{reviewed.year}年{reviewed.month}月{reviewed.day}日" in text
        assert "作成日:2026年9月21日" in text  # from SOURCE_DATE_EPOCH, not the clock
        assert ("見本" in text) == municipality.sample


def test_handout_pdfs_carry_every_title_and_address(built: Built) -> None:
    text = _text(pdf_reader(built.file(urls.flyer_pdf("cards-all"))))
    for procedure in built.catalog.procedures:
        assert re.sub(r"\s+", "", procedure.title) in text
        assert built.short_url(procedure.id) in text


def test_practice_sheet_pdf_states_both_pins_and_their_lock_counts(built: Built) -> None:
    text = _text(pdf_reader(built.file(urls.flyer_pdf("practice"))))
    for fact in ("署名用電子証明書の暗証番号", "5回続けてまちがえるとロックされます", "利用者証明用電子証明書の暗証番号",
                 "3回続けてまちがえるとロックされます", "NFC", "マイナポータル"):
        assert fact in text
    assert built.catalog.municipality.departments[built.catalog.municipality.default_department].phone in text


def test_pdfs_are_byte_identical_for_the_same_input_and_date(fixture_flyers: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    again = build_flyers(fixture_flyers.catalog, make_pdfs=True)
    first = {item.path: item.content for item in fixture_flyers.output.files}
    assert {item.path: item.content for item in again.files} == first
    info = pdf_reader(first[urls.flyer_pdf("k01")]).metadata
    assert info["/CreationDate"].startswith("D:20260921")  # Typst writes the time too: D:20260921000000Z


def test_a_topic_bundle_is_the_practice_sheet_then_the_topic_flyers_then_its_cards(example_flyers: Built) -> None:
    # Staff preparing a 児童手当 class print one PDF: the sheets in the order the class uses them.
    [group] = [g for g in topic_groups(example_flyers.catalog) if g.key == "jidou-teate"]
    assert [p.id for p in group.procedures][:3] == ["k01", "k02", "k10"] and len(group.procedures) == 10
    bundle = pdf_reader(example_flyers.file(urls.flyer_pdf("bundle-jidou-teate")))
    parts = ["practice", *[p.id for p in group.procedures], "cards-jidou-teate"]
    expected = [page.extract_text() for name in parts for page in pdf_reader(example_flyers.file(urls.flyer_pdf(name))).pages]
    assert [page.extract_text() for page in bundle.pages] == expected
    assert "児童手当" in _text(bundle) and "保育園などの申し込み" not in _text(bundle)


def test_instructor_pages_carry_the_procedures_own_facts(example_flyers: Built) -> None:
    procedure = example_flyers.catalog.get("k01")
    text = _text(pdf_reader(example_flyers.file(urls.flyer_pdf("koushi-k01"))))
    assert "講師用" in text and re.sub(r"\s+", "", procedure.title) in text
    for item in procedure.prepare:
        if not item.pin:
            assert re.sub(r"\s+", "", item.item) in text, item.item
    for step in procedure.steps:
        assert re.sub(r"\s+", "", step.title) in text
        if step.caution:
            assert re.sub(r"\s+", "", step.caution) in text
    assert re.sub(r"\s+", "", procedure.deadline.text) in text
    for fact in ("QRコードが読めない", "少しはなして", "カードが読めない", "5回続けてまちがえるとロックされます",
                 "3回続けてまちがえるとロックされます", "何度もためさせず", "まだたしかめていません"):
        assert fact in text, fact
    for question in procedure.ask_locally:  # 階上町 answers none of them: each is a question to ask
        assert re.sub(r"\s+", "", question.text) + ":窓口におたずねください" in text


def test_every_joined_pdf_is_the_join_of_freshly_read_parts(example_flyers: Built) -> None:
    """The bundles and class kits parse each part once for all their joins (``feature._Parts``); each file is
    byte for byte what joining freshly read parts gives, and its pages are its parts' pages."""
    import io

    from pypdf import PdfWriter

    files = {item.path: item.content for item in example_flyers.output.files}
    part_texts: dict[str, list[str]] = {}
    joined = 0
    for group in topic_groups(example_flyers.catalog):
        kits = [("", group.core)] + ([("-plus", group.core + group.common)] if group.common else [])
        joins = {f"bundle-{group.key}": ["practice", *[p.id for p in group.procedures], f"cards-{group.key}"]}
        joins |= {f"kit-{group.key}{suffix}": ["practice", *[p.id for p in procedures]] for suffix, procedures in kits}
        for name, parts in joins.items():
            writer = PdfWriter()
            for part in parts:
                writer.append(PdfReader(io.BytesIO(files[urls.flyer_pdf(part)])))
            fresh = io.BytesIO()
            writer.write(fresh)
            assert files[urls.flyer_pdf(name)] == fresh.getvalue(), name
            pages = pdf_page_texts(files[urls.flyer_pdf(name)])
            for part in parts:
                if part not in part_texts:
                    part_texts[part] = pdf_page_texts(files[urls.flyer_pdf(part)])
            assert pages == [page for part in parts for page in part_texts[part]], name
            joined += 1
    assert joined >= 20
