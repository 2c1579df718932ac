"""The limits and duties the 2026-12 fact check found missing stay on the pages residents read.

Each test reads the rendered page (or flyer, open data, help page) the way a resident meets it: a refund lost
after two years, an allowance that waits rather than vanishes, money to pay back, a form to file again, a
survey to ask for again, a phone certificate to revoke.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.flyers import build_flyers
from generator.loading import load_catalog
from generator.model import Catalog
from generator.site import urls
from generator.site.my_procedures import flow_data
from generator.site.open_data import render_csv
from generator.site.pages import render_pages
from tests.conftest import ROOT


def _flat(text: str) -> str:
    """Text without the phrase spaces (分かち書き), so tests match words, not spacing."""
    return re.sub(r"[ \u3000\n]", "", text)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")


@pytest.fixture(scope="module")
def pages(catalog: Catalog) -> dict[str, BeautifulSoup]:
    return {page.url: BeautifulSoup(page.html, "html.parser") for page in render_pages(catalog)}


def _page(catalog: Catalog, pages: dict[str, BeautifulSoup], procedure_id: str) -> BeautifulSoup:
    return pages[urls.procedure_url(catalog.get(procedure_id))]


def _deadline(soup: BeautifulSoup) -> str:
    return _flat(soup.select_one(".t-start__deadline").get_text(" "))


def _important(soup: BeautifulSoup) -> str:
    return _flat(soup.select_one(".t-important").get_text(" "))


# c09 福祉用具購入費 ---------------------------------------------------------------------------------------------


def test_care_equipment_page_says_no_deadline_but_a_two_year_limit(catalog: Catalog, pages: dict) -> None:
    deadline = _deadline(_page(catalog, pages, "c09"))
    assert "決まった期限はありません" in deadline
    assert "2年たつと、払い戻しを申請できなくなります" in deadline
    # The old line sent the resident to the town for a limit the law sets.
    assert "階上町が決めます" not in deadline


def test_care_equipment_page_states_the_national_amounts_and_item_limits(catalog: Catalog, pages: dict) -> None:
    soup = _page(catalog, pages, "c09")
    important = _important(soup)
    assert "10万円" in important and "4月1日" in important and "3月31日" in important
    assert "9割・8割・7割" in important and "負担割合証" in important
    text = _flat(soup.get_text(" "))
    assert "歩行車は対象になりません" in text and "松葉杖は対象になりません" in text
    assert "持ち運ばずに置いて使うものだけ" in text
    # National rules are no longer asked at the counter; the counter question left is the town's own scheme.
    assert "払い戻される割合" not in text and "上限の額と、1年の区切り" not in text
    assert "受領委任払い" in text


def test_care_equipment_limit_is_on_the_flyer_and_in_open_data_and_the_flow(catalog: Catalog) -> None:
    output = build_flyers(catalog, make_pdfs=False)
    flyer = next(page for page in output.pages if page.url == "chirashi/c09/")
    assert "2年たつと、払い戻しを申請できなくなります" in _flat(BeautifulSoup(flyer.html, "html.parser").select_one(".f-important").get_text(" "))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(render_csv(catalog).decode("utf-8-sig"), newline=""))}
    assert rows["c09"]["limitation_years"] == "2" and "2年" in rows["c09"]["limitation"]
    assert rows["c04"]["limitation_years"] == "" and rows["c04"]["limitation"] == ""
    assert catalog.flow is not None
    data = flow_data(catalog, catalog.flow, with_qr=False)
    assert "2年" in data["procedures"]["c09"]["limitation"]
    assert "limitation" not in data["procedures"]["k01"]


# k14 児童扶養手当の 現況届 -----------------------------------------------------------------------------------------


def test_late_status_report_stops_payment_but_does_not_lose_it(catalog: Catalog, pages: dict) -> None:
    soup = _page(catalog, pages, "k14")
    text = _flat(soup.get_text(" "))
    assert "もらえません" not in text
    assert "11月分からの手当が止まります" in text
    assert "また支払われます" in text
    # After two years without the report the right itself lapses: a limitation, shown with the deadline.
    assert "2年たつと、手当をもらう資格がなくなります" in _deadline(soup)


# k02 児童手当の 額改定 ---------------------------------------------------------------------------------------------


def test_allowance_decrease_warns_about_paying_back_and_is_not_a_counter_question(catalog: Catalog, pages: dict) -> None:
    soup = _page(catalog, pages, "k02")
    assert re.search(r"へったときは、すぐに届けて[^。]*。届けがおくれると、多くもらった分の手当を返す", _important(soup))
    assert "すぐに（速やかに）届けます" in _flat(soup.get_text(" "))
    assert "decrease-deadline" not in {question.key for question in catalog.get("k02").ask_locally}
    assert any("346M50000100033" in source.url and source.kind == "official" for source in catalog.get("k02").sources)


# c04 居宅サービス計画作成依頼届出 -------------------------------------------------------------------------------------


def test_care_plan_notice_must_be_filed_again_when_support_and_care_levels_switch(catalog: Catalog, pages: dict) -> None:
    soup = _page(catalog, pages, "c04")
    when = _flat(soup.find(id="こんなとき").find_next(["ul", "details"]).get_text(" "))
    assert "要支援から要介護に" in when and "要介護から要支援に" in when
    assert "あらためてこの届けを出します" in _important(soup)
    deadline = _deadline(soup)
    assert "決まった期限はありません" not in deadline
    assert "サービスを使いはじめる前に出します" in deadline


# d01 罹災証明書 ---------------------------------------------------------------------------------------------------


def test_disaster_certificate_says_a_second_survey_can_be_asked_for(catalog: Catalog, pages: dict) -> None:
    soup = _page(catalog, pages, "d01")
    after = _flat(soup.find(id="申請したあと").find_next("details").get_text(" "))
    assert "再調査" in after and "納得できない" in after
    assert "うけられる支援がかわります" in after
    guide = pages[urls.life_event_url(next(e for e in catalog.guides if e.value == "disaster"))]
    assert "再調査" in guide.get_text()


# Help pages: the phone certificate ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def smartphone_help(example_site: Path) -> dict[str, BeautifulSoup]:
    """The two help pages as MkDocs built them (the session's example site)."""
    return {name: BeautifulSoup((example_site / "help" / name / "index.html").read_text(encoding="utf-8"), "html.parser") for name in ("smartphone", "pin")}


def test_phone_certificate_help_has_the_reset_route_iphone_needs_and_revocation(smartphone_help: dict) -> None:
    phone = smartphone_help["smartphone"]
    text = _flat(phone.select_one("main, article, body").get_text(" "))
    # Reset: from the app's menu, with the card and the card's 署名用 PIN (not from 「マイページ」).
    assert "マイページ" not in text
    assert "メニュー" in text and "マイナンバーカード" in text and "署名用の暗証番号" in text
    # iPhone: Face ID or Touch ID switched on, and the Apple Account's two-factor authentication.
    iphone = _flat(phone.find(id="iphone").find_next("ul").get_text(" "))
    assert "FaceID" in iphone and "TouchID" in iphone and "2ファクタ認証" in iphone
    # Changing, selling or repairing the phone: revoke the certificate yourself; a reset does not delete it.
    revoke = _flat(phone.find(id="やめるとき").find_next("ul").get_text(" "))
    assert "失効" in revoke and "機種変更" in revoke and "修理" in revoke and "初期化しても" in revoke
    assert any("smartphone-certification/attention" in a["href"] for a in phone.select("a[href]"))
    pin = _flat(smartphone_help["pin"].get_text(" "))
    assert "マイページ" not in pin and "署名用の暗証番号が必要です" in pin
