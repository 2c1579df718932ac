"""Sentences the templates write by themselves are true wherever they appear.

Each sentence in ``generator/sentences.py`` carries the condition under which it is true. These tests read the
rendered pages and flyers of every procedure and check that each sentence appears exactly where its condition
holds, including the cases the fact check found: no post promise where an interview is needed (k14), no card
or card-reading smartphone on a counter-only flyer, no 「決まった 期限は ありません」 without the national limit.
"""

from __future__ import annotations

import dataclasses
import datetime
import re

import pytest
from bs4 import BeautifulSoup

from generator.flyers import build_flyers
from generator.loading import load_catalog
from generator.loading.strings import string_table
from generator.model import Catalog
from generator.model.municipality import ChannelNotice
from generator.model.procedure import OtherWay
from generator.notices import effective_local
from generator.sentences import SENTENCES, shown
from generator.site import urls
from generator.site.pages import render_pages
from generator.site.review_sheet import review_sheets, sheet_url
from tests.conftest import ROOT


def _flat(text: str) -> str:
    return re.sub(r"[ \u3000\n]", "", text)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")


def _procedure_pages(catalog: Catalog) -> dict[str, BeautifulSoup]:
    by_url = {page.url: page for page in render_pages(catalog)}
    return {p.id: BeautifulSoup(by_url[urls.procedure_url(p)].html, "html.parser") for p in catalog.procedures}


def _steps_intro(soup: BeautifulSoup) -> str:
    intro = soup.find(id="手順の一覧").find("p")
    return _flat(intro.get_text(" ")) if intro else ""


def _with_procedure(catalog: Catalog, procedure_id: str, **changes: object) -> Catalog:
    procedures = tuple(p.model_copy(update=changes) if p.id == procedure_id else p for p in catalog.procedures)
    return dataclasses.replace(catalog, procedures=procedures)


def _with_local(catalog: Catalog, procedure_id: str, **changes: object) -> Catalog:
    municipality = catalog.municipality
    local = municipality.local(procedure_id).model_copy(update=changes)
    updated = municipality.model_copy(update={"procedures": {**municipality.procedures, procedure_id: local}})
    return dataclasses.replace(catalog, municipality=updated)


def test_every_page_shows_each_sentence_exactly_when_its_condition_holds(catalog: Catalog) -> None:
    pages = _procedure_pages(catalog)
    for procedure in catalog.procedures:
        soup, says = pages[procedure.id], shown(procedure, effective_local(catalog, procedure.id))
        intro, deadline = _steps_intro(soup), _flat(soup.select_one(".t-start__deadline").get_text(" "))
        checks = {
            "search-hint": "アプリでさがすときは" in intro,
            "search-fallback-counter": "見つからないときは、窓口で申請できます" in intro,
            "search-fallback-post": "郵送でも申請できます" in intro,
            "start-needs": soup.select_one(".t-start__needs") is not None,
            "start-counter-too": "窓口でも申し込めます" in _flat(soup.select_one(".t-start").get_text(" ")),
            "deadline-none": "決まった期限はありません" in deadline,
            "deadline-local": "期限は階上町が決めます" in deadline,
            "deadline-local-limited": "いつまでに出すかは、階上町の窓口でたずねてください" in deadline,
            "limitation": soup.select_one(".t-deadline__limit") is not None,
        }
        for key, seen in checks.items():
            assert seen == says[key], f"{procedure.id}: {key} shown={seen}, condition={says[key]}"
        # The post line of old promised post on every page; no page may say so while post differs by town.
        assert "窓口や郵送で申請できます" not in intro


def test_post_is_never_promised_where_an_interview_is_needed(catalog: Catalog) -> None:
    k14 = catalog.get("k14")
    assert k14.interview
    post_everywhere = [*k14.other_ways, OtherWay(method="post", text="郵送で 出せます。", everywhere=True)]
    with_interview = _with_procedure(catalog, "k14", other_ways=post_everywhere)
    without_interview = _with_procedure(catalog, "k14", other_ways=post_everywhere, interview=False)
    assert "郵送" not in _steps_intro(_procedure_pages(with_interview)["k14"])
    assert "郵送でも申請できます" in _steps_intro(_procedure_pages(without_interview)["k14"])


def test_a_limit_changes_the_local_deadline_line(catalog: Catalog) -> None:
    # c07's deadline is the town's, but the law's 2-year limit caps it: the page no longer says the town decides.
    c07 = _procedure_pages(catalog)["c07"]
    deadline = _flat(c07.select_one(".t-start__deadline").get_text(" "))
    assert "階上町が決めます" not in deadline and "いつまでに出すかは、階上町の窓口でたずねてください" in deadline
    assert "2年" in _flat(c07.select_one(".t-deadline__limit").get_text())
    without = _procedure_pages(_with_procedure(catalog, "c07", limitation=None))["c07"]
    assert "期限は階上町が決めます" in _flat(without.select_one(".t-start__deadline").get_text(" "))


def _flyer_checklist(catalog: Catalog, procedure_id: str) -> str:
    output = build_flyers(catalog, make_pdfs=False)
    page = next(page for page in output.pages if page.url == f"chirashi/{procedure_id}/")
    soup = BeautifulSoup(page.html, "html.parser")
    return _flat(soup.find(id="prepare").find_parent("section").get_text(" "))


def test_a_counter_only_flyer_never_asks_for_the_card_or_a_card_reading_smartphone(catalog: Catalog) -> None:
    online = _flyer_checklist(_with_local(catalog, "d01", online="yes"), "d01")
    assert "マイナンバーカード（申し込む人のもの）" in online and "暗証番号" in online
    # Online: no in the settings, or a counter_only notice in force: the same counter-only sheet.
    notice = ChannelNotice(kind="counter_only", since=datetime.date(2026, 1, 1))
    for town in (_with_local(catalog, "d01", online="no"), _with_local(catalog, "d01", online="yes", notices=[notice])):
        counter = _flyer_checklist(town, "d01")
        assert "マイナンバーカード" not in counter and "スマートフォン" not in counter and "暗証番号" not in counter
        assert "被害の写真" in counter or "写真" in counter


def test_the_flyer_does_not_claim_the_other_things_to_prepare_differ_by_person(catalog: Catalog) -> None:
    output = build_flyers(catalog, make_pdfs=False)
    for procedure in catalog.procedures:
        page = next(page for page in output.pages if page.url == f"chirashi/{procedure.id}/")
        assert "人によってちがいます" not in _flat(BeautifulSoup(page.html, "html.parser").get_text(" "))


def test_the_review_sheet_lists_every_template_sentence_with_its_condition(catalog: Catalog) -> None:
    sheets = {page.url: BeautifulSoup(page.html, "html.parser") for page in review_sheets(catalog).pages}
    for procedure in catalog.procedures:
        rows = {row["data-sentence"]: row for row in sheets[sheet_url(procedure.id)].select("tr[data-sentence]")}
        assert list(rows) == [sentence.key for sentence in SENTENCES]
        says = shown(procedure, effective_local(catalog, procedure.id))
        for sentence in SENTENCES:
            row = rows[sentence.key]
            assert row["data-shown"] == ("yes" if says[sentence.key] else "no")
            assert sentence.words(string_table()).condition in row.get_text()
