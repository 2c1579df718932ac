"""The facts the 2026-11 fact check found wrong or missing stay corrected.

Each test pins a statement that would hurt a resident most if it regressed: a missing document, a missed
benefit, a procedure filed alone that must be filed with another, another town's rule read as one's own.
"""

from __future__ import annotations

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from generator.loading import load_catalog
from generator.model import Catalog, LifeEvent, PinKind, Procedure
from generator.vocabulary_words import vocabulary
from generator.site.pages import render_pages
from tests.conftest import ROOT

HELP = ROOT / "docs" / "help"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")


def _flat(text: str) -> str:
    """Text without the phrase spaces (分かち書き), so tests match words, not spacing."""
    return re.sub(r"[ \u3000\n]", "", text)


def _page_text(procedure: Procedure) -> str:
    parts = [procedure.summary, *procedure.important, *procedure.for_whom, *procedure.when, *procedure.who_can_apply]
    parts += [procedure.deadline.text or ""]
    parts += [f"{item.item} {item.note or ''}" for item in procedure.prepare]
    parts += [f"{step.title} {step.detail or ''} {step.caution or ''}" for step in procedure.steps]
    parts += [way.text for way in procedure.other_ways] + procedure.after
    return _flat("\n".join(parts))


def test_renewal_says_everyone_certified_holds_the_insurance_card_including_40_to_64(catalog: Catalog) -> None:
    card = next(item for item in catalog.get("c02").prepare if "被保険者証" in item.item)
    note = _flat(card.note or "")
    assert "65歳以上の人です" not in note
    assert "40歳から64歳" in note and "みんな" in note


def test_renewal_says_the_30_days_are_the_rule_but_it_can_take_longer(catalog: Catalog) -> None:
    after = _flat("\n".join(catalog.get("c02").after))
    assert "30日以内" in after and "長くかかる" in after


def test_nursery_application_says_the_certification_k11_goes_with_it(catalog: Catalog) -> None:
    k12 = catalog.get("k12")
    assert any("支給認定" in text and "いっしょ" in text for text in map(_flat, k12.important))
    assert "k11" in k12.related
    assert "with-k11" in {question.key for question in k12.ask_locally}


def test_moving_in_names_the_facility_exception_and_where_to_go(catalog: Catalog) -> None:
    important = _flat("\n".join(catalog.get("c11").important))
    assert "住所地特例" in important
    assert re.search(r"施設[^。]*引っ越す[^。]*前の市区町村", important)


def test_school_meal_deduction_is_limited_to_children_up_to_junior_high(catalog: Catalog) -> None:
    k08 = catalog.get("k08")
    text = _page_text(k08)
    assert "中学校を卒業するまで" in text and "15歳" in text
    assert re.search(r"高校生[^。]*対象になりません", text)
    assert any("laws.e-gov.go.jp" in source.url and source.kind == "official" for source in k08.sources)


def test_unpaid_allowance_states_the_national_rule_on_the_last_month(catalog: Catalog) -> None:
    k05 = catalog.get("k05")
    assert "亡くなった月の分まで" in _page_text(k05)
    assert all("何月分" not in question.text for question in k05.ask_locally)


def test_care_cost_refund_lists_what_never_counts_and_names_no_other_city(catalog: Catalog) -> None:
    c07 = catalog.get("c07")
    text = _page_text(c07)
    for excluded in ("食費", "居住費", "福祉用具", "住宅改修", "限度額をこえて"):
        assert excluded in text, excluded
    assert "委任状が必要です" not in text


def test_signature_pin_is_upper_case_letters_and_digits_mixed_everywhere(catalog: Catalog) -> None:
    assert vocabulary().pins[PinKind.SIGNATURE].form == "英字（大文字）と 数字を まぜた 6〜16文字"
    vague = re.compile(r"英数字6〜16")  # the old wording: says neither 大文字 nor that both must be mixed
    for procedure in catalog.procedures:
        assert not vague.search(_page_text(procedure)), procedure.id
    for page in HELP.glob("*.md"):
        assert not vague.search(_flat(page.read_text(encoding="utf-8"))), page.name


def test_signing_step_gives_the_store_reset_and_the_phone_paths(catalog: Catalog) -> None:
    for procedure in catalog.procedures:
        step = next(step for step in procedure.steps if "署名して" in step.title)
        text = _flat(f"{step.detail} {step.caution}")
        assert "大文字と数字をまぜた6〜16文字" in text, procedure.id
        assert "コンビニ" in text and "窓口" in text, procedure.id
        assert "Android" in text and "スマホ用電子証明書" in text and "iPhone" in text, procedure.id
        assert "FaceID" in text, procedure.id


# --- sources -------------------------------------------------------------------------------------------

# Procedures reviewed under the source rules of 2026-11-29 (all of them once the review is done).
SOURCE_RULES = datetime.date(2026, 11, 29)


def _reviewed(catalog: Catalog) -> list[Procedure]:
    return [procedure for procedure in catalog.procedures if procedure.reviewed >= SOURCE_RULES]


def test_every_source_says_what_it_is_and_what_it_supports(catalog: Catalog) -> None:
    for procedure in _reviewed(catalog):
        for source in procedure.sources:
            assert "kind" in source.model_fields_set, (procedure.id, source.title)
            assert source.supports, (procedure.id, source.title)


def test_a_secondary_source_is_never_the_only_support_of_a_statement(catalog: Catalog) -> None:
    for procedure in _reviewed(catalog):
        backed: dict[str, set[str]] = {}
        for source in procedure.sources:
            for ref in source.supports:
                backed.setdefault(ref, set()).add(source.kind)
        lonely = sorted(ref for ref, kinds in backed.items() if kinds == {"secondary"})
        assert not lonely, (procedure.id, lonely)


def _example_towns(catalog: Catalog) -> set[str]:
    """Towns whose pages the sources cite as examples (「三田市の 例」)."""
    names: set[str] = set()
    for procedure in catalog.procedures:
        for source in procedure.sources:
            names.update(re.findall(r"([一-龥ぁ-んァ-ヶ]+?(?:市|町|村|区))の 例", source.title))
    return names - {catalog.municipality.name}


def test_no_page_shows_another_towns_name_outside_a_labelled_example(catalog: Catalog) -> None:
    towns = _example_towns(catalog)
    assert {"三田市", "江戸川区", "川崎市"} <= towns  # the check has something to find
    problems = []
    for page in render_pages(catalog):
        soup = BeautifulSoup(page.html, "html.parser")
        for node in soup.find_all(string=True):
            block = node.find_parent(["li", "p", "td", "dd"])
            context = block.get_text(" ") if block else str(node)
            for town in towns:
                if town in node and "の 例" not in context and not context.startswith("参考"):
                    problems.append((page.url, town, context.strip()[:80]))
    for page in HELP.glob("*.md"):
        body = page.read_text(encoding="utf-8").split("## この ページの 出典")[0]
        problems += [(page.name, town, "") for town in towns if town in body]
    assert not problems, problems


# --- life-event guides ---------------------------------------------------------------------------------

def test_birth_guide_names_the_babys_insurance_and_medical_aid_as_counter_steps(catalog: Catalog) -> None:
    guide = catalog.guides[LifeEvent.BIRTH]
    counters = [_flat(step.counter or "") for step in guide.steps]
    assert any("健康保険" in text and "勤め先" in text and "国民健康保険" in text for text in counters)
    assert any("医療費" in text and "助成" in text and "窓口" in text for text in counters)
    assert guide.sources, "the counter steps state facts, so the guide names its sources"


def test_moving_guide_warns_about_the_facility_exception_before_moving(catalog: Catalog) -> None:
    text = _flat("\n".join(step.text or "" for step in catalog.guides[LifeEvent.MOVING].steps))
    assert "住所地特例" in text
