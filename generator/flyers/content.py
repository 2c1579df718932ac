"""What goes on each printed sheet, chosen from the catalog (no HTML here).

A flyer has room for one A4 page only, so it carries a selection and points to the guide page for the rest:
this town's online status (when it is not known to be online, the counter and phone come first), the
deadline when a national rule fixes it, the first 「大事な こと」, the first line on who needs the procedure,
the PINs plus the first other things to prepare, and every step by its web number (the ones marked
``on_flyer`` in bold), so a class can follow 「手順 4」 without gaps.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from collections.abc import Mapping
from typing import Literal

from generator.qr import QrCode
from generator.flyers.topics import TopicGroup
from generator.loading.strings import StringTable, string_table
from generator.flyers.town import TownFacts, town_facts
from generator.model import Catalog, Category, Department, PinKind, Procedure
from generator.model.procedure import PrepareItem
from generator.notices import effective_local
from generator.vocabulary_words import PinInfo, vocabulary

MAX_FOR_WHOM = 1
MAX_PREPARE = 4
"""Checklist lines on a flyer. PIN lines are always kept, whatever this says: they are what classes fail on."""


Online = Literal["yes", "no", "unknown"]


@dataclass(frozen=True)
class ChecklistLine:
    text: str
    pin: PinInfo | None = None


@dataclass(frozen=True)
class FlyerStep:
    number: int
    title: str
    highlighted: bool
    """Marked ``on_flyer``: printed in bold, the steps a class dwells on."""


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
    steps: list[FlyerStep]
    total_steps: int
    online: Online
    """Whether this town takes the procedure through Mynaportal (its settings; ``unknown`` when not said)."""
    deadline: str | None
    """The deadline's first sentence, only when a national rule fixes it (``deadline.kind: fixed``)."""
    limitation: str | None
    """The limitation period (時効) in one sentence, whatever the deadline's kind: the money a late resident loses."""
    important: str | None
    """The first 「大事な こと」 of the procedure: the one that matters most."""
    counter_ways: list[str]
    """The procedure's other ways to apply (counter, post, …), printed when the town does not take it online."""
    town: TownFacts | None = None
    """This town's notices and answers (``generator/flyers/town.py``)."""

    @property
    def id(self) -> str:
        return self.procedure.id


@dataclass(frozen=True)
class Handout:
    """A4 sheets of QR cards for one class: a topic, or all procedures."""

    group: str
    """A topic key (``topics.TOPICS``), a category value, or ``all``."""
    label: str
    flyers: list[ProcedureFlyer]

    CARDS_PER_PAGE = 4
    """Four A6 cards a sheet (2 × 2): each code sits alone in the middle of its quarter, ≥ 5 cm from the
    next, so a phone aimed at an uncut sheet cannot take the neighbour's code."""

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
    local = effective_local(catalog, procedure.id)
    # A town that takes the procedure only at the counter: no PIN, card reading or smartphone on its sheet.
    prepare = procedure.prepare if local.online != "no" else [item for item in procedure.prepare if not item.for_smartphone_only]
    checklist = _checklist(prepare, vocabulary(catalog.strings).pins, string_table(catalog.strings))
    return ProcedureFlyer(
        procedure=procedure,
        short_url=short_url,
        qr=qr,
        department=catalog.municipality.department_for(procedure.id),
        for_whom=list(procedure.for_whom[:MAX_FOR_WHOM]),
        checklist=checklist,
        more_to_prepare=len(prepare) - len(checklist),
        steps=[
            FlyerStep(number, step.title, step.on_flyer) for number, step in enumerate(procedure.steps, start=1)
        ],
        total_steps=len(procedure.steps),
        online=local.online,
        deadline=first_sentence(procedure.deadline.text, string_table(catalog.strings)) if procedure.deadline.is_fixed else None,
        limitation=procedure.limitation.text if procedure.limitation else None,
        important=procedure.important[0] if procedure.important else None,
        counter_ways=[way.text for way in procedure.other_ways],
        town=town_facts(catalog, procedure),
    )


def first_sentence(text: str | None, words: StringTable) -> str | None:
    """Up to and including the first sentence end (「。」, ``frame.sentence_end``): the rule itself (the YAML puts
    what follows from it after)."""
    if not text:
        return None
    match = re.match(rf"(.+?{re.escape(words.plain('frame.sentence_end'))})", text)
    return match[1] if match else text


def handouts(
    flyers: list[ProcedureFlyer], groups: list[TopicGroup], categories: list[Category], words: StringTable
) -> list[Handout]:
    """One handout with every procedure, one per category (their addresses were published before topics
    existed, so they stay), then one per class topic. ``words``: the edition's string table."""
    by_id = {flyer.id: flyer for flyer in flyers}
    result = [Handout("all", words.plain("card.all"), flyers)]
    for category in categories:
        members = [flyer for flyer in flyers if flyer.procedure.category == category]
        if members:
            label = words.plain("common.procedures_of", label=vocabulary(words.name).categories[category].label)
            result.append(Handout(category.value, label, members))
    for group in groups:
        result.append(Handout(group.key, group.label, [by_id[procedure.id] for procedure in group.procedures]))
    return result


def _checklist(items: list[PrepareItem], pins: Mapping[PinKind, PinInfo], words: StringTable) -> list[ChecklistLine]:
    pin_count = sum(1 for item in items if item.pin)
    room = max(MAX_PREPARE - pin_count, 0)
    kept: list[ChecklistLine] = []
    for item in items:
        if item.pin:
            pin = pins[item.pin]
            # The one everyday name and form of the PIN (the table's vocabulary.pin), whatever the YAML line says.
            kept.append(ChecklistLine(words.plain("flyer.pin_line", pin=pin.name, form=pin.form), pin))
        elif room:
            kept.append(ChecklistLine(item.item))
            room -= 1
    return kept


@dataclass(frozen=True)
class InstructorStep:
    number: int
    title: str
    detail: str | None
    caution: str | None
    on_flyer: bool


@dataclass(frozen=True)
class InstructorPage:
    """講師用: one procedure as the class will do it. Every fact is the procedure YAML's, the town settings'
    or the shared vocabulary's; what they leave open is printed as 「窓口に おたずねください」."""

    flyer: ProcedureFlyer
    prepare: list[tuple[str, str | None, PinInfo | None]]
    """(item, note, PIN) for every line of the procedure's checklist."""
    pins: list[PinInfo]
    steps: list[InstructorStep]
    help_urls: dict[str, str]
    """Label → absolute address of the shared help pages the class may need."""

    @property
    def procedure(self) -> Procedure:
        return self.flyer.procedure


def instructor_page(
    flyer: ProcedureFlyer, help_urls: dict[str, str], pin_words: Mapping[PinKind, PinInfo]
) -> InstructorPage:
    procedure = flyer.procedure
    return InstructorPage(
        flyer=flyer,
        prepare=[(item.item, item.note, pin_words[item.pin] if item.pin else None) for item in procedure.prepare],
        pins=[pin_words[item.pin] for item in procedure.prepare if item.pin],
        steps=[
            InstructorStep(number, step.title, step.detail, step.caution, step.on_flyer)
            for number, step in enumerate(procedure.steps, start=1)
        ],
        help_urls=help_urls,
    )
