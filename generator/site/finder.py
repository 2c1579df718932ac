"""The 「手続きを さがす」 page: every procedure as a plain list, filtered as you type by a small script.

Without JavaScript the page is a complete list grouped by category (and the search box stays hidden, because
it could not work). With it, ``theme/assets/javascripts/finder.js`` shows the box and hides the procedures whose
``data-search`` text does not contain every word typed. The script is loaded on this page only
(``theme/finder.html``).
"""

from __future__ import annotations

from generator.model import CATEGORIES, Catalog
from generator.site import urls
from generator.site.pages import GeneratedPage, make_environment
from generator.site.search_text import search_text

URL = "sagasu/"
TITLE = "手続きを さがす"

# Shown under the box. Each must find something once all 27 procedures exist (tests/browser/test_finder.py).
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
        examples=EXAMPLES,
    )
    return GeneratedPage(
        url=URL,
        title=TITLE,
        html=html,
        template="finder.html",
        description=f"{catalog.municipality.name}の 手続きを、ふだんの ことばで さがせます。",
    )
