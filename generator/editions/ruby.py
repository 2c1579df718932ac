"""ふりがな (``<ruby>``) for the やさしい日本語 edition, from the reviewed readings only.

Longest match: at each position the longest word of the table that starts there is taken; kanji no word
covers stay without ruby (``check`` lists them with file:line, see ``coverage.py``). A word with kana inside
(「申し込む」: もうしこむ) gets ruby on its kanji only (申<rt>もう</rt>し込<rt>こ</rt>む), found by matching
the kana of the word against the reading; when that fails the whole word carries the reading.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from markupsafe import escape

from generator.editions import html_text
from generator.loading.readings import KANJI_RUN, Readings

_KATAKANA = re.compile(r"[\u30a1-\u30f6]")


def _hiragana(text: str) -> str:
    return _KATAKANA.sub(lambda m: chr(ord(m.group(0)) - 0x60), text)


@functools.lru_cache(maxsize=4096)
def split_reading(word: str, reading: str) -> tuple[tuple[str, str | None], ...]:
    """``word`` cut into pieces, each kanji run with its part of ``reading`` (kana pieces: ``None``)."""
    pieces = _runs(word)
    pattern = "".join("(.+?)" if KANJI_RUN.match(piece) else re.escape(_hiragana(piece)) for piece in pieces)
    match = re.fullmatch(pattern, _hiragana(reading))
    if not match:
        return ((word, reading),)
    groups = iter(match.groups())
    return tuple((piece, next(groups)) if KANJI_RUN.match(piece) else (piece, None) for piece in pieces)


def _runs(word: str) -> list[str]:
    """``word`` as its runs of kanji (``KANJI_RUN``) and the runs between them, in order.

    Why not ``re.findall`` of a kanji class or its negation: that pattern was compiled in every build that
    annotated a word (Python's ``re`` builds a class by visiting each of its ~28,000 characters, twice here, and
    the dynamic patterns of ``split_reading`` can push it out of ``re``'s cache); ``KANJI_RUN`` is compiled once."""
    runs, position = [], 0
    for match in KANJI_RUN.finditer(word):
        if match.start() > position:
            runs.append(word[position:match.start()])
        runs.append(match.group())
        position = match.end()
    if position < len(word):
        runs.append(word[position:])
    return runs


AFTER_NUMBER = "〇"
"""A readings key starting with 〇 applies right after a number only (〇日: にち, 〇人: にん), so 「15日」 and
「うまれた 日」 read differently."""

DAYS = {
    "1": "ついたち", "2": "ふつか", "3": "みっか", "4": "よっか", "5": "いつか", "6": "むいか", "7": "なのか",
    "8": "ようか", "9": "ここのか", "10": "とおか", "14": "じゅうよっか", "20": "はつか", "24": "にじゅうよっか",
}
"""Days of a date whose reading is not number + にち; the whole 「3日」 carries it (日付 only: 「3日間」 and
「1日あたり」 are not)."""
_DAY = re.compile(r"(?<![0-9０-９])([0-9]{1,2})日(?!間|以内|前|後|目|あたり|当たり)")


class Annotator:
    def __init__(self, readings: Readings, donor: Annotator | None = None):
        self.readings = readings
        self.by_start: dict[str, list[str]] = {}
        for word in sorted(readings.words, key=len, reverse=True):
            self.by_start.setdefault(word[0], []).append(word)
        # Why memoised: every page repeats the same header, footer and menu texts, and a build annotates
        # ~1,000 documents; the readings never change during a build.
        self._parts: dict[str, list[tuple[str, str]]] = {}
        self._html: dict[str, str] = {}
        self._donor: Annotator | None = None
        self._differing: tuple[str, ...] = ()
        if donor is not None:
            self._take_from(donor)

    def _take_from(self, donor: Annotator) -> None:
        """Let ``html`` take what ``donor`` (another table's annotator) made of a text that holds none of the words
        the two tables give differently (added, dropped or read otherwise).

        Why that is exact: what a text becomes depends only on the table's entries for words found in it — the
        longest match tries only words that start at a position of the text, and a long word is cut only into
        words inside it; a 〇 word (``AFTER_NUMBER``) is found by the rest of it. So two tables that agree on every
        word a text holds annotate it alike. Why: ``build --all`` gives a process town after town whose tables
        differ only in the town's own names (``settings_readings``), and every town's pages repeat the same texts
        (≈ 0.15 CPU-s a town annotated again; issue #23, decisions/2026-12-08-towns-site-side.md).

        The donor's own donor is let go: a process keeps two tables' texts at most."""
        mine, theirs = self.readings.words, donor.readings.words
        differing = {word for word in mine.keys() | theirs.keys() if mine.get(word) != theirs.get(word)}
        self._differing = tuple(sorted(word[1:] if word.startswith(AFTER_NUMBER) else word for word in differing))
        self._donor, donor._donor = donor, None

    def words(self, text: str) -> Iterator[tuple[str, str | None]]:
        """``text`` as (piece, reading) pairs: known words with their reading, the rest with ``None``."""
        for piece, reading, _ in self._entries(text):
            yield piece, reading

    def _entries(self, text: str) -> Iterator[tuple[str, str | None, str | None]]:
        """(piece, reading, the table entry it came from): a 〇 word or a date has no entry of its own (its
        surface 「人」 or 「日」 must not be looked up again as the word 人 or 日)."""
        position, plain = 0, ""
        while position < len(text):
            day = _DAY.match(text, position) if text[position].isdigit() and (position == 0 or not text[position - 1].isdigit()) else None
            if day and day.group(1) in DAYS:
                if plain:
                    yield plain, None, None
                    plain = ""
                yield day.group(0), DAYS[day.group(1)], None
                position = day.end()
                continue
            word = None
            if position and text[position - 1] in "0123456789０１２３４５６７８９":
                word = next((w for w in self.by_start.get(AFTER_NUMBER, ()) if text.startswith(w[1:], position)), None)
            key = word
            if word is not None:
                word = word[1:]
            elif not (text[position].isdigit() and position and text[position - 1].isdigit()):
                # (a word that starts with a digit, 「2人」, starts a number: never inside 「12人」)
                word = key = next((w for w in self.by_start.get(text[position], ()) if text.startswith(w, position)), None)
            if word is None:
                plain += text[position]
                position += 1
                continue
            if plain:
                yield plain, None, None
                plain = ""
            yield word, self.readings.words[key], (key if key == word else None)
            position += len(word)
        if plain:
            yield plain, None, None

    def parts(self, word: str) -> list[tuple[str, str]]:
        """A long word as the known shorter words it is made of, when their readings add up to its own
        (電子証明書 → 電子 + 証明書): a ruby base cannot break, and 「電子証明書」 in a heading at 200 % text is
        wider than a phone. Otherwise the word itself."""
        if word not in self._parts:
            self._parts[word] = self._split(word)
        return self._parts[word]

    def _split(self, word: str) -> list[tuple[str, str]]:
        reading = self.readings.words[word]
        # (A long reading over a short base widens it too: 出生届 / しゅっしょうとどけ.)
        if max(map(len, KANJI_RUN.findall(word)), default=0) < 4 and len(reading) <= 2 * len(word) + 1:
            return [(word, reading)]
        pieces, position = [], 0
        while position < len(word):
            # by_start lists the words of each first character longest first
            candidates = () if word[position] == AFTER_NUMBER else self.by_start.get(word[position], ())
            piece = next((w for w in candidates if w != word and word.startswith(w, position)), None)
            if piece is None:
                return [(word, reading)]
            pieces.append((piece, self.readings.words[piece]))
            position += len(piece)
        if len(pieces) < 2 or "".join(r for _, r in pieces) != reading:
            return [(word, reading)]
        return pieces

    def html(self, text: str) -> str:
        """Element text (already escaped HTML) with ruby on every known kanji word."""
        if not KANJI_RUN.search(text):
            return text
        known = self._html.get(text)
        if known is None:
            known = self._html[text] = self._donated(text) or self._annotate(text)
        return known

    def _donated(self, text: str) -> str | None:
        """What the donor (``_take_from``) made of ``text``, when that is exactly what this table makes of it."""
        if self._donor is None or any(word in text for word in self._differing):
            return None
        return self._donor._html.get(text)

    def _annotate(self, text: str) -> str:
        out = []
        for whole, whole_reading, entry in self._entries(text):
            if whole_reading is None:
                out.append(whole)
                continue
            # (a 〇 word or a date is never split; every other word may be made of shorter ones)
            pieces = self.parts(entry) if entry is not None else [(whole, whole_reading)]
            html = "<wbr>".join(_word_html(piece, reading) for piece, reading in pieces)
            # Two words written together (利用者証明用…) may break between them, as plain text may.
            if out and out[-1].endswith(("</ruby>", "</span>")):
                html = "<wbr>" + html
            out.append(html)
        # Chrome does not break between a 「・」 and a ruby next to it under keep-all: 「（要介護・要支援）を」 would
        # be one run wider than a phone at 200 % text. The break a reader expects after 「・」 is made explicit.
        return "".join(out).replace("・<ruby>", "・<wbr><ruby>").replace("・<span", "・<wbr><span")

    def uncovered(self, text: str) -> list[str]:
        """The kanji runs of ``text`` that no known word covers."""
        return [run for piece, reading in self.words(text) if reading is None for run in KANJI_RUN.findall(piece)]

    def document(self, document: str) -> str:
        """A finished HTML document with ruby in its element text (never in attributes, titles or scripts)."""
        return html_text.rewrite(
            document, lambda pieces: [self.html(piece) for piece in pieces], skip_inside=frozenset({"ruby"})
        )


def _word_html(word: str, reading: str) -> str:
    parts = [
        part if part_reading is None else f"<ruby>{part}<rt>{escape(part_reading)}</rt></ruby>"
        for part, part_reading in split_reading(word, reading)
    ]
    # A word cut into several ruby pieces (申し込む) must not break between them: one no-wrap span (a long
    # name such as 「階上町役場（代表）」 may: at 200 % text it is wider than a phone).
    return f'<span class="t-rw">{"".join(parts)}</span>' if 1 < len(parts) and len(word) <= 6 else "".join(parts)


def ruby_coverage(document: str) -> tuple[int, int]:
    """(kanji carrying ruby, all kanji) in the main text of a finished page (``<main>``): for tests and reports."""
    main = document.split("<main", 1)[-1].split("</main>", 1)[0]
    covered = sum(len(KANJI_RUN.findall(base)) and len("".join(KANJI_RUN.findall(base)))
                  for base in re.findall(r"<ruby>(.*?)<rt>", main))
    text = re.sub(r"<rt>.*?</rt>", "", main)
    text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]*>", "", text, flags=re.DOTALL)
    return covered, len("".join(KANJI_RUN.findall(text)))
