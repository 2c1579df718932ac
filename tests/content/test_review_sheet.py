"""点検シート (review sheets): town staff can check every statement of a procedure page against its source, and answer the
questions the page leaves to the town, on one printed sheet per procedure."""

from __future__ import annotations

import dataclasses
import datetime
import re

import pytest
from bs4 import BeautifulSoup

from generator.compose import assemble_site
from generator.loading import load_catalog
from generator.model import Catalog
from generator.model.municipality import LocalAnswer
from generator.site import urls
from generator.site.review_sheet import INDEX, review_sheets, sheet_url, statements
from tests.conftest import ROOT, as_built


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return as_built(load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml"))


@pytest.fixture(scope="module")
def sheets(catalog: Catalog) -> dict[str, BeautifulSoup]:
    return {page.url: BeautifulSoup(page.html, "html.parser") for page in review_sheets(catalog).pages}


def _rows(soup: BeautifulSoup, heading: str) -> list:
    """The body rows of the table right after the section heading ``heading``."""
    return soup.find(id=heading).find_next_sibling("table").select("tbody tr")


def _text(node: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ", strip=True))


def test_there_is_one_printable_sheet_per_procedure_and_an_index(catalog: Catalog, sheets: dict[str, BeautifulSoup]) -> None:
    assert set(sheets) == {INDEX} | {sheet_url(p.id) for p in catalog.procedures}
    index_links = {a["href"] for a in sheets[INDEX].select("main a[href]")}
    assert {urls.relative(INDEX, sheet_url(p.id)) for p in catalog.procedures} <= index_links
    for soup in sheets.values():
        assert soup.html.has_attr("data-print-only") and soup.html["lang"] == "ja"
        assert "@page" in soup.style.get_text()


def test_the_staff_page_links_to_the_review_sheets(catalog: Catalog) -> None:
    staff = next(page for page in assemble_site(catalog).pages if page.url == urls.FLYERS)
    links = {a["href"] for a in BeautifulSoup(staff.html, "html.parser").select("a[href]")}
    assert urls.relative(urls.FLYERS, INDEX) in links


def test_the_review_sheets_and_the_class_handout_have_different_names(catalog: Catalog) -> None:
    # Staff print both from the same page: the handout residents fill in before a smartphone class, and the
    # sheets staff check the content with. One name for both sent people to the wrong one.
    pages = {page.url: page for page in assemble_site(catalog).pages}
    review = {pages[INDEX].title} | {pages[sheet_url(p.id)].title.split(":")[0] for p in catalog.procedures}
    assert review == {"点検シートの 一覧", "点検シート"}
    assert "点検シート" not in pages[urls.PRACTICE].title and "確認シート" in pages[urls.PRACTICE].title


def test_every_statement_of_the_page_is_a_row_with_its_sources(catalog: Catalog, sheets: dict[str, BeautifulSoup]) -> None:
    for procedure in catalog.procedures:
        soup = sheets[sheet_url(procedure.id)]
        rows = _rows(soup, "ページが書いていること")
        expected = statements(procedure)
        assert len(rows) == len(expected), procedure.id
        texts = [_text(row.select("td")[1]) for row in rows]
        for text in procedure.important + procedure.after:
            assert any(re.sub(r"\s+", " ", text) in row for row in texts), (procedure.id, text)
        source_rows = _rows(soup, "出典")
        assert [row.find("a")["href"] for row in source_rows] == [source.url for source in procedure.sources]


def test_a_fixed_fact_points_at_the_source_that_supports_it(catalog: Catalog, sheets: dict[str, BeautifulSoup]) -> None:
    procedure = catalog.get("c11")
    soup = sheets[sheet_url("c11")]
    row = next(r for r in _rows(soup, "ページが書いていること") if "住所地特例" in _text(r))
    numbers = [int(a.get_text()) for a in row.select("td")[2].select("a")]
    cited = [procedure.sources[number - 1] for number in numbers]
    assert any("e-gov.go.jp" in source.url and source.kind == "official" for source in cited)
    # and the source row says which statements it supports, as links back to them
    egov_row = soup.find(id=f"出典{numbers[0]}")
    assert "important.3" in _text(egov_row) and "公式" in _text(egov_row)


def test_unsourced_statements_are_marked_for_the_town_to_check(catalog: Catalog) -> None:
    for procedure in catalog.procedures:
        rows = statements(procedure)
        unsourced = [row for row in rows if not row.sources]
        # The procedure-specific facts are all sourced; what is left are generic app steps and the like.
        assert len(unsourced) < len(rows) / 2, procedure.id


def test_every_question_has_a_blank_and_the_place_in_the_settings(catalog: Catalog, sheets: dict[str, BeautifulSoup]) -> None:
    for procedure in catalog.procedures:
        soup = sheets[sheet_url(procedure.id)]
        section = _text(soup)
        for question in procedure.ask_locally:
            assert question.text in section, (procedure.id, question.key)
            assert f"procedures → {procedure.id} → answers → {question.key}" in section
            assert f"{procedure.id}.{question.key}" in section
        if procedure.ask_locally:
            example = soup.find("pre").get_text()
            assert f"  {procedure.id}:\n    answers:\n" in example and "checked: YYYY-MM-DD" in example


def test_a_town_answer_already_given_shows_on_the_sheet(catalog: Catalog) -> None:
    municipality = catalog.municipality
    local = municipality.local("k12")
    answered = local.model_copy(
        update={"answers": {"with-k11": LocalAnswer(text="1枚の 申込書で 両方 申し込みます。", checked=datetime.date(2026, 11, 29))}}
    )
    town = municipality.model_copy(update={"procedures": {**municipality.procedures, "k12": answered}})
    page = next(p for p in review_sheets(dataclasses.replace(catalog, municipality=town)).pages if p.url == sheet_url("k12"))
    text = _text(BeautifulSoup(page.html, "html.parser"))
    assert "いまの 答え: 1枚の 申込書で 両方 申し込みます。" in text and "2026-11-29" in text


def test_every_field_a_source_may_support_and_every_kind_of_source_has_a_label_on_the_sheet() -> None:
    # A field added to STATEMENT_FIELDS without a label made `check` stop with a KeyError traceback (found by
    # following the "new field" recipe in DEVELOPING.md). The labels are in the string table (review.field.*,
    # review.kind.*), whose keys the sheet builds: the area holds exactly the fields and kinds, no others.
    from typing import get_args

    from generator.loading.strings import string_table
    from generator.model.common import SourceKind
    from generator.model.patterns import STATEMENT_FIELDS
    from generator.site.review_sheet import FIELD_AREA, KIND_AREA

    entries = string_table().entries
    for area, keys in ((FIELD_AREA, STATEMENT_FIELDS), (KIND_AREA, get_args(SourceKind))):
        assert {key for key in entries if key.startswith(f"{area}.")} == {f"{area}.{key}" for key in keys}


def test_a_kept_sheet_is_not_keyed_by_its_statements_and_a_source_edit_still_shows(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (generator/site/review_sheet.py: the statements and the numbered sources are made of the procedure and the
    # string table, both in the key; a rebuild made and walked ~730 statements and ~600 sources for the keys)
    from generator.kept import kept_in
    from generator.site import review_sheet
    from tests.stores import Store

    plain = {page.url: page.html for page in review_sheets(catalog).pages}
    made: list[str] = []
    statements_of = review_sheet.statements
    monkeypatch.setattr(review_sheet, "statements", lambda procedure, strings: made.append(procedure.id) or statements_of(procedure, strings))
    store = Store()
    with kept_in(store):
        assert {page.url: page.html for page in review_sheets(catalog).pages} == plain
        assert sorted(made) == sorted(p.id for p in catalog.procedures)
        made.clear()
        assert {page.url: page.html for page in review_sheets(catalog).pages} == plain
        assert made == []  # every sheet kept: no statement made
        procedure = catalog.get("k01")
        source = procedure.sources[0].model_copy(update={"title": "べつの 出典"})
        edited = procedure.model_copy(update={"sources": [source, *procedure.sources[1:]]})
        other = dataclasses.replace(catalog, procedures=tuple(edited if p.id == "k01" else p for p in catalog.procedures))
        pages = {page.url: page.html for page in review_sheets(other).pages}
    assert made == ["k01"]
    assert "べつの 出典" in pages[sheet_url("k01")] and "べつの 出典" not in plain[sheet_url("k01")]
    assert pages == {page.url: page.html for page in review_sheets(other).pages}  # as made outside a build
