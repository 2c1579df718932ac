"""The text each page is found by on 「手続きを さがす」, normalised the way the page's script normalises what
the resident types.

Both sides apply the same steps, so 「ｼﾞﾄﾞｳﾃｱﾃ」, 「ジドウテアテ」 and 「じどうてあて」 are one query: Unicode NFKC
(full-width letters and digits, half-width katakana), katakana → hiragana, lower case, and punctuation
(「」・、。（）…) as a break between words. Spaces inside a field are removed because our texts use 分かち書き
(「親の 介護」) and residents type without spaces.

An item has two fields, both lists of normalised pieces separated by one space:

- ``words`` (weighted higher): the title, official name, keywords or headings, their hiragana readings made by
  pykakasi at build time (so 「かいご」 typed without converting finds 介護), and the everyday words of
  ``finder/synonyms.yml`` whose ``means`` occur in them (so 「壊れた」 finds the page that says 「こわれた」).
- ``more``: the summary or description. A wrong reading only adds a match, never hides one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import cache
from generator.model.catalog import HelpPage
from generator.model.finder_words import FinderWords

_KATAKANA = re.compile(r"[\u30a1-\u30f6]")
# Same class as PUNCTUATION in theme/assets/javascripts/finder.js (after NFKC, so only the half-width forms
# of （）！？：／ are listed). Spaces are not breaks in the index: 「親の 介護」 is one piece, 「親の介護」.
_BREAKS = re.compile(r"[、。・,.!?「」『』()\[\]【】:;/\"'〜~…]+")
_SPACES = re.compile(r"\s+")
_HEADING = re.compile(r"^##\s+(.+?)\s*(\{[^}]*\})?\s*$")


def normalize(text: str) -> str:
    """NFKC, katakana → hiragana, lower case, no spaces. Mirrors ``normalize`` in finder.js."""
    return "".join(pieces(text))


def pieces(text: str) -> list[str]:
    """The normalised pieces of ``text``: split at punctuation, spaces removed inside each piece."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _KATAKANA.sub(lambda match: chr(ord(match.group()) - 0x60), text)
    return [piece for piece in (_SPACES.sub("", part) for part in _BREAKS.split(text)) if piece]


def reading(text: str) -> str:
    """The hiragana reading of ``text`` (kanji converted by pykakasi, kana kept).

    Readings are remembered, in memory and in the build cache (``keep_readings``): loading pykakasi's
    dictionary takes about half a second, and the texts rarely change from one build to the next.
    """
    folder = cache.cache_dir()
    known = _readings(folder)
    if text not in known:
        known[text] = "".join(token["hira"] for token in _kakasi().convert(text))
        _UNSAVED.add(folder)
    return known[text]


_UNSAVED: set[Path | None] = set()
"""Cache folders whose table of readings has new entries."""


@functools.cache
def _readings(folder: Path | None) -> dict[str, str]:
    """The readings known for this build cache (one table per folder: a build only trusts its own cache)."""
    return cache.stored_table("readings")


def keep_readings() -> None:
    """Store the readings made since the last call for the next build (nothing to do when none were new)."""
    folder = cache.cache_dir()
    if folder in _UNSAVED:
        cache.keep_table("readings", _readings(folder))
        _UNSAVED.discard(folder)


@functools.cache
def _kakasi():  # noqa: ANN202 (pykakasi has no type information)
    import pykakasi  # imported late: loading its dictionary takes a moment and only the finder needs it

    return pykakasi.kakasi()


@dataclass(frozen=True)
class IndexText:
    """The two searchable fields of one item, ready for ``data-search`` and ``data-more``."""

    words: str
    more: str


def index_text(
    named: Iterable[str],
    described: Iterable[str],
    dictionary: FinderWords | None = None,
    *,
    title: str = "",
    unread: Iterable[str] = (),
) -> IndexText:
    """The index of one item: ``title`` and ``named`` texts with their readings and everyday words,
    ``described`` as it is.

    ``unread`` texts are named but get no reading (official names: long, and typed in kanji if at all).
    ``title`` is what the card shows (the script reads it from the page): pieces it already contains are left
    out, as are pieces contained in a longer piece. The script finds the same pairs and the same whole words
    either way, so this only saves bytes.
    """
    named = [title, *named] if title else list(named)
    words: list[str] = []
    for text in [*named, *unread]:
        words += pieces(text)
    for text in named:
        words += pieces(reading(text))
    if dictionary is not None:
        words += everyday_words(" ".join(words), dictionary)
    kept_words = _without_repeats(words, pieces(title))
    more: list[str] = []
    for text in described:
        more += pieces(text)
    kept_more = _without_repeats(more, pieces(title) + kept_words)
    return IndexText(words=" ".join(kept_words), more=" ".join(kept_more))


def _without_repeats(candidates: list[str], known: list[str]) -> list[str]:
    """``candidates`` without the pieces found inside ``known`` or inside another candidate (longest first)."""
    kept: list[str] = []
    for piece in sorted(dict.fromkeys(candidates), key=len, reverse=True):
        if not any(piece in other for other in known + kept):
            kept.append(piece)
    order = {piece: position for position, piece in enumerate(dict.fromkeys(candidates))}
    return sorted(kept, key=order.__getitem__)


def everyday_words(words: str, dictionary: FinderWords) -> list[str]:
    """The dictionary's words (and their readings) for an item whose normalised ``words`` are given."""
    found: list[str] = []
    for group in dictionary.groups:
        if any(normalize(word) in words for word in group.page_words):
            for word in group.words:
                found += pieces(word) + pieces(reading(word))
    return found


def read_help_pages(docs: Path) -> tuple[HelpPage, ...]:
    """Title, description and ``##`` headings of every ``docs/help/*.md`` page except the index."""
    pages = []
    for path in sorted((docs / "help").glob("*.md")):
        if path.stem == "index":
            continue
        text = path.read_text(encoding="utf-8")
        meta: dict[str, object] = {}
        if text.startswith("---\n"):
            front, _, text = text[4:].partition("\n---\n")
            loaded = yaml.safe_load(front)
            meta = loaded if isinstance(loaded, dict) else {}
        headings = tuple(match.group(1) for line in text.splitlines() if (match := _HEADING.match(line)))
        title = str(meta.get("title") or path.stem)
        pages.append(HelpPage(f"help/{path.stem}/", title, str(meta.get("description") or ""), headings, markdown=text))
    return tuple(pages)
