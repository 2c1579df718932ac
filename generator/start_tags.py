"""An HTML start tag read as the standard library's ``HTMLParser`` reads it, without running the parser.

Two fast readers of the build's own pages use it — the page shapes of the stylesheet step
(``site/page_shape.py``) and the print pages translated for Typst (``flyers/typst_markup.py``) — so that both
give exactly the tags and attributes ``HTMLParser`` would: its own expressions (``tagfind_tolerant``,
``attrfind_tolerant``), names in lower case, values unquoted and their character references resolved.
"""

from __future__ import annotations

import html
from html import parser as stdlib_parser


def start_tag(text: str) -> tuple[str, tuple[tuple[str, str | None], ...]]:
    """The tag's name and its ``(attribute, value)`` pairs in order (``None``: an attribute without a value), for
    ``text``, a start tag without its ``<`` and ``>`` that starts with a letter."""
    match = stdlib_parser.tagfind_tolerant.match(text)
    assert match is not None  # the callers' patterns start a tag with a letter
    attributes: list[tuple[str, str | None]] = []
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
        attributes.append((name.lower(), value))
        position = found.end()
    return match.group(1).lower(), tuple(attributes)
