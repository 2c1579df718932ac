"""The small exception hierarchy of tetsuzuki, and the Problem every check reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, pinned to a place a webmaster can open in an editor.

    ``field`` is a dotted path such as ``steps.2.title``; ``message`` says what is wrong and what was
    expected, in Japanese, because the webmaster who reads it is Japanese municipal staff.
    """

    path: Path
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        field = self.field or "(ファイル全体)"
        return f"{_display(self.path)}:{self.line}:{self.column}: {field}: {self.message}"


def _display(path: Path) -> Path:
    """The path relative to the working folder when it is inside it: shorter, and editors open it as is."""
    # The folder is resolved, not the file: a problem about a symlink must name the link, not its target.
    try:
        return (path.parent.resolve() / path.name).relative_to(Path.cwd().resolve())
    except ValueError:
        return path


class TetsuzukiError(Exception):
    """Base class of every error tetsuzuki raises on purpose."""


class InputError(TetsuzukiError):
    """The YAML input (procedures or municipality settings) has problems; nothing was built."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [f"入力に {count} 件の 問題が あります。直してから もう一度 ビルドして ください。"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


class BuildError(TetsuzukiError):
    """Rendering or writing the site failed after the input was found valid."""


class BadEnvironment(BuildError):
    """An environment variable (or the command option that stands for it, ``--pdf-workers``) holds a value the
    build cannot use. The message names the variable, not a file."""
