"""The やさしい日本語 edition: the same features rendered again, moved under ``yasashii/`` with ruby.

What it has: the guide pages (with their short links ``yasashii/p/k01/``), the finder, わたしの 手続き, the
help pages (``help_files``: each page's text variant where there is one, else the standard page's text) and the flyers (their QR codes and printed addresses open this edition: the catalog it renders
from has ``base_url`` + ``yasashii/``). What stays standard only: staff and webmaster pages (open data,
change history, accessibility results, review sheets).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.editions.links import edition_target, rewrite_links
from generator.errors import InputError, Problem
from generator.model import Catalog
from generator.output import GeneratedFile, GeneratedPage, SiteOutput
from generator.site import urls

PREFIX = "yasashii/"
KEY = "yasashii"
STRINGS = "ja"
"""The edition's string table (``generator/strings/ja.yml``): the same words as the standard edition; only the
finishing differs (spaces kept, ruby added)."""


def edition_catalog(catalog: Catalog) -> Catalog:
    municipality = catalog.municipality
    base_url = municipality.base_url + PREFIX if municipality.base_url else None
    return dataclasses.replace(
        catalog, edition=KEY, strings=STRINGS, municipality=municipality.model_copy(update={"base_url": base_url}),
        help_pages=catalog.edition_help_pages.get(KEY, catalog.help_pages),
    )


def edition_output(catalog: Catalog, assemble: Callable[[Catalog], SiteOutput]) -> SiteOutput:
    """The edition's pages and files, at their own addresses, linking to each other."""
    output = assemble(edition_catalog(catalog))
    # The staff page (チラシの 印刷) is staff material: the edition links to the standard one.
    output.pages = [page for page in output.pages if page.url != urls.FLYERS]
    own = frozenset(
        [PREFIX + page.url for page in output.pages] + [PREFIX + item.path for item in output.files]
        + [PREFIX + address for address in catalog.docs_pages if address.startswith("help/")]
    )
    target = edition_target(PREFIX, own)

    def move(page: GeneratedPage) -> GeneratedPage:
        new_url = PREFIX + page.url
        redirect = page.redirect and rewrite_links(f' href="{page.redirect}"', page.url, new_url, target)[7:-1]
        return dataclasses.replace(
            page, url=new_url, html=rewrite_links(page.html, page.url, new_url, target), redirect=redirect,
            footer=None,  # the footer lists the standard pages; the theme points them at this edition
        )

    return SiteOutput(
        pages=[move(page) for page in output.pages],
        files=[GeneratedFile(PREFIX + item.path, item.content) for item in output.files],
        notices=[f"やさしい日本語: {notice}" for notice in output.notices],
    )


HELP = "help/"
"""Where the hand-written help pages live in docs/; this edition's text variants are under ``PREFIX + HELP``."""


def help_files(
    docs: Path, standard: Mapping[str, str], variants: Mapping[str, str], *, copy_missing: bool = True
) -> dict[str, str]:
    """The edition's help pages, ``yasashii/help/<name>.md`` → Markdown, from the standard pages (``help/<name>.md``
    → text) and this edition's text variants (``yasashii/help/<name>.md`` → text, hand-written in
    ``docs/yasashii/help/``). A page's variant wins; a page without one is shown in the standard page's words
    (the same language: the edition keeps the spaces and adds ふりがな). An edition in another language passes
    ``copy_missing=False``: a page without its variant is then an error, never Japanese in that edition. A
    variant without a standard page is an error too (file:line)."""
    orphans = sorted(uri for uri in variants if uri.removeprefix(PREFIX) not in standard)
    missing = [] if copy_missing else sorted(PREFIX + uri for uri in standard if PREFIX + uri not in variants)
    if orphans or missing:
        raise InputError([
            Problem(docs / uri, 1, 1, "", f"{HELP}{uri.removeprefix(PREFIX + HELP)} が ないので、この ページの 言いかえは 使えません。")
            for uri in orphans
        ] + [
            Problem(docs / uri, 1, 1, "", f"{uri.removeprefix(PREFIX)} の 言いかえが ありません。この 版には 要ります。")
            for uri in missing
        ])
    return {PREFIX + uri: help_copy(variants.get(PREFIX + uri, text)) for uri, text in standard.items()}


def help_copy(markdown: str) -> str:
    """A help page's Markdown for this edition: the same text, not listed in the footer a second time."""
    head, separator, body = markdown.partition("\n---\n")
    if markdown.startswith("---\n") and separator:
        head = "\n".join(line for line in head.splitlines() if not line.startswith("footer:"))
        return head + separator + body
    return markdown
