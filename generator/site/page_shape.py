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
    append = tokens.append
    known = _TOKEN_OF.get(values)
    if known is None or len(known) > _TOKENS_KEPT:
        known = _TOKEN_OF[values] = {}
    position = 0
    length = len(page)
    last: tuple[str, ...] | None = None
    while position < length:
        raw = _RAW_TEXT.search(page, position)  # markup up to the next script or style element
        end = raw.start() if raw else length
        # (text of spaces only is no token, and the expression does not stop there: see _QUICK)
        for markup, text in _QUICK.findall(page, position, end):
            if markup:
                token = known.get(markup, _UNKNOWN)
                if token is _UNKNOWN:
                    token = known[markup] = _markup_token(markup, values)
                if token is not None:
                    append(token)
                    last = token
            elif last is not _TEXT_TOKEN and ("&" not in text or _is_text(text)):
                append(_TEXT_TOKEN)
                last = _TEXT_TOKEN
        if raw is None:
            break
        # (the element's content is text up to its end tag, whatever it holds)
        tag, attributes = _start_tag(raw.group(1), values)
        if raw.group(0).endswith("/>"):
            tokens.append((EMPTY, tag, *attributes))
            last = tokens[-1]
            position = raw.end()
            continue
        tokens.append((START, tag, *attributes))
        close = re.compile(rf"</{tag}\s*>", re.I).search(page, raw.end())
        content_end = close.start() if close else length
        if page[raw.end():content_end].strip():
            tokens.append(_TEXT_TOKEN)
        last = tokens[-1]
        position = content_end
    return tuple(tokens)


_QUICK = re.compile(
    r"""(<!--.*?-->|<![^>]*>|<\?[^>]*>|</[a-zA-Z][^>]*>|<[a-zA-Z](?:[^>"']+|"[^"]*"|'[^']*')*>)"""
    r"|(\s*+[^\s<][^<]*|<)",
    re.S,
)
"""Markup (``_MARKUP``'s, in one group) or text, where text of spaces only matches nothing, so the search passes
over it in C. The same markup (an end tag's name and the rest up to ``>`` together are any run without ``>``) and
the same runs of text less their leading spaces (the expression's spaces are the ones ``str.strip`` takes off)."""
_TEXT_TOKEN = (TEXT,)
_UNKNOWN = object()
_TOKEN_OF: dict[Values | None, dict[str, tuple[str, ...] | None]] = {}
"""A piece of markup's token, by the markup's text, for each ``values`` (pages repeat the same few hundred tags)."""
_TOKENS_KEPT = 1 << 16


def _markup_token(markup: str, values: Values | None) -> tuple[str, ...] | None:
    """The token of one piece of markup as ``_MARKUP`` reads it (``None``: a comment, the doctype …)."""
    found = _MARKUP.fullmatch(markup)
    assert found is not None, markup
    if found.lastindex == 2:
        tag, attributes = _start_tag(found.group(2), values)
        return (EMPTY if markup.endswith("/>") else START, tag, *attributes)
    if found.lastindex == 1:
        return (END, found.group(1).lower())
    return None


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
    return nested(tokens)[0]


def nested(tokens: tuple[tuple[str, ...], ...]) -> tuple[ElementTree.Element, list[tuple]]:
    """``tree(tokens)``, and each element under the root in document order as ``(element, its start token,
    its parent, its index among the parent's children)`` (what selector matching indexes a page by, made in the
    same pass)."""
    root = ElementTree.Element("html")
    stack = [root]
    made: list[tuple] = []
    attributes_of: dict[tuple[str, ...], dict[str, str]] = {}
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
            attributes = attributes_of.get(token)
            if attributes is None:
                attributes = attributes_of[token] = dict(zip(token[2::2], token[3::2]))
            if tag == "html" and kind == START:
                root.attrib.update(attributes)
                continue
            parent = stack[-1]
            index = len(parent)
            element = ElementTree.SubElement(parent, tag, attributes)  # (its own copy of the attributes)
            made.append((element, token, parent, index))
            if kind == START and tag not in VOID_ELEMENTS:
                stack.append(element)
    return root, made
