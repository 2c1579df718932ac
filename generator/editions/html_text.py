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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em i kbd label mark q rp rt ruby s samp small span strong sub sup "
    "time u var wbr img input button select output meter progress svg".split()
)
"""Tags that do not cut a run of text (everything else does: p, li, div, h1, td, br, …)."""

_SPLIT = re.compile(
    r"(<!--.*?-->"
    r"|<(script|style|title|textarea|pre)\b[^>]*>.*?</\2\s*>"
    r"|<(?:!/?[A-Za-z][^>]*|/?([A-Za-z][A-Za-z0-9-]*)[^>]*)>)",
    re.DOTALL | re.IGNORECASE,
)
"""The document's pieces for ``re.split``: a comment, a raw element (``script``, ``style``, ``title``, ``textarea``,
``pre``: the element with its body) or a tag, with the raw element's kind and the tag's name as groups of their
own (a tag that starts with ``<!`` has no name). Split, a document is ``[text, token, raw kind, tag name, text, …]``;
``tokens`` and ``rewrite`` both read that list."""


@dataclass(slots=True)
class Token:
    kind: str
    """``text``, ``tag``, ``comment`` or a raw element's kind (``script``, ``style``, ``title``, ``textarea``,
    ``pre``: the element with its body; ``_SPLIT``)."""
    value: str
    name: str = ""
    """A tag's element name, lower case (``a`` for ``<a href=…>`` and ``</a>``); empty for other kinds."""

    @property
    def closing(self) -> bool:
        return self.value.startswith("</")


def tokens(document: str) -> list[Token]:
    parts = _SPLIT.split(document)
    result: list[Token] = []
    append = result.append
    for index in range(0, len(parts), 4):
        if parts[index]:
            append(Token("text", parts[index]))
        if index + 1 < len(parts):
            token, kind, name = parts[index + 1], parts[index + 2], parts[index + 3]
            if kind:
                append(Token(kind.lower(), token))
            elif name is None and token.startswith("<!--"):
                append(Token("comment", token))
            else:
                append(Token("tag", token, name.lower() if name else ""))
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
    text: Callable[[list[str]], Sequence[str]],
    *,
    tag: Callable[[str], str] | None = None,
    raw: Callable[[str, str], str] | None = None,
    skip_inside: frozenset[str] = frozenset(),
) -> str:
    """``document`` with each run's text pieces replaced by ``text(pieces)`` (same count, same order), each tag
    by ``tag(tag_html)`` and each raw element by ``raw(kind, element_html)``. Text inside an element named in
    ``skip_inside`` (e.g. ``ruby``) is left alone.

    The same tokens and runs as ``tokens`` and ``runs`` give, in one pass over ``re.split``'s list, replaced in
    place: every page of a build goes through here once (``build --all``: ≈ 450 a town), and making a ``Token``
    for each of a page's ≈ 1,000 pieces was most of the finishing's time (issue #23, decisions/2026-12-08-towns-site-side.md)."""
    parts: list[str | None] = _SPLIT.split(document)
    last = len(parts) - 1
    run: list[int] = []  # the indexes (in ``parts``) of the current run's text pieces
    depth = 0

    def replace_run() -> None:
        for index, value in zip(run, text([parts[index] for index in run]), strict=True):  # type: ignore[misc]
            parts[index] = value
        run.clear()

    index = 0
    while True:
        if parts[index] and not depth:
            run.append(index)
        if index == last:
            break
        token, kind, name = parts[index + 1], parts[index + 2], parts[index + 3]
        if kind:  # a raw element: cuts a run
            if run:
                replace_run()
            if raw:
                parts[index + 1] = raw(kind.lower(), token)  # type: ignore[arg-type]
        elif name is None and token.startswith("<!--"):  # type: ignore[union-attr]
            if run:
                replace_run()
        else:  # a tag (``<!DOCTYPE …>`` too, with no name)
            name = name.lower() if name else ""
            if skip_inside and name in skip_inside:
                depth += -1 if token.startswith("</") else 1  # type: ignore[union-attr]
            if run and name not in INLINE_TAGS:
                replace_run()
            if tag:
                parts[index + 1] = tag(token)  # type: ignore[arg-type]
        parts[index + 2] = parts[index + 3] = ""  # (the groups: not part of the document)
        index += 4
    if run:
        replace_run()
    return "".join(parts)  # type: ignore[arg-type]


def visible_text(document: str) -> list[str]:
    """Each run's text as a reader sees it (tags dropped, white space collapsed), plus the ``<title>``: for
    tests and the reading-level report."""
    items = tokens(document)
    texts = [re.sub(r"[ \t\r\n]+", " ", "".join(items[i].value for i in run)).strip() for run in runs(items)]
    titles = [re.sub(r"<[^>]*>", "", token.value) for token in items if token.kind == "title"]
    return [text for text in titles + texts if text]
