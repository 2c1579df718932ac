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
  const out = [];
  const all = document.querySelectorAll("*");
  all.forEach((element, index) => {
    for (const pseudo of [null, "::before", "::after", "::marker"]) {
      const style = getComputedStyle(element, pseudo);
      if (pseudo && (style.content === "none" || style.content === "normal") && pseudo !== "::marker") continue;
      const values = {};
      // Custom properties are left out: the cut-down file drops those nothing uses; their effect is compared.
      for (let i = 0; i < style.length; i++) if (!style[i].startsWith("--")) values[style[i]] = style.getPropertyValue(style[i]);
      out.push([index + " " + element.tagName.toLowerCase() + (element.className && typeof element.className === "string" ? "." + element.className.trim().split(/\\s+/).join(".") : "") + (pseudo || ""), values]);
    }
  });
  // One string, not a nested object: Playwright's Python side checks every value of an object it receives,
  // which took minutes for ~500,000 values; a string is parsed by json.loads in milliseconds.
  return JSON.stringify(out);
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
    # Transitions (Material animates colours) must not catch either page mid-way.
    page.wait_for_timeout(300)
    snapshot = json.loads(page.evaluate(SNAPSHOT))
    context.close()
    return snapshot


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
    assert [key for key, _ in used] == [key for key, _ in whole], f"{name}: the pages differ in their elements"
    differences = []
    for (key, mine), (_, theirs) in zip(used, whole, strict=True):
        for prop in sorted(set(mine) | set(theirs)):
            if mine.get(prop) != theirs.get(prop):
                differences.append(f"{key} {prop}: {mine.get(prop)!r}, with all of Material {theirs.get(prop)!r}")
    assert not differences, f"{name} ({path}): {len(differences)} differences\n" + "\n".join(differences[:40])
