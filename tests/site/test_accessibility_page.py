"""The ウェブアクセシビリティ方針 page publishes the real test results and never claims more than they show."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.loading.strings import string_table
from generator.town_words import site_name
from generator.errors import InputError
from generator.loading import load_catalog
from generator.model import Catalog
from generator.model.audit import CHECKS, AuditPage, AuditReport
from generator.site.accessibility import MANUAL_CRITERIA, accessibility_page
from tests.conftest import ROOT
from tests.site.conftest import read_page
from generator.editions.spacing import respace as natural  # the standard edition's text


def _render(catalog: Catalog) -> BeautifulSoup:
    return BeautifulSoup(accessibility_page(catalog).html, "html.parser")


def test_published_results_are_shown_with_date_tools_and_every_page(example_site: Path, example_catalog: Catalog) -> None:
    audit = example_catalog.audit
    assert audit is not None, "accessibility/audit.json is missing: run bash scripts/audit.sh"
    soup = read_page(example_site, "accessibility/")
    text = soup.get_text(" ", strip=True)
    assert natural("AA に 一部準拠") in soup.select_one(".t-audit__claim").get_text()
    assert f"{audit.tested_on.year}年{audit.tested_on.month}月{audit.tested_on.day}日" in text
    assert f"{len(audit.pages)}ページ" in text
    for tool, version in audit.tools.items():
        assert f"{tool} {version}" in text
    addresses = [span.get_text() for span in soup.select(".t-audit__path")]
    base = example_catalog.municipality.base_url.rstrip("/")
    assert addresses == [f"{base}/{page.path}" for page in audit.pages]
    for criterion in MANUAL_CRITERIA:
        assert criterion.number in text
    assert "VoiceOver" in text and "TalkBack" in text


def test_the_policy_page_is_listed_in_the_footer(example_site: Path) -> None:
    footer = read_page(example_site, "").select_one("footer")
    assert "ウェブアクセシビリティ方針" in footer.get_text()


def test_no_results_means_no_claim(example_catalog: Catalog) -> None:
    soup = _render(dataclasses.replace(example_catalog, audit=None))
    text = soup.get_text(" ", strip=True)
    assert "一部準拠" not in text and soup.select_one(".t-audit__claim") is None
    assert "まだ 試験の 結果を 公開して いません" in text
    assert soup.select_one("table") is None


def test_results_of_another_towns_site_are_not_shown(example_catalog: Catalog) -> None:
    assert example_catalog.audit is not None
    other = example_catalog.audit.model_copy(update={"site_name": "よその町 手続きガイド"})
    text = _render(dataclasses.replace(example_catalog, audit=other)).get_text(" ", strip=True)
    assert "一部準拠" not in text and "まだ 試験の 結果を 公開して いません" in text


def _one_contrast_failure(catalog: Catalog, check: str) -> Catalog:
    """The catalog with a two-page audit whose second page failed ``check`` on colour contrast."""
    checks = {name: [] for name in CHECKS}
    broken = dict(checks, **{check: ["color-contrast (serious): Elements must meet minimum color contrast — p"]})
    audit = AuditReport(
        site_name=site_name(catalog.municipality, string_table()),
        tested_on=datetime.date(2026, 11, 1),
        tools={"axe-core": "4.14.1"},
        pages=[AuditPage(path="", title="ホーム", checks=checks), AuditPage(path="kaigo/", title="介護", checks=broken)],
    )
    return dataclasses.replace(catalog, audit=audit)


def test_failures_are_published_page_by_page(example_catalog: Catalog) -> None:
    soup = _render(_one_contrast_failure(example_catalog, "axe_light"))
    text = soup.get_text(" ", strip=True)
    assert "1 ページに 問題が 見つかりました" in text
    assert "問題あり" in text and "color-contrast" in text
    assert "AA に 一部準拠" in text and "すべての ページで 問題は 見つかりませんでした" not in text


def test_a_broken_results_file_stops_the_build_with_its_name(tmp_path: Path) -> None:
    audit = tmp_path / "audit.json"
    audit.write_text(json.dumps({"site_name": "x", "tested_on": "2026-13-01", "tools": {}, "pages": []}), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml", audit_path=audit)
    assert str(audit) in str(raised.value) and "scripts/audit.sh" in str(raised.value)


JB_3_1_ITEMS = [
    "表明日",
    "規格の規格番号及び改正年",
    "満たしている適合レベル",
    "対象となるウェブページに関する簡潔な説明",
    "依存したウェブコンテンツ技術のリスト",
    "試験対象のウェブページを選択した方法及び選択したウェブページ数",
    "試験を行ったウェブページのURI",
    "達成基準チェックリスト",
]
"""JIS X 8341-3:2016 附属書JB, JB.3.1 表示事項, in the standard's order (as municipal 試験結果 pages show them)."""


def test_the_statement_shows_the_jb_3_1_items_in_order_with_every_page_tested(example_catalog: Catalog) -> None:
    audit = example_catalog.audit
    assert audit is not None
    soup = _render(example_catalog)
    headings = [h3.get_text(strip=True) for h3 in soup.select("h3")]
    assert [h for h in headings if h in JB_3_1_ITEMS] == JB_3_1_ITEMS
    assert headings.index("表明日") < headings.index("達成基準チェックリスト")

    def after(heading: str) -> str:
        return soup.find("h3", string=heading).find_next_sibling().get_text(" ", strip=True)

    assert after("表明日").startswith(f"{audit.tested_on.year}年{audit.tested_on.month}月{audit.tested_on.day}日")
    assert after("規格の規格番号及び改正年") == "JIS X 8341-3:2016"
    assert after("満たしている適合レベル").startswith("AA 一部準拠")
    selection = after("試験対象のウェブページを選択した方法及び選択したウェブページ数")
    assert "全てのウェブページを選択する場合" in selection and f"{len(audit.pages)} ページ" in selection
    assert "抜き出しでは ありません" in selection
    uri_table = soup.find("h3", string="試験を行ったウェブページのURI").find_next_sibling("table")
    base = example_catalog.municipality.base_url.rstrip("/")
    assert [span.get_text() for span in uri_table.select(".t-audit__path")] == [f"{base}/{page.path}" for page in audit.pages]


def test_the_checklist_shows_applicability_and_result_and_marks_what_tools_cannot_decide(example_catalog: Catalog) -> None:
    soup = _render(example_catalog)
    rows = soup.select("table.t-criteria tbody tr")
    assert len(rows) == 38  # 25 at level A, 13 at AA
    cells = {row.th.get_text(strip=True).split()[0]: [td.get_text(strip=True) for td in row.select("td")] for row in rows}
    assert cells["1.2.2"] == ["なし", "－"]  # no video
    assert cells["1.1.1"] == ["あり", "自動では 判定できない"]
    assert cells["2.4.4"][1] == "自動では 判定できない"
    assert cells["4.1.1"] == ["あり", "○"]  # the Nu checker passed every page of the published run
    assert cells["1.4.3"][1] == "○"
    for number in [c.number for c in MANUAL_CRITERIA]:
        assert cells[number][1] == "自動では 判定できない"


def test_a_failed_check_turns_its_criteria_into_a_cross(example_catalog: Catalog) -> None:
    soup = _render(_one_contrast_failure(example_catalog, "axe_dark"))
    rows = {row.th.get_text(strip=True).split()[0]: row for row in soup.select("table.t-criteria tbody tr")}
    assert rows["1.4.3"].select("td")[1].get_text(strip=True) == "×"
    assert "1／2 ページ 合格" in rows["1.4.3"].select_one(".t-criteria__how").get_text()
    assert rows["4.1.1"].select("td")[1].get_text(strip=True) == "○"
