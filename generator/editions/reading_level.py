"""A reading-level report per source file (one procedure or guide = one page): warnings for ``check`` and the
staff pages (``site_levels``: 「ページの 読みやすさ」 under ``chirashi/``).

Per page: sentence length (max and median characters, spaces not counted), runs of 4 or more kanji and of 8 or
more katakana, and 建石's readability score (Tateishi 1988, the short formula with six variables: average
sentence length, average length of alphabet / hiragana / kanji / katakana runs, commas per sentence; higher is
easier, ordinary prose is around 50). Why Tateishi and not jReadability: both ranked our pages the same way
(measured on k01, c01, d01, help/pin and the home page: jReadability 3.9–4.2, Tateishi 45–51), but
jReadability needs fugashi with a 250 MB dictionary; Tateishi needs only character classes, so it is written
here in a few lines and runs on every ``check``. Both scores were made for learners of Japanese and for
general prose: they are a hint for the editor, never a verdict on a page for native readers.

Targets (warnings, never errors):

- standard edition: a sentence of at most 60 characters; a page score of at least 45.
- やさしい日本語 edition: a sentence of at most 40 characters; a page score of at least 50.
Official names (``official_name``, source titles) are left out: they must be written as the government does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.editions.coverage import text_lines
from generator.errors import Problem
from generator.kept import kept, keeping

SOURCES = ("procedures/*.yml", "life_events/*.yml", "questions/*.yml", "docs/help/*.md")
TARGETS = {"standard": (60, 45.0), "yasashii": (40, 50.0)}
"""Edition → (longest sentence in characters, lowest page score)."""

_OFFICIAL = re.compile(r"^\s*(-\s+)?(official_name|title|url|id|slug|kind|supports|category|reviewed|date|keywords)\s*:")
_PREFIX = re.compile(r"^\s*(-\s+)?([a-z_]+:\s*)?(\"|')?|^\s*#+\s+|^\s*[-*]\s+")
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
KANJI_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff々〆ヶ]{4,}")
KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{8,}")


def _median(values: list[int]) -> float:
    import statistics  # (imported here: a rebuild takes the report the last build made, ≈ 0.001 s of CPU to import)

    return statistics.median(values)


@dataclass
class PageLevel:
    path: Path
    sentences: list[tuple[int, str]] = field(default_factory=list)
    """(line, sentence without spaces)."""

    @property
    def lengths(self) -> list[int]:
        return [len(sentence) for _, sentence in self.sentences]

    @property
    def kanji_runs(self) -> int:
        return sum(len(KANJI_RUN.findall(sentence)) for _, sentence in self.sentences)

    @property
    def katakana_runs(self) -> int:
        return sum(len(KATAKANA_RUN.findall(sentence)) for _, sentence in self.sentences)

    @property
    def score(self) -> float:
        return tateishi("".join(sentence for _, sentence in self.sentences))

    def over(self, limit: int) -> list[tuple[int, str]]:
        """The sentences longer than ``limit`` characters, with their lines."""
        return [(line, sentence) for line, sentence in self.sentences if len(sentence) > limit]

    @property
    def median(self) -> float:
        return _median(self.lengths or [0])

    def summary(self) -> str:
        lengths = self.lengths or [0]
        return (
            f"文の 長さ 最大 {max(lengths)}字・中央 {_median(lengths):.0f}字、漢字 4字以上の 連なり "
            f"{self.kanji_runs}、カタカナ 8字以上 {self.katakana_runs}、読みやすさ（建石） {self.score:.0f}"
        )


def tateishi(text: str) -> float:
    """建石's score (short formula): −0.12·ls −1.37·la +7.4·lh −23.18·lc −5.4·lk −4.67·cp +115.79."""
    def mean_run(pattern: str) -> float:
        runs = re.findall(pattern, text)
        return sum(map(len, runs)) / len(runs) if runs else 0.0

    sentences = [s for s in _SENTENCE.findall(text) if s.strip()] or [text]
    ls = sum(map(len, sentences)) / len(sentences)
    cp = text.count("、") / max(1, len(sentences))
    return (
        -0.12 * ls - 1.37 * mean_run(r"[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]+") + 7.4 * mean_run(r"[\u3041-\u309f]+")
        - 23.18 * mean_run(r"[\u3400-\u4dbf\u4e00-\u9fff々〆ヶ]+") - 5.4 * mean_run(r"[\u30a1-\u30fa\u30fc]+")
        - 4.67 * cp + 115.79
    )


def page_level(path: Path) -> PageLevel:
    level = PageLevel(path)
    for number, line in text_lines(path):
        if _OFFICIAL.match(line) or "http" in line:
            continue
        line = re.sub(r"<[^>]+>|\]\([^)]*\)|\*\*|[\[\]`]", "", line)  # Markdown and HTML marks
        text = re.sub(r"\s+", "", _PREFIX.sub("", line, count=1)).strip("\"'")
        level.sentences += [(number, sentence) for sentence in _SENTENCE.findall(text) if len(sentence) > 1]
    return level


def site_levels(root: Path) -> tuple[PageLevel, ...]:
    """The level of every source page under ``root`` that has sentences, each with its path relative to
    ``root`` (for the staff page: the same pages and numbers as ``check``)."""
    levels = []
    for path in sorted({p for pattern in SOURCES for p in root.glob(pattern)}):
        level = _kept_level(path)
        if level.sentences:
            levels.append(PageLevel(path.relative_to(root), level.sentences))
    return tuple(levels)


def _kept_level(path: Path) -> PageLevel:
    """``page_level(path)``, kept between builds by the file's name and bytes (``generator/kept.py``): a rebuild
    after one edit read and split all ~40 source files again (~0.015 s)."""
    if not keeping():
        return page_level(path)
    raw = path.read_bytes()
    made: list[PageLevel] = []

    def compute() -> bytes:
        made.append(page_level(path))
        if path.read_bytes() != raw:  # (changed while it was read: not kept under the bytes first read)
            return b""
        return json.dumps(made[0].sentences, ensure_ascii=False).encode("utf-8")

    source = b"reading-level 1\0" + str(path).encode("utf-8", "surrogatepass") + b"\0" + raw
    kept_sentences = kept(source, compute)
    if made or not kept_sentences:
        return made[0] if made else page_level(path)
    return PageLevel(path, [(number, sentence) for number, sentence in json.loads(kept_sentences)])


def reading_level_warnings(root: Path) -> list[Problem]:
    """One warning per sentence over the standard edition's length, one per page under its score, and a
    per-page summary line naming how many sentences are over the やさしい日本語 edition's target."""
    longest, lowest = TARGETS["standard"]
    easy_longest, easy_lowest = TARGETS["yasashii"]
    warnings = []
    for path in sorted({p for pattern in SOURCES for p in root.glob(pattern)}):
        level = page_level(path)
        if not level.sentences:
            continue
        for number, sentence in level.sentences:
            if len(sentence) > longest:
                warnings.append(Problem(path, number, 1, "読みやすさ", f"文が 長いです（{len(sentence)}字。{longest}字までに）: 「{sentence[:20]}…」"))
        over_easy = sum(1 for length in level.lengths if length > easy_longest)
        if level.score < lowest or over_easy:
            warnings.append(Problem(
                path, level.sentences[0][0], 1, "読みやすさ",
                f"{level.summary()}。目安: 建石 {lowest:.0f}以上（やさしい日本語 {easy_lowest:.0f}以上）、"
                f"{easy_longest}字を こえる 文 {over_easy}（やさしい日本語の 目安）。",
            ))
    return warnings
