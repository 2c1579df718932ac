"""Compose one municipality's whole site output from the feature modules.

Each feature (guide pages, finder, flyers, open data, …) is a function ``(catalog) -> SiteOutput`` listed in
``FEATURES``; adding a feature is one line here. This module sits above ``generator.site`` and
``generator.flyers`` so that neither imports the other, and none of them imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable

from contextlib import nullcontext

from generator.cache.renders import one_site
from generator.editions import declared, edition_catalog, edition_output
from generator.flyers import build_flyers
from generator.flyers.feature import FlyerOutput, PdfSession, pdf_session, start_flyers
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
    return _site_output(build_flyers(catalog, make_pdfs=catalog.options.pdfs))


def _start_flyers(catalog: Catalog, pdfs: PdfSession) -> Callable[[], SiteOutput]:
    finish = start_flyers(catalog, pdfs)
    return lambda: _site_output(finish())


def _site_output(flyers: FlyerOutput) -> SiteOutput:
    return SiteOutput(pages=flyers.pages, files=flyers.files, notices=flyers.notices)


STARTED_FIRST: dict[Callable[[Catalog], SiteOutput], Callable[[Catalog, PdfSession], Callable[[], SiteOutput]]] = {
    _flyers: _start_flyers,
}
"""Features whose slow part runs in other processes (the flyers' PDFs): ``assemble_site`` starts them, for every
edition, before any other feature, and collects them after the others, so this process builds the rest of the
site while the PDF workers render. The output is assembled in ``FEATURES`` order all the same."""


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
    """Every generated page and file of the site, in every edition, checked for clashing paths.

    Order of work (the output is the same as running each feature in turn, edition by edition): the features
    in ``STARTED_FIRST`` are started for every edition, then every other feature runs, then the started ones
    are collected, the standard edition's first.
    """
    if features is None:
        with one_site():  # (the renders of one site share what they know of its objects: generator/cache/renders.py)
            return _assemble(catalog, FEATURES)
    return _assemble(catalog, features)


def _assemble(catalog: Catalog, features: list[Callable[[Catalog], SiteOutput]]) -> SiteOutput:
    editions = declared(catalog)
    # (the catalog and the feature list of each edition this call assembles: the standard edition's copies
    # are made here as edition_output makes them)
    plans = [(None, catalog, features)]
    if catalog.edition == editions[0].key:
        plans += [(edition, edition_catalog(catalog, edition), EDITION_FEATURES) for edition in editions[1:]]
    starting = any(feature in STARTED_FIRST for _, _, listed in plans for feature in listed)
    with pdf_session(catalog) if starting else nullcontext() as pdfs:
        started = {
            (number, place): STARTED_FIRST[feature](each, pdfs)
            for number, (_, each, listed) in enumerate(plans)
            for place, feature in enumerate(listed) if feature in STARTED_FIRST
        }
        made = {
            (number, place): feature(each)
            for number, (_, each, listed) in enumerate(plans)
            for place, feature in enumerate(listed) if feature not in STARTED_FIRST
        }
        made |= {key: finish() for key, finish in started.items()}
    outputs = []
    for number, (_, _, listed) in enumerate(plans):
        output = SiteOutput()
        for place in range(len(listed)):
            output.extend(made[number, place])
        outputs.append(output)
    output = outputs[0]
    for (edition, _, _), edition_made in zip(plans[1:], outputs[1:], strict=True):
        output.extend(edition_output(catalog, edition, lambda copy, made=edition_made: made))
    paths = [page.src_uri for page in output.pages] + [item.path for item in output.files]
    duplicates = sorted({path for path in paths if paths.count(path) > 1})
    if duplicates:
        raise ValueError(f"two features generate the same path: {', '.join(duplicates)}")
    return output
