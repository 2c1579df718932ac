"""Life-event pages are step-by-step guides made from life_events/*.yml and the procedures' own data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bs4 import BeautifulSoup

from generator.model import Catalog, LifeEvent
from generator.site import urls
from generator.site.pages import render_pages
from tests.site.conftest import read_page
from generator.editions.spacing import respace as natural  # the standard edition's text


def test_every_life_event_has_a_guide(example_catalog: Catalog) -> None:
    assert set(example_catalog.guides) == set(LifeEvent)


def test_guide_steps_are_numbered_headings_in_order_with_their_procedures(example_site: Path, example_catalog: Catalog) -> None:
    for event, guide in example_catalog.guides.items():
        soup = read_page(example_site, urls.life_event_url(event))
        steps = soup.select("ol.t-guide > li.t-guide__step")
        assert len(steps) == len(guide.steps)
        for number, (item, step) in enumerate(zip(steps, guide.steps, strict=True), start=1):
            heading = item.find("h2").get_text(" ", strip=True)
            # The number is inside the heading, so a screen reader jumping by headings hears it.
            assert heading.startswith(f"ステップ{number}") and natural(step.title) in natural(heading)
            titles = [a.select_one(".t-card__title").get_text() for a in item.select("a.t-card")]
            assert titles == [natural(example_catalog.get(pid).title) for pid in step.procedures]
            counter = item.select_one(".t-guide__counter")
            assert (counter is not None) == bool(step.counter)
            if step.counter:
                assert natural("窓口で する こと") in counter.get_text()
            assert bool(item.select_one(".t-guide__optional")) == step.optional


def test_every_procedure_of_an_event_is_on_its_page_once_even_if_no_step_links_it(example_site: Path, example_catalog: Catalog) -> None:
    for event in example_catalog.life_events:
        soup = read_page(example_site, urls.life_event_url(event))
        titles = [span.get_text() for span in soup.select("a.t-card .t-card__title")]
        for procedure in example_catalog.for_life_event(event):
            assert natural(procedure.title) in titles, (event, procedure.id)
        leftovers = example_catalog.unguided(event)
        if event in example_catalog.guides and leftovers:
            assert soup.find(id="このほかの手続き") is not None


def test_an_event_without_a_guide_is_a_plain_list(example_catalog: Catalog) -> None:
    without_care = dataclasses.replace(
        example_catalog, guides={e: g for e, g in example_catalog.guides.items() if e != LifeEvent.CARE}
    )
    page = next(p for p in render_pages(without_care) if p.url == urls.life_event_url(LifeEvent.CARE))
    soup = BeautifulSoup(page.html, "html.parser")
    assert soup.select_one("ol.t-guide") is None
    assert len(soup.select("a.t-card")) == len(example_catalog.for_life_event(LifeEvent.CARE))
