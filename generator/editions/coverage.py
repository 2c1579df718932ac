"""Which kanji words of the sources have no reviewed reading yet (``check`` lists them with file:line).

The sources are every file a reader's text comes from: procedures, life-event guides, the question flow, the
town settings, the help pages (Markdown) and the words the templates and the code write themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.loading.readings import KANJI_RUN, Readings, load_readings, settings_readings
from generator.errors import InputError, Problem
from generator.editions.ruby import Annotator

SOURCE_GLOBS = (
    "procedures/*.yml", "procedures/*/*.yml", "life_events/*.yml", "life_events/*/*.yml", "questions/*.yml", "questions/*/*.yml", "municipalities/*.yml", "docs/**/*.md",
    "generator/templates/**/*.html", "theme/*.html", "generator/**/*.py", "generator/site/*.js",
)
_SKIP_LINE = re.compile(r"^\s*(#|//|\{#|<!--|url:|[a-z_]+_url:|https?:)")
_JAPANESE_STRING = r"""["'](?=[^"']*[\u3040-\u30ff\u4e00-\u9fff])([^"'\n]*)["']"""
"""A string literal with kana or kanji in it. (Compiled by ``re`` at its first use and kept in its cache: a
rebuild that reads nothing here never uses it, and its kanji class cost every fresh process ≈ 0.001 s.)"""


@dataclass(frozen=True)
class Uncovered:
    path: Path
    line: int
    word: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: 「{self.word}」の よみが readings/ に ありません。"


def source_files(root: Path, settings: Path | None = None) -> list[Path]:
    """The files to look at; with ``settings``, of the town files only that one."""
    found = {path for pattern in SOURCE_GLOBS for path in root.glob(pattern)}
    if settings is not None:
        found = {path for path in found if path.parent.name != "municipalities"} | {settings.resolve()}
    # The readings code itself names kanji classes in patterns, not words.
    return sorted(path for path in found if "editions" not in path.parts and path.name != "readings.py")


def text_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The lines of ``path`` that hold reader-facing Japanese (comments and addresses left out; in code only
    the string literals)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not KANJI_RUN.search(line):
            continue
        # A Markdown heading (「## 書類を 撮る ときの こつ」) is page text, not a comment.
        if _SKIP_LINE.match(line) and not (path.suffix == ".md" and line.startswith("#")):
            continue
        if path.suffix in (".py", ".js"):
            line = " ".join(re.findall(_JAPANESE_STRING, line))
            if not line:
                continue
        yield number, line


def uncovered(root: Path, readings: Readings, settings: Path | None = None) -> list[Uncovered]:
    annotator = Annotator(readings)
    found = []
    root = root.resolve()
    for path in source_files(root, settings):
        for number, line in text_lines(path):
            # A settings file outside the project (check --settings /elsewhere/town.yml) keeps its full path.
            shown = path.relative_to(root) if path.is_relative_to(root) else path
            found += [Uncovered(shown, number, word) for word in annotator.uncovered(line)]
    return found


def readings_problems(root: Path, settings: Path, municipality) -> tuple[list[Problem], list[Problem]]:  # noqa: ANN001
    """(errors, warnings) for ``check``: a readings file that cannot be used; each kanji word without a
    reading, at its file and line."""
    try:
        table = load_readings(root / "readings").with_words(settings_readings(municipality), "settings")
    except InputError as error:
        return error.problems, []
    warnings = [
        Problem(root / item.path, item.line, 1, "ふりがな", f"「{item.word}」の よみが readings/ に ありません（やさしい日本語の ページで ふりがなが つきません）。")
        for item in uncovered(root, table, settings)
    ]
    return [], warnings
