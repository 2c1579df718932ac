"""Where a project keeps its inputs, relative to the folder of ``mkdocs.yml``: written once, here.

The MkDocs plugin's options default to these paths, ``project.read_project`` reads the same defaults, and
``load_catalog`` uses them for the optional inputs it is not given.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class InputLayout:
    settings: str = "municipalities/hashikami.yml"
    """The municipality settings file the site is built for (``build --all`` reads every file beside it)."""
    procedures: str = "procedures"
    """One YAML file per procedure."""
    life_events: str = "life_events"
    """One life-event guide per event (``<event>.yml``)."""
    questions: str = "questions/flow.yml"
    """The questions and rules of 「わたしの 手続き」."""
    audit: str = "accessibility/audit.json"
    """Published browser test results (``bash scripts/audit.sh``)."""
    finder_words: str = "finder/synonyms.yml"
    """The finder's everyday words."""
    finder_query_words: str = "finder/everyday.yml"
    """The finder's everyday words read into the query, loaded by the page when the resident starts typing."""
    readings: str = "readings"
    """Reviewed readings (ふりがな) of kanji words, ``*.yml`` (generator/loading/readings.py)."""
    editions: str = "editions.yml"
    """The editions the site is published in (optional: without it, ``generator/editions/editions.yml``)."""
    strings: str = "strings"
    """A project's own string tables (``<name>.yml``), for editions its ``editions.yml`` declares."""

    def top_level(self) -> tuple[str, ...]:
        """The top-level folders of these inputs, each once, in order."""
        return tuple(dict.fromkeys(PurePosixPath(path).parts[0] for path in astuple(self)))


DEFAULT_INPUTS = InputLayout()
