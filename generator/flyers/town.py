"""What a flyer says about this town beyond the contact: its dated notices and its answers to the procedure's
``ask_locally`` questions (labelled as the town's information, with the date it was checked), or the
questions to ask where the town has not answered. Text comes from ``generator.notices``, the same words as
the guide page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from generator.model import Catalog, Procedure
from generator.notices import notice_lines


@dataclass(frozen=True)
class TownAnswer:
    question: str
    answer: str
    checked: datetime.date


@dataclass(frozen=True)
class TownFacts:
    notices: list[str] = field(default_factory=list)
    answers: list[TownAnswer] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    """``ask_locally`` questions the town has not answered: printed as things to ask."""


def town_facts(catalog: Catalog, procedure: Procedure) -> TownFacts:
    answers = catalog.municipality.local(procedure.id).answers
    return TownFacts(
        notices=[line.text for line in notice_lines(catalog, procedure.id)],
        answers=[
            TownAnswer(q.text, answers[q.key].text, answers[q.key].checked)
            for q in procedure.ask_locally if q.key in answers
        ],
        questions=[q.text for q in procedure.ask_locally if q.key not in answers],
    )
