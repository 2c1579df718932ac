"""HTML of the print pages (complete A4 documents) and of the staff page that lists them."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.cache.renders import Renders
from generator.editions.reading_level import TARGETS
from generator.flyers.content import Handout, InstructorPage, Online, PracticeSheet, ProcedureFlyer, Sheet
from generator.flyers.topics import TopicGroup
from generator.site import urls
from generator.output import GeneratedPage
from generator.loading.strings import REFERENCE, string_table
from generator.qr import QrCode
from generator.templating import make_environment

STYLESHEET = f"{urls.FLYERS}flyer.css"
"""Site path of the print stylesheet (one file, used by the browser and by WeasyPrint)."""

STAFF_FOOTER_POSITION = 80
"""Place of 「職員の 方へ: チラシの 印刷」 among the footer links (the about page is 90)."""

FLYER_QR_MM = 38
"""Printed side of the QR symbol on a flyer, quiet zone not counted (the issue asks for at least 35 mm)."""

CARD_QR_MM = 36
"""Printed side of the QR symbol on a handout card and on the practice sheet."""


LONG_HOST = 20
"""Host names longer than this may also wrap before a dot (a narrow QR card), never inside a label."""


def url_breaks(url: str) -> Markup:
    """``url`` with line-break opportunities (``<wbr>``) only where a reader sees the address continue:
    after each ``/`` of the path, and before a dot of a long host name. Never inside ``https://`` or a word,
    so a printed address cannot wrap as 「hashikami.e / xample」."""
    match = re.match(r"^([a-z]+://)([^/]*)(.*)$", url)
    if not match:
        return escape(url)
    scheme, host, path = match.groups()
    host_html = escape(host)
    if len(host) > LONG_HOST:
        host_html = Markup("<wbr>.").join(escape(part) for part in host.split("."))
    path_html = Markup("/<wbr>").join(escape(part) for part in path.split("/"))
    return escape(scheme) + host_html + path_html


def words(text: str) -> Markup:
    """Each space-separated word of the site's spaced style in a no-wrap span: a title then wraps only at
    its spaces (「児童手当を はじめて / もらう」, never 「はら / う」), in Chrome and in WeasyPrint alike."""
    return Markup(" ").join(Markup('<span class="f-w">{}</span>').format(word) for word in text.split(" "))


def _environment(strings: str = REFERENCE):  # noqa: ANN202
    environment = make_environment(strings)
    environment.filters["url_breaks"] = url_breaks
    environment.filters["words"] = words
    return environment


@dataclass(frozen=True)
class _Labelled:
    label: str


@dataclass(frozen=True)
class _Named:
    id: str
    title: str


@dataclass(frozen=True)
class _StaffFlyer:
    """What the staff page shows of a procedure's flyer."""

    procedure: _Named
    online: Online
    short_url: str

    @property
    def id(self) -> str:
        return self.procedure.id


@dataclass(frozen=True)
class CardFace:
    """What a QR card (``flyers/_card.html``) shows of a procedure's flyer: the title, the short address and its
    code. A card sheet given these instead of the ``ProcedureFlyer`` is kept between builds by them only
    (``generator/cache/renders.py``); a template that reads anything else fails (the undefined is strict)."""

    procedure: _Named
    short_url: str
    qr: QrCode


def card_face(flyer: ProcedureFlyer) -> CardFace:
    return CardFace(_Named(flyer.id, flyer.procedure.title), flyer.short_url, flyer.qr)


def _faced(handout: Handout) -> Handout:
    """The card sheet given what its cards show of each flyer (``card_face``): kept after an edit of a
    procedure's steps."""
    return Handout(handout.group, handout.label, [card_face(flyer) for flyer in handout.flyers])  # type: ignore[misc]


class PrintPages:
    """Renders the print pages of one build. Every page is a whole HTML document (theme ``flyer-print.html``)."""

    def __init__(self, sheet: Sheet, finish: Callable[[str], str] = lambda html: html, strings: str = REFERENCE):
        self.sheet = sheet
        self.environment = _environment(strings)
        self.words = string_table(strings)
        self.finish = finish
        """The edition's finishing of a whole document (``generator.editions``), applied before the PDF."""
        self.renders = Renders("flyers.print_pages", self.words)
        """Each print page kept between builds by the values it is given (``generator/cache/renders.py``)."""

    def _render(self, template: str, url: str, **context: object) -> str:
        def link(target: str) -> str:
            return urls.relative(url, target)

        # The key holds every value given (the sheet and the context); the rest is the address's or the code's.
        data = {"sheet": self.sheet, **context}
        return self.renders.rendered(
            template, url, data,
            lambda: self.environment.get_template(template).render(urls=urls, link=link, stylesheet=STYLESHEET, **data),
        )

    def _page(self, url: str, title: str, html: str) -> GeneratedPage:
        return GeneratedPage(
            url=url, title=title, html=self.finish(html), template="flyer-print.html", hide_from_search_engines=True
        )

    def flyer(
        self, flyer: ProcedureFlyer, pdf_url: str | None, compact: bool = False, tight: bool = False
    ) -> GeneratedPage:
        """``compact``: smaller type. ``tight`` (with compact): also leaves out lines the guide page repeats —
        each PIN's official name and lock rule (the 「何度も ためさずに 窓口へ」 line stays), the pointer to the
        town's open questions, and in the QR help box the first hint and the official name (the page starts with it)."""
        url = urls.flyer_url(flyer.id)
        title = self.words.plain("print_pages.flyer", title=flyer.procedure.title)
        html = self._render(
            "flyers/flyer.html", url, flyer=flyer, document_title=title, pdf_url=pdf_url, qr_mm=FLYER_QR_MM,
            compact=compact or tight, tight=tight,
        )
        return self._page(url, title, html)

    def handout(self, handout: Handout, pdf_url: str | None) -> GeneratedPage:
        url = urls.handout_url(handout.group)
        title = self.words.plain("card.title", label=handout.label)
        html = self._render(
            "flyers/handout.html", url, handout=_faced(handout), document_title=title, pdf_url=pdf_url, qr_mm=CARD_QR_MM
        )
        return self._page(url, title, html)

    def instructor(self, page: InstructorPage, pdf_url: str | None) -> GeneratedPage:
        url = urls.instructor_url(page.flyer.id)
        title = self.words.plain("instructor.title", title=page.procedure.title)
        html = self._render("flyers/instructor.html", url, page=page, document_title=title, pdf_url=pdf_url)
        return self._page(url, title, html)

    def practice(
        self, practice: PracticeSheet, pdf_url: str | None, compact: bool = False, tight: bool = False
    ) -> GeneratedPage:
        """``tight`` (with compact): the PIN table leaves out each PIN's official name (the やさしい sheet's
        ふりがな make it a line too long; the QR help page and the flyers name them)."""
        title = self.words.plain("print_pages.practice")
        html = self._render(
            "flyers/practice.html", urls.PRACTICE, practice=practice, document_title=title, pdf_url=pdf_url,
            qr_mm=CARD_QR_MM, compact=compact or tight, tight=tight,
        )
        return self._page(urls.PRACTICE, title, html)


CLASS_SIZE = 20
"""The class the kit pages count sheets for (「20人なら 40まい」): a typical smartphone class."""


@dataclass(frozen=True)
class KitItem:
    """One sheet of a class kit page, with its box ticked or not."""

    key: str
    label: str
    kind: str
    """``practice``, ``flyer`` or ``cards`` (a sheet of four cards of one procedure)."""
    checked: bool
    flyer: ProcedureFlyer | None = None
    practice: PracticeSheet | None = None
    flyers: tuple[CardFace, ...] = ()
    compact: bool = False
    tight: bool = False


@dataclass(frozen=True)
class KitChoice:
    """A prebuilt PDF of a class kit: the practice sheet and some flyers, for each participant."""

    label: str
    pdf: str
    sheets: int


def kit_pages(
    printer: PrintPages,
    group: TopicGroup,
    flyers: Mapping[str, ProcedureFlyer],
    practice: PracticeSheet,
    variants: Mapping[str, Mapping[str, bool]],
    prebuilt: list[KitChoice],
    *,
    outline: bool = False,
) -> list[GeneratedPage]:
    """The class kit of a topic: the sheets participants get (printed once each), then the QR card sheets
    (four cards of one procedure a sheet, printed once for every four participants). ``outline``: the pages
    without their content (address, title and metadata only)."""
    core = {p.id for p in group.core}
    words = printer.words
    handout = [KitItem("practice", words.plain("print_pages.practice_item"), "practice", True, practice=practice, **variants.get("practice", {}))]
    handout += [
        KitItem(p.id, words.plain("print_pages.flyer", title=p.title), "flyer", p.id in core, flyer=flyers[p.id], **variants.get(p.id, {}))
        for p in group.procedures
    ]
    cards = [
        KitItem(f"cards-{p.id}", words.plain("print_pages.cards_item", title=p.title), "cards", p.id in core, flyers=(card_face(flyers[p.id]),) * 4)
        for p in group.procedures
    ]
    kit_url, cards_url = urls.class_kit_url(group.key), urls.class_kit_url(group.key, cards=True)
    # What the pages show of the group and of its instructors' pages (so the card sheets page is kept after an edit
    # of a procedure's steps: generator/cache/renders.py); a template that reads more fails (strict undefined).
    common = dict(group=_Labelled(group.label), class_size=CLASS_SIZE, copies=-(-CLASS_SIZE // 4), flyer_qr_mm=FLYER_QR_MM,
                  card_qr_mm=CARD_QR_MM, instructor=[_Named(p.id, p.title) for p in group.core + group.common], pdf_url=None)
    title = words.plain("print_pages.kit", label=group.label)
    cards_title = words.plain("print_pages.kit_cards", label=group.label)
    if outline:
        return [printer._page(kit_url, title, ""), printer._page(cards_url, cards_title, "")]
    return [
        printer._page(kit_url, title, printer._render(
            "flyers/kit.html", kit_url, document_title=title, title=title, items=handout, cards=False,
            prebuilt=prebuilt, other_url=cards_url, other_label=words.plain("print_pages.kit_to_cards"), **common,
        )),
        printer._page(cards_url, cards_title, printer._render(
            "flyers/kit.html", cards_url, document_title=cards_title, title=cards_title, items=cards, cards=True,
            prebuilt=[], other_url=kit_url, other_label=words.plain("print_pages.kit_to_sheets"), **common,
        )),
    ]


@dataclass(frozen=True)
class Bundle:
    """One PDF to print for a class on a topic: the practice sheet, the topic's flyers, its QR cards."""

    group: TopicGroup
    pdf: str
    """Site path of the PDF."""
    pages: int
    size: str
    choices: tuple[KitChoice, ...] = ()
    """The class kit's prebuilt PDFs (practice sheet and the core flyers; with the common ones)."""


READING_LEVEL_URL = f"{urls.FLYERS}yomiyasusa/"
"""The reading-level report of every page (staff only, linked from the staff page; standard edition only)."""


def reading_level_page(reading_levels: tuple) -> GeneratedPage:
    """「ページの 読みやすさ」: per source page the numbers ``check`` prints (generator/editions/reading_level.py)
    against each edition's targets, and the sentences over the standard edition's length, with file:line.

    Kept between builds by the values it shows (``generator/cache/renders.py``): every number on it is a function
    of each page's path and sentences (``_levels_key``) and of ``TARGETS`` (code); a procedure edit changes one
    page's sentences, and only then is it rendered again."""

    def link(target: str) -> str:
        return urls.relative(READING_LEVEL_URL, target)

    words = string_table(REFERENCE)  # a staff page: published in the standard edition only
    template = "flyers/reading_level.html"
    html = Renders("flyers.reading_level", words).rendered(
        template, READING_LEVEL_URL, {"reading_levels": _levels_key(reading_levels)},
        lambda: _environment().get_template(template).render(
            urls=urls, link=link, reading_levels=reading_levels, targets=TARGETS
        ),
    )
    return GeneratedPage(
        url=READING_LEVEL_URL,
        title=words.plain("print_pages.reading_level"),
        html=html,
        description=words.plain("print_pages.reading_level_description"),
        hide_from_search_engines=True,
    )


def _levels_key(reading_levels: tuple) -> str:
    """What a template can read of the reading levels (``PageLevel``: its path, its sentences, and numbers made
    from them), as one value a render's key can hold: the SHA-256 of every page's path and sentences (a
    ``PageLevel`` is neither frozen nor a model, and its path is a ``Path``; walked value by value, the ~3,000
    sentences were a third of all the render keys' work). The staff page and the reading-level page are given the
    same tuple in a build: its key is made once (``_LEVELS_KEY``, by identity: the tuple is not hashable)."""
    known = _LEVELS_KEY.get(id(reading_levels))
    if known is not None and known[0] is reading_levels:
        return known[1]
    levels = [[str(level.path), [[line, sentence] for line, sentence in level.sentences]] for level in reading_levels]
    data = json.dumps(levels, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    key = hashlib.sha256(data).hexdigest()
    _LEVELS_KEY.clear()  # (the last build's tuple only: held here, its id cannot be another's)
    _LEVELS_KEY[id(reading_levels)] = (reading_levels, key)
    return key


_LEVELS_KEY: dict[int, tuple[tuple, str]] = {}


def staff_page(
    *,
    flyers: list[ProcedureFlyer],
    handouts: list[Handout],
    base_url: str | None,
    pdf_problem: str | None,
    sizes: Mapping[str, str],
    not_ready_reason: str | None = None,
    groups: list[TopicGroup] | None = None,
    bundles: Mapping[str, Bundle] | None = None,
    life_events: list[tuple[str, str, list[ProcedureFlyer]]] | None = None,
    reading_levels: tuple = (),
    outline: bool = False,
) -> GeneratedPage:
    """「職員の 方へ: チラシの 印刷」: built for preparing a class — topics and life events with jump links,
    each procedure's online status in this town, one PDF per topic. Linked from the footer only. ``outline``: the
    page without its content (address, title and metadata only)."""
    words = string_table(REFERENCE)  # a staff page: published in the standard edition only
    page = GeneratedPage(
        url=urls.FLYERS, title=words.plain("staff.title"), html="", description=words.plain("print_pages.staff_description"),
        footer=STAFF_FOOTER_POSITION, hide_from_search_engines=True,
    )
    if outline:
        return page

    def link(target: str) -> str:
        return urls.relative(urls.FLYERS, target)

    # The page is given what it shows of the flyers, topics, card sheets and bundles (``_StaffFlyer``, ``_Named``,
    # ``CardFace``), so it is kept between builds after an edit of a procedure's steps (generator/cache/renders.py);
    # a template that reads more fails (the undefined is strict).
    shown = {flyer.id: _StaffFlyer(_Named(flyer.id, flyer.procedure.title), flyer.online, flyer.short_url) for flyer in flyers}
    topics = {group.key: TopicGroup(group.topic, [_Named(p.id, p.title) for p in group.procedures], group.label) for group in groups or []}  # type: ignore[misc]
    sheets = [_faced(handout) for handout in handouts]
    given = dict(
        ready=not_ready_reason is None,
        reason=not_ready_reason,
        flyers=[shown[flyer.id] for flyer in flyers],
        by_id=shown,
        handouts={handout.group: handout for handout in sheets},
        all_cards=next((handout for handout in sheets if handout.group == "all"), None),
        groups=list(topics.values()),
        bundles={key: dataclasses.replace(bundle, group=topics.get(bundle.group.key, bundle.group)) for key, bundle in (bundles or {}).items()},
        life_events=[(key, label, [shown[flyer.id] for flyer in members]) for key, label, members in life_events or []],
        base_url=base_url,
        pdf_ready=pdf_problem is None,
        pdf_problem=pdf_problem,
        sizes=sizes,
        class_size=CLASS_SIZE,
        reading_levels=reading_levels,
        targets=TARGETS,
        reading_level_url=READING_LEVEL_URL,
    )
    # Kept between builds by the values it is given; the reading levels by what a template can read of them
    # (``_levels_key``), ``by_id`` and the card sheets by the lists they are made from.
    key = {**given, "reading_levels": _levels_key(reading_levels), "by_id": None, "handouts": sheets, "all_cards": None}
    template = "flyers/staff.html"
    html = Renders("flyers.staff", words).rendered(
        template, urls.FLYERS, key,
        lambda: _environment().get_template(template).render(urls=urls, link=link, **given),
    )
    return dataclasses.replace(page, html=html)
