"""The sentences the templates write by themselves, with the data each one depends on.

A template sentence is a statement like any sentence in ``procedures/``: it must be true on every page and
flyer it appears on. So each one is listed here with the condition under which it is true, as a function of
the procedure and the town's settings (channel, interview needed, post accepted, online status, deadline kind,
limitation). The templates ask ``shown(...)`` instead of spelling their own conditions, and the 点検シート lists
every sentence with its condition and whether this page shows it, so staff can check the words that come from
no YAML file. Shared by the guide pages, the flyers and the review sheet (no feature imports another).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.loading.strings import StringTable
from generator.model import Procedure
from generator.model.municipality import LocalProcedure


def has_counter(procedure: Procedure) -> bool:
    return any(way.method == "counter" for way in procedure.other_ways)


def post_accepted(procedure: Procedure) -> bool:
    """Post is promised only where the YAML says it works in every town and no interview needs the resident."""
    return not procedure.interview and any(way.method == "post" and way.everywhere for way in procedure.other_ways)


AREA = "template_sentence"
"""The string table's area of the sentences' words (``template_sentence.search_hint.text``)."""


@dataclass(frozen=True)
class SentenceWords:
    """A template sentence as the 点検シート lists it, in the words of a string table."""

    key: str
    where: str
    """Where it stands (「手順の はじめ」, 「チラシ: 用意する もの」)."""
    text: str
    """The words as a reader sees them; 〇〇 stands for the town's name."""
    condition: str
    """When it is shown, in words staff can check against the data."""


@dataclass(frozen=True)
class TemplateSentence:
    key: str
    """Its row on the 点検シート; its words are ``template_sentence.<key with _>.*`` of the string table."""
    test: Callable[[Procedure, LocalProcedure], bool]

    def words(self, table: StringTable) -> SentenceWords:
        # Built keys: tests/editions/test_string_tables.py checks this area against SENTENCES itself.
        entry = f"{AREA}.{self.key.replace('-', '_')}"
        return SentenceWords(
            self.key, table.plain(f"{entry}.where"), table.plain(f"{entry}.text"), table.plain(f"{entry}.condition")
        )


SENTENCES: tuple[TemplateSentence, ...] = (
    TemplateSentence("search-hint", lambda p, local: local.online != "no" and not (local.online == "yes" and local.mynaportal_url)),
    TemplateSentence("search-fallback-counter", lambda p, local: SENTENCES_BY_KEY["search-hint"].test(p, local) and has_counter(p)),
    TemplateSentence("search-fallback-post", lambda p, local: SENTENCES_BY_KEY["search-hint"].test(p, local) and post_accepted(p)),
    TemplateSentence("start-needs", lambda p, local: local.online != "no"),
    TemplateSentence("start-counter-too", lambda p, local: local.online == "unknown" and has_counter(p)),
    TemplateSentence("deadline-none", lambda p, local: p.deadline.kind == "none"),
    TemplateSentence("deadline-local", lambda p, local: p.deadline.kind == "local" and p.limitation is None),
    TemplateSentence("deadline-local-limited", lambda p, local: p.deadline.kind == "local" and p.limitation is not None),
    TemplateSentence("limitation", lambda p, local: p.limitation is not None),
    TemplateSentence("flyer-counter-only", lambda p, local: local.online == "no"),
    TemplateSentence("flyer-smartphone-things", lambda p, local: local.online != "no"),
    TemplateSentence("flyer-pin-warning", lambda p, local: local.online != "no" and any(item.pin for item in p.prepare)),
    TemplateSentence("flyer-steps", lambda p, local: local.online != "no"),
)

SENTENCES_BY_KEY: dict[str, TemplateSentence] = {sentence.key: sentence for sentence in SENTENCES}


def shown(procedure: Procedure, local: LocalProcedure) -> dict[str, bool]:
    """Sentence key → whether the page and flyer of ``procedure`` in this town show it."""
    return {sentence.key: sentence.test(procedure, local) for sentence in SENTENCES}


__all__ = ["AREA", "SENTENCES", "SENTENCES_BY_KEY", "SentenceWords", "TemplateSentence", "has_counter", "post_accepted", "shown"]
