"""「わたしの 手続き」 (``watashi/``): answer a few questions, get your own list of procedures.

The page works like the finder: without JavaScript it is a short introduction that leads to the life-event
guides; ``generator/site/flow.js`` turns it into one question per screen and the result list. The
script reads the rules (``questions/flow.yml`` plus what it needs from each procedure and this town's
settings, as JSON in ``watashi/flow.json``), so the same data the tests evaluate in Python drives the page.
The page itself loads flow.css and ``flow-start.js``, which fetches the rules and flow.js when the questions
start: a first visit stays light (issue #23). Answers
live only in the address after ``#``; nothing is sent anywhere.

QR codes for the printed memo are made here at build time (one SVG per procedure, pointing at its short
address ``p/<id>/``), because every address is known now; none when the settings have no ``base_url``.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.cache.qr import cached_qr
from generator.hours_words import hours_line
from generator.model import Catalog
from generator.model.flow import MAX_QUESTIONS, Counter, Flow, Rule, StepRef
from generator.model.guide import GuideStep
from generator.model.procedure import Procedure
from generator.loading.strings import string_table
from generator.output import GeneratedFile, GeneratedPage, SiteOutput
from generator.site import urls
from generator.site.pages import render_content
from generator.site.scripts import minified_script
from generator.town_words import town_kind
from generator.vocabulary_words import vocabulary

URL = "watashi/"
DATA = f"{URL}flow.json"
SCRIPT = "assets/javascripts/flow.js"
SCRIPT_SOURCE = Path(__file__).with_name("flow.js")
STARTER = "assets/javascripts/flow-start.js"
STARTER_SOURCE = Path(__file__).with_name("flow-start.js")


def qr_path(procedure_id: str) -> str:
    return f"{URL}qr/{procedure_id}.svg"


def my_procedures(catalog: Catalog) -> SiteOutput:
    """The page and its QR images, or nothing when the site has no ``questions/flow.yml``."""
    if catalog.flow is None:
        return SiteOutput()
    base_url = catalog.municipality.base_url
    files = []
    if base_url:
        for procedure in catalog.procedures:
            address = urls.absolute(base_url.rstrip("/") + "/", urls.short_url(procedure.id))
            code = cached_qr(address, catalog.options.cache_folder)
            files.append(GeneratedFile(qr_path(procedure.id), code.svg))
    data = flow_data(catalog, catalog.flow, with_qr=bool(base_url))
    # "<" stays escaped as when the page carried the rules: the same JSON, whoever reads it.
    rules = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    words = string_table(catalog.strings)
    html = render_content(
        catalog, "my_procedures.html", URL,
        data_url=DATA, script=SCRIPT,
        max_questions=MAX_QUESTIONS,
    )
    page = GeneratedPage(
        url=URL,
        title=words.plain("home.my_procedures"),
        html=html,
        template="my-procedures.html",
        description=words.plain("my_procedures.description"),
    )
    files.append(GeneratedFile(DATA, rules.encode("utf-8")))
    folder = catalog.options.cache_folder
    return SiteOutput(pages=[page], files=[flow_script(folder), minified_script(STARTER, STARTER_SOURCE, folder), *files])


def flow_script(cache_folder: Path | None = None) -> GeneratedFile:
    """flow.js minified like the finder's script (``generator.site.scripts``): 8.3 → 6.3 KB gzip."""
    return minified_script(SCRIPT, SCRIPT_SOURCE, cache_folder)


def flow_data(catalog: Catalog, flow: Flow, *, with_qr: bool) -> dict:
    """Everything flow.js needs, in one JSON object (kept small: the script and this data ≤ 30 KB gzip)."""
    municipality = catalog.municipality
    return {
        "questions": [question.model_dump(exclude_defaults=True) for question in flow.questions],
        "rules": [_rule(catalog, rule) for rule in flow.rules],
        "counters": [_counter(catalog, counter) for counter in flow.counters],
        "order": flow.order,
        "procedures": {p.id: _procedure(catalog, p, with_qr) for p in catalog.procedures},
        "guides": {event.value: {"title": vocabulary(catalog.strings).life_events[event], "url": urls.relative(URL, urls.life_event_url(event))} for event in catalog.life_events},
        "town": municipality.name,
        "kind": town_kind(municipality, string_table(catalog.strings)),  # 市, 町 or 村: 「町に おたずねください」 on a village's site was wrong
        "max": MAX_QUESTIONS,
        "contact": _contact(catalog),
    }


def _step(catalog: Catalog, ref: StepRef) -> tuple[GuideStep, str]:
    """A guide step the flow names (the loader checked it exists) and the address of its place on the guide."""
    step = catalog.guides[ref.guide].steps[ref.step - 1]
    return step, urls.relative(URL, urls.life_event_url(ref.guide)) + f"#ステップ{ref.step}"


def _rule(catalog: Catalog, rule: Rule) -> dict:
    item = rule.model_dump(exclude_defaults=True, exclude={"deadline", "deadline_local"})
    if rule.deadline_local:
        item["deadline"] = {"kind": "local", "text": string_table(catalog.strings).plain("my_procedures.ask_deadline")}
    if rule.deadline is not None:
        step, _ = _step(catalog, rule.deadline)
        item["deadline"] = {"kind": "fixed", "text": step.text, "rule": rule.deadline.rule.model_dump(exclude_defaults=True)}
    return item


def _counter(catalog: Catalog, counter: Counter) -> dict:
    """A counter step as the list shows it: the guide step's own title and text (its deadline when it states one)."""
    step, url = _step(catalog, counter)
    deadline: dict = {"kind": "fixed" if step.deadline else "none", "text": ""}
    if step.deadline is not None:
        deadline["rule"] = step.deadline.model_dump(exclude_defaults=True)
    return {"id": counter.id, "when": counter.when, "title": step.title, "text": step.counter, "url": url, "deadline": deadline}


def _procedure(catalog: Catalog, procedure: Procedure, with_qr: bool) -> dict:
    local = catalog.municipality.local(procedure.id)
    deadline = procedure.deadline
    item = {
        "title": procedure.title,
        "url": urls.relative(URL, urls.procedure_url(procedure)),
        "deadline": {"kind": deadline.kind, "text": deadline.text or ""},
        "prepare": [entry.item for entry in procedure.prepare],
        "online": local.online,
        "ask": [q.text for q in procedure.ask_locally if q.key not in local.answers],
        "answered": [[q.text, local.answers[q.key].text] for q in procedure.ask_locally if q.key in local.answers],
    }
    if local.online == "yes" and local.mynaportal_url:
        item["apply"] = local.mynaportal_url
    if deadline.rule is not None:
        item["deadline"]["rule"] = deadline.rule.model_dump(exclude_defaults=True)
    if procedure.limitation is not None:
        item["limitation"] = procedure.limitation.text
    if with_qr:
        item["qr"] = urls.relative(URL, qr_path(procedure.id)).removesuffix("/")
        item["short"] = urls.absolute(catalog.municipality.base_url.rstrip("/") + "/", urls.short_url(procedure.id))
    return item


def _contact(catalog: Catalog) -> dict:
    department = catalog.municipality.departments[catalog.municipality.default_department]
    contact = {"name": department.name}
    if department.phone:
        contact["phone"] = department.phone
    if department.hours:
        contact["hours"] = hours_line(department.hours, string_table(catalog.strings))
    return contact
