"""Propose readings for the kanji words ``check`` lists as uncovered: an editor's tool, not a build step.

Uses SudachiPy with sudachidict-core (``pip install '.[readings]'``); in our own measurement it read every
hard term of the list in ``tests/editions/test_readings.py`` right, where pykakasi and fugashi+unidic-lite did
not (ARCHITECTURE.md, 「Editions」). The proposals are only proposals: the editor reads each line, corrects
it and moves it into a ``readings/*.yml`` file. Nothing here runs during a build.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from generator.editions.coverage import source_files, text_lines
from generator.loading.readings import KANJI_RUN, Readings
from generator.editions.ruby import Annotator, _hiragana

_KANA = re.compile(r"[\u3041-\u309f]+")
_WORD = re.compile(r"[\u3041-\u30ff\u3400-\u9fff]+")
INSTALL = "pip install sudachipy==0.7.0 sudachidict-core==20261015"


def sudachi_reader():  # noqa: ANN201 (a function str -> list[(surface, reading)])
    """SudachiPy's tokenizer (mode C: the longest units, e.g. 児童扶養手当) as surface/reading pairs."""
    try:
        from sudachipy import Dictionary, SplitMode
    except ImportError:
        raise SystemExit(f"よみの 候補を 出すには SudachiPy が 必要です: {INSTALL}") from None
    tokenizer = Dictionary(dict="core").create()

    def read(text: str) -> list[tuple[str, str]]:
        morphemes = list(tokenizer.tokenize(text, SplitMode.C))
        words = []
        for index, morpheme in enumerate(morphemes):
            surface, reading = morpheme.surface(), _hiragana(morpheme.reading_form())
            following = morphemes[index + 1] if index + 1 < len(morphemes) else None
            # A verb whose surface ends in kanji (出て, 来ない) is read by what follows: keep that kana with it.
            if morpheme.part_of_speech()[0] == "動詞" and KANJI_RUN.match(surface[-1]) and following is not None \
                    and _KANA.fullmatch(following.surface()):
                surface += following.surface()
                reading += _hiragana(following.reading_form())
            words.append((surface, reading))
        return words

    return read


def proposals(root: Path, readings: Readings, read=None) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    """Uncovered word → (proposed reading, file:line where it stands). A word read two ways in different
    places (日: ひ / にち) is proposed with its most frequent reading, and the other places get the word with
    the next word joined (日前: にちまえ), so the longest match picks the right one."""
    read = read or sudachi_reader()
    annotator = Annotator(readings)
    seen: dict[str, Counter[str]] = {}
    places: list[tuple[list[tuple[str, str]], str]] = []
    for path in source_files(root):
        for number, line in text_lines(path):
            if not annotator.uncovered(line):
                continue
            words = read(line)
            places.append((words, f"{path.relative_to(root)}:{number}"))
            for surface, reading in words:
                if KANJI_RUN.search(surface) and annotator.uncovered(surface):
                    seen.setdefault(surface, Counter())[reading] += 1
    usual = {surface: counts.most_common(1)[0][0] for surface, counts in seen.items()}
    found: dict[str, tuple[str, str]] = {}
    for words, where in places:
        for index, (surface, reading) in enumerate(words):
            if surface not in usual:
                continue
            if reading != usual[surface] and index + 1 < len(words) and _WORD.fullmatch(words[index + 1][0]):
                surface, reading = surface + words[index + 1][0], reading + words[index + 1][1]
            found.setdefault(surface, (reading, where))
    return found


def as_yaml(found: dict[str, tuple[str, str]]) -> str:
    lines = ["# よみの 候補（SudachiPy）。一つずつ たしかめて、直してから readings/*.yml に 移して ください。"]
    lines += [f"{word}: {reading}  # {where}" for word, (reading, where) in sorted(found.items(), key=lambda i: i[1][1])]
    return "\n".join(lines) + "\n"
