"""Compose one municipality's whole site output from the feature modules.

Each feature (guide pages, finder, flyers, open data, …) is a function ``(catalog) -> SiteOutput`` listed in
``FEATURES``; adding a feature is one line here. This module sits above ``generator.site`` and
``generator.flyers`` so that neither imports the other, and none of them imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.cache.renders import one_site
from generator.editions import declared, edition_output
from generator.flyers import build_flyers
from generator.model import Catalog
from generator.output import SiteOutput
from generator.site.accessibility import accessibility_page
from generator.site.changes import changes
from generator.site.feedback import feedback_pages
from generator.site.finder import finder
from generator.site.my_procedures import my_procedures
from generator.site.open_data import open_data
from generator.site.pages import render_pages
from generator.site.plain_text import plain_text
from generator.site.review_sheet import review_sheets


def _guide(catalog: Catalog) -> SiteOutput:
    return SiteOutput(pages=render_pages(catalog))


def _accessibility(catalog: Catalog) -> SiteOutput:
    return SiteOutput(pages=[accessibility_page(catalog)])


def _flyers(catalog: Catalog) -> SiteOutput:
    flyers = build_flyers(catalog, make_pdfs=catalog.options.pdfs)
    return SiteOutput(pages=flyers.pages, files=flyers.files, notices=flyers.notices)


FEATURES: list[Callable[[Catalog], SiteOutput]] = [
    _guide,
    feedback_pages,
    finder,
    my_procedures,
    _accessibility,
    changes,
    open_data,
    plain_text,
    _flyers,
    review_sheets,
]


EDITION_FEATURES: list[Callable[[Catalog], SiteOutput]] = [_guide, finder, my_procedures, _flyers]
"""What every other declared edition has too (``editions.yml``, generator/editions/edition.py); staff and
webmaster pages stay standard."""


def assemble_site(catalog: Catalog, features: list[Callable[[Catalog], SiteOutput]] | None = None) -> SiteOutput:
    """Every generated page and file of the site, in every edition, checked for clashing paths."""
    if features is None:
        with one_site():  # (the renders of one site share what they know of its objects: generator/cache/renders.py)
            return _assemble(catalog, FEATURES)
    return _assemble(catalog, features)


def _assemble(catalog: Catalog, features: list[Callable[[Catalog], SiteOutput]]) -> SiteOutput:
    output = SiteOutput()
    for feature in features:
        output.extend(feature(catalog))
    editions = declared(catalog)
    if catalog.edition == editions[0].key:
        for edition in editions[1:]:
            output.extend(edition_output(catalog, edition, lambda copy: assemble_site(copy, EDITION_FEATURES)))
    paths = [page.src_uri for page in output.pages] + [item.path for item in output.files]
    duplicates = sorted({path for path in paths if paths.count(path) > 1})
    if duplicates:
        raise ValueError(f"two features generate the same path: {', '.join(duplicates)}")
    return output
