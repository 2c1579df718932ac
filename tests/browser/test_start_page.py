"""Procedure pages as a service start page, measured in Chromium as a resident sees them (issue #11).

- On a 390×844 phone, with the sample banner shown: the first start-or-call action begins on screen 1 or 2, the
  page is at most 8 screens long, and every phone number sits on one line (also at 320 px and at 200 % text).
- First screens (issue #20), in every edition: at 200 % text the title ends on screen 1 and the start panel's first
  line and its answer's first line on screen 1 or 2; the home page's life events and 「わたしの 手続き」 on the
  first screen at 100 %.
- Folded parts open without JavaScript and print open; the checklist ticks without JavaScript.
- Short links work as typed from paper: in capitals, without the final slash; the 404 page is Japanese and helps.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from generator.editions import declared
from generator.model import Catalog
from generator.site import urls
from tests.browser.conftest import loose, new_context, squash
from tests.browser.test_layout import double_text_size, run_layout

MEASURE = (Path(__file__).parent / "screens_measure.js").read_text(encoding="utf-8")
SCREEN = 844
MAX_ACTION_SCREEN = 2
MAX_SCREENS = 8



_MEASURED: dict[tuple, dict[str, dict]] = {}
"""``_measure_all``'s results in this module: the standard edition at 390 px and 200 % text is judged by two tests
(the first two screens, the phone number on one line), and measured once for both (27 page loads less)."""

WIDTHS_TOGETHER = (390, 320)
"""Widths measured in one page load at 100 % text: measured at one, resized to the other and measured again (the
next page in the other order). Only the viewport's width changes; the measures were the same as after a fresh load
at that width on all 27 procedure pages (a one-off comparison, benchmarks/results/tests-2026-12-08.md). A text size
is never changed on a loaded page: that gave one paragraph another height than a page loaded at it."""


def _measure_all(browser: Browser, base_url: str, catalog: Catalog, *, width: int, text_200: bool = False,
                 prefix: str = "") -> dict[str, dict]:
    """screens_measure.js on every procedure page of the edition under ``prefix``, by ``<prefix><id>`` (measured
    once per test run and browser: the pages are read-only, and the measure changes nothing on them)."""
    key = (id(browser), base_url, width, text_200, prefix)
    if key not in _MEASURED:
        widths = WIDTHS_TOGETHER if not text_200 and width in WIDTHS_TOGETHER else (width,)
        for each, results in _measured(browser, base_url, catalog, widths=widths, text_200=text_200, prefix=prefix).items():
            _MEASURED[(id(browser), base_url, each, text_200, prefix)] = results
    return _MEASURED[key]


def _measured(browser: Browser, base_url: str, catalog: Catalog, *, widths: tuple[int, ...], text_200: bool,
              prefix: str) -> dict[int, dict[str, dict]]:
    """The measures at each of ``widths``, each page loaded once (at the width the previous page ended at)."""
    context = new_context(browser, viewport={"width": widths[0], "height": SCREEN})
    page = context.new_page()
    if text_200:
        double_text_size(page)
    results: dict[int, dict[str, dict]] = {width: {} for width in widths}
    order = list(widths)
    for procedure in catalog.procedures:
        page.goto(base_url + prefix + urls.procedure_url(procedure), wait_until="load")
        for width in order:
            page.set_viewport_size({"width": width, "height": SCREEN})
            results[width][prefix + procedure.id] = page.evaluate(MEASURE, SCREEN)
        order.reverse()
    context.close()
    return results


def test_every_procedure_page_starts_with_its_action_is_short_and_keeps_the_number_whole(
    browser: Browser, base_url: str, catalog: Catalog
) -> None:
    assert catalog.municipality.sample, "measured with the sample banner, as residents of the example see it"
    problems = []
    for procedure_id, data in _measure_all(browser, base_url, catalog, width=390).items():
        top = data["firstActionTop"]
        if top is None or top // SCREEN + 1 > MAX_ACTION_SCREEN:
            problems.append(f"{procedure_id}: first start-or-call action at {top} px")
        if data["height"] / SCREEN > MAX_SCREENS:
            problems.append(f"{procedure_id}: {data['height'] / SCREEN:.1f} screens long")
        if not data["numbers"] or any(number["lines"] != 1 for number in data["numbers"]):
            problems.append(f"{procedure_id}: phone numbers {data['numbers']}")
    assert not problems, "\n".join(problems)


def test_at_200_percent_text_the_title_and_the_start_panel_come_on_the_first_two_screens(
    browser: Browser, base_url: str, catalog: Catalog
) -> None:
    """A compact header, sample banner and trail at large text, the guide links under the start panel (issue #20):
    on every procedure page of every edition the title ends on screen 1, and the start panel's first line
    (「〇〇町で 申し込む には」) and the first line of its answer (can I do it here, or call) on screen 1 or 2."""
    assert catalog.municipality.sample, "measured with the sample banner, as residents of the example see it"
    late = []
    for edition in declared(catalog):
        for page_id, data in _measure_all(browser, base_url, catalog, width=390, text_200=True, prefix=edition.prefix).items():
            ends = {name: data[key] / SCREEN for name, key in
                    (("title", "titleBottom"), ("start", "startLineBottom"), ("answer", "answerLineBottom"))}
            if ends["title"] > 1 or ends["start"] > 2 or ends["answer"] > 2:
                late.append(f"{page_id}: " + ", ".join(f"{name} ends at {end:.2f}" for name, end in ends.items()) + " screens")
    assert not late, "\n".join(late)


def test_the_compact_large_text_header_and_banner_never_shrink_text_under_18_px(
    browser: Browser, base_url: str, catalog: Catalog
) -> None:
    """The compact rules for large text (max-width: 16em) start at about 150 % text on a 390 px phone and at 125 %
    on a 320 px one, where their rem sizes alone would be 11–17 px: at every step from 100 % to 200 % the text of
    the header, the 見本 banner and the trail stays at 18 px or more (ふりがな at half that)."""
    small = []
    for text_px in (16, 20, 24, 28, 32):
        # Both widths in one load, as in _measured (the text size set before loading; only the width changes).
        order = [390, 320]
        context = new_context(browser, viewport={"width": order[0], "height": SCREEN})
        page = context.new_page()
        session = page.context.new_cdp_session(page)
        session.send("Page.setFontSizes", {"fontSizes": {"standard": text_px, "fixed": 13 * text_px // 16}})
        for edition in declared(catalog):
            for path in (urls.HOME, urls.procedure_url(catalog.get("k01"))):
                page.goto(base_url + edition.prefix + path, wait_until="load")
                for width in order:
                    page.set_viewport_size({"width": width, "height": SCREEN})
                    problems = run_layout(page, fonts=True, targets=False)
                    small += [f"{width} px, {text_px * 100 // 16} %, /{edition.prefix}{path}: {problem}"
                              for problem in problems if problem.endswith("px text")]
                order.reverse()
        context.close()
    assert not small, "\n".join(small)


def test_the_home_page_shows_the_question_flow_and_every_life_event_on_the_first_screen(
    browser: Browser, base_url: str, catalog: Catalog
) -> None:
    """On each edition's home page at 390×844 (sample banner shown), 「わたしの 手続き」 and the six life events end
    within the first screen."""
    context = new_context(browser, viewport={"width": 390, "height": SCREEN})
    page = context.new_page()
    wanted = [urls.relative(urls.HOME, "watashi/"), *(urls.relative(urls.HOME, urls.life_event_url(e)) for e in catalog.life_events)]
    below = {}
    for edition in declared(catalog):
        page.goto(base_url + edition.prefix, wait_until="load")
        cards = page.eval_on_selector_all(
            "main a.t-card", "cards => cards.map(a => [a.getAttribute('href'), a.getBoundingClientRect().bottom + scrollY])"
        )
        bottoms = {href: bottom for href, bottom in cards}
        assert len(catalog.life_events) == 6 and all(href in bottoms for href in wanted), (edition.key, wanted, list(bottoms))
        below |= {edition.prefix + href: round(bottoms[href]) for href in wanted if bottoms[href] > SCREEN}
    context.close()
    assert not below, f"below the first screen: {below}"


def test_the_phone_number_stays_on_one_line_at_320_px_and_at_200_percent_text(
    browser: Browser, base_url: str, catalog: Catalog
) -> None:
    for width, text_200 in ((320, False), (390, True)):
        for procedure_id, data in _measure_all(browser, base_url, catalog, width=width, text_200=text_200).items():
            assert data["numbers"] and all(n["lines"] == 1 for n in data["numbers"]), (width, text_200, procedure_id, data)


def test_folds_open_and_the_checklist_ticks_without_javascript(browser: Browser, base_url: str, catalog: Catalog) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + urls.procedure_url(catalog.get("k01")))
    steps = page.locator("ol.t-steps")
    assert not steps.is_visible()
    page.locator("summary", has_text=loose("手順を 見る")).click()
    assert steps.is_visible()
    page.locator("summary", has_text="チェックリスト").click()
    box = page.locator("ul.t-checklist input[type=checkbox]").first
    assert not box.is_checked()
    page.locator("ul.t-checklist label").first.click()  # the whole label is the target
    assert box.is_checked()
    context.close()


def test_folded_parts_print_open(browser: Browser, base_url: str, catalog: Catalog) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + urls.procedure_url(catalog.get("k01")))
    folded = ["ol.t-steps", "ul.t-sources", "ul.t-checklist"]
    assert not any(page.locator(selector).is_visible() for selector in folded)
    page.emulate_media(media="print")
    assert all(page.locator(selector).is_visible() for selector in folded)
    page.emulate_media(media="screen")
    assert not page.locator("ol.t-steps").is_visible()
    context.close()


def test_short_links_work_in_capitals_and_without_the_final_slash(browser: Browser, base_url: str, site_dir: Path, catalog: Catalog) -> None:
    k01 = catalog.get("k01")
    expected = base_url + urls.procedure_url(k01)
    context = new_context(browser)
    page = context.new_page()
    for typed in ("p/k01", "p/K01/", "p/K01"):
        page.goto(base_url + typed)
        page.wait_for_url(expected)
    # Any other mix of capitals reaches the host's 404 page, which sends the reader on (as GitHub Pages,
    # Netlify and most static hosts serve 404.html for a missing address).
    not_found = (site_dir / "404.html").read_text(encoding="utf-8")
    page.route(base_url + "P/k01", lambda route: route.fulfill(status=404, content_type="text/html; charset=utf-8", body=not_found))
    page.goto(base_url + "P/k01")
    page.wait_for_url(expected)
    context.close()


def test_the_404_page_is_japanese_and_finds_a_procedure(browser: Browser, base_url: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + "404.html")
    assert squash(page.locator("h1").inner_text()) == squash("ページが 見つかりません")
    assert page.locator("main a.t-card").count() >= 6  # the life events
    assert page.locator("main a[href^='tel:'] .t-tel").count() == 1
    page.fill("#notfound-query", "台風")
    page.press("#notfound-query", "Enter")
    page.wait_for_url("**/sagasu/?q=*", wait_until="load")
    assert page.input_value("main input[name=q]") == "台風"  # the finder page takes the words over
    context.close()
