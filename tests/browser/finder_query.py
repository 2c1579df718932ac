"""One benchmark query of the finder: what a resident types and the pages that answer it.

Its own module so that the query sets (``finder_queries.py`` and the fresh held-out set) can share it without
importing each other."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    text: str
    answers: frozenset[str]
    sentence: bool


def _rows(rows: list[tuple[str, str]], *, sentence: bool) -> list[Query]:
    return [Query(text, frozenset(answers.split()), sentence) for text, answers in rows]
