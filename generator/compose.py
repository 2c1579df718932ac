"""Compose one municipality's whole site output from the feature modules.

Each feature (guide pages, finder, flyers, open data, …) is a function ``(catalog) -> SiteOutput`` listed in
``FEATURES``; adding a feature is one line here. This module sits above ``generator.site`` and
``generator.flyers`` so that neither imports the other, and none of them imports MkDocs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import ExitStack, nullcontext

from generator.cache.renders import one_site
from generator.editions import declared, edition_catalog
from generator.editions.edition import edition_mover
from generator.flyers import build_flyers
from generator.flyers.feature import FlyerOutput, PdfSession, StartedFlyers, pdf_session, start_flyers
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


@dataclasses.dataclass(frozen=True)
class Started:
    """A feature started first (``STARTED_FIRST``): ``finish`` waits for its slow part and gives its output;
    ``outline`` gives at once the same pages (address, title, metadata) and file paths, their content to come."""

    finish: Callable[[], SiteOutput]
    outline: Callable[[], SiteOutput]


def _start_flyers(catalog: Catalog, pdfs: PdfSession) -> Started:
    flyers: StartedFlyers = start_flyers(catalog, pdfs)
    return Started(lambda: _site_output(flyers.finish()), lambda: _site_output(flyers.outline()))


def _site_output(flyers: FlyerOutput) -> SiteOutput:
    return SiteOutput(pages=flyers.pages, files=flyers.files, notices=flyers.notices)


STARTED_FIRST: dict[Callable[[Catalog], SiteOutput], Callable[[Catalog, PdfSession], Started]] = {
    _flyers: _start_flyers,
}
"""Features whose slow part runs in other processes (the flyers' PDFs): ``assemble_site`` starts them, for every
edition, before any other feature, and collects them after the others, so this process builds the rest of the
site while the PDF workers render. The output is assembled in ``FEATURES`` order all the same. ``assemble_late``
(the MkDocs plugin's) collects them later still: when MkDocs reaches their pages."""


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
            return _assemble(catalog, FEATURES)[0]
    return _assemble(catalog, features)[0]


def assemble_late(catalog: Catalog) -> tuple[SiteOutput, LateOutput]:
    """``assemble_site``'s output without waiting for the features started first (the flyers' PDFs): their pages
    and files are there by address, title and metadata (``Started.outline``), their content given by the
    ``LateOutput`` when asked (``LateOutput.part``) — so that MkDocs writes the other pages while the PDF workers
    render. The ``LateOutput`` must be closed (it holds the PDF workers)."""
    stack = ExitStack()
    try:
        stack.enter_context(one_site())
        output, late = _assemble(catalog, FEATURES, stack)
    except BaseException:
        stack.close()
        raise
    assert late is not None
    return output, late


def _assemble(
    catalog: Catalog, features: list[Callable[[Catalog], SiteOutput]], late_stack: ExitStack | None = None
) -> tuple[SiteOutput, LateOutput | None]:
    editions = declared(catalog)
    # (the catalog and the feature list of each edition this call assembles: the standard edition's copies
    # are made here as edition_output makes them)
    plans = [(None, catalog, features)]
    if catalog.edition == editions[0].key:
        plans += [(edition, edition_catalog(catalog, edition), EDITION_FEATURES) for edition in editions[1:]]
    starting = any(feature in STARTED_FIRST for _, _, listed in plans for feature in listed)
    with ExitStack() as stack:
        pdfs = stack.enter_context(pdf_session(catalog) if starting else nullcontext())
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
        if late_stack is None:
            made |= {key: begun.finish() for key, begun in started.items()}
        else:
            made |= {key: begun.outline() for key, begun in started.items()}
            late_stack.push(stack.pop_all())  # (the workers stay for the late parts)
    outputs = []
    for number, (_, _, listed) in enumerate(plans):
        output = SiteOutput()
        for place in range(len(listed)):
            output.extend(made[number, place])
        outputs.append(output)
    output = outputs[0]
    movers: list[Callable[[SiteOutput], SiteOutput]] = [lambda same: same]
    for (edition, _, _), edition_made in zip(plans[1:], outputs[1:], strict=True):
        move = edition_mover(catalog, edition, edition_made)
        output.extend(move(edition_made))
        movers.append(move)
    paths = [page.src_uri for page in output.pages] + [item.path for item in output.files]
    duplicates = sorted({path for path in paths if paths.count(path) > 1})
    if duplicates:
        raise ValueError(f"two features generate the same path: {', '.join(duplicates)}")
    if late_stack is None:
        return output, None
    return output, LateOutput(late_stack, {
        key: _LatePart(begun.finish, movers[key[0]], movers[key[0]](made[key])) for key, begun in started.items()
    })


@dataclasses.dataclass
class _LatePart:
    finish: Callable[[], SiteOutput]
    move: Callable[[SiteOutput], SiteOutput]
    outline: SiteOutput
    """The part's pages and files as placed in the site (moved to their edition), their content to come."""
    done: SiteOutput | None = None


class LateOutput:
    """The pages and files of the features started first, finished when first asked for (``assemble_late``).
    A part is finished once: its feature's ``finish`` (waiting for its PDFs), moved to its edition, and checked
    to give exactly the pages (address, title, metadata) and file paths its outline promised."""

    def __init__(self, stack: ExitStack, parts: dict[tuple[int, int], _LatePart]):
        self._stack = stack
        self._parts = list(parts.values())
        self._owner = {page.src_uri: part for part in self._parts for page in part.outline.pages}
        self._owner |= {item.path: part for part in self._parts for item in part.outline.files}

    def owns(self, path: str) -> bool:
        """Whether the page (its ``src_uri``) or file at ``path`` comes late."""
        return path in self._owner

    def part(self, path: str) -> SiteOutput:
        """The finished output of the part that ``path`` (a page's ``src_uri`` or a file's path) belongs to."""
        part = self._owner[path]
        if part.done is None:
            done = part.move(part.finish())
            if _outline(done) != _outline(part.outline):
                raise RuntimeError("the flyers' finished pages or files are not those their outline promised")
            part.done = done
        return part.done

    def firsts(self) -> list[str]:
        """One path of each part (its first page's or file's), in the order the parts were started."""
        return [part.outline.pages[0].src_uri if part.outline.pages else part.outline.files[0].path
                for part in self._parts if part.outline.pages or part.outline.files]

    def close(self) -> None:
        """End the PDF workers (and what else the parts held)."""
        self._stack.close()


def _outline(output: SiteOutput) -> tuple[list, list[str]]:
    return ([dataclasses.replace(page, html="") for page in output.pages], sorted(item.path for item in output.files))
