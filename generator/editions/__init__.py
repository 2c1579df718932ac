"""Editions: the whole site rendered from the same YAML for a kind of reader (see ARCHITECTURE.md).

Which editions exist is data: ``editions.yml`` (the project's, else ``generator/editions/editions.yml``;
``generator/model/edition.py``), loaded with the catalog (``Catalog.editions``). Today:

- ``standard`` (today's addresses): natural Japanese; the source's phrase spaces become invisible line-break
  opportunities (finish ``spacing``: ``spacing.py``).
- ``yasashii`` (under ``yasashii/``): やさしい日本語 — the spaces stay and every kanji word gets ふりがな from
  the reviewed readings (finish ``ruby``: ``ruby.py``, ``readings/*.yml``).

The seam is deliberately at the end of the pipeline: features render as before, and the finished HTML of every
page (theme pages, Markdown help pages, print pages before they become PDFs) and every published script passes
through its edition's finishing rule once (``FINISHES``: a closed set of named rules an edition picks from).
Templates need not know which edition they render.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable

from generator.cache.renders import value_digest
from generator.editions.edition import edition_catalog, edition_output, page_files, standard_pages
from generator.editions.links import edition_target, rewrite_links
from generator.editions.ruby import Annotator
from generator.editions.spacing import standard_document, standard_script
from generator.loading.editions import DEFAULT_EDITIONS, load_editions
from generator.loading.readings import Readings
from generator.loading.strings import string_table
from generator.model import Catalog
from generator.model.edition import Edition, Finish
from generator.output import SiteOutput

__all__ = [
    "SitePages", "declared", "edition_catalog", "edition_of", "edition_output", "finisher", "page_files",
    "standard_document", "standard_pages",
]


@functools.cache
def default_editions() -> tuple[Edition, ...]:
    """The package's declaration, for a catalog made without one (tests that build a ``Catalog`` themselves)."""
    return load_editions(DEFAULT_EDITIONS)


def declared(catalog: Catalog) -> tuple[Edition, ...]:
    """The catalog's editions, the standard one first."""
    return catalog.editions or default_editions()


def edition_of(editions: tuple[Edition, ...], path: str) -> Edition:
    """The edition the site path ``path`` (``yasashii/p/k01/``, ``p/k01/``) belongs to: the longest prefix wins."""
    owners = [edition for edition in editions if edition.prefix and path.startswith(edition.prefix)]
    return max(owners, key=lambda edition: len(edition.prefix)) if owners else editions[0]


_ANNOTATORS: dict[int, tuple[dict[str, str], Annotator]] = {}
_ANNOTATORS_KEPT = 4
"""Tables whose annotators a process keeps (``build --all`` makes one a town; each holds its texts' ruby)."""


def annotator(readings: dict[str, str]) -> Annotator:
    """One annotator per readings table (building the index takes a few milliseconds; every page uses it). A new
    table's annotator takes the texts the last one made that the two tables annotate alike (``Annotator._take_from``:
    the next town of ``build --all``)."""
    known = _ANNOTATORS.get(id(readings))
    if known is None or known[0] is not readings:
        last = next(reversed(_ANNOTATORS.values()))[1] if _ANNOTATORS else None
        known = _ANNOTATORS[id(readings)] = (readings, Annotator(Readings(readings), donor=last))
        while len(_ANNOTATORS) > _ANNOTATORS_KEPT:
            del _ANNOTATORS[next(iter(_ANNOTATORS))]
    return known[1]


def _unchanged(html: str) -> str:
    return html


FINISHES: dict[Finish, Callable[[dict[str, str]], Callable[[str], str]]] = {
    Finish.SPACING: lambda readings: standard_document,
    Finish.RUBY: lambda readings: annotator(readings).document,
    Finish.NONE: lambda readings: _unchanged,
}
"""The finishing rules an edition may name in ``editions.yml`` (``finish``), given the reviewed readings: each
turns a whole rendered document into the edition's typesetting. A new rule is code (one entry here and one
member of ``model.edition.Finish``); a new edition that uses these is data only."""


def finisher(catalog: Catalog) -> Callable[[str], str]:
    """How a feature that finishes a whole document itself (the PDFs) must finish it for this catalog's edition."""
    edition = next(edition for edition in declared(catalog) if edition.key == catalog.edition)
    return FINISHES[edition.finish](catalog.readings)


class SitePages:
    """Finishes the pages MkDocs writes (the plugin's ``on_post_page``): every page, generated or hand-written."""

    def __init__(self, catalog: Catalog, output: SiteOutput):
        self.editions = declared(catalog)
        self.readings = catalog.readings
        self.finishes = {edition.key: FINISHES[edition.finish](catalog.readings) for edition in self.editions}
        self.own = {
            edition.key: frozenset(
                [page.url for page in output.pages if page.url.startswith(edition.prefix)]
                + [item.path for item in output.files if item.path.startswith(edition.prefix)]
                + [edition.prefix + address for address in standard_pages(catalog.docs_pages, self.editions)]
            )
            for edition in self.editions[1:]
        }
        self.targets = {edition.key: edition_target(edition.prefix, self.own[edition.key]) for edition in self.editions[1:]}

    def strings_for(self, url: str) -> str:
        """The string table of the edition the site path ``url`` belongs to (for the theme's own words)."""
        return edition_of(self.editions, url).strings

    def finish(self, url: str, html: str) -> str:
        """The finished page at ``url`` (a site path such as ``p/k01/``) in its edition."""
        edition = edition_of(self.editions, url)
        finish = self.finishes[edition.key]
        if edition is self.editions[0]:
            # The standard edition: finished first, then the links to the other editions, in their own words.
            return _switch(finish(html), url, self._links(edition, url))
        html = rewrite_links(html, url, url, self.targets[edition.key])
        return finish(_switch(html, url, self._links(edition, url)))

    def standard(self, html: str) -> str:
        """A page of the standard edition that has no address of its own (the theme's 404.html)."""
        return self.finishes[self.editions[0].key](html)

    def _links(self, edition: Edition, url: str) -> list[tuple[str, str, str | None]]:
        """(address, words, language) of the link to each other edition: its copy of this page, else its home
        page. The language (``frame.lang`` of its table) only where it differs from this page's: the words of a
        link to a language are in that language (WCAG 3.1.2), finished by that edition's rule (no visible phrase
        spaces for the standard edition, ふりがな for やさしい日本語)."""
        rest = url[len(edition.prefix):]
        here = string_table(edition.strings).plain("frame.lang")
        links = []
        for other in self.editions:
            if other is edition:
                continue
            if other is self.editions[0]:
                target = rest
            else:
                target = other.prefix + rest if other.prefix + rest in self.own[other.key] else other.prefix
            words = string_table(other.strings)
            lang = words.plain("frame.lang")
            if lang == here:  # the page's own rule finishes it (the standard edition's links are added after)
                links.append((target, words.text(other.link), None))
            else:  # words in another language are typeset as their edition typesets them
                links.append((target, self.finishes[other.key](words.text(other.link)), lang))
        return links

    def script(self, path: str, content: bytes) -> bytes:
        edition = edition_of(self.editions, path)
        return standard_script(content) if edition.finish is Finish.SPACING else content

    def context(self) -> str:
        """What ``finish`` reads besides a page and its address (the code aside): the editions, the readings
        and the editions' own addresses. Part of the key under which a finished page is reused (``cache/pages.py``)."""
        return json.dumps(
            [
                # (each edition's key as the render keys make it: a dump would build the model's serializer)
                [value_digest(edition).hex() for edition in self.editions],
                sorted(self.readings.items()),
                {key: sorted(own) for key, own in self.own.items()},
            ],
            ensure_ascii=False,
        )


_PAGE_TOP = re.compile(r'(<article class="md-typeset t-content">|<div class="f-toolbar">)')


def _switch(html: str, url: str, links: list[tuple[str, str, str | None]]) -> str:
    """The links to the other editions, in one paragraph first in the content area (on print pages: in the
    screen-only toolbar). With three editions or more they stand side by side and wrap (theme CSS, "edition
    switch"), so the switch stays one short block at any width and text size."""
    from generator.site import urls

    def language(lang: str | None) -> str:
        return f' lang="{lang}" hreflang="{lang}"' if lang else ""

    # With several links each one's words are one box inside it (a 44 px flex box), so that words with
    # ふりがな wrap as a line of text, not as a row of pieces.
    words = "<span>{}</span>" if len(links) > 1 else "{}"
    markup = "".join(
        f'<a href="{urls.relative(url, other)}"{language(lang)} data-edition>{words.format(text)}</a>' for other, text, lang in links
    )
    return _PAGE_TOP.sub(lambda m: m.group(0) + f'<p class="t-edition">{markup}</p>', html, count=1)


def load_site_readings(root, municipality) -> dict[str, str]:  # noqa: ANN001 (Path, Municipality)
    """``readings/*.yml`` under ``root`` and the town's own names (``name_kana``); raises ``InputError``."""
    from generator.loading.readings import load_readings, settings_readings

    return load_readings(root / "readings").with_words(settings_readings(municipality), "settings").words
