"""What goes on each printed sheet, chosen from the catalog (no HTML here).

A flyer has room for one A4 page only, so it carries a selection and points to the guide page for the rest:
up to three lines on who needs the procedure, the PINs plus the first other things to prepare, and the
steps marked ``on_flyer`` with the same numbers as on the web page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.flyers.qr import QrCode
from generator.flyers.town import TownFacts, town_facts
from generator.model import PINS, Catalog, Category, Department, Procedure, Step
from generator.model.procedure import PrepareItem
from generator.model.vocabulary import CATEGORIES, PinInfo

MAX_FOR_WHOM = 2
MAX_PREPARE = 4
"""Checklist lines on a flyer. PIN lines are always kept, whatever this says: they are what classes fail on."""


@dataclass(frozen=True)
class ChecklistLine:
    text: str
    pin: PinInfo | None = None


@dataclass(frozen=True)
class Sheet:
    """Facts every printed sheet of one build shares."""

    municipality_name: str
    prefecture: str
    site_name: str
    sample: bool
    made_on: datetime.date
    """The 作成日 printed in the footer (see ``dates.build_date``)."""


@dataclass(frozen=True)
class ProcedureFlyer:
    """One procedure's flyer and QR card."""

    procedure: Procedure
    short_url: str
    """The absolute short address the QR code encodes (``https://…/p/k01/``)."""
    qr: QrCode
    department: Department
    for_whom: list[str]
    checklist: list[ChecklistLine]
    more_to_prepare: int
    """How many things to prepare are on the guide page but not on the flyer."""
    steps: list[tuple[int, Step]]
    total_steps: int
    town: TownFacts | None = None
    """This town's notices and answers (``generator/flyers/town.py``)."""

    @property
    def id(self) -> str:
        return self.procedure.id


@dataclass(frozen=True)
class Handout:
    """A4 sheets of QR cards for one class: a category, or all procedures."""

    group: str
    """A category value, or ``all``."""
    label: str
    flyers: list[ProcedureFlyer]

    CARDS_PER_PAGE = 8

    @property
    def pages(self) -> list[list[ProcedureFlyer]]:
        size = self.CARDS_PER_PAGE
        return [self.flyers[start : start + size] for start in range(0, len(self.flyers), size)]


@dataclass(frozen=True)
class PracticeSheet:
    """The class practice sheet: what to check before starting, and where to read more."""

    target_url: str
    """Absolute address the sheet's QR code encodes."""
    target_is_help_page: bool
    qr: QrCode
    department: Department
    pins: list[PinInfo]


def procedure_flyer(catalog: Catalog, procedure: Procedure, short_url: str, qr: QrCode) -> ProcedureFlyer:
    """Choose what one procedure's flyer shows."""
    checklist = _checklist(procedure.prepare)
    return ProcedureFlyer(
        procedure=procedure,
        short_url=short_url,
        qr=qr,
        department=catalog.municipality.department_for(procedure.id),
        for_whom=list(procedure.for_whom[:MAX_FOR_WHOM]),
        checklist=checklist,
        more_to_prepare=len(procedure.prepare) - len(checklist),
        steps=procedure.flyer_steps,
        total_steps=len(procedure.steps),
        town=town_facts(catalog, procedure),
    )


def handouts(flyers: list[ProcedureFlyer], categories: list[Category]) -> list[Handout]:
    """One handout with every procedure, then one per category that has procedures."""
    result = [Handout("all", "すべての 手続き", flyers)]
    for category in categories:
        members = [flyer for flyer in flyers if flyer.procedure.category == category]
        if members:
            result.append(Handout(category.value, f"{CATEGORIES[category].label}の 手続き", members))
    return result


def _checklist(items: list[PrepareItem]) -> list[ChecklistLine]:
    pin_count = sum(1 for item in items if item.pin)
    room = max(MAX_PREPARE - pin_count, 0)
    kept: list[ChecklistLine] = []
    for item in items:
        if item.pin:
            kept.append(ChecklistLine(item.item, PINS[item.pin]))
        elif room:
            kept.append(ChecklistLine(item.item))
            room -= 1
    return kept
