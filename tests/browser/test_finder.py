"""「手続きを さがす」 finds procedures by everyday words, in kana or kanji, and is a full list without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from generator.model import Catalog
from generator.site.finder import EXAMPLES
from tests.browser.conftest import ARTIFACTS, AXE, new_context
from tests.browser.finder_queries import QUERIES

FINDER = "sagasu/"
ALL_PROCEDURES = 27
MIN_QUERIES = 40


@pytest.fixture(scope="module")
def finder_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + FINDER)
    yield page
    context.close()


def findable(catalog: Catalog) -> set[str]:
    """Ids the finder can show: procedures, and life-event guides as ``kurashi-<event>``."""
    return {procedure.id for procedure in catalog.procedures} | {f"kurashi-{e.value}" for e in catalog.life_events}


def results(page: Page, query: str) -> set[str]:
    page.fill("#finder-query", query)
    return set(page.eval_on_selector_all("[data-search]:not([hidden])", "items => items.map(i => i.dataset.id)"))


def test_the_query_table_has_at_least_40_checkable_queries_once_all_procedures_exist(catalog: Catalog) -> None:
    present = findable(catalog)
    checkable = [query for query, expected in QUERIES if expected & present]
    assert len(QUERIES) >= MIN_QUERIES
    if len(catalog.procedures) == ALL_PROCEDURES:
        assert len(checkable) == len(QUERIES) >= MIN_QUERIES
    # With only the three sample procedures there must still be real checks.
    assert len(checkable) >= 15, f"only {len(checkable)} queries can be checked against {sorted(present)}"


def test_everyday_queries_find_the_expected_procedures(finder_page: Page, catalog: Catalog) -> None:
    present = findable(catalog)
    procedures = {procedure.id for procedure in catalog.procedures}
    misses, hits, checked = [], 0, 0
    for query, expected in QUERIES:
        wanted = expected & present
        if not wanted:
            continue
        checked += 1
        found = results(finder_page, query)
        if wanted <= found:
            hits += 1
        else:
            misses.append(f"「{query}」 found {sorted(found)}, missing {sorted(wanted - found)}")
        # A query that shows everything has not helped the resident.
        if len(procedures) >= 5 and procedures <= found:
            misses.append(f"「{query}」 matched every procedure")
    print(f"finder hit rate: {hits}/{checked} queries")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "finder-hit-rate.txt").write_text(f"{hits}/{checked} queries found every expected procedure\n", encoding="utf-8")
    assert not misses, "\n".join(misses)


def test_the_examples_shown_under_the_box_all_find_something(finder_page: Page) -> None:
    for example in EXAMPLES:
        assert results(finder_page, example), f"the example 「{example}」 finds nothing"


def test_clearing_the_box_shows_every_procedure_again_and_nonsense_says_nothing_found(finder_page: Page, catalog: Catalog) -> None:
    assert results(finder_page, "ぜったいにない手続きxyz") == set()
    assert finder_page.is_visible("[data-finder-none]")
    finder_page.wait_for_function("document.getElementById('finder-status').textContent.includes('見つかりませんでした')")
    assert results(finder_page, "") == findable(catalog)
    assert not finder_page.is_visible("[data-finder-none]")


def test_the_filtered_and_the_empty_states_are_accessible_too(finder_page: Page) -> None:
    """axe checks the page as loaded; the states the script makes are checked here (light scheme)."""
    from tests.browser.test_axe import RUN_AXE, WCAG_TAGS

    finder_page.add_script_tag(path=str(AXE))
    for query in ("介護", "ぜったいにない手続きxyz"):
        results(finder_page, query)
        finder_page.wait_for_timeout(500)  # the count is announced after a short pause
        violations = finder_page.evaluate(RUN_AXE, WCAG_TAGS)
        assert not violations, f"「{query}」: {violations}"


def test_a_query_in_the_address_is_applied(browser: Browser, base_url: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url + FINDER + "?q=" + "たいふう")
    shown = set(page.eval_on_selector_all("[data-search]:not([hidden])", "items => items.map(i => i.dataset.id)"))
    context.close()
    assert shown == {"d01", "kurashi-disaster"}


def test_without_javascript_the_page_lists_every_procedure_and_hides_the_useless_box(
    browser: Browser, base_url: str, catalog: Catalog
) -> None:
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + FINDER)
    links = page.eval_on_selector_all("main a.t-card", "links => links.map(a => a.textContent)")
    box_visible = page.is_visible("#finder-query")
    context.close()
    assert not box_visible
    for procedure in catalog.procedures:
        assert any(procedure.title in text for text in links), procedure.id


def test_the_header_links_every_page_to_the_finder(browser: Browser, base_url: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base_url)
    page.click("header >> text=さがす")
    heading = page.text_content("h1")
    context.close()
    assert heading == "手続きを さがす"
