"""Find the pages of a built site by walking it, so pages added by any feature are tested without a list."""

from __future__ import annotations

import functools
import hashlib
import html.parser
import re
from dataclasses import dataclass
from pathlib import Path
from unicodedata import east_asian_width
from urllib.parse import urlsplit

from generator.model.vocabulary import Category

# A page marks itself as print-only (flyers, handouts) with `<html data-print-only>`; such pages are checked by
# axe and the Nu checker like every page, but not against the phone-screen layout rules.
_PRINT_ONLY = re.compile(r"<html[^>]*\sdata-print-only[\s>=]", re.IGNORECASE)
_REFRESH = re.compile(r"<meta\s+http-equiv=[\"']?refresh", re.IGNORECASE)


@dataclass(frozen=True)
class SitePage:
    """One HTML file of the built site and the address it is served at."""

    file: Path
    path: str
    """Site-relative URL path: ``kosodate/jidou-teate-nintei-seikyu/`` or ``404.html`` ('' for the home page)."""
    print_only: bool
    redirects: bool
    """A short link page (``/p/k01/``) that forwards the reader with a zero-second refresh."""

    def url(self, base: str) -> str:
        return base + self.path


def discover_pages(site: Path) -> list[SitePage]:
    """Every HTML page of the site, sorted by path."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        if relative.startswith("assets/"):
            continue
        path = relative.removesuffix("index.html") if relative.endswith("index.html") else relative
        text = file.read_text(encoding="utf-8")
        pages.append(SitePage(file, path, bool(_PRINT_ONLY.search(text)), bool(_REFRESH.search(text))))
    return sorted(pages, key=lambda page: page.path)


# Why a selection: the per-page browser sweeps (axe in two colour schemes, three layouts, the keyboard walk,
# requests) cost about a second per page and check, and most of the ~450 pages are made from a few templates with
# one procedure's (or one topic's) words each: 27 flyers, 54 short links, 54 procedure pages, 20 help pages, …
# What the sweeps judge comes from the markup and the stylesheet — which elements, with which classes and
# attributes, in which order — not from the words, except how long they are. So CI checks every page alone in its
# collection, and from each collection of pages made alike (`collection()`):
# - the pages with the longest and the shortest text (the likeliest to overflow or to look empty), and the one
#   with the widest run of text that cannot break (the likeliest to push a small screen sideways),
# - one chosen by a fixed hash (the representative-plus-random selection of the JIS X 8341-3 test method,
#   WAIC 試験実施ガイドライン),
# - and then, until nothing is left uncovered, the page that shows the most structure not yet seen
#   (`structure()`: an element with a class, an attribute, a role, a language; a link or heading left empty) —
#   so a procedure whose page has a part no other chosen page has (a money warning, a table, ruby) is swept.
# `bash scripts/audit.sh` (TETSUZUKI_UPDATE_AUDIT=1) sweeps every page and publishes the record.
_PROCEDURE_ID = re.compile(r"^[kcdKCD]\d{2}$")
_FAMILY_PREFIXES = ("cards-", "kyoushitsu-")
_CATEGORIES = frozenset(category.value for category in Category)


def family(page: SitePage) -> str:
    """The page's template family: its path with the procedure id (or kit name) replaced by ``*``."""
    parts = []
    for part in page.path.split("/"):
        if _PROCEDURE_ID.match(part):
            part = "*"
        elif part.startswith(_FAMILY_PREFIXES):
            part = part.split("-", 1)[0] + "-*"
        parts.append(part)
    return "/".join(parts)


def collection(page: SitePage, editions: tuple[str, ...] = ()) -> str:
    """Pages made alike: the family, with every folder below the first (after an edition's prefix) as ``*``, and
    the three categories' folders as one (``category``): their pages come from the same two templates.

    ``kosodate/ninshin-todoke/`` and ``kaigo/kaigo-nintei-koushin/`` are one collection (the procedure
    template), as are ``kosodate/`` and ``hisai/`` (a category's list), ``help/pin/`` and ``help/family/`` (help
    pages) and ``fb/birth/no/`` and ``fb/care/yes/``; other top-level pages (``sagasu/``, ``about/``) stay alone."""
    path = family(page)
    prefix = next((p for p in editions if p and path.startswith(p)), "")
    parts = path[len(prefix):].split("/")
    if parts[0] in _CATEGORIES:
        parts[0] = "category"
        path = prefix + "/".join(parts)
    folders = parts[1:-1]
    if not folders:
        return path
    return prefix + "/".join([parts[0], *("*" for _ in folders), parts[-1]])


_EMPTY_CHECKED = {"a", "button", "h1", "h2", "h3", "h4", "h5", "h6", "th", "label", "summary"}
_INLINE = {"ruby", "rt", "span", "a", "strong", "em", "b", "small", "time"}
"""Elements whose end does not end a line of text."""
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_KEPT_VALUES = {"role", "lang", "type", "rel", "target", "hidden", "tabindex", "dir"}
_LOADS = {"src", "srcset", "href", "data", "poster"}
_LOADERS = {"img", "script", "link", "iframe", "source", "video", "audio", "object", "embed"}
_BREAKS = re.compile(r"[\s\u200b]+")


class _Structure(html.parser.HTMLParser):
    """Collects a page's parts (see ``structure``) and its longest run of text without a break opportunity.

    The standard library's event parser, not a tree: the selection reads ~450 pages and keeps nothing of them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: set[str] = set()
        self.nesting: set[str] = set()
        self.stack: list[str] = []  # the open elements, for ``nesting``
        self.open: list[list] = []  # [tag, has text] of the elements whose emptiness is judged
        self.run = 0
        self.longest_run = 0
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
        if not self.in_body:
            return
        self.parts.add(tag)
        if self.stack:
            self.nesting.add(f"{self.stack[-1]}>{tag}")
        if tag not in _VOID:
            self.stack.append(tag)
        for name, value in attrs:
            if name == "class":
                self.parts.update(f"{tag}.{cls}" for cls in (value or "").split())
            elif name in _KEPT_VALUES:
                self.parts.add(f"{tag}[{name}={value}]")
            elif name in _LOADS and tag in _LOADERS:
                origin = urlsplit(value or "").netloc or "this site"
                self.parts.add(f"{tag}[{name} from {origin}]")
            else:
                self.parts.add(f"{tag}[{name}]")
        if tag == "img":
            for entry in self.open:
                entry[1] = True
        if tag in ("wbr", "br"):
            self.run = 0
        if tag in _EMPTY_CHECKED:
            self.open.append([tag, False])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:  # (an element closed by its end tag closes those left open inside it)
            while self.stack.pop() != tag:
                pass
        if tag in _EMPTY_CHECKED and self.open and self.open[-1][0] == tag:
            name, has_text = self.open.pop()
            if not has_text:
                self.parts.add(f"{name}:empty")
        if tag not in _VOID and tag not in _INLINE:
            self.run = 0  # a block's end breaks the line

    def handle_data(self, data: str) -> None:
        if not self.in_body:
            return
        if data.strip():
            for entry in self.open:
                entry[1] = True
        for index, piece in enumerate(_BREAKS.split(data)):  # after a break opportunity a new run starts
            width = sum(2 if east_asian_width(char) in "WF" else 1 for char in piece)
            self.run = width if index else self.run + width
            self.longest_run = max(self.longest_run, self.run)


@dataclass(frozen=True)
class Shape:
    parts: frozenset[str]
    longest_run: int
    nesting: frozenset[str] = frozenset()
    """Which element sits directly in which, by tag (``p>a``: a link inside a paragraph's text, what axe's
    ``link-in-text-block`` judges; ``li>a``; ``main>h1``)."""
    """The widest run of text with no break opportunity (a space, ``<wbr>``, a zero-width space, a block's end),
    in half-width characters: where a small screen overflows if anything does."""


def structure(html_text: str) -> Shape:
    """What a page is made of, without its words: ``tag``, ``tag.class``, ``tag[attribute]``, ``tag[role=…]``,
    ``tag[lang=…]``, where a resource loads from, ``tag:empty`` (a link, button, heading, header cell, label or
    summary with no text) — and how wide its longest unbreakable run of text is."""
    parser = _Structure()
    parser.feed(html_text)
    parser.close()
    return Shape(frozenset(parser.parts), parser.longest_run, frozenset(parser.nesting))


def shape_of(page: SitePage) -> Shape:
    """``structure`` of a page's file, read and parsed once per process (by its path, size and time of change): the
    two selections and the tests of them read the same ~450 pages."""
    stat = page.file.stat()
    return _shape_of(page.file, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=4096)
def _shape_of(file: Path, size: int, mtime_ns: int) -> Shape:
    return structure(file.read_text(encoding="utf-8"))


def representative(pages: list[SitePage], per_collection: int = 3, editions: tuple[str, ...] = ()) -> list[SitePage]:
    """Every page alone in its collection; from a larger one the longest, the shortest, one by hash, and then pages
    until every part of the collection's structure is on a chosen page (see the comment above)."""
    collections: dict[str, list[SitePage]] = {}
    for page in pages:
        collections.setdefault(collection(page, editions), []).append(page)
    chosen: list[SitePage] = []
    for members in collections.values():
        if len(members) <= per_collection:
            chosen += members
            continue
        by_size = sorted(members, key=lambda page: (page.file.stat().st_size, page.path))
        shapes = {page.path: shape_of(page) for page in members}
        picks = [by_size[-1], by_size[0]]
        widest = max(members, key=lambda page: (shapes[page.path].longest_run, page.path))
        picks += [widest] if widest not in picks else []
        rest = [page for page in members if page not in picks]
        picks.append(min(rest, key=lambda page: hashlib.sha256(page.path.encode()).hexdigest()))
        seen = frozenset().union(*(shapes[page.path].parts for page in picks))
        while uncovered := [page for page in members if page not in picks and shapes[page.path].parts - seen]:
            # the page with the most parts not seen yet (ties: the first path), until none is left
            best = min(uncovered, key=lambda page: (-len(shapes[page.path].parts - seen), page.path))
            picks.append(best)
            seen |= shapes[best.path].parts
        chosen += picks
    return sorted(chosen, key=lambda page: page.path)


# Why a second, smaller selection for axe-core and the keyboard walk (``markup_cover``): what they judge is the
# markup and the colours its classes get — names, roles, attributes, languages, which element holds which, focus
# outlines — and not how long the words are: a longer text in the same elements gives the same answer. The text
# extremes and the hashed pick of ``representative`` are there for the layout checks (overflow at 320 px, at 200 %
# text, targets, font sizes), which keep them. The cover is stricter than ``representative`` in markup: every part
# of every page *and* every parent-child pair of elements (``Shape.nesting``) of every page is on a chosen page —
# 48 of the example's 449 pages against ``representative``'s 78, which missed 18 pages' nestings (2026-12-07).


def markup_cover(pages: list[SitePage], editions: tuple[str, ...] = ()) -> list[SitePage]:
    """Every page alone in its collection; from a larger one, the page with the most parts and nestings not yet
    chosen, until every part and nesting of the collection is on a chosen page (ties: the first path)."""
    collections: dict[str, list[SitePage]] = {}
    for page in pages:
        collections.setdefault(collection(page, editions), []).append(page)
    chosen: list[SitePage] = []
    for members in collections.values():
        shapes = {page.path: shape_of(page) for page in members}
        parts = {path: shape.parts | shape.nesting for path, shape in shapes.items()}
        picks: list[SitePage] = [members[0]] if len(members) == 1 else []
        seen: frozenset[str] = frozenset()
        while uncovered := [page for page in members if page not in picks and parts[page.path] - seen]:
            best = min(uncovered, key=lambda page: (-len(parts[page.path] - seen), page.path))
            picks.append(best)
            seen |= parts[best.path]
        chosen += picks
    return sorted(chosen, key=lambda page: page.path)
