"""Walk the visible text of a finished HTML document and rewrite it, leaving every tag byte for byte.

Why hand-written instead of BeautifulSoup or lxml: those re-serialise the whole document (attribute order,
quoting, void tags, entities), so a rewrite of a few characters would change every page's bytes and the PDF
cache keys. Our documents come from our own autoescaped templates and MkDocs, so a small tokenizer is
enough: comments, ``<script>``/``<style>``/``<title>``/``<textarea>``/``<pre>`` bodies and tags are kept
as they are (each kind may be handed to a callback), everything else is text.

Text is grouped into *runs*: the text of one line of flow, crossing inline tags (``<a>``, ``<strong>``,
``<span>``, …) but cut at block tags (``<p>``, ``<li>``, ``<div>``, …) and ``<br>``. A rewrite sees a whole
run, so a space between 「電話」 and a ``<span>`` holding the number knows both of its neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em i kbd label mark q rp rt ruby s samp small span strong sub sup "
    "time u var wbr img input button select output meter progress svg".split()
)
"""Tags that do not cut a run of text (everything else does: p, li, div, h1, td, br, …)."""

_RAW = ("script", "style", "title", "textarea", "pre")
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(?P<raw>script|style|title|textarea|pre)\b[^>]*>.*?</(?P=raw)\s*>"
    r"|<!?/?[A-Za-z][^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")


@dataclass(slots=True)
class Token:
    kind: str
    """``text``, ``tag``, ``comment`` or one of ``_RAW`` (the element with its body)."""
    value: str
    name: str = ""
    """A tag's element name, lower case (``a`` for ``<a href=…>`` and ``</a>``); empty for other kinds."""

    @property
    def closing(self) -> bool:
        return self.value.startswith("</")


def tokens(document: str) -> list[Token]:
    result: list[Token] = []
    append = result.append
    position = 0
    for match in _TOKEN.finditer(document):
        start = match.start()
        if start > position:
            append(Token("text", document[position:start]))
        value = match.group(0)
        if value.startswith("<!--"):
            append(Token("comment", value))
        elif raw := match.group("raw"):
            append(Token(raw.lower(), value))
        else:
            name = _TAG_NAME.match(value)
            append(Token("tag", value, name.group(1).lower() if name else ""))
        position = match.end()
    if position < len(document):
        append(Token("text", document[position:]))
    return result


def runs(items: list[Token]) -> list[list[int]]:
    """Indexes of the text tokens of each run (see the module docstring)."""
    grouped: list[list[int]] = [[]]
    for index, token in enumerate(items):
        if token.kind == "text":
            grouped[-1].append(index)
        elif token.kind == "tag" and token.name in INLINE_TAGS:
            continue
        elif grouped[-1]:
            grouped.append([])
    return [run for run in grouped if run]


def rewrite(
    document: str,
    text: Callable[[list[str]], list[str]],
    *,
    tag: Callable[[str], str] | None = None,
    raw: Callable[[str, str], str] | None = None,
    skip_inside: frozenset[str] = frozenset(),
) -> str:
    """``document`` with each run's text pieces replaced by ``text(pieces)`` (same count, same order), each tag
    by ``tag(tag_html)`` and each raw element by ``raw(kind, element_html)``. Text inside an element named in
    ``skip_inside`` (e.g. ``ruby``) is left alone."""
    items = tokens(document)
    skipped: set[int] = set()
    depth = 0
    for index, token in enumerate(items if skip_inside else ()):
        if token.kind == "tag" and token.name in skip_inside:
            depth += -1 if token.closing else 1
        elif token.kind == "text" and depth > 0:
            skipped.add(index)
    for run in runs(items):
        if skipped:
            run = [index for index in run if index not in skipped]
        if not run:
            continue
        replaced = text([items[index].value for index in run])
        for index, value in zip(run, replaced, strict=True):
            items[index].value = value
    if tag or raw:
        for token in items:
            if token.kind == "tag" and tag:
                token.value = tag(token.value)
            elif token.kind in _RAW and raw:
                token.value = raw(token.kind, token.value)
    return "".join(token.value for token in items)


def visible_text(document: str) -> list[str]:
    """Each run's text as a reader sees it (tags dropped, white space collapsed), plus the ``<title>``: for
    tests and the reading-level report."""
    items = tokens(document)
    texts = [re.sub(r"[ \t\r\n]+", " ", "".join(items[i].value for i in run)).strip() for run in runs(items)]
    titles = [re.sub(r"<[^>]*>", "", token.value) for token in items if token.kind == "title"]
    return [text for text in titles + texts if text]
