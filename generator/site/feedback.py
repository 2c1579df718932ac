"""The answer pages of 「この ページは 役に 立ちましたか」: ``fb/<page>/yes/`` and ``fb/<page>/no/``.

Each is a static page that thanks the resident and offers the next step; opening it is the answer, and the
town's own web-server log is the only record (``tetsuzuki feedback report`` counts it). The pages are kept out
of search engines (``noindex``), and the links to them carry ``rel="nofollow"``.
"""

from __future__ import annotations

from generator.loading.strings import string_table
from generator.model import Catalog
from generator.output import GeneratedPage, SiteOutput
from generator.site import urls
from generator.site.feedback_links import FeedbackBlock, feedback_block
from generator.site.finder import URL as FINDER
from generator.site.pages import GivenPages
from generator.vocabulary_words import vocabulary

def feedback_blocks(catalog: Catalog) -> list[tuple[FeedbackBlock, str]]:
    """Every page that asks the question, with its address: procedures, then life events."""
    municipality = catalog.municipality
    words = string_table(catalog.strings)
    blocks = [
        (feedback_block(p.id, p.title, municipality.department_for(p.id), words), urls.procedure_url(p))
        for p in catalog.procedures
    ]
    default = municipality.departments[municipality.default_department]
    events = vocabulary(catalog.strings).life_events
    blocks += [(feedback_block(e.value, events[e], default, words), urls.life_event_url(e)) for e in catalog.life_events]
    return blocks


def feedback_pages(catalog: Catalog) -> SiteOutput:
    pages = []
    words = string_table(catalog.strings)
    # Each page reads its own block only: kept between builds by those values (an edit to one procedure renders
    # its two pages again, not all 66).
    given = GivenPages(catalog, "site.feedback")
    for block, page_url in feedback_blocks(catalog):
        for answer in urls.FEEDBACK_ANSWERS:
            url = urls.feedback_url(block.key, answer)
            html = given.render(
                "feedback.html", url, feedback=block, answer=answer, page_url=page_url, finder=FINDER,
                department=block.department,
            )
            title = words.plain("feedback.thanks")
            pages.append(GeneratedPage(url=url, title=title, html=html, hide_from_search_engines=True))
    return SiteOutput(pages=pages)
