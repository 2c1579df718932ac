"""The 「手続きを さがす」 page: every procedure as a plain list, filtered as you type by a small script.

Without JavaScript the page is a complete list grouped by category (and the search box stays hidden, because
it could not work). With it, ``theme/assets/javascripts/finder.js`` shows the box and hides the procedures whose
``data-search`` text does not contain every word typed. The script is loaded on this page only
(``theme/finder.html``).
"""

from __future__ import annotations

from generator.model import CATEGORIES, LIFE_EVENTS, Catalog, LifeEvent
from generator.site import urls
from generator.output import GeneratedPage
from generator.site.pages import make_environment
from generator.site.search_text import index_text, search_text

URL = "sagasu/"
TITLE = "手続きを さがす"

# Shown under the box; each must find something (tests/browser/test_finder.py).
EXAMPLES = ("赤ちゃん", "介護保険証 なくした", "台風", "保育園", "引っ越し")


def finder_page(catalog: Catalog) -> GeneratedPage:
    """The finder page."""
    environment = make_environment()
    html = environment.get_template("finder.html").render(
        catalog=catalog,
        categories=CATEGORIES,
        urls=urls,
        link=lambda target: urls.relative(URL, target),
        index={procedure.id: search_text(procedure) for procedure in catalog.procedures},
        life_events=LIFE_EVENTS,
        event_index={event: _event_text(catalog, event) for event in catalog.life_events},
        examples=EXAMPLES,
    )
    return GeneratedPage(
        url=URL,
        title=TITLE,
        html=html,
        template="finder.html",
        description=f"{catalog.municipality.name}の 手続きを、ふだんの ことばで さがせます。",
    )


def _event_text(catalog: Catalog, event: LifeEvent) -> str:
    """A life-event guide is found by its name, introduction and steps (「転入届」 finds the moving guide)."""
    guide = catalog.guides.get(event)
    if guide is None:
        return index_text([LIFE_EVENTS[event]], [])
    named = [LIFE_EVENTS[event], guide.intro, *(step.title for step in guide.steps)]
    described = [text for step in guide.steps for text in (step.text, step.counter) if text]
    return index_text(named, described)
