"""The switch to the other editions with three editions (the placeholder-English test edition added as data,
``tests/editions/test_edition_as_data.py``): on a phone (390×844) and at 200 % text its links stay one short
block first in the content — side by side where they fit, whole links wrapping where not — each a 44 px target,
nothing sideways, and axe finds no WCAG A/AA violation. Screenshots: ``test-artifacts/edition-switch/``."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.build import build_site
from tests.browser.conftest import NO_TRANSITIONS, PHONE, _SiteHandler, clean_artifacts, new_context, with_axe
from tests.browser.test_axe import RUN_AXE, SCHEMES
from tests.browser.test_layout import MIN_TARGET_PX, double_text_size, run_layout
from tests.editions.test_edition_as_data import _project, add_test_edition

PAGES = ("kosodate/test-jidou-teate/", "yasashii/kosodate/test-jidou-teate/", "en/kosodate/test-jidou-teate/", "en/about/")
"""A procedure page in each edition (two links in each switch) and a hand-written page of the new edition."""


@pytest.fixture(scope="module")
def three_editions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test town with the test edition, built and served under its public path (/guide/)."""
    root = tmp_path_factory.mktemp("edition-switch")
    project = _project(root / "project")
    add_test_edition(project)
    site = build_site(project / "mkdocs.yml", site_dir=root / "site")
    handler = functools.partial(type("Handler", (_SiteHandler,), {"prefix": "/guide/"}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/guide/"
    server.shutdown()
    server.server_close()


def _switch(page: Page) -> dict:
    return page.evaluate("""() => {
      const block = document.querySelector("main .t-edition");
      const box = (el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; };
      return {block: box(block), links: [...block.querySelectorAll("a")].map(box),
              first: document.querySelector("main article").firstElementChild === block};
    }""")


@pytest.mark.parametrize("text_200", [False, True], ids=["phone", "text_200"])
def test_the_switch_of_three_editions_is_one_short_block_of_44px_targets(browser: Browser, three_editions: str, text_200: bool) -> None:
    folder = clean_artifacts(f"edition-switch/{'text-200' if text_200 else 'phone'}")
    context = with_axe(new_context(browser, viewport=PHONE, **NO_TRANSITIONS))
    page = context.new_page()
    if text_200:
        double_text_size(page)
    failures = []
    for path in PAGES:
        page.goto(three_editions + path)
        page.screenshot(path=str(folder / (path.strip("/").replace("/", "_") + ".png")), clip={"x": 0, "y": 0, "width": 390, "height": 844})
        switch = _switch(page)
        assert switch["first"], f"/{path}: the switch is first in the content"
        assert len(switch["links"]) == 2, path
        for link in switch["links"]:
            if link["height"] < MIN_TARGET_PX or link["width"] < MIN_TARGET_PX:
                failures.append(f"/{path}: a switch link is {link['width']:.0f}×{link['height']:.0f} px")
        # Links never overlap; the block is no taller than its links' lines (no paragraph margins between them).
        first, second = switch["links"]
        if not (first["bottom"] <= second["top"] + 0.5 or first["right"] <= second["left"] + 0.5):
            failures.append(f"/{path}: the switch links overlap")
        lines = sum(link["height"] for link in switch["links"]) if first["bottom"] <= second["top"] + 0.5 else max(first["height"], second["height"])
        if switch["block"]["height"] > lines + 1:
            failures.append(f"/{path}: the switch is {switch['block']['height']:.0f} px tall for {lines:.0f} px of links")
        if switch["block"]["right"] > PHONE["width"] or any(link["right"] > PHONE["width"] for link in switch["links"]):
            failures.append(f"/{path}: the switch sticks out of the screen")
        # The whole page's layout rules at the phone size (at 200 % text the test town's start panel has a phone
        # button wider than the screen, with or without the switch: tests/browser/test_layout.py's business).
        if not text_200:
            failures += [f"/{path}: {problem}" for problem in run_layout(page, fonts=True, targets=True)]
        for scheme, only in SCHEMES.items():
            page.emulate_media(color_scheme=scheme)
            failures += [f"/{path} ({scheme}): axe {v['id']}: {v['nodes']}" for v in page.evaluate(RUN_AXE, only)]
        page.emulate_media(color_scheme="light")
    context.close()
    assert not failures, "\n".join(failures)
