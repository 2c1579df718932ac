"""One declared edition other than the standard one: the same features rendered again, moved under its prefix.

What it has: the guide pages (with their short links ``<prefix>p/k01/``), the finder, わたしの 手続き, the
hand-written pages of docs/ (``page_files``: each page's text variant where there is one, else — for the same
language — the standard page's text) and the flyers (their QR codes and printed addresses open this edition: the catalog it
renders from has ``base_url`` + prefix). What stays standard only: staff and webmaster pages (open data, change
history, accessibility results, review sheets). Which editions exist is data (``editions.yml``,
``generator/model/edition.py``); nothing here names one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from generator.editions.links import edition_target, rewrite_links
from generator.errors import InputError, Problem
from generator.model import Catalog
from generator.model.edition import Edition
from generator.output import GeneratedFile, GeneratedPage, SiteOutput
from generator.site import urls


def edition_catalog(catalog: Catalog, edition: Edition) -> Catalog:
    """The catalog the edition renders from: its key, string table, addresses, help pages and text variants
    (the town's settings among them)."""
    texts = catalog.edition_texts.get(edition.key)
    municipality = texts.municipality if texts and texts.municipality else catalog.municipality
    base_url = municipality.base_url + edition.prefix if municipality.base_url else None
    return dataclasses.replace(
        catalog, edition=edition.key, strings=edition.strings,
        municipality=municipality.model_copy(update={"base_url": base_url}),
        help_pages=catalog.edition_help_pages.get(edition.key, catalog.help_pages),
        procedures=texts.procedures if texts else catalog.procedures,
        guides=texts.guides if texts else catalog.guides,
        flow=texts.flow if texts and texts.flow else catalog.flow,
    )


def edition_output(catalog: Catalog, edition: Edition, assemble: Callable[[Catalog], SiteOutput]) -> SiteOutput:
    """The edition's pages and files, at their own addresses, linking to each other."""
    output = assemble(edition_catalog(catalog, edition))
    return edition_mover(catalog, edition, output)(output)


def edition_mover(catalog: Catalog, edition: Edition, output: SiteOutput) -> Callable[[SiteOutput], SiteOutput]:
    """What moves a part of the edition's ``output`` (its pages and files, at the standard edition's addresses) to
    the edition's own addresses, its links pointing at the edition's pages where it has them: the same for
    ``output`` as a whole and for each of its parts (``compose.assemble_late`` moves the flyers when their PDFs
    are made)."""
    prefix = edition.prefix
    # The staff page (チラシの 印刷) is staff material: the edition links to the standard one.
    own = frozenset(
        [prefix + page.url for page in output.pages if page.url != urls.FLYERS] + [prefix + item.path for item in output.files]
        # (a catalog made without a declaration, in tests, has no editions' folders in its docs/ but this one's)
        + [prefix + address for address in standard_pages(catalog.docs_pages, catalog.editions or (edition,))]
    )
    target = edition_target(prefix, own)

    def move(page: GeneratedPage) -> GeneratedPage:
        new_url = prefix + page.url
        redirect = page.redirect and rewrite_links(f' href="{page.redirect}"', page.url, new_url, target)[7:-1]
        return dataclasses.replace(
            page, url=new_url, html=rewrite_links(page.html, page.url, new_url, target), redirect=redirect,
            footer=None,  # the footer lists the standard pages; the theme points them at this edition
        )

    def moved(part: SiteOutput) -> SiteOutput:
        return SiteOutput(
            pages=[move(page) for page in part.pages if page.url != urls.FLYERS],
            files=[GeneratedFile(prefix + item.path, item.content) for item in part.files],
            notices=[f"{edition.label}: {notice}" for notice in part.notices],
        )

    return moved


def page_files(
    docs: Path, standard: Mapping[str, str], variants: Mapping[str, str], prefix: str, *, copy_missing: bool = True
) -> dict[str, str]:
    """The edition's hand-written pages, ``<prefix><path>.md`` → Markdown, from the standard pages (every
    Markdown file of docs/ outside the editions' folders: ``help/<name>.md``, ``about.md`` → text) and this
    edition's text variants (``<prefix><path>.md`` → text, hand-written in ``docs/<prefix>``). A page's variant
    wins; a page without one is shown in the standard page's words (``copy_missing``: the same language, e.g.
    やさしい日本語 keeps the spaces and adds ふりがな). An edition in another language declares ``copy_missing:
    false``: a page without its variant is then an error, never Japanese in that edition. A variant without a
    standard page is an error too (file:line)."""
    orphans = sorted(uri for uri in variants if uri.removeprefix(prefix) not in standard)
    missing = [] if copy_missing else sorted(prefix + uri for uri in standard if prefix + uri not in variants)
    if orphans or missing:
        raise InputError([
            Problem(docs / uri, 1, 1, "", f"docs/{uri.removeprefix(prefix)} が ないので、この ページの 言いかえは 使えません。")
            for uri in orphans
        ] + [
            Problem(docs / uri, 1, 1, "", f"docs/{uri.removeprefix(prefix)} の 言いかえが ありません。この 版には 要ります。")
            for uri in missing
        ])
    return {prefix + uri: page_copy(variants.get(prefix + uri, text)) for uri, text in standard.items()}


def page_copy(markdown: str) -> str:
    """A hand-written page's Markdown for this edition: the same text, not listed in the footer a second time
    (the theme's footer shows the edition's copy of each standard footer page: ``footer_pages``)."""
    head, separator, body = markdown.partition("\n---\n")
    if markdown.startswith("---\n") and separator:
        head = "\n".join(line for line in head.splitlines() if not line.startswith("footer:"))
        return head + separator + body
    return markdown


def standard_pages(uris: Iterable[str], editions: Iterable[Edition]) -> list[str]:
    """The standard edition's hand-written pages among the Markdown files ``uris`` of docs/: those outside
    every other edition's folder (``yasashii/help/pin.md`` is a variant, ``help/pin.md`` a standard page)."""
    prefixes = tuple(edition.prefix for edition in editions if edition.prefix)
    return [uri for uri in uris if not uri.startswith(prefixes)] if prefixes else list(uris)


def page_problems(docs: Path, edition: Edition, editions: Iterable[Edition]) -> list[Problem]:
    """What ``page_files`` would refuse for ``edition`` in the folder ``docs`` (for ``check``, which builds no
    MkDocs files): a variant without a standard page, and for another language a page without its variant."""
    uris = [path.relative_to(docs).as_posix() for path in sorted(docs.glob("**/*.md"))]
    standard = {uri: "" for uri in standard_pages(uris, editions)}
    variants = {uri: "" for uri in uris if uri.startswith(edition.prefix)}
    try:
        page_files(docs, standard, variants, edition.prefix, copy_missing=edition.copy_missing)
    except InputError as error:
        return list(error.problems)
    return []
