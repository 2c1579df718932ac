"""Render every generated page of one municipality's site from a validated catalog.

This module knows nothing about MkDocs: it returns ``GeneratedPage`` objects (a URL, a title and escaped
HTML for the content area) that the MkDocs plugin hands over as virtual files, and that tests can read
directly.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.cache.renders import Renders
from generator.loading.strings import StringTable, string_table
from generator.model import Catalog, Category, LifeEvent, Municipality, Procedure
from generator.holidays import public_holidays
from generator.notices import effective_local, notice_date, notice_lines
from generator.output import GeneratedPage
from generator.sentences import shown
from generator.site import urls
from generator.site.feedback_links import feedback_block
from generator.site.journey import journeys
from generator.site.structured_data import government_service, json_ld_script
from generator.templating import shared_environment
from generator.town_words import site_name
from generator.vocabulary_words import PinInfo, vocabulary


@dataclass(frozen=True)
class ListedProcedure:
    """What a link to a procedure shows of it (``_procedure_list.html``, ``short_link.html``): its address's parts
    (``urls.procedure_url`` reads ``category`` and ``slug``), its title and official name. A page given this
    instead of the ``Procedure`` is kept between builds by these values only (``generator/cache/renders.py``):
    an edit of a procedure's steps renders again neither its short links nor the pages that list it as related.
    A template that reads anything else of it fails (the environment's undefined is strict)."""

    id: str
    category: Category
    slug: str
    title: str
    official_name: str


def listed(procedure: Procedure) -> ListedProcedure:
    return ListedProcedure(procedure.id, procedure.category, procedure.slug, procedure.title, procedure.official_name)


def render_pages(catalog: Catalog) -> list[GeneratedPage]:
    """The guide pages: home, categories, life events, procedures and their short links."""
    renderer = _Renderer(catalog)
    pages = [renderer.home()]
    pages += [renderer.category(category) for category in catalog.categories]
    pages += [renderer.life_event(event) for event in catalog.life_events]
    for procedure in catalog.procedures:
        pages.append(renderer.procedure(procedure))
        pages += [renderer.short_link(procedure, address) for address in urls.short_urls(procedure.id)]
    return pages


@dataclass(frozen=True)
class StartPanel:
    """What the start panel of a procedure page says besides the town's online status."""

    pins: list[PinInfo]
    """The PINs the smartphone way needs, in the order the checklist names them."""
    deadline: str
    """The deadline in one line: the rule (fixed), 「決まった 期限は ありません」 (none) or ask the town (local)."""
    deadline_more: str | None
    """The rest of the deadline text, folded under the line (``None``: the line says it all)."""
    limitation: str | None = None
    """The limitation period (時効), shown under the deadline line whatever the deadline's kind."""


def start_panel(procedure: Procedure, municipality: Municipality, words: StringTable | None = None) -> StartPanel:
    """``words``: the edition's string table (default: the standard edition's)."""
    words = words or string_table()
    pins = list(dict.fromkeys(entry.pin for entry in procedure.prepare if entry.pin))
    deadline = procedure.deadline
    if deadline.kind == "fixed":
        assert deadline.text is not None  # the model requires it
        first = re.match(rf"^.+?{re.escape(words.plain('frame.sentence_end'))}", deadline.text)
        line = first.group(0) if first else deadline.text
        more = deadline.text[len(line):].strip() or None
    elif deadline.kind == "none":
        line, more = words.plain("start.deadline_none"), deadline.text
    elif procedure.limitation is None:
        line, more = words.plain("start.deadline_local", town=municipality.name), deadline.text
    else:
        # A national limit caps whatever the town decides: the town does not "decide" the deadline alone.
        line, more = words.plain("start.deadline_local_capped", town=municipality.name), deadline.text
    limitation = procedure.limitation.text if procedure.limitation else None
    return StartPanel(pins=[vocabulary(words.ref).pins[pin] for pin in pins], deadline=line, deadline_more=more, limitation=limitation)


CARE_CENTER = "houkatsu"
"""The ``departments`` key under which a town's settings may give its 地域包括支援センター (name, phone, hours):
care pages and the care guide then show it as the first place to ask. A convention on an existing field, so the
settings model and its workbook need no new column."""


def care_center(municipality: Municipality):  # noqa: ANN201 (a Department or None)
    return municipality.departments.get(CARE_CENTER)


def shows_family_box(procedure: Procedure) -> bool:
    """Care procedures are mostly applied for by family (the help section they link to is about care)."""
    return procedure.category == Category.KAIGO


def render_content(catalog: Catalog, template: str, url: str, **context: object) -> str:
    """The content-area HTML of ``template`` for the page at ``url``, with the same context as the guide pages.

    Other features (change history, open data, …) use this so every page gets ``link()``, ``urls`` and the
    municipality the same way.
    """
    return _Renderer(catalog)._render(template, url, **context)


class GivenPages:
    """Pages of one feature rendered from given values only — no ``catalog``, which the template then cannot
    read (the environment's undefined is strict) — and kept between builds by those values
    (``generator/cache/renders.py``). For pages that read one procedure's or one page's values, not the whole
    catalog: after a one-procedure edit only that procedure's pages are rendered again."""

    def __init__(self, catalog: Catalog, name: str):
        """``name``: the feature's (its renders are counted, and keyed, under it)."""
        self.municipality = catalog.municipality
        self.environment = shared_environment(catalog.strings)
        self.renders = Renders(name, string_table(catalog.strings))

    def render(self, template: str, url: str, functions: dict[str, Callable] | None = None, **data: object) -> str:
        """``template`` at ``url`` given ``data`` and the town's settings (``municipality``), plus ``urls``, ``link``
        and ``functions`` (functions of the address, the code or the data given: not in the key)."""
        data = {"municipality": self.municipality, **data}

        def link(target: str) -> str:
            return urls.relative(url, target)

        return self.renders.rendered(
            template, url, data,
            lambda: self.environment.get_template(template).render(urls=urls, link=link, **(functions or {}), **data),
        )


class _Renderer:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.municipality = catalog.municipality
        self.environment = shared_environment(catalog.strings)
        self.words = string_table(catalog.strings)
        self.terms = vocabulary(catalog.strings)
        self.given = GivenPages(catalog, "site.pages")
        """Pages whose templates read no more than they are given, kept between builds by those values
        (``generator/cache/renders.py``): a procedure page and its short links."""

    def _render_given(self, template: str, url: str, procedure: Procedure | ListedProcedure, **data: object) -> str:
        """A page of ``procedure`` rendered from ``data`` only: no ``catalog`` (the template cannot read it), and
        ``notices_for`` answers for this procedure alone — the key holds every value the page can read."""
        notices = notice_lines(self.catalog, procedure.id) if template == "procedure.html" else []

        def notices_for(procedure_id: str) -> list:
            if procedure_id != procedure.id:
                raise KeyError(f"{template} asked for the notices of {procedure_id}, not only of {procedure.id}")
            return notices

        # (the notices in the key as ``notices_given``; the template reads them through notices_for)
        return self.given.render(
            template, url, {"notices_for": notices_for}, procedure=procedure, **data, notices_given=notices
        )

    def _render(self, template: str, url: str, **context: object) -> str:
        def link(target: str) -> str:
            return urls.relative(url, target)

        return self.environment.get_template(template).render(
            catalog=self.catalog,
            municipality=self.municipality,
            urls=urls,
            link=link,
            notices_for=lambda procedure_id: notice_lines(self.catalog, procedure_id),
            **context,
        )

    def home(self) -> GeneratedPage:
        return GeneratedPage(
            url=urls.HOME,
            title=site_name(self.municipality, string_table(self.catalog.strings)),
            html=self._render("home.html", urls.HOME),
            description=self.words.plain("home.description", town=self.municipality.name),
        )

    def category(self, category) -> GeneratedPage:
        url = urls.category_url(category)
        info = self.terms.categories[category]
        return GeneratedPage(
            url=url,
            title=self.words.plain("common.procedures_of", label=info.label),
            html=self._render("category.html", url, category=category, info=info),
            description=info.description,
        )

    def life_event(self, event) -> GeneratedPage:
        url = urls.life_event_url(event)
        return GeneratedPage(
            url=url,
            title=self.terms.life_events[event],
            html=self._render(
                "life_event.html", url, event=event, guide=self.catalog.guides.get(event),
                others=self.catalog.unguided(event), resolve=lambda ids: [self.catalog.get(i) for i in ids],
                care_center=care_center(self.municipality) if event == LifeEvent.CARE else None,
                feedback=feedback_block(
                    event.value, self.terms.life_events[event], self.municipality.departments[self.municipality.default_department],
                    self.words,
                ),
            ),
            description=guide.intro if (guide := self.catalog.guides.get(event)) else None,
        )

    def procedure(self, procedure: Procedure) -> GeneratedPage:
        url = urls.procedure_url(procedure)
        local = effective_local(self.catalog, procedure.id)
        return GeneratedPage(
            url=url,
            title=procedure.title,
            html=self._render_given(
                "procedure.html",
                url,
                procedure,
                local=local,
                department=self.municipality.departments[local.department],
                related=[listed(self.catalog.get(related_id)) for related_id in procedure.related],
                start=start_panel(procedure, self.municipality, self.words),
                holidays=public_holidays(notice_date(self.catalog)),
                says=shown(procedure, local),
                journeys=journeys(self.catalog, procedure),
                family_box=shows_family_box(procedure),
                care_center=care_center(self.municipality) if shows_family_box(procedure) else None,
                structured_data=json_ld_script(government_service(self.catalog, procedure)),
                feedback=feedback_block(
                    procedure.id, procedure.title, self.municipality.departments[local.department], self.words
                ),
            ),
            description=procedure.summary,
            updated=procedure.reviewed,
        )

    def short_link(self, procedure: Procedure, url: str) -> GeneratedPage:
        return GeneratedPage(
            url=url,
            title=procedure.title,
            html=self._render_given("short_link.html", url, listed(procedure)),
            template="short-link.html",
            hide_from_search_engines=True,
            redirect=urls.relative(url, urls.procedure_url(procedure)),
        )
