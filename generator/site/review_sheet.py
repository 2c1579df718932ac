"""点検シート (review sheet): one printable review sheet per procedure for the town's staff, and an index of them.

A sheet lists every statement the procedure page makes with the sources that support it (each source's
``supports``), and every ``ask_locally`` question with a blank for the town's answer and the place in the
settings where that answer goes. A town works through it before it switches ``sample`` off. It also lists the sentences the templates write by
themselves (``generator/sentences.py``) with the condition each depends on and whether this page shows it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import get_args

from generator.cache.renders import Renders
from generator.loading.strings import REFERENCE, StringTable, string_table
from generator.model import Catalog, Procedure
from generator.model.common import Source, SourceKind
from generator.model.procedure import Deadline, Limitation, OtherWay, PrepareItem, Step
from generator.model.patterns import STATEMENT_FIELDS
from generator.notices import effective_local
from generator.output import GeneratedPage, SiteOutput
from generator.sentences import SENTENCES
from generator.site import urls
from generator.templating import make_environment
from generator.vocabulary_words import vocabulary

INDEX = f"{urls.FLYERS}kakunin/"
"""Address of the list of review sheets (under the staff pages, which search engines do not index)."""


def sheet_url(procedure_id: str) -> str:
    return f"{INDEX}{procedure_id}/"


FIELD_AREA = "review.field"
"""The string table's labels of the fields a source may support (``review.field.<field>``, one for each of
``STATEMENT_FIELDS``; built keys: ``tests/content/test_review_sheet.py`` checks the area against the fields)."""

KIND_AREA = "review.kind"
"""The string table's names of the kinds of source (``review.kind.<kind>``, one for each ``SourceKind``)."""


def labels(words: StringTable, area: str, keys: Iterable[str]) -> dict[str, str]:
    """Key → its words in ``area`` of the string table (a field's label, a source kind's name)."""
    return {key: words.plain(f"{area}.{key}") for key in keys}


@dataclass(frozen=True)
class Statement:
    """One statement of the procedure page, with the sources that support it."""

    ref: str
    """``important.2``: the name a source's ``supports`` uses."""
    label: str
    """Where it stands on the page (「大事な こと 2」)."""
    text: str
    sources: tuple[int, ...]
    """Numbers (from 1) of the sources in the sheet's source list."""


@dataclass(frozen=True)
class Question:
    """One ask_locally question, with the town's answer if it already gave one."""

    key: str
    text: str
    settings_path: str
    answer: str | None
    checked: str | None


def statement_text(item: object, words: StringTable) -> str:
    """The words a resident reads for one statement of the page (a deadline without its own text: the page's
    line for its kind)."""
    if isinstance(item, str):
        return item
    if isinstance(item, Deadline):
        if item.text:
            return item.text
        return {"none": words.plain("review.deadline_none"), "local": words.plain("review.deadline_local")}.get(item.kind, "")
    if isinstance(item, Limitation):
        return item.text
    if isinstance(item, PrepareItem):
        return _sentences(words, item.item, item.note)
    if isinstance(item, Step):
        return _sentences(words, item.title, item.detail, item.caution)
    if isinstance(item, OtherWay):
        return item.text
    return str(item)


def _sentences(words: StringTable, *parts: str | None) -> str:
    """Parts joined as sentences: the sentence end (「。」) after each part that does not already end with one."""
    end = words.plain("frame.sentence_end")
    return "".join(part if part.endswith(end) else f"{part}{end}" for part in parts if part)


def statements(procedure: Procedure, strings: str = REFERENCE) -> list[Statement]:
    """Every statement of the page in page order, each with the sources whose ``supports`` name it (a PIN's
    form and lock rule in the words of the string table ``strings``)."""
    pins = vocabulary(strings).pins
    words = string_table(strings)
    field_labels = labels(words, FIELD_AREA, STATEMENT_FIELDS)
    result = []
    for field in STATEMENT_FIELDS:
        value = getattr(procedure, field)
        refs = [f"{field}.{number}" for number in range(1, len(value) + 1)] if isinstance(value, list) else [field]
        for ref in refs:
            items = procedure.statement(ref)
            if items is None:
                continue
            text = "\n".join(statement_text(item, words) for item in items)
            if field == "prepare":
                item = procedure.prepare[int(ref.split(".")[1]) - 1]
                if item.pin:
                    pin = pins[item.pin]
                    text = words.plain("review.statement_pin", text=text, form=pin.form, lock=pin.lock)
            numbers = tuple(
                number
                for number, source in enumerate(procedure.sources, start=1)
                if ref in source.supports or field in source.supports
            )
            number = ref.partition(".")[2]
            label = words.plain("review.statement_number", label=field_labels[field], number=number) if number else field_labels[field]
            result.append(Statement(ref, label, text, numbers))
    return result


def numbered_sources(procedure: Procedure) -> list[tuple[int, Source]]:
    """The procedure's sources with the numbers the sheet gives them (from 1)."""
    return list(enumerate(procedure.sources, start=1))


def questions(catalog: Catalog, procedure: Procedure) -> list[Question]:
    answers = catalog.municipality.local(procedure.id).answers
    result = []
    for question in procedure.ask_locally:
        given = answers.get(question.key)
        result.append(
            Question(
                key=question.key,
                text=question.text,
                settings_path=f"procedures → {procedure.id} → answers → {question.key}",
                answer=given.text if given else None,
                checked=given.checked.isoformat() if given else None,
            )
        )
    return result


def settings_example(procedure: Procedure, key: str, kind: str | None = None, words: StringTable | None = None) -> str:
    """The YAML a town writes in its settings file to answer one question (``kind``: 町, 村, 市 …)."""
    words = words or string_table()
    answer = words.plain("review.settings_answer", kind=kind or words.plain("review.town_kind"))
    return (
        f"procedures:\n  {procedure.id}:\n    answers:\n      {key}:\n"
        f"        text: {answer}\n        checked: YYYY-MM-DD"
    )


def review_sheets(catalog: Catalog) -> SiteOutput:
    """The index of review sheets and one sheet per procedure, as whole print documents."""
    environment = make_environment(catalog.strings)
    words = string_table(catalog.strings)
    municipality = catalog.municipality
    kind_labels = labels(words, KIND_AREA, get_args(SourceKind))
    common = {"municipality": municipality, "kind_labels": kind_labels}
    renders = Renders("site.review_sheet", words)  # kept between builds by the values given (generator/cache/renders.py)

    def render(template: str, url: str, derived: Mapping[str, Callable[[], object]] | None = None, **context: object) -> str:
        def link(target: str) -> str:
            return urls.relative(url, target)

        # The key holds every value given; the rest is the address's (link), the string table's or the code's, and
        # ``derived``: values made, when the page is rendered, from values given and the string table only.
        data = {**common, **context}
        code = {"link": link, "urls": urls, "sheet_url": sheet_url, "settings_example": example}

        def rendered() -> str:
            made = {name: make() for name, make in (derived or {}).items()}
            return environment.get_template(template).render(**code, **data, **made)

        return renders.rendered(template, url, data, rendered)

    def example(procedure: Procedure, key: str, kind: str | None) -> str:
        return settings_example(procedure, key, kind, words)

    pages = [
        GeneratedPage(
            url=INDEX,
            title=words.plain("review.index"),
            html=render(
                "review_sheet_index.html", INDEX, procedures=catalog.procedures,
                document_title=words.plain("review.index"),
            ),
            template="flyer-print.html",
            hide_from_search_engines=True,
        )
    ]
    for procedure in catalog.procedures:
        url = sheet_url(procedure.id)
        title = words.plain("review.title", title=procedure.title, id=procedure.id)
        html = render(
            "review_sheet.html",
            url,
            document_title=title,
            procedure=procedure,
            local=municipality.local(procedure.id),
            # (made of the procedure and the string table, both in the key: made only when the sheet is rendered,
            # and not walked for the key — ~730 statements and ~600 sources a town)
            derived={
                "statements": functools.partial(statements, procedure, catalog.strings),
                "sources": functools.partial(numbered_sources, procedure),
            },
            questions=questions(catalog, procedure),
            template_sentences=[
                (sentence.words(words), sentence.test(procedure, effective_local(catalog, procedure.id)))
                for sentence in SENTENCES
            ],
            page_url=urls.procedure_url(procedure),
        )
        pages.append(GeneratedPage(url=url, title=title, html=html, template="flyer-print.html", hide_from_search_engines=True))
    return SiteOutput(pages=pages)


__all__ = ["INDEX", "Question", "Source", "Statement", "questions", "review_sheets", "sheet_url", "statements"]
