"""The town's own answers and dated notices reach residents: on the guide page, on the flyer, in the change
feed and in the open data — and a town that has not answered shows the question to ask instead."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.project import copy_build_inputs
from generator.site import urls
from tests.towns.conftest import ROOT

ANSWER = "申し込みから 2週間ほどで 通知が 届きます。"
PAUSE_NOTE = "システムの 入れかえの ためです。"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """階上町 with one answer (k01), a pause notice on k01, a town-wide notice and one that has run out."""
    project = copy_build_inputs(ROOT, tmp_path_factory.mktemp("towninfo") / "project")
    settings_path = project / "municipalities" / "hashikami.yml"
    settings = yaml.safe_load(settings_path.read_text(encoding="utf-8"))
    k01 = settings["procedures"]["k01"]
    k01["answers"] = {"processing-time": {"text": ANSWER, "checked": "2026-11-29"}}
    k01["notices"] = [
        {"kind": "paused", "text": PAUSE_NOTE, "since": "2026-11-20", "until": "2026-12-03"},
        {"kind": "counter_only", "since": "2026-10-01", "until": "2026-10-31"},  # ran out before the site's date
    ]
    settings["notices"] = [{"kind": "info", "text": "12月29日から 1月3日までは 役場が 休みです", "since": "2026-11-23"}]
    settings_path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build_site(project / "mkdocs.yml", site_dir=project / "site")


def _page(site: Path, slug_prefix: str) -> BeautifulSoup:
    [page] = [p for p in (site / "kosodate").glob(f"{slug_prefix}*/index.html")]
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def _k01(site: Path) -> BeautifulSoup:
    return _page(site, "jidou-teate-nintei")


def test_answered_question_shows_the_towns_answer_labelled_with_its_date(site: Path) -> None:
    section = _k01(site).find(id="窓口でたしかめること").find_next("ul")
    items = [li.get_text(" ", strip=True) for li in section.find_all("li")]
    answered = [text for text in items if ANSWER in text]
    assert len(answered) == 1
    assert "階上町の 情報" in answered[0] and "2026年11月29日 確認" in answered[0]
    # The other questions of k01 are still there to ask.
    assert any(text.startswith("郵送で 申し込めるか") for text in items)


def test_page_without_answers_shows_the_questions_to_ask(site: Path) -> None:
    soup = _page(site, "jidou-teate-gaku-kaitei")  # k02: the town answered nothing
    section = soup.find(id="窓口でたしかめること")
    assert "窓口に おたずねください" in section.find_next("p").get_text()
    assert "の 情報" not in section.find_next("ul").get_text()


def test_notices_are_on_the_page_with_their_dates(site: Path) -> None:
    box = _k01(site).select_one(".t-notices")
    text = box.get_text(" ", strip=True)
    assert "マイナポータルからの 申請は 一時 止まって います（2026年11月20日から 2026年12月3日まで）" in text
    assert PAUSE_NOTE in text
    assert "12月29日から 1月3日までは 役場が 休みです" in text
    assert "窓口だけ" not in text  # the notice that ran out on 2026-10-31 is gone
    other = _page(site, "jidou-teate-gaku-kaitei").select_one(".t-notices").get_text(" ", strip=True)
    assert "役場が 休みです" in other and "一時 止まって" not in other


def test_flyer_carries_the_notices_and_the_answer_and_points_to_the_questions_left(site: Path) -> None:
    k01 = BeautifulSoup((site / urls.flyer_url("k01") / "index.html").read_text(encoding="utf-8"), "html.parser")
    town = k01.select_one(".f-town").get_text(" ", strip=True)
    assert "お知らせ: マイナポータルからの 申請は 一時 止まって います" in town
    assert ANSWER in town and "階上町の 情報、2026年11月29日 確認" in town
    assert "窓口で たしかめる こと（3つ）は、QR コードの ページに あります" in town
    assert "窓口だけ" not in k01.get_text()
    # k02: no answer of its own, only the town-wide notice; no town label on anything.
    k02 = BeautifulSoup((site / urls.flyer_url("k02") / "index.html").read_text(encoding="utf-8"), "html.parser")
    town = k02.select_one(".f-town").get_text(" ", strip=True)
    assert "役場が 休みです" in town and "の 情報、" not in town


def test_feed_and_open_data_carry_the_notices(site: Path) -> None:
    feed = (site / urls.CHANGES_FEED).read_text(encoding="utf-8")
    assert "<title>お知らせ: 児童手当を はじめて もらう ときの 申請</title>" in feed
    assert "<title>お知らせ: すべての 手続き</title>" in feed
    assert feed.count("一時 止まって います") == 1
    assert "<updated>2026-11-23T00:00:00+09:00</updated>" in feed  # the town-wide notice's date
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO((site / urls.OPEN_DATA_CSV).read_text(encoding="utf-8-sig")))}
    assert "一時 止まって います" in rows["k01"]["notices"] and "役場が 休みです" in rows["k01"]["notices"]
    assert "一時 止まって" not in rows["k02"]["notices"]
