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
from generator.editions.readings import KANJI, KANJI_RUN, Readings

_NON_KANJI = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+")
_KATAKANA = re.compile(r"[\u30a1-\u30f6]")


def _hiragana(text: str) -> str:
    return _KATAKANA.sub(lambda m: chr(ord(m.group(0)) - 0x60), text)


@functools.lru_cache(maxsize=4096)
def split_reading(word: str, reading: str) -> tuple[tuple[str, str | None], ...]:
    """``word`` cut into pieces, each kanji run with its part of ``reading`` (kana pieces: ``None``)."""
    pieces = re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+", word)
    pattern = "".join("(.+?)" if KANJI.match(piece) else re.escape(_hiragana(piece)) for piece in pieces)
    match = re.fullmatch(pattern, _hiragana(reading))
    if not match:
        return ((word, reading),)
    groups = iter(match.groups())
    return tuple((piece, next(groups)) if KANJI.match(piece) else (piece, None) for piece in pieces)


class Annotator:
    def __init__(self, readings: Readings):
        self.readings = readings
        self.by_start: dict[str, list[str]] = {}
        for word in sorted(readings.words, key=len, reverse=True):
            self.by_start.setdefault(word[0], []).append(word)

    def words(self, text: str) -> Iterator[tuple[str, str | None]]:
        """``text`` as (piece, reading) pairs: known words with their reading, the rest with ``None``."""
        position, plain = 0, ""
        while position < len(text):
            word = next((w for w in self.by_start.get(text[position], ()) if text.startswith(w, position)), None)
            if word is None:
                plain += text[position]
                position += 1
                continue
            if plain:
                yield plain, None
                plain = ""
            yield word, self.readings.words[word]
            position += len(word)
        if plain:
            yield plain, None

    def html(self, text: str) -> str:
        """Element text (already escaped HTML) with ruby on every known kanji word."""
        if not KANJI.search(text):
            return text
        out = []
        for piece, reading in self.words(text):
            if reading is None:
                out.append(piece)
                continue
            parts = [
                part if part_reading is None else f"<ruby>{part}<rt>{escape(part_reading)}</rt></ruby>"
                for part, part_reading in split_reading(piece, reading)
            ]
            # A word cut into several ruby pieces (申し込む) must not break between them: one no-wrap span.
            out.append(f'<span class="t-rw">{"".join(parts)}</span>' if len(parts) > 1 else parts[0])
        return "".join(out)

    def uncovered(self, text: str) -> list[str]:
        """The kanji runs of ``text`` that no known word covers."""
        return [run for piece, reading in self.words(text) if reading is None for run in KANJI_RUN.findall(piece)]

    def document(self, document: str) -> str:
        """A finished HTML document with ruby in its element text (never in attributes, titles or scripts)."""
        return html_text.rewrite(
            document, lambda pieces: [self.html(piece) for piece in pieces], skip_inside=frozenset({"ruby"})
        )


def ruby_coverage(document: str) -> tuple[int, int]:
    """(kanji carrying ruby, all kanji) in the main text of a finished page (``<main>``): for tests and reports."""
    main = document.split("<main", 1)[-1].split("</main>", 1)[0]
    covered = sum(len(KANJI_RUN.findall(base)) and len("".join(KANJI_RUN.findall(base)))
                  for base in re.findall(r"<ruby>(.*?)<rt>", main))
    text = re.sub(r"<rt>.*?</rt>", "", main)
    text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]*>", "", text, flags=re.DOTALL)
    return covered, len("".join(KANJI_RUN.findall(text)))
