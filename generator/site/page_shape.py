"""A built page's elements as CSS selector matching sees them, read quickly (issue #23: build time).

Choosing the used part of Material's stylesheet (``stylesheets.py``) reads every page the build wrote, ~280 a
town. The standard library's ``HTMLParser`` takes about 3 ms a page in pure Python; here one regular
expression (C) finds the tags and Python only looks at each tag once. The attribute reading is
``HTMLParser``'s own (its ``attrfind_tolerant`` and ``tagfind_tolerant``, the same lower-casing and
unescaping), so for the build's own pages — end tags written out, quoted attributes — the tree is the one
``HTMLParser`` gives (``tests/site/test_page_shape.py`` compares them on every page of the example site).

A page's *shape* is what matching can see: its tags, attribute names, the attribute values as far as a
selector can tell them apart (``Values``: the stylesheet's ``stylesheets.AttributeValues`` keeps classes, ids,
``lang`` and ``dir``, and writes ``""`` for a value no selector can tell from an empty one — a phone number in a
``tel:`` link, a town's address), and which elements hold text (``:empty``); not the text. Two pages of one shape
match the same rules, so the shape is the cache key (the towns of ``build --all`` share their pages' shapes),
and the tree is built from the shape.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from xml.etree import ElementTree

from generator.start_tags import start_tag

VOID_ELEMENTS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
})
RAW_TEXT_ELEMENTS = ("script", "style")
"""Whose content ``HTMLParser`` reads as text up to the end tag (its ``CDATA_CONTENT_ELEMENTS``)."""

_MARKUP = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?[^>]*>"  # comments, the doctype, processing instructions: no element
    r"|</([a-zA-Z][^\t\n\r\f />\x00]*)[^>]*>"  # an end tag
    r"""|<([a-zA-Z](?:[^>"']+|"[^"]*"|'[^']*')*)>""",  # a start tag, quoted values may hold ">"
    re.S,
)
_TOKENS = re.compile(_MARKUP.pattern + r"|([^<]+|<)", re.S)
"""Markup as above, or text (a ``<`` that starts no markup is text too)."""
_RAW_TEXT = re.compile(r"""<((?:script|style)(?=[\s/>])(?:[^>"']+|"[^"]*"|'[^']*')*)>""", re.I)
"""The start tag of an element whose content ``HTMLParser`` reads as text (``RAW_TEXT_ELEMENTS``)."""
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][-.a-zA-Z0-9]*);?")
"""Character references: ``HTMLParser(convert_charrefs=False)`` gives them apart, not as text."""

START, END, EMPTY, TEXT = "+", "-", "/", "T"

Values = Callable[[str, str], str]
"""``(attribute, value) → the value the shape keeps``. Hashable (it is part of a cache key)."""


def shape(page: str, values: Values | None) -> tuple[tuple[str, ...], ...]:
    """The tokens of ``page`` that matching sees, in order: ``(START, tag, name, value, …)``, ``(EMPTY, tag,
    …)`` for ``<br/>``, ``(END, tag)``, and ``(TEXT,)`` where text (not only spaces) stands. Each attribute value
    as ``values`` keeps it (``None``: as it is)."""
    tokens: list[tuple[str, ...]] = []
    position = 0
    length = len(page)
    while position < length:
        raw = _RAW_TEXT.search(page, position)  # markup up to the next script or style element
        end = raw.start() if raw else length
        for found in _TOKENS.finditer(page, position, end):
            kind = found.lastindex
            if kind == 3:
                if _is_text(found.group(3)) and (not tokens or tokens[-1] != (TEXT,)):
                    tokens.append((TEXT,))
            elif kind == 2:
                tag, attributes = _start_tag(found.group(2), values)
                tokens.append((EMPTY if found.group(0).endswith("/>") else START, tag, *attributes))
            elif kind == 1:
                tokens.append((END, found.group(1).lower()))
        if raw is None:
            break
        # (the element's content is text up to its end tag, whatever it holds)
        tag, attributes = _start_tag(raw.group(1), values)
        if raw.group(0).endswith("/>"):
            tokens.append((EMPTY, tag, *attributes))
            position = raw.end()
            continue
        tokens.append((START, tag, *attributes))
        close = re.compile(rf"</{tag}\s*>", re.I).search(page, raw.end())
        content_end = close.start() if close else length
        if page[raw.end():content_end].strip():
            tokens.append((TEXT,))
        position = content_end
    return tuple(tokens)


def _is_text(segment: str) -> bool:
    return bool(_REFERENCE.sub("", segment).strip()) if "&" in segment else bool(segment.strip())


@functools.lru_cache(maxsize=1 << 16)
def _start_tag(text: str, values: Values | None) -> tuple[str, tuple[str, ...]]:
    """The tag's name and its attributes as ``(name, value, name, value …)``, read as ``HTMLParser`` does.
    (Kept: a town's pages repeat the same few hundred tags.)"""
    tag, attributes = start_tag(text)
    flat: list[str] = []
    for name, value in attributes:
        flat += [name, (value or "") if values is None else values(name, value or "")]
    return tag, tuple(flat)


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
