"""Nothing on a page moves while it loads (issue #23: Lighthouse measured a layout shift of 0.158 on さがす).

The scripts that reveal parts of a page (the finder's box, the question flow's start button) are answered
late on purpose (600 ms), so a page that draws first and reveals later would shift every time. The shifts
are read with Chromium's PerformanceObserver (``layout-shift`` entries, as Lighthouse counts them).
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Browser, Route

from tests.browser.conftest import new_context

SHIFTS = """() => new Promise(resolve => {
  let total = 0;
  const moved = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      total += entry.value;
      for (const source of entry.sources || []) moved.push((source.node && source.node.nodeName) + " " + entry.value.toFixed(3));
    }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve({total, moved}), 300);
})"""


def _late(route: Route) -> None:
    time.sleep(0.6)
    route.continue_()


@pytest.mark.parametrize(("path", "ready"), [
    ("sagasu/", "form[data-finder]:not([hidden])"),
    ("watashi/", "[data-flow-start]:not([hidden])"),
    ("kosodate/jidou-teate-nintei-seikyu/", "h1"),
    ("", "h1"),
])
def test_the_page_does_not_move_while_its_script_arrives(browser: Browser, base_url: str, path: str, ready: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.route("**/*.js", _late)
    page.goto(base_url + path, wait_until="load")
    page.wait_for_selector(ready)
    shifts = page.evaluate(SHIFTS)
    context.close()
    assert shifts["total"] < 0.01, f"{path}: layout shift {shifts['total']:.3f} ({', '.join(shifts['moved'])})"
