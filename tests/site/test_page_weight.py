"""Every page of the built site stays light for a phone on a weak network (issue #23).

Budgets, gzip -9, HTML plus every stylesheet, script and image the page loads (tests/site/page_weights.py):
- a first visit (nothing cached) ≤ 20 KB, on every page of every edition;
- a second page (the shared stylesheets cached) ≤ 8 KB; pages whose content is long by nature
  (``LONG_CONTENT``: procedure pages, さがす, the accessibility results) ≤ 14 KB, and no page loads more
  than 4 KB of its own files besides its HTML;
- a print document (flyers, QR cards: A4 sheets that staff print, never a resident's first page) ≤ 20 KB, or
  6 KB per sheet when it has more than three.
A failure names the page and the size of each part, so the one that grew is plain to see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ParsedPage
from tests.site.page_weights import KB, PageWeight, page_weights, shared_parts

FIRST_VISIT = 20 * KB
SECOND_PAGE = 8 * KB
PER_PRINT_SHEET = 6 * KB

LONG_CONTENT = {
    'class="t-start"': "a procedure page (both editions): every step, the checklist and every source the facts come from",
    "data-finder": "さがす: every guide, procedure and help page with its search words (it must work without JavaScript)",
    'class="t-audit': "the accessibility results: one table row per criterion and page",
}
"""Pages whose own HTML passes 8 KB because of what they must show (issue #23 left this to the lead: moving
a procedure's sources to a page of their own would bring most procedure pages under 8 KB). They are held to
``LONG_CONTENT_SECOND_PAGE`` instead, so they cannot grow unnoticed."""
LONG_CONTENT_SECOND_PAGE = 14 * KB
PAGE_OWN_FILES = 4 * KB
"""What a second page may load besides its HTML (the finder's script and styles are the largest)."""


@pytest.fixture(scope="module")
def weights(example_site: Path, example_soup: ParsedPage) -> list[PageWeight]:
    return page_weights(example_site, example_soup)


def test_every_page_is_measured(weights: list[PageWeight]) -> None:
    pages = {weight.page for weight in weights}
    assert {"index.html", "404.html", "sagasu/index.html", "watashi/index.html"} <= pages
    assert len([page for page in pages if page.startswith("kosodate/")]) > 15
    assert any(weight.print_only for weight in weights)


def test_a_first_visit_of_every_page_stays_within_20_kb(weights: list[PageWeight]) -> None:
    heavy = [
        f"{weight.first_visit / KB:.1f} KB > {_first_budget(weight) / KB:.0f} KB — {weight.describe()}"
        for weight in weights if weight.first_visit > _first_budget(weight)
    ]
    assert not heavy, "\n".join(heavy)


def test_a_second_page_stays_within_8_kb(weights: list[PageWeight], example_site: Path) -> None:
    shared = shared_parts(weights)
    assert any(part.endswith("material.css") for part in shared) and any(part.endswith("tetsuzuki.css") for part in shared)
    heavy = []
    for weight in weights:
        if weight.print_only:
            continue
        html = (example_site / weight.page).read_text(encoding="utf-8")
        reason = next((why for marker, why in LONG_CONTENT.items() if marker in html), None)
        budget = LONG_CONTENT_SECOND_PAGE if reason else SECOND_PAGE
        if weight.second_page(shared) > budget:
            heavy.append(f"{weight.second_page(shared) / KB:.1f} KB > {budget / KB:.1f} KB — {weight.describe(shared)}")
        own_files = weight.second_page(shared) - weight.parts["HTML"]
        if own_files > PAGE_OWN_FILES:
            heavy.append(f"its own files {own_files / KB:.1f} KB > {PAGE_OWN_FILES / KB:.0f} KB — {weight.describe(shared)}")
    assert not heavy, "\n".join(heavy)


def test_a_page_without_the_question_flow_loads_none_of_it(weights: list[PageWeight]) -> None:
    """The question flow's script and rules load when the questions start, never with a page."""
    for weight in weights:
        assert not [part for part in weight.parts if part.endswith(("/flow.js", "flow.json"))], weight.describe()


def _first_budget(weight: PageWeight) -> int:
    return max(FIRST_VISIT, PER_PRINT_SHEET * weight.sheets) if weight.print_only else FIRST_VISIT
