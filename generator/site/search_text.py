"""The text each page is found by on 「手続きを さがす」, normalised the way the page's script normalises what
the resident types.

Both sides apply the same steps, so 「ｼﾞﾄﾞｳﾃｱﾃ」, 「ジドウテアテ」 and 「じどうてあて」 are one query: Unicode NFKC
(full-width letters and digits, half-width katakana), katakana → hiragana, lower case, and punctuation
(「」・、。（）…) as a break between words. Spaces inside a field are removed because our texts use 分かち書き
(「親の 介護」) and residents type without spaces.

An item has two fields, both lists of normalised pieces separated by one space:

- ``words`` (weighted higher): the title, official name (read by the script from the card: ``shown``), keywords
  or headings, their hiragana readings from the reviewed readings table (``readings/*.yml``) at build time (so 「かいご」 typed without converting finds 介護), and the everyday words of
  ``finder/synonyms.yml`` whose ``means`` occur in them (so 「壊れた」 finds the page that says 「こわれた」).
  It has three sections separated by ``/`` (``SECTION_END``; no piece holds a slash). First the pieces that
  name the title (its reading, the everyday words for words of the title): the script weighs them as the
  title, so 「あんしょうばんごう」 and 「パスワード」 rank the page titled 暗証番号 above pages that only mention
  it. The title's reading is sent as the readings of its runs of kanji after a comma (「,じどうてあて,しんせい」,
  ``title_readings``), which the script puts in the title's place: the page does not repeat the title's kana. Then the page's own words (keywords, headings, their readings): a typed word equal to one of them also
  counts as the title (「介護認定」 is a keyword of c01). Last the everyday words found for the other two.
- ``more``: the summary or description. A wrong reading only adds a match, never hides one.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from itertools import cycle
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.editions.ruby import Annotator
from generator.cache.renders import site_digest
from generator.kept import kept, keeping
from generator.loading.readings import Readings
from generator.model.catalog import HelpPage
from generator.model.finder_words import FinderWords

_KATAKANA = re.compile(r"[\u30a1-\u30f6]")
_KANJI = re.compile(r"[\u3400-\u9fff々]")
_KANJI_RUN = re.compile(f"({_KANJI.pattern}+)")
# Starts the readings of the title's runs of kanji (``title_readings``), the first piece of ``words`` when given.
TITLE_READINGS = ","
# Same class as PUNCTUATION in theme/assets/javascripts/finder.js (after NFKC, so only the half-width forms
# of （）！？：／ are listed). Spaces are not breaks in the index: 「親の 介護」 is one piece, 「親の介護」.
_BREAKS = re.compile(r"[、。・,.!?「」『』()\[\]【】:;/\"'〜~…]+")
_SPACES = re.compile(r"\s+")
# Separates the three sections of ``words`` (see the module's docstring); finder.js splits at it.
SECTION_END = "/"
_HEADING = re.compile(r"^##\s+(.+?)\s*(\{[^}]*\})?\s*$")


def normalize(text: str) -> str:
    """NFKC, katakana → hiragana, lower case, no spaces. Mirrors ``normalize`` in finder.js."""
    return "".join(pieces(text))


def pieces(text: str) -> list[str]:
    """The normalised pieces of ``text``: split at punctuation, spaces removed inside each piece."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _KATAKANA.sub(lambda match: chr(ord(match.group()) - 0x60), text)
    return [piece for piece in (_SPACES.sub("", part) for part in _BREAKS.split(text)) if piece]


def use_readings(readings: dict[str, str]) -> None:
    """Read kanji with this table (``Catalog.readings``: the reviewed readings of ``readings/*.yml`` and the
    town's ``name_kana``) from now on; the finder sets it before it indexes a catalog."""
    global _ANNOTATOR, _READINGS
    _ANNOTATOR = Annotator(Readings(readings))
    _READINGS = dict(readings)


_ANNOTATOR = Annotator(Readings())
_READINGS: dict[str, str] = {}
"""The table ``_ANNOTATOR`` reads with (in ``IndexTexts``' key: every reading below depends on it)."""


def reading_table() -> list[tuple[str, str]]:
    """The readings table ``reading`` reads with now (``use_readings``), for the keys of what is kept by it."""
    return list(_READINGS.items())


def reading(text: str) -> str:
    """The hiragana reading of ``text``: each known word by its reviewed reading (longest first), kana kept,
    kanji that no reviewed word covers left as they are (no reading is better than a wrong one).

    Why not a dictionary (pykakasi, as before): it misread our own terms (要介護 → ようすけご, 階上町 →
    かいじょうまち) and needed hand-written synonyms to patch them; the reviewed table is what the
    やさしい日本語 edition shows as ふりがな, so the finder and the ruby agree.
    """
    return "".join(known or piece for piece, known in _ANNOTATOR.words(text))


def known_words(text: str) -> list[str]:
    """The words of ``text`` that the readings table knows (「申請」 of 「支給認定の申請」), in order."""
    return [piece for piece, known in _ANNOTATOR.words(text) if known]


def read_pieces(text: str) -> list[str]:
    """The pieces of ``text``'s reading that are read in full: a half-read piece (「こ供てあて」 for 子供手当,
    「祖はは」 for 祖母) is not what anyone types, and its kana only add loose matches and bytes; nor is a reading
    that starts with a digit (「6がつ」, 「15にち」: people type 6月, 15日)."""
    return [piece for piece in pieces(reading(text)) if not _KANJI.search(piece) and not piece[0].isdigit()]


def title_readings(title: str) -> list[str] | None:
    """The readings of the runs of kanji of ``title``, in order (「児童手当の現況届」 → じどうてあて, げんきょうとどけ),
    from which the script rebuilds the title's reading: the index then does not repeat the title's kana. None
    when a piece of the title is not read in full (as ``read_pieces``) or its reading cannot be lined up."""
    runs: list[str] = []
    typed, read = pieces(title), pieces(reading(title))
    if len(typed) != len(read):
        return None
    for piece, said in zip(typed, read):
        parts = _KANJI_RUN.split(piece)
        if len(parts) == 1:
            continue
        pattern = "".join("(.+?)" if odd else re.escape(part) for odd, part in zip(cycle((False, True)), parts))
        match = re.fullmatch(pattern, said)
        if match is None or _KANJI.search(said) or said[0].isdigit():
            return None
        runs += match.groups()
    return runs


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
    read: Iterable[str] = (),
    shown: Iterable[str] = (),
) -> IndexText:
    """The index of one item: ``title`` and ``named`` texts with their readings and everyday words,
    ``described`` as it is.

    ``unread`` texts are named but get no reading (official names: long, and typed in kanji if at all);
    ``read`` texts give their reading only (the terms of a guide's sentences, which are indexed as ``described``).
    ``shown`` texts are like ``unread`` ones but left out of the index: the card shows them and the script reads
    them from it (the official name, ``data-name``), so the page does not carry them twice.
    ``title`` is what the card shows (the script reads it from the page): pieces it already contains are left
    out, as are pieces contained in a longer piece. The script finds the same pairs and the same whole words
    either way, so this only saves bytes.
    """
    named = list(named)
    titled = pieces(title) + read_pieces(title)
    if dictionary is not None:
        titled += everyday_words(" ".join(titled), dictionary)
    own: list[str] = []
    shown = [piece for text in shown for piece in pieces(text)]
    for text in [*named, *unread]:
        own += pieces(text)
    own += shown
    for text in [*named, *read]:
        own += read_pieces(text)
    everyday = everyday_words(" ".join(titled + own), dictionary) if dictionary is not None else []
    kept_titled = _without_repeats(titled, pieces(title))
    runs = title_readings(title)
    if runs:
        read_title = read_pieces(title)
        kept_titled = [TITLE_READINGS + TITLE_READINGS.join(runs)] + [piece for piece in kept_titled if piece not in read_title]
    kept_own = [piece for piece in _without_repeats(own, pieces(title) + kept_titled) if piece not in shown]
    kept_everyday = _without_repeats(everyday, pieces(title) + kept_titled + kept_own)
    more: list[str] = []
    for text in described:
        more += pieces(text)
    kept_more = _without_repeats(more, pieces(title) + kept_titled + kept_own + kept_everyday)
    words = SECTION_END.join(" ".join(section) for section in (kept_titled, kept_own, kept_everyday))
    return IndexText(words=words.rstrip(SECTION_END), more=" ".join(kept_more))


class IndexTexts:
    """The index texts of one page's items (``index_text`` for each), worked out together when ``made`` is called
    and kept between builds by everything they are made from (``generator/kept.py``): each call's arguments, the
    dictionary and the readings table in use (``use_readings``); the rest is code. A rebuild after an edit that
    changes none of them (a procedure's steps) reads them back instead of ~40 readings and dictionary look-ups
    per edition."""

    def __init__(self, dictionary: FinderWords | None = None):
        self.dictionary = dictionary
        self.calls: list[dict[str, object]] = []

    def ask(
        self,
        named: Iterable[str],
        described: Iterable[str],
        *,
        title: str = "",
        unread: Iterable[str] = (),
        read: Iterable[str] = (),
        shown: Iterable[str] = (),
    ) -> int:
        """Asks for ``index_text(named, described, dictionary, ...)``; its number in the list ``made`` gives."""
        self.calls.append({
            "named": list(named), "described": list(described), "title": title, "unread": list(unread),
            "read": list(read), "shown": list(shown),
        })
        return len(self.calls) - 1

    def made(self) -> list[IndexText]:
        """Every text asked for, in order."""
        def compute() -> list[IndexText]:
            return [index_text(**call, dictionary=self.dictionary) for call in self.calls]  # type: ignore[arg-type]

        if not keeping():
            return compute()
        given = {
            "calls": self.calls,
            # (its key as the render keys make it: a dump would build the model's serializer, ≈ 0.002 s a build)
            "dictionary": None if self.dictionary is None else site_digest(self.dictionary).hex(),
            "readings": reading_table(),
        }
        source = b"finder.index_texts\0" + hashlib.sha256(
            json.dumps(given, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        ).digest()
        stored = kept(source, lambda: json.dumps(
            [[text.words, text.more] for text in compute()], ensure_ascii=False
        ).encode("utf-8", "surrogatepass"))
        return [IndexText(words=words, more=more) for words, more in json.loads(stored.decode("utf-8", "surrogatepass"))]


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
                found += pieces(word)
    return found


def read_help_pages(docs: Path, variants: str = "") -> tuple[HelpPage, ...]:
    """Title, description and ``##`` headings of every ``docs/help/*.md`` page except the index. With
    ``variants`` (an edition's prefix, ``yasashii/``), a page's text variant ``docs/<variants>help/<name>.md``
    is read instead where it exists (the address stays ``help/<name>/``: the edition moves it)."""
    pages = []
    for path in sorted((docs / "help").glob("*.md")):
        if path.stem == "index":
            continue
        variant = docs / variants / "help" / path.name
        if variants and variant.is_file():
            path = variant
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
