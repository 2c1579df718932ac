"""Editions: the whole site rendered from the same YAML for a kind of reader (see ARCHITECTURE.md).

- ``standard`` (today's addresses): natural Japanese; the source's phrase spaces become invisible line-break
  opportunities (``spacing.py``).
- ``yasashii`` (under ``yasashii/``): やさしい日本語 — the spaces stay and every kanji word gets ふりがな from
  the reviewed readings (``ruby.py``, ``readings/*.yml``).

The seam is deliberately at the end of the pipeline: features render as before, and the finished HTML of every
page (theme pages, Markdown help pages, print pages before they become PDFs) and every published script passes
through ``Edition.document`` / ``Edition.script`` once. Templates need not know which edition they render.
"""

from __future__ import annotations


import json
import re
from collections.abc import Callable

from generator.editions import yasashii
from generator.editions.links import edition_target, rewrite_links
from generator.loading.readings import Readings
from generator.loading.strings import string_table
from generator.editions.ruby import Annotator
from generator.editions.spacing import standard_document, standard_script
from generator.model import Catalog
from generator.output import SiteOutput

PREFIX = yasashii.PREFIX
STANDARD_STRINGS = "ja"
"""The standard edition's string table (``generator/strings/ja.yml``; ``Catalog.strings`` defaults to it)."""


def strings_for(url: str) -> str:
    """The string table of the edition the site path ``url`` belongs to (for the theme's own words)."""
    return yasashii.STRINGS if url.startswith(PREFIX) else STANDARD_STRINGS



_ANNOTATORS: dict[int, tuple[dict[str, str], Annotator]] = {}


def annotator(readings: dict[str, str]) -> Annotator:
    """One annotator per readings table (building the index takes a few milliseconds; every page uses it)."""
    known = _ANNOTATORS.get(id(readings))
    if known is None or known[0] is not readings:
        known = _ANNOTATORS[id(readings)] = (readings, Annotator(Readings(readings)))
    return known[1]


def finisher(catalog: Catalog) -> Callable[[str], str]:
    """How a feature that finishes a whole document itself (the PDFs) must finish it for this catalog's edition."""
    if catalog.edition == yasashii.KEY:
        return annotator(catalog.readings).document
    return standard_document


class SitePages:
    """Finishes the pages MkDocs writes (the plugin's ``on_post_page``): every page, generated or hand-written."""

    def __init__(self, catalog: Catalog, output: SiteOutput):
        self.annotator = annotator(catalog.readings)
        self.annotator_readings = catalog.readings
        self.own = frozenset(
            [page.url for page in output.pages if page.url.startswith(PREFIX)]
            + [item.path for item in output.files if item.path.startswith(PREFIX)]
            + [PREFIX + address for address in catalog.docs_pages if address.startswith("help/")]
        )
        self.target = edition_target(PREFIX, self.own)

    def finish(self, url: str, html: str) -> str:
        """The finished page at ``url`` (a site path such as ``p/k01/``) in its edition."""
        if url.startswith(PREFIX):
            html = rewrite_links(html, url, url, self.target)
            html = _switch(html, url, url[len(PREFIX):], _words(url).text("edition.to_standard"))
            return self.annotator.document(html)
        html = standard_document(html)
        other = PREFIX + url if PREFIX + url in self.own else PREFIX
        return _switch(html, url, other, _words(url).text("edition.to_yasashii"))

    def script(self, path: str, content: bytes) -> bytes:
        return content if path.startswith(PREFIX) else standard_script(content)

    def context(self) -> str:
        """What ``finish`` reads besides a page and its address (the code aside): the readings and the
        edition's own addresses. Part of the key under which a finished page is reused (``cache/pages.py``)."""
        return json.dumps([sorted(self.annotator_readings.items()), sorted(self.own)], ensure_ascii=False)


_PAGE_TOP = re.compile(r'(<article class="md-typeset t-content">|<div class="f-toolbar">)')


def _words(url: str):  # noqa: ANN202 (a StringTable)
    """The string table of the page at ``url``: its edition's words."""
    return string_table(strings_for(url))


def _switch(html: str, url: str, other: str, text: str) -> str:
    """The link to the other edition, first in the content area (on print pages: in the screen-only toolbar)."""
    from generator.site import urls

    link = (
        f'<p class="t-edition"><a href="{urls.relative(url, other)}" data-edition>{text}</a></p>'
    )
    return _PAGE_TOP.sub(lambda m: m.group(0) + link, html, count=1)


def load_site_readings(root, municipality) -> dict[str, str]:  # noqa: ANN001 (Path, Municipality)
    """``readings/*.yml`` under ``root`` and the town's own names (``name_kana``); raises ``InputError``."""
    from generator.loading.readings import load_readings, settings_readings

    return load_readings(root / "readings").with_words(settings_readings(municipality), "settings").words
