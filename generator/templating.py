"""The Jinja environment for generated content, shared by the features (the guide pages, the finder, the review
sheets, the print pages): autoescape on, so YAML text never reaches a page raw; templates in
``generator/templates/``; the filters every template may use, and ``t("area.key", name=value)``: the words a template
writes itself, from the edition's string table (``generator/strings/<table>.yml``, ``generator/loading/strings.py``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.cache.templates import COMPILED
from generator.loading.strings import REFERENCE, string_table
from generator.hours_words import hours_line, week_days
from generator.model.hours import JS_DAY, WeeklyHours
from generator.town_words import site_name, town_kind
from generator.vocabulary_words import vocabulary

TEMPLATES = Path(__file__).resolve().parent / "templates"


def make_environment(strings: str = REFERENCE) -> jinja2.Environment:
    """The Jinja environment for generated content. Autoescape is on: YAML text never reaches a page raw.
    ``strings`` names the string table of the edition being rendered (``Catalog.strings``)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=COMPILED,  # each template compiled once, not once per environment and process
    )
    environment.filters["tel"] = lambda phone: "tel:" + phone.replace("-", "")
    words = string_table(strings)
    environment.filters["jdate"] = lambda day: words.plain("common.date", year=day.year, month=day.month, day=day.day)
    environment.filters["phrases"] = phrases
    environment.filters["hours_line"] = lambda hours: hours_line(hours, words)  # generator/hours_words.py
    environment.globals["hours_days"] = lambda hours: week_days(hours, words)
    environment.globals["site_name"] = lambda municipality: site_name(municipality, words)  # generator/town_words.py
    environment.globals["town_kind"] = lambda municipality: town_kind(municipality, words)
    environment.tests["weekly_hours"] = lambda hours: isinstance(hours, WeeklyHours)
    environment.globals["js_day"] = JS_DAY
    environment.globals["t"] = words.text
    environment.globals["script_words"] = words.script
    terms = vocabulary(strings)  # the words of the model's vocabularies (generator/vocabulary_words.py)
    environment.globals.update(categories=terms.categories, life_events=terms.life_events, pins=terms.pins)
    return environment


# After 。、 and before （「, when more text follows: the places Japanese text may break besides our spaces.
_PUNCTUATION_BREAK = re.compile(r"(?<=[。、])(?=[^\s。、）」・])|(?<=[^\s（「])(?=[（「])")


def phrases(text: object) -> Markup:
    """Escaped text with a ``<wbr>`` where a line may break at punctuation.

    The theme keeps words whole (``word-break: keep-all``), so a line breaks at the spaces between phrases; this
    adds the breaks after 「。」「、」 and before opening brackets that keep-all would otherwise glue to the next word
    (「ください。窓口でも」 would be one unbreakable run). Only for element text, never inside an attribute.
    """
    return Markup(_PUNCTUATION_BREAK.sub("<wbr>", str(escape(text))))


@functools.cache
def shared_environment(strings: str = REFERENCE) -> jinja2.Environment:
    """One environment per process and string table for features that add nothing to it: each template is
    compiled once per build, not once per page."""
    return make_environment(strings)
