"""Today's reception hours next to the phone button (issue #20, item 6), read in Chromium on a fixed day.

A town that gives its hours per weekday gets, in the start panel under the phone button, the line for today in
Japan time (whatever the phone's own time zone); a public holiday and a date the town's data closes show as
closed; without JavaScript the week's line is there instead. A town that gives no hours tells the resident how
to find them.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.build import build_site
from generator.model import Catalog
from generator.site import urls
from tests.browser.conftest import ROOT, new_context

WEEK = (
    "    hours:\n"
    "      mon: 8:30-17:15\n      tue: 8:30-17:15\n      wed: 8:30-17:15\n      thu: 8:30-17:15\n      fri: 8:30-17:15\n"
    "      sat: ９:００〜１２:００\n"
    "      closed: [祝日, 年末年始（12月29日〜1月3日）]\n"
)
JST = datetime.timezone(datetime.timedelta(hours=9))


@pytest.fixture(scope="module")
def week_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built for a copy of the sample town whose counter gives its week as data."""
    folder = tmp_path_factory.mktemp("hours")
    settings = folder / "hashikami.yml"
    text = (ROOT / "municipalities" / "hashikami.yml").read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(    address: .*\n)", WEEK + r"\1", text, count=1), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TETSUZUKI_SETTINGS", str(settings))
        patch.setenv("TETSUZUKI_FLYER_PDFS", "0")
        patch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # built on 2026-05-28: the page knows 2026's and 2027's holidays
        return build_site(ROOT / "mkdocs.yml", site_dir=folder / "site")


def _open(page: Page, site: Path, catalog: Catalog, at: datetime.datetime | None) -> str:
    if at is not None:
        page.clock.set_fixed_time(at)
    page.goto((site / urls.procedure_url(catalog.get("k01")) / "index.html").as_uri())
    return page.locator(".t-start__call").inner_text()


@pytest.mark.parametrize(
    ("at", "today"),
    [
        (datetime.datetime(2026, 12, 7, 10, 0, tzinfo=JST), "きょうの 受付は 8:30〜17:15です。"),  # Monday
        (datetime.datetime(2026, 12, 6, 10, 0, tzinfo=JST), "きょうは 窓口が 休みです。"),  # Sunday
        # Friday 23:30 in UTC is Saturday 8:30 in Japan: Saturday's hours, not Friday's.
        (datetime.datetime(2026, 12, 4, 23, 30, tzinfo=datetime.timezone.utc), "きょうの 受付は 9:00〜12:00です。"),
        # Public holidays (the Cabinet Office's list, embedded at build time): 勤労感謝の日 is a Monday in 2026.
        (datetime.datetime(2026, 11, 23, 10, 0, tzinfo=JST), "きょうは 祝日です。窓口は 休みです。"),
        # Sunday 15:30 in UTC is already the holiday in Japan.
        (datetime.datetime(2026, 11, 22, 15, 30, tzinfo=datetime.timezone.utc), "きょうは 祝日です。窓口は 休みです。"),
        (datetime.datetime(2027, 1, 11, 10, 0, tzinfo=JST), "きょうは 祝日です。窓口は 休みです。"),  # 成人の日 2027
        # A Wednesday the town's data closes (年末年始（12月29日〜1月3日）), not a holiday: closed all the same.
        (datetime.datetime(2026, 12, 30, 10, 0, tzinfo=JST), "きょうは 窓口が 休みです。"),
        (datetime.datetime(2027, 1, 4, 10, 0, tzinfo=JST), "きょうの 受付は 8:30〜17:15です。"),  # open again
    ],
    ids=["monday", "sunday", "saturday-in-japan", "holiday", "holiday-in-japan", "holiday-next-year", "year-end", "after-year-end"],
)
def test_the_start_panel_shows_today_s_hours_under_the_phone_button(
    browser: Browser, week_site: Path, catalog: Catalog, at: datetime.datetime, today: str
) -> None:
    context = new_context(browser, viewport={"width": 390, "height": 844}, timezone_id="Europe/London")
    page = context.new_page()
    shown = _open(page, week_site, catalog, at)
    lines = [line.replace(" ", "").replace("\u200b", "") for line in shown.splitlines() if line.strip()]
    assert lines[:2] == ["電話する0178-88-2111", "階上町役場（代表）"]
    assert lines[2] == today.replace(" ", ""), shown
    assert lines[3] == "受付時間:月曜〜金曜8:30〜17:15、土曜9:00〜12:00。日曜、祝日、年末年始（12月29日〜1月3日）は休みです。"
    # The line sits right under the button, on the first screen.
    box = page.locator(".t-start__today span:not([hidden])").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844 * 2
    context.close()


def test_in_a_year_the_page_has_no_holidays_for_it_guesses_no_day(browser: Browser, week_site: Path, catalog: Catalog) -> None:
    """Built in 2026, read on 2028-11-23 (a holiday the page cannot know): no line for today, the week stays."""
    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    shown = _open(page, week_site, catalog, datetime.datetime(2028, 11, 23, 10, 0, tzinfo=JST))
    context.close()
    assert "きょう" not in shown
    assert "受付時間: 月曜〜金曜" in shown.replace("\u200b", "")


def test_without_javascript_the_week_is_shown_and_no_day_is_guessed(browser: Browser, week_site: Path, catalog: Catalog) -> None:
    context = new_context(browser, viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    shown = _open(page, week_site, catalog, None)
    assert "きょう" not in shown
    assert "受付時間: 月曜〜金曜" in shown.replace("\u200b", "")
    context.close()


def test_a_town_without_hours_says_how_to_find_them(browser: Browser, base_url: str, catalog: Catalog) -> None:
    assert catalog.municipality.departments["daihyo"].hours is None  # the sample town gives none
    context = new_context(browser, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + urls.procedure_url(catalog.get("k01")))
    shown = page.locator(".t-start__call").inner_text().replace(" ", "")
    assert "受付時間は、電話でたずねるか階上町のホームページでたしかめてください。" in shown
    assert "きょう" not in shown
    context.close()
