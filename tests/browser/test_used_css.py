"""The cut-down Material stylesheet looks exactly like the whole one (issue #23, generator/site/stylesheets.py).

Each page is opened twice in Chromium: as built (assets/stylesheets/material.css holds only the rules the
pages use) and with that file answered by Material's whole stylesheet. Every element's computed style, and
that of its ::before, ::after and ::marker, must be the same. The pages: one of each kind (both editions), the finder with
results shown, the question flow on a question and on its result list (markup only the scripts make), a
procedure page in dark mode and in print.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import material
import pytest
from playwright.sync_api import Browser, Page

from generator.site.stylesheets import MATERIAL_CSS
from tests.browser.conftest import new_context

FULL_MATERIAL = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))

SNAPSHOT = """() => {
  // Every longhand property, custom properties left out: the cut-down file drops those nothing uses; their
  // effect is compared. The list is the same for every element.
  const names = [];
  const first = getComputedStyle(document.documentElement);
  for (let i = 0; i < first.length; i++) if (!first[i].startsWith("--")) names.push(first[i]);
  // Each element's values as one string, and each distinct string once: the accessibility page's ~4,000
  // elements gave 110 MB as one object per element (40 s a snapshot); most elements share their style.
  const styles = [], ids = new Map(), out = [];
  document.querySelectorAll("*").forEach((element, index) => {
    const display = getComputedStyle(element).display;
    const key = index + " " + element.tagName.toLowerCase() + (element.className && typeof element.className === "string" ? "." + element.className.trim().split(/\\s+/).join(".") : "");
    for (const pseudo of [null, "::before", "::after", "::marker"]) {
      const style = getComputedStyle(element, pseudo);
      // ::before/::after exist only with content; a ::marker is drawn only for a list item (li, summary).
      if (pseudo === "::marker" ? !display.includes("list-item") : pseudo && (style.content === "none" || style.content === "normal")) continue;
      const text = names.map(name => style.getPropertyValue(name)).join("\\u001f");
      let id = ids.get(text);
      if (id === undefined) { id = styles.length; ids.set(text, id); styles.push(text); }
      out.push([key + (pseudo || ""), id]);
    }
  });
  // One string, not a nested object: Playwright's Python side checks every value of an object it receives.
  return JSON.stringify({names, styles, out});
}"""


SETTLED = """async () => {
  const ending = document.getAnimations().filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.all(ending.map(a => a.finished.catch(() => null)));
}"""

def _finder_results(page: Page) -> None:
    page.fill("input[type=search]", "児童手当")
    page.wait_for_selector("[data-finder-results] li")


def _flow_question(page: Page) -> None:
    page.click("[data-flow-start] button")
    page.wait_for_selector("form.t-flow__form")


def _flow_results(page: Page) -> None:
    page.goto(page.url.split("#")[0] + "#s&topic=care&care=no&care-place=home")
    page.wait_for_selector(".t-flow__results li")


CASES: list[tuple[str, str, Callable[[Page], None] | None, dict]] = [
    ("home", "", None, {}),
    ("category", "kosodate/", None, {}),
    ("life event", "kurashi/birth/", None, {}),
    ("procedure", "kosodate/jidou-teate-nintei-seikyu/", None, {}),
    ("procedure, dark", "kaigo/kaigo-nintei-shinsei/", None, {"color_scheme": "dark"}),
    ("procedure, print", "kaigo/kaigo-nintei-shinsei/", None, {"media": "print"}),
    ("help (Markdown)", "help/", None, {}),
    ("help page", "help/pin/", None, {}),
    ("accessibility results", "accessibility/", None, {}),
    ("open data", "opendata/", None, {}),
    ("changes", "koushin/", None, {}),
    ("staff page", "chirashi/", None, {}),
    ("not found", "404.html", None, {}),
    ("やさしい edition, procedure (ruby)", "yasashii/kosodate/jidou-teate-nintei-seikyu/", None, {}),
    ("やさしい edition, home", "yasashii/", None, {}),
    ("finder with results", "sagasu/", _finder_results, {}),
    ("question flow: a question", "watashi/", _flow_question, {}),
    ("question flow: results", "watashi/", _flow_results, {}),
]


def _snapshot(browser: Browser, url: str, action, options: dict, full: bool) -> list:
    context = new_context(browser, color_scheme=options.get("color_scheme", "light"))
    page = context.new_page()
    if full:
        page.route("**/" + MATERIAL_CSS, lambda route: route.fulfill(
            status=200, content_type="text/css; charset=utf-8", body=FULL_MATERIAL.read_text(encoding="utf-8")))
    if "media" in options:
        page.emulate_media(media=options["media"])
    page.goto(url, wait_until="load")
    if action:
        action(page)
    # Transitions (Material animates colours) must not catch either page mid-way: wait until every running one
    # has ended (a fixed 300 ms before, 11 s of the module's 36; no script of the site changes a style on a timer).
    page.evaluate(SETTLED)
    snapshot = json.loads(page.evaluate(SNAPSHOT))
    context.close()
    names, styles = snapshot["names"], snapshot["styles"]
    return [(key, names, styles[number]) for key, number in snapshot["out"]]


@pytest.mark.parametrize(("name", "path", "action", "options"), CASES, ids=[case[0] for case in CASES])
def test_each_element_looks_the_same_as_with_all_of_material(
    browser: Browser, base_url: str, site_dir: Path, name: str, path: str, action, options: dict
) -> None:
    target = site_dir / (path if path.endswith(".html") else path + "index.html")
    if not target.is_file():
        pytest.skip(f"this build has no {path}")
    url = base_url + path
    used = _snapshot(browser, url, action, options, full=False)
    whole = _snapshot(browser, url, action, options, full=True)
    assert [key for key, *_ in used] == [key for key, *_ in whole], f"{name}: the pages differ in their elements"
    differences = []
    for (key, names, mine), (_, their_names, theirs) in zip(used, whole, strict=True):
        if mine == theirs and names == their_names:
            continue
        mine_by_name = dict(zip(names, mine.split("\x1f"), strict=True))
        theirs_by_name = dict(zip(their_names, theirs.split("\x1f"), strict=True))
        for prop in sorted(set(mine_by_name) | set(theirs_by_name)):
            if mine_by_name.get(prop) != theirs_by_name.get(prop):
                differences.append(f"{key} {prop}: {mine_by_name.get(prop)!r}, with all of Material {theirs_by_name.get(prop)!r}")
    assert not differences, f"{name} ({path}): {len(differences)} differences\n" + "\n".join(differences[:40])
