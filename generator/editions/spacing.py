"""The standard edition's typesetting of the source's phrase spaces (分かち書き).

Every text is written with a space between phrases (「児童手当を はじめて もらう」). The standard edition shows
natural Japanese: a space between two Japanese characters becomes an invisible line-break opportunity
(``<wbr>`` in element text, nothing in attributes and titles, U+200B in script strings), so with
``word-break: keep-all`` lines still break only between phrases, as before, without the visible gap.

Spaces next to Latin letters and digits follow Japanese typesetting (JIS X 4051 / JLREQ): no space
character between Japanese and Latin or digits — 「QRコード」, 「6回」, 「電話0178-88-2111」 — the small gap a
typesetter puts there (四分アキ) comes from CSS ``text-autospace`` where the browser has it. A line may break
before a number or Latin word that starts a phrase (「続けて／6〜16文字」), never after one (「6／回」, 「QR／コード」). Spaces between two Latin words, around
other symbols (→, ＝ are Japanese; ``/``, ``:`` are not) and the ideographic space U+3000 stay.
"""

from __future__ import annotations

import re
from typing import Any

from generator.editions import html_text

_JAPANESE = (
    "\u3000-\u303f"  # CJK punctuation 、。「」〜
    "\u3040-\u309f"  # hiragana
    "\u30a0-\u30ff"  # katakana (with ・ー)
    "\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kanji
    "\uff00-\uffef"  # full-width forms （）！？０-９
)
JAPANESE = re.compile(f"[{_JAPANESE}]")
_LATIN = re.compile(r"[A-Za-z0-9]")
_GAP = re.compile(r"[ \t\r\n]+")
_ATTRIBUTE = re.compile(r'(\s(?:title|aria-label|alt|placeholder|content)=")([^"]*)(")')

IN_TEXT = "<wbr>"
IN_SCRIPT = "\u200b"


def _replacement(left: str, right: str, between_japanese: str) -> str | None:
    """What a gap between ``left`` and ``right`` becomes (``None``: it stays)."""
    left_japanese, right_japanese = bool(JAPANESE.match(left)), bool(JAPANESE.match(right))
    if left_japanese and right_japanese:
        return between_japanese
    if left_japanese and _LATIN.match(right):
        return between_japanese  # 「続けて／6〜16文字」: a phrase may start with a number or a Latin word
    if right_japanese and _LATIN.match(left):
        return ""  # 「5回」「QRコード」: never split
    return None


def respace(text: str, between_japanese: str = "") -> str:
    """Plain text (a title, an attribute, a script string) with the rule applied."""
    def replace(match: re.Match[str]) -> str:
        if match.start() == 0 or match.end() == len(text):
            return match.group(0)
        new = _replacement(text[match.start() - 1], text[match.end()], between_japanese)
        return match.group(0) if new is None else new

    return _GAP.sub(replace, text)


_RUNS: dict[tuple[str, ...], tuple[str, ...]] = {}
"""``_respace_run``'s results in this process: a page repeats its frame's runs (menu, footer), and ``build --all``
gives a process town after town with the same texts (≈ 60,000 runs a town, ≈ 4,000 of them different)."""
_RUNS_MAX = 50_000
"""Entries before ``_RUNS`` (or ``_TAGS``) starts again (a few tens of MB at most)."""


def _respace_run(pieces: list[str]) -> tuple[str, ...]:
    """``_respaced(pieces)``, remembered (``_RUNS``)."""
    key = tuple(pieces)
    known = _RUNS.get(key)
    if known is None:
        known = _remember(_RUNS, key, tuple(_respaced(pieces)))
    return known


def _remember(table: dict, key: object, value: Any) -> Any:
    """``value`` kept in ``table`` under ``key`` (``_RUNS``, ``_TAGS``): a full table starts again."""
    if len(table) >= _RUNS_MAX:
        table.clear()
    table[key] = value
    return value


def _respaced(pieces: list[str]) -> list[str]:
    """One run of element text (pieces between inline tags), each gap judged by the characters around it even
    when a tag stands between them (「電話 <span>0178…」). A gap that spans pieces is replaced in the piece where
    it starts and removed from the others."""
    joined = "".join(pieces)
    edits: list[tuple[int, int, str]] = []
    for match in _GAP.finditer(joined):
        start, end = match.span()
        if start > 0 and end < len(joined):
            new = _replacement(joined[start - 1], joined[end], IN_TEXT)
            if new is not None:
                edits.append((start, end, new))
    if not edits:
        return pieces
    result = []
    offset = 0
    first = 0  # the first edit that may still touch this piece (edits are in order and do not overlap)
    for piece in pieces:
        piece_end = offset + len(piece)
        parts = []
        position = offset
        while first < len(edits) and edits[first][1] <= offset:
            first += 1
        for start, end, new in edits[first:]:
            if start >= piece_end:
                break
            if start >= offset:
                parts.append(joined[position:start])
                parts.append(new)
            position = min(end, piece_end)
        parts.append(joined[position:piece_end])
        result.append("".join(parts))
        offset = piece_end
    return result


_TAGS: dict[str, str] = {}
"""``_respace_tag``'s results in this process (as ``_RUNS``: ≈ 2,500 different tags a town, most the same in the next)."""


def _respace_tag(tag: str) -> str:
    if '="' not in tag:
        return tag
    known = _TAGS.get(tag)
    if known is None:
        known = _remember(_TAGS, tag, _ATTRIBUTE.sub(lambda m: m.group(1) + respace(m.group(2)) + m.group(3), tag))
    return known


def _respace_raw(kind: str, element: str) -> str:
    if kind == "title":
        return respace(element)
    if kind == "script" and "application/json" in element.split(">", 1)[0]:
        return respace(element, IN_SCRIPT)
    if kind == "script" and "application/ld+json" in element.split(">", 1)[0]:
        return respace(element)
    return element


def standard_document(document: str) -> str:
    """A finished HTML page (theme page, Markdown help page or print page) in the standard edition."""
    return html_text.rewrite(document, _respace_run, tag=_respace_tag, raw=_respace_raw)


def standard_script(source: bytes) -> bytes:
    """A published script's strings in the standard edition (a space between Japanese characters can only
    stand in a string there)."""
    return respace(source.decode("utf-8"), IN_SCRIPT).encode("utf-8")
