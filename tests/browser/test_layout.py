"""Every swept screen page (the selection: ``site_pages.representative``) survives a small phone, a 320 px screen
and 200 % text, with big text and big tap targets.

- 390×844 (a common phone): text ≥ 18 px, nothing wider than the screen, every link and button ≥ 44×44 px
  unless it is inline in a sentence (see layout_checks.js for the exact rule).
- 320 px wide (WCAG 1.4.10 reflow): no sideways scrolling, nothing cut off.
- 200 % text (WCAG 1.4.4): the browser's default font size is doubled with the DevTools protocol's
  ``Page.setFontSizes`` — what the "text size" setting of Chrome does — so every rem-sized rule scales as it
  does on a resident's phone. No sideways scrolling, nothing cut off.
- In all three: a box to type words in shows at least six characters.

The 390 px and 320 px checks share each page load: the page is opened at one width, checked, resized to the other
and checked again (the next page is opened at the width the last one ended at, and checked in the other order).
Only the viewport changes between them, and every element's box, font size, display and overflow after the resize
was the same as after a fresh load at that width, on all 60 swept screen pages (a one-off comparison, 2026-12-08,
benchmarks/results/tests-2026-12-08.md). The 200 % text check keeps a load of its own: the text size changed on a
loaded page gave one paragraph another height than a page loaded at 200 %.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page

from tests.browser.audit import AuditLog
from tests.browser.conftest import new_context, open_page
from tests.browser.site_pages import SitePage

CHECKS = (Path(__file__).parent / "layout_checks.js").read_text(encoding="utf-8")
MIN_FONT_PX = 18
MIN_TARGET_PX = 44
DEFAULT_FONT_PX = 16  # Chromium's default "standard" font size; the theme's rem sizes build on it.


def run_layout(page: Page, fonts: bool, targets: bool) -> list[str]:
    return page.evaluate(CHECKS, {"minFont": MIN_FONT_PX, "minTarget": MIN_TARGET_PX, "checkFonts": fonts, "checkTargets": targets})


def double_text_size(page: Page) -> None:
    """Emulate the browser's text-size setting at 200 % (both the proportional and the fixed-width font)."""
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": DEFAULT_FONT_PX * 2, "fixed": 13 * 2}})


def check_all(browser: Browser, base_url: str, pages: list[SitePage], audit: AuditLog, check: str, *, width: int,
              height: int, fonts: bool, targets: bool, text_200: bool = False) -> list[str]:
    context = new_context(browser, viewport={"width": width, "height": height})
    page = context.new_page()
    if text_200:
        double_text_size(page)
    failures = []
    for site_page in pages:
        open_page(page, site_page, base_url)
        problems = run_layout(page, fonts, targets)
        audit.record(site_page.path, check, problems)
        failures += [f"/{site_page.path}: {problem}" for problem in problems]
    context.close()
    return failures


WIDTHS = {"phone": ({"width": 390, "height": 844}, True), "reflow_320": ({"width": 320, "height": 640}, False)}
"""The checks that share a page load: the viewport, and whether text sizes and tap targets are judged too."""

_BY_WIDTH: dict[tuple, dict[str, list[str]]] = {}
"""``check_both_widths``'s failures per check, once per run, browser and pages (the two tests below read them)."""


def check_both_widths(browser: Browser, base_url: str, pages: list[SitePage], audit: AuditLog) -> dict[str, list[str]]:
    """The 390×844 and 320 px checks on every page, each page loaded once (see the module's docstring)."""
    key = (id(browser), base_url, tuple(page.path for page in pages))
    if key in _BY_WIDTH:
        return _BY_WIDTH[key]
    context = new_context(browser, viewport=WIDTHS["phone"][0])
    page = context.new_page()
    failures: dict[str, list[str]] = {check: [] for check in WIDTHS}
    order = list(WIDTHS)
    for site_page in pages:
        open_page(page, site_page, base_url)  # (at the width the previous page ended at: checked first)
        for check in order:
            viewport, judged = WIDTHS[check]
            page.set_viewport_size(viewport)
            problems = run_layout(page, fonts=judged, targets=judged)
            audit.record(site_page.path, check, problems)
            failures[check] += [f"/{site_page.path}: {problem}" for problem in problems]
        order.reverse()
    context.close()
    _BY_WIDTH[key] = failures
    return failures


def test_phone_text_is_large_nothing_overflows_and_targets_are_44px(
    browser: Browser, base_url: str, screen_pages: list[SitePage], audit: AuditLog
) -> None:
    failures = check_both_widths(browser, base_url, screen_pages, audit)["phone"]
    assert not failures, "at 390×844:\n" + "\n".join(failures)


def test_no_sideways_scrolling_or_clipping_at_320px(
    browser: Browser, base_url: str, screen_pages: list[SitePage], audit: AuditLog
) -> None:
    failures = check_both_widths(browser, base_url, screen_pages, audit)["reflow_320"]
    assert not failures, "at 320 px:\n" + "\n".join(failures)


def test_no_sideways_scrolling_or_clipping_at_200_percent_text(
    browser: Browser, base_url: str, screen_pages: list[SitePage], audit: AuditLog
) -> None:
    failures = check_all(browser, base_url, screen_pages, audit, "text_200", width=390, height=844, fonts=False, targets=False, text_200=True)
    assert not failures, "at 200 % text:\n" + "\n".join(failures)


def test_doubling_the_text_size_really_doubles_the_page_text(browser: Browser, base_url: str, screen_pages: list[SitePage]) -> None:
    """Guards the 200 % check itself: if the emulation stopped working, the test above would pass for nothing."""
    context = new_context(browser)
    page = context.new_page()
    open_page(page, screen_pages[0], base_url)
    size = "parseFloat(getComputedStyle(document.querySelector('main .md-typeset')).fontSize)"
    normal = page.evaluate(size)
    double_text_size(page)
    open_page(page, screen_pages[0], base_url)
    doubled = page.evaluate(size)
    context.close()
    assert doubled == 2 * normal >= 36


def test_the_layout_checks_catch_what_they_look_for(browser: Browser) -> None:
    """Guards the checks: a page with each fault must be reported, a page without must pass."""
    context = new_context(browser)
    page = context.new_page()
    page.set_content(
        "<html><body style='font-size:20px;margin:0'><main><div class='md-typeset'>"
        "<p>文 <a href='/a'>文の 中の リンク</a> です。</p>"
        "<p><a href='/b' style='display:block;min-height:48px'>大きな リンク</a></p>"
        "</div></main></body></html>"
    )
    assert run_layout(page, fonts=True, targets=True) == []
    page.set_content(
        "<html><body style='font-size:20px;margin:0'><main><div class='md-typeset'>"
        "<p><a href='/a'>単独</a></p>"
        "<p style='font-size:12px'>小さい 文字</p>"
        "<div style='width:600px'>はば 600px</div>"
        "<div style='overflow:hidden;height:10px'>切れる<br>文字<br>です</div>"
        "<input type='search' style='width:150px;padding:0 20px;font-size:40px'>"
        "</div></main></body></html>"
    )
    problems = "\n".join(run_layout(page, fonts=True, targets=True))
    context.close()
    assert "under 44×44" in problems
    assert "12px text" in problems
    assert "sticks out" in problems and "scrolls sideways" in problems
    assert "cuts off its content" in problems
    assert "input shows 2.6 characters, under 6" in problems
