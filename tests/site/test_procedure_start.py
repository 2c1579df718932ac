"""A procedure page works as a service start page (issue #11): can I do it here, what do I need, by when, whom do
I call — right under the title; the journey it belongs to; the family box on care pages; folds that need no script."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.model import Catalog, Category, LocalProcedure
from generator.vocabulary_words import vocabulary
from generator.output import GeneratedPage
from generator.site import urls
from generator.site.pages import render_pages
from tests.site.conftest import read_page
from generator.editions.spacing import respace as natural  # the standard edition's text

START_URL = "https://app.oss.myna.go.jp/Application/procdetail/initGet?k01-test"


def _with_local(catalog: Catalog, procedure_id: str, **settings: object) -> Catalog:
    municipality = catalog.municipality
    local = municipality.local(procedure_id).model_copy(update=settings)
    procedures = {**municipality.procedures, procedure_id: LocalProcedure.model_validate(local.model_dump())}
    return dataclasses.replace(catalog, municipality=municipality.model_copy(update={"procedures": procedures}))


def _page(catalog: Catalog, url: str) -> BeautifulSoup:
    pages: dict[str, GeneratedPage] = {page.url: page for page in render_pages(catalog)}
    return BeautifulSoup(pages[url].html, "html.parser")


def _text(tag) -> str:  # noqa: ANN001 (a BeautifulSoup tag)
    return re.sub(r"\s+", " ", tag.get_text(" ", strip=True))


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ({"online": "yes", "mynaportal_url": START_URL}, "スマートフォンから 申し込めます"),
        ({"online": "yes"}, "スマートフォンから 申し込めます"),
        ({"online": "no"}, "まだ スマートフォンからは 申し込めません"),
        ({"online": "unknown"}, "まだ たしかめて いません"),
    ],
)
def test_start_panel_says_whether_the_town_takes_it_online_and_offers_the_next_action(
    example_catalog: Catalog, settings: dict[str, object], says: str
) -> None:
    catalog = _with_local(example_catalog, "k01", **settings)
    k01 = catalog.get("k01")
    soup = _page(catalog, urls.procedure_url(k01))
    panel = soup.select_one("section.t-start")
    # Right under the title and summary: the first section heading of the page is the panel's.
    assert soup.find("h2")["id"] == "start-title" and panel is not None
    assert says in _text(panel.select_one(".t-start__status"))
    start = panel.select("a[data-action=start]")
    call = panel.select("a.t-button--tel")
    phone = catalog.municipality.department_for("k01").phone
    assert len(call) == 1 and call[0]["href"] == "tel:" + phone.replace("-", "")
    assert call[0].select_one(".t-tel").get_text() == phone  # the number sits in its own non-wrapping span
    if settings["online"] == "yes":
        (button,) = start
        assert button["href"] == settings.get("mynaportal_url", "#スマートフォンでの手順")
        # Start and call must not look alike: different classes, so different styles.
        assert "t-button--start" in button["class"] and "t-button--tel" not in button["class"]
    else:
        assert start == []
    needs = panel.select_one(".t-start__needs")
    if settings["online"] == "no":
        assert needs is None  # nothing to prepare for a phone application that does not exist here
    else:
        assert "マイナンバーカード" in _text(needs) and "スマートフォン" in _text(needs)


def test_the_start_panel_names_each_pin_once_with_its_official_name(example_site: Path, example_catalog: Catalog) -> None:
    for procedure in example_catalog.procedures:
        soup = read_page(example_site, urls.procedure_url(procedure))
        needs = _text(soup.select_one(".t-start__needs"))
        kinds = list(dict.fromkeys(entry.pin for entry in procedure.prepare if entry.pin))
        assert kinds, procedure.id
        for kind in kinds:
            pin = vocabulary().pins[kind]
            assert f"{pin.name}（正式には {pin.official}）" in needs.replace(" （", "（")
            assert _text(soup.article).count(pin.official) == 1, (procedure.id, pin.official)


def test_deadline_line_follows_the_three_kinds_and_never_warns_without_a_deadline(example_site: Path, example_catalog: Catalog) -> None:
    kinds = set()
    for procedure in example_catalog.procedures:
        kinds.add(procedure.deadline.kind)
        soup = read_page(example_site, urls.procedure_url(procedure))
        line = _text(soup.select_one(".t-start__deadline .t-deadline__text"))
        if procedure.deadline.kind == "fixed":
            shown = "".join(soup.select_one(".t-start__deadline .t-deadline__text").strings)  # <wbr> adds nothing
            assert shown == natural(re.match(r"^.+?。", procedure.deadline.text)[0]), procedure.id
        elif procedure.deadline.kind == "none":
            assert line == "決まった 期限は ありません。"
        else:
            assert "たずねて ください" in line and example_catalog.municipality.name in line
        if procedure.deadline.kind == "none":
            assert not re.search("たずね", _text(soup.select_one(".t-start__deadline"))), procedure.id
    assert kinds == {"fixed", "none", "local"}


def test_journey_names_the_guide_step_and_goes_on_both_ways(example_site: Path, example_catalog: Catalog) -> None:
    k01 = example_catalog.get("k01")
    soup = read_page(example_site, urls.procedure_url(k01))
    top = [_text(a) for a in soup.select("nav.t-journey a")]
    birth = example_catalog.guides["birth"]
    birth_step = next(i for i, step in enumerate(birth.steps, start=1) if "k01" in step.procedures)
    assert f"赤ちゃんが できた・うまれた ときの 手続き（{birth_step}/{len(birth.steps)}）" in top
    # The step before k01 in the birth guide is a counter step: the link goes to that step on the guide page.
    previous = soup.select("nav.t-journey-steps")[0].find(lambda tag: tag.name == "a" and "前" in tag.get_text())
    assert previous["href"].endswith(f"kurashi/birth/#ステップ{birth_step - 1}")
    # The guide links back to the page.
    guide = read_page(example_site, urls.life_event_url(birth.event))
    assert any(a["href"].rstrip("/").endswith(k01.slug) for a in guide.select("a.t-card"))
    # A step with exactly one procedure is linked straight to its page (k15 → the step after it).
    k15 = read_page(example_site, urls.procedure_url(example_catalog.get("k15")))
    following = k15.select("nav.t-journey-steps")[0].find(lambda tag: tag.name == "a" and "次" in tag.get_text())
    assert following["href"].endswith(f"kurashi/birth/#ステップ{2}")
    # Procedures that no guide links have no journey.
    for procedure in example_catalog.procedures:
        linked = any(procedure.id in step.procedures for guide in example_catalog.guides.values() for step in guide.steps)
        page = read_page(example_site, urls.procedure_url(procedure))
        assert bool(page.select("nav.t-journey")) == linked, procedure.id


def test_care_pages_have_the_family_box_with_its_sources_on_the_help_page(example_site: Path, example_catalog: Catalog) -> None:
    help_page = read_page(example_site, urls.HELP_FAMILY)
    section = help_page.find(id="介護")
    assert section is not None and "本人確認書類" in _text(section.find_next("ul"))
    for procedure in example_catalog.procedures:
        box = read_page(example_site, urls.procedure_url(procedure)).select_one(".t-family")
        assert (box is not None) == (procedure.category == Category.KAIGO), procedure.id
        if box is not None:
            assert "家族が 代わりに 申し込む とき" in _text(box)
            assert box.find("a")["href"].endswith("help/family/#介護")


def test_checklist_is_real_checkboxes_and_long_parts_fold_without_a_script(example_site: Path, example_catalog: Catalog) -> None:
    for procedure in example_catalog.procedures:
        soup = read_page(example_site, urls.procedure_url(procedure))
        boxes = soup.select("ul.t-checklist input[type=checkbox]")
        assert len(boxes) == len(procedure.prepare)
        for box in boxes:
            assert soup.find("label", attrs={"for": box["id"]}) is not None
        folded = [details.find("summary").get_text(" ", strip=True) for details in soup.select("details.t-fold")]
        assert any("手順" in s for s in folded) and any("出典" in s for s in folded), folded
        assert soup.select_one("details ol.t-steps") and soup.select_one("details ul.t-sources")
        # No step caution is styled as a loud warning any more; the 大事な こと box is the one loud block.
        assert not soup.select(".t-caution strong") and len(soup.select(".t-important")) <= 1


def test_lines_may_break_after_japanese_punctuation_but_the_text_reads_the_same(example_site: Path, example_catalog: Catalog) -> None:
    k01 = example_catalog.get("k01")
    html = (example_site / urls.procedure_url(k01) / "index.html").read_text(encoding="utf-8")
    # keep-all keeps 「ください。窓口でも」 in one piece unless the page offers a break after 「。」.
    assert "。<wbr>" in html and "、<wbr>" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".t-lead").get_text() == natural(k01.summary)  # <wbr> adds no characters


def test_short_links_work_in_capitals_too(example_site: Path, example_catalog: Catalog) -> None:
    for procedure in example_catalog.procedures:
        for address in (urls.short_url(procedure.id), urls.short_url(procedure.id.upper())):
            soup = read_page(example_site, address)
            target = soup.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]
            assert target == "../../" + urls.procedure_url(procedure), address


def test_a_towns_care_center_shows_on_care_pages_and_the_care_guide(example_catalog: Catalog) -> None:
    from generator.model import Department

    municipality = example_catalog.municipality
    assert "houkatsu" not in municipality.departments  # the example town publishes none in a source we use
    center = Department(name="テスト町 地域包括支援センター", phone="0123-45-9999", hours="平日 9時から 17時まで")
    catalog = dataclasses.replace(example_catalog, municipality=municipality.model_copy(
        update={"departments": {**municipality.departments, "houkatsu": center}}))
    c01 = _page(catalog, urls.procedure_url(catalog.get("c01")))
    box = c01.select_one(".t-family .t-care-center")
    assert box is not None and center.name in _text(box) and box.find("a", href="tel:0123459999")
    assert _page(catalog, urls.procedure_url(catalog.get("k01"))).select_one(".t-care-center") is None
    guide = _page(catalog, urls.life_event_url(next(e for e in catalog.guides if e.value == "care")))
    assert center.name in _text(guide.select_one(".t-care-center"))
    without = _page(example_catalog, urls.procedure_url(example_catalog.get("c01")))
    assert without.select_one(".t-care-center") is None


def test_the_phone_button_carries_the_reception_hours_or_how_to_learn_them(example_catalog: Catalog) -> None:
    k01 = example_catalog.get("k01")
    department = example_catalog.municipality.department_for("k01")
    key = next(k for k, d in example_catalog.municipality.departments.items() if d == department)
    from generator.model.hours import WeeklyHours

    week = WeeklyHours(mon="8:30-17:15", tue="8:30-17:15", wed="8:30-17:15", thu="8:30-17:15", fri="8:30-17:15", closed=["祝日"])
    for hours, says in (
        ("平日 8時30分から 17時15分まで", "受付時間: 平日 8時30分から 17時15分まで"),
        (week, "受付時間: 月曜〜金曜 8:30〜17:15。 土曜・日曜、 祝日は 休みです。"),
        (None, "受付時間は、電話で たずねるか 階上町の ホームページで たしかめて ください"),
    ):
        departments = {**example_catalog.municipality.departments, key: department.model_copy(update={"hours": hours})}
        catalog = dataclasses.replace(example_catalog, municipality=example_catalog.municipality.model_copy(update={"departments": departments}))
        call = _page(catalog, urls.procedure_url(k01)).select_one("section.t-start .t-start__call")
        # Next to the phone button, inside the start panel, not only in 問い合わせ先 at the foot of the page.
        assert says in _text(call), _text(call)


def _with_hours(catalog: Catalog, hours: object) -> Catalog:
    """``catalog`` whose k01 department gives these reception hours."""
    department = catalog.municipality.department_for("k01")
    key = next(k for k, d in catalog.municipality.departments.items() if d == department)
    departments = {**catalog.municipality.departments, key: department.model_copy(update={"hours": hours})}
    return dataclasses.replace(catalog, municipality=catalog.municipality.model_copy(update={"departments": departments}))


def test_the_page_carries_the_public_holidays_of_the_build_year_and_the_next(
    example_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's line knows public holidays (from the Cabinet Office's list, via jpholiday) and the dates the town
    closes; which years it knows follows the build's date, never the clock."""
    from generator.model.hours import WeeklyHours

    from generator.environment import build_options

    def built_on(epoch: str) -> Catalog:  # as a build with SOURCE_DATE_EPOCH set gets it: an option
        return dataclasses.replace(example_catalog, options=build_options({"SOURCE_DATE_EPOCH": epoch}))

    catalog = built_on("1780000000")  # 2026-05-28 (UTC)
    week = WeeklyHours(mon="8:30-17:15", fri="8:30-17:15", closed=["祝日", "年末年始（12月29日〜1月3日）"])
    today = _page(_with_hours(catalog, week), urls.procedure_url(example_catalog.get("k01"))).select_one("[data-hours-today]")
    assert today["data-years"] == "2026 2027"
    holidays = today["data-holidays"].split()
    # 元日, 成人の日 (second Monday), 振替休日 for 憲法記念日 (2026-05-06), 国民の休日 (2026-09-22), 勤労感謝の日.
    assert {"20260101", "20260112", "20260506", "20260922", "20261123", "20270101", "20271123"} <= set(holidays)
    assert len(holidays) == 35 and not any(day.startswith("2028") for day in holidays)
    assert today["data-closed"].split() == ["1229", "1230", "1231", "0101", "0102", "0103"]
    assert "きょうは 祝日です。窓口は 休みです。" in today.select_one("[data-day='holiday']").get_text()
    # A town that opens on holidays says so, and its hours show on a holiday and in the week's line.
    week = WeeklyHours(mon="8:30-17:15", holiday="9:00-12:00")
    call = _page(_with_hours(catalog, week), urls.procedure_url(example_catalog.get("k01"))).select_one(".t-start__call")
    assert "きょうは 祝日です。受付は 9:00〜12:00です。" in call.select_one("[data-day='holiday']").get_text()
    assert "祝日 9:00〜12:00" in _text(call)
    # Another build year, other holidays: nothing comes from the clock.
    later = _with_hours(built_on("1893456000"), week)  # 2030-01-01
    today = _page(later, urls.procedure_url(example_catalog.get("k01"))).select_one("[data-hours-today]")
    assert today["data-years"] == "2030 2031" and "20300101" in today["data-holidays"] and today["data-closed"] == ""


def test_a_town_cannot_open_on_holidays_and_close_on_them_at_once() -> None:
    from pydantic import ValidationError

    from generator.model.hours import WeeklyHours

    with pytest.raises(ValidationError, match="hours_holiday_closed"):
        WeeklyHours(mon="8:30-17:15", holiday="9:00-12:00", closed=["祝日"])
    # Only dates the town wrote close a day: a word alone (「年末年始」) closes none, an impossible date neither.
    assert WeeklyHours(mon="8:30-17:15", closed=["年末年始", "2月30日", "８月１３日"]).closed_days() == ["0813"]


def test_the_towns_answers_are_reachable_from_the_start_panel(example_catalog: Catalog) -> None:
    from generator.model.municipality import LocalAnswer

    k01 = example_catalog.get("k01")
    assert not _page(example_catalog, urls.procedure_url(k01)).select(".t-start__answers")
    key = k01.ask_locally[0].key
    answer = LocalAnswer(text="申し込んでから 2週間ほどで 通知が 届きます。", checked="2026-12-01")
    catalog = _with_local(example_catalog, "k01", answers={key: answer})
    soup = _page(catalog, urls.procedure_url(k01))
    link = soup.select_one("section.t-start .t-start__answers a")
    assert link is not None and link["href"] == "#窓口でたしかめること"
    assert f"{catalog.municipality.name}の 答え（1件）" in _text(link)
    assert soup.find(id="窓口でたしかめること") is not None


def test_the_family_box_says_whose_card_and_pins_and_the_towns_answer_replaces_it(example_catalog: Catalog) -> None:
    from generator.model.municipality import LocalAnswer

    c01 = example_catalog.get("c01")
    box = _text(_page(example_catalog, urls.procedure_url(c01)).select_one(".t-family"))
    # Plainly, from the sources on help/family/: the family member's own card and own PINs, 「代理人として利用」,
    # and when the counter (or post) is the way instead.
    assert "家族は 自分の カードと 暗証番号で「代理人として利用」" in box
    assert "窓口か 郵送で 出します" in box
    answer = LocalAnswer(text="家族の カードで スマホから 申し込めます。", checked="2026-12-01")
    catalog = _with_local(example_catalog, "c01", answers={"proxy-online": answer})
    box = _text(_page(catalog, urls.procedure_url(c01)).select_one(".t-family"))
    assert "家族の カードで スマホから 申し込めます" in box and f"{catalog.municipality.name}の 情報" in box
    assert "代理人として利用" not in box
