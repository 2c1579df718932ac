"""The ウェブアクセシビリティ方針 page publishes the real test results and never claims more than they show."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

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
    assert addresses == ["/" + page.path for page in audit.pages]
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


def test_failures_are_published_page_by_page(example_catalog: Catalog) -> None:
    checks = {check: [] for check in CHECKS}
    broken = dict(checks, axe_light=["color-contrast (serious): Elements must meet minimum color contrast — p"])
    audit = AuditReport(
        site_name=example_catalog.municipality.display_name,
        tested_on=datetime.date(2026, 11, 1),
        tools={"axe-core": "4.14.1"},
        pages=[AuditPage(path="", title="ホーム", checks=checks), AuditPage(path="kaigo/", title="介護", checks=broken)],
    )
    soup = _render(dataclasses.replace(example_catalog, audit=audit))
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
