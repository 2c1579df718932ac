"""The text a procedure is found by on the 「手続きを さがす」 page, normalised the way the page's script
normalises what the resident types.

Both sides apply the same three steps, so 「ｼﾞﾄﾞｳﾃｱﾃ」, 「ジドウテアテ」 and 「じどうてあて」 are one query:
Unicode NFKC (full-width letters and digits, half-width katakana), katakana → hiragana, lower case. Spaces are
removed inside each field because our texts use 分かち書き (「親の 介護」) and residents type without spaces.

Kanji cannot be turned into kana in a few lines of JavaScript, so the index also carries the hiragana reading
of the titles, official names and keywords, made at build time by pykakasi: a resident who types 「かいご」 or
「じどうてあて」 without converting to kanji finds 介護 and 児童手当. A wrong reading only adds a match, never
hides one, because the original text stays in the index.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from generator.model import Procedure

_KATAKANA = re.compile(r"[\u30a1-\u30f6]")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFKC, katakana → hiragana, lower case, no spaces. Mirrors ``normalize`` in theme/assets/javascripts/finder.js."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _KATAKANA.sub(lambda match: chr(ord(match.group()) - 0x60), text)
    return _SPACES.sub("", text)


def reading(text: str) -> str:
    """The hiragana reading of ``text`` (kanji converted by pykakasi, kana kept)."""
    return "".join(token["hira"] for token in _kakasi().convert(text))


@functools.cache
def _kakasi():  # noqa: ANN202 (pykakasi has no type information)
    import pykakasi  # imported late: loading its dictionary takes a moment and only the finder needs it

    return pykakasi.kakasi()


def search_text(procedure: Procedure) -> str:
    """Everything a procedure can be found by, normalised; fields are separated by one space."""
    return index_text([procedure.title, procedure.official_name, *procedure.keywords], [procedure.summary])


def index_text(named: list[str], described: list[str]) -> str:
    """The index of one item: ``named`` texts with their readings, ``described`` texts as they are."""
    fields = named + described
    readings = [reading(text) for text in named]
    seen: dict[str, None] = {}
    for text in fields + readings:
        seen.setdefault(normalize(text), None)
    return " ".join(text for text in seen if text)
