"""Keyboard use and privacy on every swept screen page (the selection: ``site_pages.representative``).

- The first Tab stop is the skip link; Enter on it moves focus to the main content.
- Every Tab stop shows a visible focus indicator (a computed outline that is not ``none`` and not 0 px).
- Loading every page (with its CSS, scripts and images) makes no request to any other origin (the loads of the
  axe sweep, recorded in ``load_requests``; short links are followed for real here).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page

from tests.browser.audit import AuditLog
from tests.browser.conftest import new_context, open_page
from tests.browser.site_pages import SitePage

MAX_TAB_STOPS = 150

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const label = (el.innerText || el.getAttribute("aria-label") || el.id || el.tagName).trim().replace(/\\s+/g, " ").slice(0, 30);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, label: label,
    outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    focusVisible: el.matches(":focus-visible"), key: el.tagName + "|" + label + "|" + (el.getAttribute("href") || ""),
    href: el.getAttribute("href") || "",
    // The main content: the <main> element (or role=main) that holds the page's heading.
    holdsContent: el.matches("main, [role=main]") && el.querySelector("h1") !== null,
  };
}"""


def keyboard_problems(page: Page) -> list[str]:
    problems = []
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    # A skip link: a link to an anchor on the same page, the first thing Tab reaches.
    if not first or not str(first["href"]).startswith("#"):
        problems.append(f"the first Tab stop is {first and first['label']!r}, not the skip link")
    page.keyboard.press("Enter")
    after_enter = page.evaluate(FOCUSED)
    if not after_enter or not after_enter["holdsContent"]:
        problems.append(f"Enter on the skip link moved focus to {after_enter and after_enter['label']!r}, not to the main content")
    # Walk every Tab stop from the top once; each one must draw a visible outline.
    page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    page.evaluate("document.body.focus()")
    seen = set()
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["key"] in seen:
            break
        seen.add(focused["key"])
        if focused["outline"] == "none" or focused["outlineWidth"] < 2:
            problems.append(f"no visible focus on {focused['tag']} {focused['label']!r} (outline {focused['outline']} {focused['outlineWidth']}px)")
    if len(seen) < 2:
        problems.append(f"only {len(seen)} Tab stops found")
    return problems


def test_skip_link_comes_first_and_focus_is_always_visible(
    browser: Browser, base_url: str, screen_pages: list[SitePage], audit: AuditLog
) -> None:
    context = new_context(browser)
    page = context.new_page()
    failures = []
    for site_page in screen_pages:
        open_page(page, site_page, base_url)
        problems = keyboard_problems(page)
        audit.record(site_page.path, "keyboard", problems)
        failures += [f"/{site_page.path}: {problem}" for problem in problems]
    context.close()
    assert not failures, "keyboard:\n" + "\n".join(failures)


def test_the_keyboard_check_catches_a_missing_skip_link_and_an_invisible_focus(browser: Browser) -> None:
    """Guards the check above: a page without a skip link and with outline: none must be reported."""
    context = new_context(browser)
    page = context.new_page()
    page.set_content(
        "<html><body><style>button:focus{outline:none}</style><main id='main' tabindex='-1'>"
        "<h1>見出し</h1><button>ひとつめ</button> <button>ふたつめ</button></main></body></html>"
    )
    problems = "\n".join(keyboard_problems(page))
    context.close()
    assert "not the skip link" in problems
    assert "no visible focus" in problems


def test_no_page_requests_anything_from_another_origin(
    browser: Browser, base_url: str, swept_pages: list[SitePage], audit: AuditLog, load_requests: dict[str, list[str]]
) -> None:
    origin = urlsplit(base_url)._replace(path="", query="", fragment="").geturl()
    context = new_context(browser)
    page = context.new_page()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    failures = []
    own_requests = 0
    for site_page in swept_pages:
        requested.clear()
        if site_page.path in load_requests:  # (loaded by the axe sweep: the same load, the same wait)
            requested += load_requests[site_page.path]
        else:
            # "load" waits for every stylesheet, script and image. Short links are followed for real: the page
            # they forward to must not call out either.
            page.goto(site_page.url(base_url), wait_until="load")
            if site_page.redirects:
                page.wait_for_url(lambda url: "/p/" not in url)
                page.wait_for_load_state("load")
        foreign = [url for url in requested if not url.startswith(origin + "/") and not url.startswith("data:")]
        own_requests += len(requested) - len(foreign)
        audit.record(site_page.path, "requests", [f"request to {url}" for url in foreign])
        failures += [f"/{site_page.path}: {url}" for url in foreign]
    context.close()
    assert own_requests >= len(swept_pages), "the request recorder saw nothing"
    assert not failures, "requests to other origins:\n" + "\n".join(failures)
