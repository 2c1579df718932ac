"""Keyboard use and privacy on the pages that show every part and nesting of the site's markup (the selection:
``site_pages.markup_cover``; every page when ``bash scripts/audit.sh`` publishes the record).

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

MAX_TAB_STOPS = 600

FOCUSED = """() => {
  const ids = window.__tabIds || (window.__tabIds = new WeakMap());
  const tabId = el => { if (!ids.has(el)) { window.__tabCount = (window.__tabCount || 0) + 1; ids.set(el, window.__tabCount); } return ids.get(el); };
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const label = (el.innerText || el.getAttribute("aria-label") || el.id || el.tagName).trim().replace(/\\s+/g, " ").slice(0, 30);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, label: label,
    outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    // Each element its own key: two links with the same text and address (the town's phone in the start panel and
    // in the footer) are two stops, and the walk ends only when the focus comes back to an element already seen.
    focusVisible: el.matches(":focus-visible"), key: String(tabId(el)),
    href: el.getAttribute("href") || "",
    // The main content: the <main> element (or role=main) that holds the page's heading.
    holdsContent: el.matches("main, [role=main]") && el.querySelector("h1") !== null,
  };
}"""

RECORD_TAB_STOPS = f"""() => {{
  // From the top of the page, with nothing focused: what FOCUSED reads at the end of each Tab press (its keyup,
  // when the focus has moved and every script answering the key or the focus has run), kept in order.
  document.activeElement && document.activeElement.blur();
  window.scrollTo(0, 0);
  document.body.focus();
  const focused = {FOCUSED};
  window.__tabStops = [];
  window.addEventListener("keyup", event => {{ if (event.key === "Tab") window.__tabStops.push(focused()); }}, true);
  // How many presses the walk likely needs, to send them before the first read (what is judged does not depend
  // on it): the stops a browser can reach, and one more that ends the walk. The walk reads on in batches of a few
  // presses when this falls short.
  const reachable = "a[href], area[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), " +
    "select:not([disabled]), textarea:not([disabled]), summary, iframe, [tabindex]:not([tabindex='-1']), [contenteditable]";
  let count = 0;
  for (const el of document.querySelectorAll(reachable)) {{
    if (el.tabIndex < 0 || el.closest("[inert]") || !el.checkVisibility({{visibilityProperty: true}})) continue;
    count += 1;
  }}
  return count + 1;
}}"""

READ_TAB_STOPS = "() => window.__tabStops.splice(0)"


def tab_stops(page: Page) -> tuple[list[dict | None], str | None]:
    """What ``FOCUSED`` reads after each Tab press from the top of the page, in order, up to and with the first read
    that finds the focus off the page or back on a stop already seen (at most ``MAX_TAB_STOPS`` presses); and a
    problem if the recorder missed a press.

    The same walk as a press and a read, then the next press: the page records the read at the end of each press
    (its keyup, when the focus has moved and every script answering the key or the focus has run), and the records
    are fetched after a batch of presses, about as many as the page has stops: a round trip to the browser less
    per stop (7.8 of the 29 s this walk took on the swept pages, 2026-12-07). A press the recorder missed (a
    script that stopped its keyup, the focus inside a frame) is reported, not skipped."""
    expected = page.evaluate(RECORD_TAB_STOPS)
    stops: list[dict | None] = []
    seen: set[str] = set()
    pressed = 0
    while pressed < MAX_TAB_STOPS:
        batch = min(max(expected - pressed, 4), MAX_TAB_STOPS - pressed)
        for _ in range(batch):
            page.keyboard.press("Tab")
        pressed += batch
        records = page.evaluate(READ_TAB_STOPS)
        if len(records) != batch:
            return stops, f"the Tab recorder saw {len(records)} of {batch} presses (a script stopped their keyup, or the focus went into a frame)"
        for focused in records:
            stops.append(focused)
            if focused is None or focused["key"] in seen:
                return stops, None
            seen.add(focused["key"])
    return stops, f"the focus did not leave the page or come back in {MAX_TAB_STOPS} Tab presses: stops after those went unchecked"


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
    stops, missed = tab_stops(page)
    problems += [missed] if missed else []
    seen = set()
    for focused in stops:
        if focused is None or focused["key"] in seen:
            break
        seen.add(focused["key"])
        if focused["outline"] == "none" or focused["outlineWidth"] < 2:
            problems.append(f"no visible focus on {focused['tag']} {focused['label']!r} (outline {focused['outline']} {focused['outlineWidth']}px)")
    if len(seen) < 2:
        problems.append(f"only {len(seen)} Tab stops found")
    return problems


def test_skip_link_comes_first_and_focus_is_always_visible(
    browser: Browser, base_url: str, markup_screen_pages: list[SitePage], audit: AuditLog
) -> None:
    context = new_context(browser)
    page = context.new_page()
    failures = []
    for site_page in markup_screen_pages:
        open_page(page, site_page, base_url)
        problems = keyboard_problems(page)
        audit.record(site_page.path, "keyboard", problems)
        failures += [f"/{site_page.path}: {problem}" for problem in problems]
    context.close()
    assert not failures, "keyboard:\n" + "\n".join(failures)


def _problems_of(browser: Browser, html: str) -> str:
    """What ``keyboard_problems`` finds on a page made of ``html`` (the guards of the check)."""
    context = new_context(browser)
    page = context.new_page()
    page.set_content(html)
    problems = "\n".join(keyboard_problems(page))
    context.close()
    return problems


def test_the_keyboard_check_catches_a_missing_skip_link_and_an_invisible_focus(browser: Browser) -> None:
    """Guards the check above: a page without a skip link and with outline: none must be reported."""
    problems = _problems_of(
        browser,
        "<html><body><style>button:focus{outline:none}</style><main id='main' tabindex='-1'>"
        "<h1>見出し</h1><button>ひとつめ</button> <button>ふたつめ</button></main></body></html>",
    )
    assert "not the skip link" in problems
    assert "no visible focus" in problems


def test_a_tab_press_the_recorder_misses_is_reported_not_skipped(browser: Browser) -> None:
    """Guards the batched walk (``tab_stops``): a page script that stops the keyup the recorder reads must fail the
    check, not shorten the walk to nothing judged."""
    problems = _problems_of(
        browser,
        "<html><body><script>addEventListener('keyup', event => event.stopImmediatePropagation(), true)</script>"
        "<a href='#main'>本文へ</a><main id='main' tabindex='-1'><h1>見出し</h1><button>ひとつめ</button></main></body></html>",
    )
    assert "the Tab recorder saw 0 of" in problems


def test_no_page_requests_anything_from_another_origin(
    browser: Browser, base_url: str, markup_pages: list[SitePage], audit: AuditLog, load_requests: dict[str, list[str]]
) -> None:
    """Where a page loads anything from is part of its markup (``tag[src from …]`` in ``site_pages.structure``),
    and the scripts that could fetch more are the same on every page that has them: the markup cover shows all."""
    origin = urlsplit(base_url)._replace(path="", query="", fragment="").geturl()
    context = new_context(browser)
    page = context.new_page()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    failures = []
    own_requests = 0
    for site_page in markup_pages:
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
    assert own_requests >= len(markup_pages), "the request recorder saw nothing"
    assert not failures, "requests to other origins:\n" + "\n".join(failures)
