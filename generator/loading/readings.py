"""The reviewed readings (ふりがな) of the やさしい日本語 edition: ``readings/*.yml`` plus the town's settings.

Each file maps a word to its reading in hiragana (``要介護: ようかいご``). The build needs no dictionary and is
deterministic; a person reviews every line. The longest known word wins, so 「階上町役場」 can read as a whole
while 「役場」 alone has its own line. Town and department names come from the settings (``name_kana``),
never from a guess. Problems are reported like every other input problem (file:line, all at once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError, Problem
from generator.loading.yaml_source import load_yaml

KANJI_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+")
"""A run of kanji. Also what asks whether a text has a kanji (``search``) or starts with one (``match``): the
same answer as a single-kanji class would give, without compiling a second class of ~28,000 letters in every
fresh process (≈ 0.002 s)."""
_READING = re.compile(r"^[\u3041-\u309f\u30fc・（）()　 ]+$")


@dataclass(frozen=True)
class Readings:
    words: dict[str, str] = field(default_factory=dict)
    """Word → reading (hiragana)."""
    origin: dict[str, str] = field(default_factory=dict)
    """Word → where its reading is written (``readings/words.yml:12``), for ``check`` and reviewers."""

    @property
    def longest(self) -> int:
        return max((len(word) for word in self.words), default=0)

    def with_words(self, extra: dict[str, str], origin: str) -> Readings:
        return Readings({**self.words, **extra}, {**self.origin, **{word: origin for word in extra}})


def load_readings(folder: Path) -> Readings:
    """Every ``*.yml`` in ``folder`` (none: an empty table). Raises ``InputError`` listing every bad line."""
    words: dict[str, str] = {}
    origin: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        loaded = load_yaml(path)
        problems += loaded.problems
        if loaded.data is None:
            continue
        if not isinstance(loaded.data, dict):
            problems.append(loaded.source.problem((), "「ことば: よみ」の 形で 書いて ください。"))
            continue
        for word, reading in loaded.data.items():
            line, column = loaded.source.locate((word,))
            where = f"{path.parent.name}/{path.name}:{line}"
            if not isinstance(word, str) or not isinstance(reading, str) or not KANJI_RUN.search(word):
                problems.append(Problem(path, line, column, str(word), "漢字を ふくむ ことばと、その よみ（ひらがな）を 書いて ください。"))
            elif not _READING.match(reading):
                problems.append(Problem(path, line, column, word, f"よみ「{reading}」は ひらがなで 書いて ください。"))
            elif word in words:
                problems.append(Problem(path, line, column, word, f"この ことばの よみは もう {origin[word]} に あります。"))
            else:
                words[word], origin[word] = reading, where
    if problems:
        raise InputError(problems)
    return Readings(words, origin)


def settings_readings(municipality) -> dict[str, str]:  # noqa: ANN001 (a Municipality)
    """The town's own names with the readings its settings give (``name_kana``)."""
    names = {}
    if getattr(municipality, "name_kana", None):
        names[municipality.name] = municipality.name_kana
    for department in municipality.departments.values():
        if getattr(department, "name_kana", None):
            names[department.name] = department.name_kana
    return names
