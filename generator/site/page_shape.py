"""A built page's elements as CSS selector matching sees them, read quickly (issue #23: build time).

Choosing the used part of Material's stylesheet (``stylesheets.py``) reads every page the build wrote, ~280 a
town. The standard library's ``HTMLParser`` takes about 3 ms a page in pure Python; here one regular
expression (C) finds the tags and Python only looks at each tag once. The attribute reading is
``HTMLParser``'s own (its ``attrfind_tolerant`` and ``tagfind_tolerant``, the same lower-casing and
unescaping), so for the build's own pages — end tags written out, quoted attributes — the tree is the one
``HTMLParser`` gives (``tests/site/test_page_shape.py`` compares them on every page of the example site).

A page's *shape* is what matching can see: its tags, attribute names, the values of the attributes a selector
may test (``named``: classes, ids, ``lang``, and every attribute a selector of the stylesheet names), and
which elements hold text (``:empty``); not the text, nor other attributes' values. Two pages of one shape
match the same rules, so the shape is the cache key, and the tree is built from the shape.
"""

from __future__ import annotations

import functools
import html
import re
from html import parser as stdlib_parser
from xml.etree import ElementTree

VOID_ELEMENTS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
})
RAW_TEXT_ELEMENTS = ("script", "style")
"""Whose content ``HTMLParser`` reads as text up to the end tag (its ``CDATA_CONTENT_ELEMENTS``)."""

_MARKUP = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?[^>]*>"  # comments, the doctype, processing instructions: no element
    r"|</([a-zA-Z][^\t\n\r\f />\x00]*)[^>]*>"  # an end tag
    r"""|<([a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*)>""",  # a start tag, quoted values may hold ">"
    re.S,
)
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][-.a-zA-Z0-9]*);?")
"""Character references: ``HTMLParser(convert_charrefs=False)`` gives them apart, not as text."""

START, END, EMPTY, TEXT = "+", "-", "/", "T"


def shape(page: str, named: frozenset[str] | None) -> tuple[tuple[str, ...], ...]:
    """The tokens of ``page`` that matching sees, in order: ``(START, tag, name, value, …)``, ``(EMPTY, tag,
    …)`` for ``<br/>``, ``(END, tag)``, and ``(TEXT,)`` where text (not only spaces) stands. An attribute
    not in ``named`` keeps its name with the value ``""`` (``None``: every value is kept)."""
    tokens: list[tuple[str, ...]] = []
    position = 0
    length = len(page)
    while position < length:
        found = _MARKUP.search(page, position)
        end = found.start() if found else length
        if end > position and _is_text(page[position:end]):
            tokens.append((TEXT,))
        if not found:
            break
        position = found.end()
        closing, opening = found.group(1), found.group(2)
        if closing is not None:
            tokens.append((END, closing.lower()))
        elif opening is not None:
            tag, attributes = _start_tag(opening, named)
            empty = found.group(0).endswith("/>")
            tokens.append((EMPTY if empty else START, tag, *attributes))
            if tag in RAW_TEXT_ELEMENTS and not empty:
                close = re.compile(rf"</{tag}\s*>", re.I).search(page, position)
                content_end = close.start() if close else length
                if page[position:content_end].strip():
                    tokens.append((TEXT,))
                position = content_end
    return tuple(tokens)


def _is_text(segment: str) -> bool:
    return bool(_REFERENCE.sub("", segment).strip()) if "&" in segment else bool(segment.strip())


@functools.lru_cache(maxsize=1 << 16)
def _start_tag(text: str, named: frozenset[str] | None) -> tuple[str, tuple[str, ...]]:
    """The tag's name and its attributes as ``(name, value, name, value …)``, read as ``HTMLParser`` does.
    (Kept: a town's pages repeat the same few hundred tags.)"""
    match = stdlib_parser.tagfind_tolerant.match(text)
    assert match is not None  # the pattern above starts with a letter
    tag = match.group(1).lower()
    attributes: list[str] = []
    position = match.end()
    while position < len(text):
        found = stdlib_parser.attrfind_tolerant.match(text, position)
        if not found or found.end() == position:
            break
        name, rest, value = found.group(1, 2, 3)
        if not rest:
            value = None
        elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
            value = value[1:-1]
        if value:
            value = html.unescape(value)
        name = name.lower()
        attributes += [name, (value or "") if named is None or name in named else ""]
        position = found.end()
    return tag, tuple(attributes)


def tree(tokens: tuple[tuple[str, ...], ...]) -> ElementTree.Element:
    """The element tree of a page's ``shape``, nested as ``HTMLParser`` would report it.

    An end tag closes the innermost open element of its name and everything inside it (an end tag with no
    open element is ignored); void elements never hold children. An element holding text has ``text``
    ``"T"`` (only ``:empty`` looks at it)."""
    root = ElementTree.Element("html")
    stack = [root]
    for token in tokens:
        kind = token[0]
        if kind == TEXT:
            stack[-1].text = "T"
        elif kind == END:
            tag = token[1]
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].tag == tag:
                    del stack[depth:]
                    break
        else:
            tag = token[1]
            attributes = dict(zip(token[2::2], token[3::2]))
            if tag == "html" and kind == START:
                root.attrib.update(attributes)
                continue
            element = ElementTree.SubElement(stack[-1], tag, attributes)
            if kind == START and tag not in VOID_ELEMENTS:
                stack.append(element)
    return root
