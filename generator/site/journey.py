"""Where a procedure sits in the life-event guides: 「赤ちゃんが できた・うまれた」の ステップ 3／3, with the steps
before and after it, so a resident who lands on one procedure (from a QR code) sees the whole journey.

The guides (``life_events/*.yml``) are the only source: a procedure belongs to a journey when a guide step links
it. A neighbouring step links to its procedure page when it has exactly one, else to the step on the guide page
(a counter step, or a step that offers a choice of procedures).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Catalog, LifeEvent, Procedure
from generator.model.guide import GuideStep
from generator.site import urls
from generator.vocabulary_words import vocabulary


@dataclass(frozen=True)
class JourneyStep:
    number: int
    title: str
    url: str
    """Site-relative address: a procedure page, or the guide page with the step's anchor."""


@dataclass(frozen=True)
class Journey:
    event: LifeEvent
    label: str
    """The life event as on the home page (「赤ちゃんが できた・うまれた」)."""
    guide_url: str
    number: int
    count: int
    previous: JourneyStep | None
    next: JourneyStep | None


def step_anchor(number: int) -> str:
    """The id of step ``number`` on a guide page (life_event.html writes the same)."""
    return f"ステップ{number}"


def _step_link(catalog: Catalog, event: LifeEvent, number: int, step: GuideStep) -> JourneyStep:
    if len(step.procedures) == 1:
        url = urls.procedure_url(catalog.get(step.procedures[0]))
    else:
        url = f"{urls.life_event_url(event)}#{step_anchor(number)}"
    return JourneyStep(number, step.title, url)


def journeys(catalog: Catalog, procedure: Procedure) -> list[Journey]:
    """Every guide step that links ``procedure``, in the order of the life events."""
    found = []
    for event in LifeEvent:
        guide = catalog.guides.get(event)
        if guide is None:
            continue
        steps = guide.steps
        for index, step in enumerate(steps):
            if procedure.id not in step.procedures:
                continue
            number = index + 1
            found.append(Journey(
                event=event,
                label=vocabulary(catalog.strings).life_events[event],
                guide_url=urls.life_event_url(event),
                number=number,
                count=len(steps),
                previous=_step_link(catalog, event, number - 1, steps[index - 1]) if index > 0 else None,
                next=_step_link(catalog, event, number + 1, steps[index + 1]) if index + 1 < len(steps) else None,
            ))
            break
    return found
