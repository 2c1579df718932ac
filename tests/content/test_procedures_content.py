"""The 27 procedures are all there, complete, sourced, and say what residents must not miss.

These tests read the committed content (procedures/ and the example settings), not fixtures: they guard the
official guidance itself against regressions.
"""

from __future__ import annotations

import re

import pytest

from generator.loading import load_catalog
from generator.model import Catalog, Procedure
from tests.conftest import ROOT

# The 27 official names, from 階上町DX推進計画 §1-2 (its 「居住（介護予防）…」 is a misprint of 居宅).
OFFICIAL_NAMES = {
    "k01": "児童手当等の受給資格及び児童手当の額についての認定請求",
    "k02": "児童手当等の額の改定の請求及び届出",
    "k03": "氏名変更／住所変更等の届出",
    "k04": "受給事由消滅の届出",
    "k05": "未支払の児童手当等の請求",
    "k06": "児童手当等に係る寄附の申出",
    "k07": "児童手当に係る寄附変更等の申出",
    "k08": "受給資格者の申出による学校給食費等の徴収等の申出",
    "k09": "受給資格者の申出による学校給食費等の徴収等の変更等の申出",
    "k10": "児童手当等の現況届",
    "k11": "支給認定の申請",
    "k12": "保育施設等の利用申込",
    "k13": "保育施設等の現況届",
    "k14": "児童扶養手当の現況届の事前送信",
    "k15": "妊娠の届出",
    "c01": "要介護・要支援認定の申請",
    "c02": "要介護・要支援更新認定の申請",
    "c03": "要介護・要支援状態区分変更認定の申請",
    "c04": "居宅（介護予防）サービス計画作成（変更）依頼の届出",
    "c05": "介護保険負担割合証の再交付申請",
    "c06": "被保険者証の再交付申請",
    "c07": "高額介護（予防）サービス費の支給申請",
    "c08": "介護保険負担限度額認定申請",
    "c09": "居宅介護（介護予防）福祉用具購入費の支給申請",
    "c10": "居宅介護（介護予防）住宅改修費の支給申請",
    "c11": "住所移転後の要介護・要支援認定申請",
    "d01": "罹災証明書の発行申請",
}

# Phrasings of the child-allowance rules before the 2024-10 reform. Some live ぴったりサービス pages still
# carry them (shared/reference/procedures.md, 最重要の注意 2); none may appear in our 児童手当 pages.
OLD_CHILD_ALLOWANCE_RULES = [
    "年3回", "年に3回", "2月・6月・10月", "2月、6月、10月", "中学校修了前", "中学校修了まで", "中学生まで",
    "特例給付", "所得制限限度額", "所得上限限度額",
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")


def _all_text(procedure: Procedure) -> str:
    """Every resident-facing text of a procedure, with the phrase spaces (分かち書き) removed."""
    dump = procedure.model_dump(exclude={"sources", "slug", "id", "category", "reviewed", "changes", "related"})
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(dump)
    return re.sub(r"[ \u3000\n]", "", "\n".join(texts))


def test_all_27_procedures_exist_with_their_official_names(catalog: Catalog) -> None:
    assert {p.id: p.official_name for p in catalog.procedures} == OFFICIAL_NAMES


def test_every_procedure_is_complete_and_sourced(catalog: Catalog) -> None:
    municipality = catalog.municipality
    for procedure in catalog.procedures:
        assert procedure.steps and procedure.prepare and procedure.other_ways and procedure.after, procedure.id
        assert any(source.url.startswith("https://") for source in procedure.sources), procedure.id
        assert procedure.reviewed.year >= 2026, procedure.id
        assert municipality.department_for(procedure.id).phone, procedure.id
        assert procedure.keywords, procedure.id
        assert procedure.changes, procedure.id


def test_plain_titles_are_unique(catalog: Catalog) -> None:
    titles = [procedure.title for procedure in catalog.procedures]
    assert len(titles) == len(set(titles))


def test_the_example_settings_cover_all_27(catalog: Catalog) -> None:
    assert set(catalog.municipality.procedures) == set(OFFICIAL_NAMES)


@pytest.mark.parametrize("procedure_id", [f"k{n:02d}" for n in range(1, 11)])
def test_child_allowance_pages_never_state_the_pre_2024_rules(catalog: Catalog, procedure_id: str) -> None:
    text = _all_text(catalog.get(procedure_id))
    found = [phrase for phrase in OLD_CHILD_ALLOWANCE_RULES if phrase in text]
    assert not found, f"{procedure_id}: {found}"


def test_the_current_child_allowance_rules_are_stated(catalog: Catalog) -> None:
    text = _all_text(catalog.get("k01"))
    assert "年6回" in text and "30,000円" in text and "高校生年代" in text


@pytest.mark.parametrize("procedure_id", ["k01", "k03", "c11"])
def test_signature_certificate_trap_after_moving_is_where_it_bites(catalog: Catalog, procedure_id: str) -> None:
    text = _all_text(catalog.get(procedure_id))
    assert re.search(r"(引っ越|住所)[^。]*署名用電子証明書[^。]*(使えなく|失効|なくなり)", text), procedure_id


def test_child_support_allowance_says_an_interview_is_still_needed(catalog: Catalog) -> None:
    procedure = catalog.get("k14")
    assert any("面談" in text for text in procedure.important)


def test_pregnancy_notice_warns_about_the_handbook_visit(catalog: Catalog) -> None:
    assert re.search(r"母子健康手帳[^。]*窓口", _all_text(catalog.get("k15")))


def test_child_allowance_status_report_says_most_people_need_not_file_it_first(catalog: Catalog) -> None:
    first = re.sub(r"\s", "", catalog.get("k10").important[0])
    assert "ほとんどの人" in first and "出さなくて" in first


def test_disaster_certificate_sends_fires_to_the_fire_department_and_photos_first(catalog: Catalog) -> None:
    text = _all_text(catalog.get("d01"))
    assert "消防" in text
    assert re.search(r"(片付け|かたづけ|修理)[^。]*(前|まえ)[^。]*写真|写真[^。]*(片付け|かたづけ|修理)[^。]*(前|まえ)", text)


def test_no_markup_in_content(catalog: Catalog) -> None:
    for procedure in catalog.procedures:
        assert not re.search(r"<[a-zA-Z/!]", _all_text(procedure)), procedure.id
