"""The flyers feature: print pages, PDFs, QR images and the staff page, from one validated catalog.

Order of work: check every address first (nothing is drawn before the whole set is known to be safe), then
make the QR codes, the print pages, and — when the PDF engine (Typst) can run here — their PDFs, last the staff page
that lists them all with the PDF sizes.
"""

from __future__ import annotations

import functools
import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import editions, progress
from generator.flyers import content
from generator.flyers.content import PracticeSheet, ProcedureFlyer, Sheet
from generator.dates import build_date
from generator.environment import PDF_ENV  # the one place the variable's name is written
from generator.flyers.pages import STYLESHEET, Bundle, KitChoice, PrintPages, kit_pages, reading_level_page, staff_page
from generator.loading.strings import StringTable, string_table
from generator.cache.qr import cached_qr
from generator.qr import QrCode
from generator.flyers.safety import Allowlist, site_allowlist
from generator.flyers.topics import TopicGroup, topic_groups
from generator.model import Catalog, PinKind
from generator.town_words import site_name
from generator.vocabulary_words import vocabulary
from generator.site import urls
from generator.output import GeneratedFile, GeneratedPage

if TYPE_CHECKING:  # (the PDF modules are imported where PDFs are made: a build without them does not load them)
    from generator.flyers.pdf import SheetRenderer
    from generator.flyers.pdf_check import FontUse, TextUse
    from generator.flyers.pdf_pool import SheetPool

CSS = (Path(__file__).resolve().parent / "flyer.css").read_bytes()

SHEET_BUDGET_MM = 281
"""Tallest a one-sheet page may be as its PDF engine lays it out (WeasyPrint, or Typst with flyer.css's sizes): A4 (297 mm) less 8 mm for browsers whose line
metrics differ, less 8 mm more for fonts that are not the shipped ones (a browser prints the HTML with the
reader's installed fonts). A taller sheet is made again in compact type (``f-sheet--compact``), and a flyer
still too tall once more without the lines its guide page repeats (``PrintPages.flyer(tight=True)``)."""

def fits_one_sheet(pages: int, tallest: float) -> bool:
    """Whether a one-sheet page as laid out keeps the spare room other browsers need (``SHEET_BUDGET_MM``).
    Module-level: the PDF workers call it (``pdf_pool.render_fitting``)."""
    return pages == 1 and tallest <= SHEET_BUDGET_MM


INSTRUCTOR_SHEETS = 3
"""An instructor's page (講師用) may take up to three A4 sheets (every step with its details and cautions)."""

@dataclass
class FlyerOutput:
    pages: list[GeneratedPage] = field(default_factory=list)
    files: list[GeneratedFile] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """One line each, for the webmaster (PDF not made, flyers skipped, a flyer longer than one sheet)."""
    pdf_seconds: float | None = None
    """Time spent making all PDFs (``None`` when none were made)."""


class PdfSession:
    """The PDF engine of one build: its worker pool, shared by the editions so that their sheets render side by
    side and while the build's other features run (``compose.assemble_site``), or why no PDFs are made.
    Made on first use (a site without ``base_url`` draws no sheet and asks nothing). A ``with`` block: the
    workers end with it."""

    def __init__(self, make_pdfs: bool, workers: int, cache_folder: Path | None):
        self.make_pdfs, self.workers, self.cache_folder = make_pdfs, workers, cache_folder
        self._renderer: tuple[SheetPool | None, str | None] | None = None

    def renderer(self) -> tuple[SheetPool | None, str | None]:
        """The pool (``None``: no PDFs) and why there is none."""
        if self._renderer is None:
            self._renderer = _pdf_renderer(self.make_pdfs, self.workers, self.cache_folder)
            if self._renderer[0] is not None:
                self._renderer[0].start_workers()
        return self._renderer

    def __enter__(self) -> PdfSession:
        return self

    def __exit__(self, *exception: object) -> None:
        if self._renderer is not None and self._renderer[0] is not None:
            self._renderer[0].close()


def pdf_session(catalog: Catalog, *, make_pdfs: bool | None = None, pdf_workers: int | None = None) -> PdfSession:
    """The PDF engine for ``catalog``'s build. ``make_pdfs`` and ``pdf_workers`` (processes rendering PDFs side by
    side; 1: in this process) default to ``catalog.options`` — never to the environment, which only the
    command-line edge reads. A library caller that gave no options gets ``BuildOptions``' defaults: PDFs, by
    one worker per core (at most 4)."""
    if make_pdfs is None:
        make_pdfs = catalog.options.pdfs
    workers = pdf_workers or catalog.options.pdf_workers
    if not workers and make_pdfs:
        from generator.flyers.pdf_pool import default_workers
        workers = default_workers()
    return PdfSession(make_pdfs, workers or 1, catalog.options.cache_folder)


def build_flyers(catalog: Catalog, *, make_pdfs: bool | None = None, pdf_workers: int | None = None) -> FlyerOutput:
    """Every flyer output of the site. Raises ``UnsafeQrUrl`` when an address must not be printed.

    ``make_pdfs`` and ``pdf_workers``: as ``pdf_session``. The whole site starts the flyers of every edition
    before its other features (``start_flyers``); this is the same for one catalog, waiting for its PDFs.
    """
    with pdf_session(catalog, make_pdfs=make_pdfs, pdf_workers=pdf_workers) as pdfs:
        return start_flyers(catalog, pdfs).finish()


def start_flyers(catalog: Catalog, pdfs: PdfSession) -> StartedFlyers:
    """Make the print pages and hand their PDFs to ``pdfs``' workers; the ``finish`` returned waits
    for them and completes the output (the fit check's choices, the checks, the topic bundles, the staff page),
    its ``outline`` gives that output's pages and file paths at once, without content (``compose.assemble_late``).
    Raises ``UnsafeQrUrl`` when an address must not be printed (before any sheet is handed over)."""
    make_pdfs = pdfs.make_pdfs
    municipality = catalog.municipality
    if not municipality.base_url:
        reason = (
            "設定ファイルに base_url（サイトを 公開する https の アドレス）が ないので、QR コードの チラシは 作りませんでした。"
            "QR コードは 公開した サイトの アドレスを ひらくので、base_url を 書いてから もう一度 ビルドして ください。"
        )
        page = staff_page(flyers=[], handouts=[], base_url=None, pdf_problem=None, sizes={}, not_ready_reason=reason,
                          reading_levels=catalog.reading_levels)
        output = FlyerOutput(pages=[page, *_reading_level_pages(catalog)], notices=[f"チラシ: {reason}"])
        return StartedFlyers(lambda: output, lambda: output)

    allowlist = site_allowlist(municipality.base_url, f"{municipality.name}の 設定ファイル")
    _check_linked_addresses(catalog, allowlist)
    # The PDF workers start now (pdfs.renderer()), so that they read their fonts while the print pages are made.
    renderer, pdf_problem = pdfs.renderer()

    output = FlyerOutput(files=[GeneratedFile(STYLESHEET, CSS)])
    flyers = [_procedure_flyer(catalog, procedure.id, allowlist, output) for procedure in catalog.procedures]
    groups = topic_groups(catalog)
    handouts = content.handouts(flyers, groups, catalog.categories, string_table(catalog.strings))
    practice = _practice_sheet(catalog, allowlist, output)
    help_urls = _help_urls(catalog, allowlist)
    # Instructors' pages are staff material: the standard edition only (generator/editions).
    pin_words = vocabulary(catalog.strings).pins
    instructors = [content.instructor_page(flyer, help_urls, pin_words) for flyer in flyers] if catalog.edition == "standard" else []

    if not make_pdfs:
        output.notices.append(f"チラシ: {PDF_ENV}=0 なので PDF は 作りません（印刷用の HTML ページは 作りました）。")
    elif pdf_problem:
        output.notices.append(
            f"チラシ: PDF は 作れませんでした（{pdf_problem}）。印刷用の HTML ページは 作りました。"
        )

    printer = PrintPages(
        Sheet(
            municipality_name=municipality.name,
            prefecture=municipality.prefecture,
            site_name=site_name(municipality, string_table(catalog.strings)),
            sample=municipality.sample,
            made_on=build_date(catalog.last_reviewed, catalog.options.source_date),
        ),
        # The edition's finishing is for the PDF: a published page is finished in the plugin's on_post_page anyway
        # (where an unchanged page is reused), and finishing twice gives the same page (tests/editions).
        finish=editions.finisher(catalog) if make_pdfs else (lambda html: html),
        strings=catalog.strings,
    )

    def pdf_url(name: str) -> str | None:
        return urls.flyer_pdf(name) if renderer else None

    # Each page is handed to the PDF workers as soon as it is made, with its shorter versions, tried in order
    # while it is too tall for its one sheet: the same sheet in slightly smaller type, then (a town's notices
    # and answers take room) without the lines the guide page repeats. The workers measure a version before
    # they write its PDF (pdf_pool.render_fitting), and run the glyph and font check on the sheet they kept
    # (sheet_font_use).
    if renderer:
        from generator.flyers.pdf_check import sheet_font_use
    batch = renderer.start([], fits_one_sheet, sheet_font_use) if renderer else None
    versions: list[list[GeneratedPage]] = []

    def handed_over(entry: tuple[str, GeneratedPage, int, list[Callable[[], GeneratedPage]]]):  # noqa: ANN202
        if batch is not None:
            _, page, _, shorter = entry
            versions.append([page, *(make_shorter() for make_shorter in shorter)])
            batch.add([(v.html, v.url) for v in versions[-1]])
        return entry

    # (PDF name, print page, sheets expected, the same page made shorter, tried in order while it is too tall —
    # for one-sheet pages only)
    printed: list[tuple[str, GeneratedPage, int, list[Callable[[], GeneratedPage]]]] = [
        handed_over((flyer.id, printer.flyer(flyer, pdf_url(flyer.id)), 1, [
            functools.partial(printer.flyer, flyer, pdf_url(flyer.id), compact=True),
            functools.partial(printer.flyer, flyer, pdf_url(flyer.id), tight=True),
        ]))
        for flyer in flyers
    ]
    printed += [
        handed_over((f"cards-{h.group}", printer.handout(h, pdf_url(f"cards-{h.group}")), len(h.pages), []))
        for h in handouts
    ]
    printed.append(handed_over(
        ("practice", printer.practice(practice, pdf_url("practice")), 1,
         [functools.partial(printer.practice, practice, pdf_url("practice"), compact=True),
          functools.partial(printer.practice, practice, pdf_url("practice"), tight=True)])
    ))
    printed += [
        handed_over((f"koushi-{page.flyer.id}", printer.instructor(page, pdf_url(f"koushi-{page.flyer.id}")),
                     INSTRUCTOR_SHEETS, []))
        for page in instructors
    ]
    started = time.perf_counter()
    first_versions = list(printed)
    reading = _reading_level_pages(catalog)  # (the same for the outline and the output)

    def outline() -> FlyerOutput:
        # What finish will give, but for the words of the pages and the bytes of the files: every page's address,
        # title and metadata (the versions a sheet may take share them) and every file's path.
        paths = [item.path for item in output.files]
        if batch is not None:
            paths += [urls.flyer_pdf(name) for name, _, _, _ in first_versions]
            for group in groups:
                paths.append(urls.flyer_pdf(f"bundle-{group.key}"))
                sets = [""] + (["-plus"] if group.common else [])
                paths += [urls.flyer_pdf(f"kit-{group.key}{suffix}") for suffix in sets]
        return _completed(catalog, FlyerOutput(files=[GeneratedFile(path, b"") for path in paths]), printer,
                          list(first_versions), flyers, handouts, groups, practice, allowlist, pdf_problem, {}, {}, {},
                          reading, outline=True)

    def finish() -> FlyerOutput:
        sizes: dict[str, str] = {}
        variants: dict[str, dict[str, bool]] = {}
        if batch is not None:
            from generator.flyers.pdf_check import check_font_uses
            steps = progress.Steps("チラシの PDF", len(printed))
            uses: dict[str, FontUse | TextUse] = {}
            for index, (version, (pdf, page_count, _), use) in enumerate(batch.results(steps.done)):
                name, _, expected_pages, shorter = printed[index]
                if version:
                    variants[name] = dict(shorter[version - 1].keywords, compact=True)  # the class kit prints the same sheet
                page = versions[index][version]
                printed[index] = (name, page, expected_pages, [])
                # An instructor's page may be shorter than its limit; every other page has an exact sheet count.
                wrong = page_count > expected_pages if name.startswith("koushi-") else page_count != expected_pages
                if wrong:
                    output.notices.append(
                        f"チラシ: 「{page.title}」が A4 {expected_pages}まいに おさまりません（{page_count}ページ）。"
                        "手順の 見出しを 短く するか、チラシに のせる 手順（on_flyer）を へらして ください。"
                    )
                output.files.append(GeneratedFile(urls.flyer_pdf(name), pdf))
                sizes[name] = _size(pdf)
                uses[urls.flyer_pdf(name)] = use
            # A PDF that would print empty boxes stops the build (the old site stays).
            check_font_uses(uses, {urls.flyer_pdf(name): page.html for name, page, _, _ in printed})
            bundles = _bundles(groups, output, sizes, string_table(catalog.strings))
            output.pdf_seconds = time.perf_counter() - started
        else:
            bundles = {}
        return _completed(catalog, output, printer, printed, flyers, handouts, groups, practice, allowlist, pdf_problem,
                          sizes, variants, bundles, reading)

    return StartedFlyers(finish, outline)


@dataclass(frozen=True)
class StartedFlyers:
    """The flyers of one catalog, their print pages made and handed to the PDF workers (``start_flyers``)."""

    finish: Callable[[], FlyerOutput]
    """Waits for the PDFs and completes the output (once)."""
    outline: Callable[[], FlyerOutput]
    """The output ``finish`` gives, without waiting: the same pages (address, title, metadata) with their content
    still to come, and the same file paths with empty files (``compose.assemble_late``)."""


def _completed(catalog: Catalog, output: FlyerOutput, printer: PrintPages, printed: list, flyers: list[ProcedureFlyer],
               handouts: list, groups: list[TopicGroup], practice: PracticeSheet, allowlist: Allowlist,
               pdf_problem: str | None, sizes: dict[str, str], variants: dict[str, dict[str, bool]],
               bundles: dict[str, Bundle], reading: list[GeneratedPage], *, outline: bool = False) -> FlyerOutput:
    """The output's pages once the PDFs are known: the print pages as kept, the class kit pages, the staff page.
    ``outline``: the kit pages and the staff page without their content (``StartedFlyers.outline``)."""
    output.pages += [page for _, page, _, _ in printed]
    by_id = {flyer.id: flyer for flyer in flyers}
    for group in groups:
        choices = list(bundles[group.key].choices) if group.key in bundles else []
        output.pages += kit_pages(printer, group, by_id, practice, variants, choices, outline=outline)

    events = [
        (event.value, vocabulary(catalog.strings).life_events[event], [flyer for flyer in flyers if event in flyer.procedure.life_events])
        for event in catalog.life_events
    ]
    output.pages.insert(
        0,
        staff_page(
            flyers=flyers, handouts=handouts, base_url=allowlist.base_url, pdf_problem=pdf_problem, sizes=sizes,
            groups=groups, bundles=bundles, life_events=[event for event in events if event[2]],
            reading_levels=catalog.reading_levels, outline=outline,
        ),
    )
    output.pages += reading
    return output


def _reading_level_pages(catalog: Catalog) -> list[GeneratedPage]:
    """The reading-level report, a staff page: the standard edition only, like the staff page that links it."""
    return [reading_level_page(catalog.reading_levels)] if catalog.reading_levels and catalog.edition == "standard" else []


def _bundles(groups: list[TopicGroup], output: FlyerOutput, sizes: dict[str, str], words: StringTable) -> dict[str, Bundle]:
    """One PDF per topic, in the order a class uses them: the practice sheet, every flyer of the topic, then
    its QR card sheets. The PDFs already made (and checked) are joined with pypdf; nothing is drawn again.
    Each part is parsed once for all the joins it is in (``_Parts``)."""
    made = _Parts({item.path: item.content for item in output.files})
    bundles: dict[str, Bundle] = {}
    for group in groups:
        parts = [urls.flyer_pdf("practice")]
        parts += [urls.flyer_pdf(procedure.id) for procedure in group.procedures]
        parts.append(urls.flyer_pdf(f"cards-{group.key}"))
        pdf, pages = made.joined(parts)
        path = urls.flyer_pdf(f"bundle-{group.key}")
        output.files.append(GeneratedFile(path, pdf))
        size = sizes[f"bundle-{group.key}"] = _size(pdf)
        bundles[group.key] = Bundle(group, path, pages, size, tuple(_kit_choices(group, made, output, words)))
    return bundles


@dataclass
class _Parts:
    """The PDFs a town's bundles and class kits are joined from, each parsed once: the practice sheet is in
    every join and a flyer in up to three, and parsing is most of a join's time. ``PdfWriter.append`` copies
    (clones) what it takes from a part into its writer, so one reader serves every join; the joined files are
    byte for byte those of a reader made for each join (tested)."""

    made: dict[str, bytes]
    """Site path → the PDF's bytes."""
    readers: dict[str, object] = field(default_factory=dict)

    def joined(self, paths: list[str]) -> tuple[bytes, int]:
        """The PDFs at ``paths`` as one file, and its number of pages."""
        from pypdf import PdfReader, PdfWriter  # only with PDFs: a build without them does not load pypdf

        writer = PdfWriter()
        for path in paths:
            if path not in self.readers:
                self.readers[path] = PdfReader(io.BytesIO(self.made[path]))
            writer.append(self.readers[path])
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue(), len(writer.pages)


def _size(pdf: bytes) -> str:
    """A PDF's size as the staff page shows it."""
    return f"{max(1, round(len(pdf) / 1024))} KB"


def _kit_choices(group: TopicGroup, made: _Parts, output: FlyerOutput, words: StringTable) -> list[KitChoice]:
    """The class kit's prebuilt PDFs: the practice sheet and the topic's core flyers (what every participant
    gets), and the same with the procedures such a class often covers too. Joined like the bundles."""
    choices = []
    sets = [("", group.core)] + ([("-plus", group.core + group.common)] if group.common else [])
    for suffix, procedures in sets:
        pdf, pages = made.joined([urls.flyer_pdf("practice")] + [urls.flyer_pdf(p.id) for p in procedures])
        path = urls.flyer_pdf(f"kit-{group.key}{suffix}")
        output.files.append(GeneratedFile(path, pdf))
        titles = "".join(words.plain("kit.choice_title", title=p.title) for p in procedures)
        label = words.plain("kit.choice", titles=titles)
        choices.append(KitChoice(label, path, pages))
    return choices


def _help_urls(catalog: Catalog, allowlist: Allowlist) -> dict[str, str]:
    """Printed addresses of the help pages an instructor may point to (the site's home when one is missing)."""
    def address(page: str) -> str:
        return urls.absolute(allowlist.base_url, page if page in catalog.docs_pages else urls.HOME)

    return {"card": address(urls.HELP_CARD_READING), "pin": address(urls.HELP_PIN)}


def _check_linked_addresses(catalog: Catalog, allowlist: Allowlist) -> None:
    """The ぴったりサービス addresses in the settings: a resident who scans a flyer reaches them in one tap
    (the guide page's 申請 button), so they are held to the same allowlist as the printed codes."""
    for procedure in catalog.procedures:
        local = catalog.municipality.local(procedure.id)
        if local.mynaportal_url:
            allowlist.check(local.mynaportal_url, f"{procedure.id} {procedure.title}: mynaportal_url")


def _qr_files(name: str, qr: QrCode, output: FlyerOutput) -> None:
    output.files.append(GeneratedFile(urls.qr_image(name, "svg"), qr.svg))
    output.files.append(GeneratedFile(urls.qr_image(name, "png"), qr.png))


def _procedure_flyer(catalog: Catalog, procedure_id: str, allowlist: Allowlist, output: FlyerOutput) -> ProcedureFlyer:
    procedure = catalog.get(procedure_id)
    address = allowlist.check(
        urls.absolute(allowlist.base_url, urls.short_url(procedure.id)), f"{procedure.id} {procedure.title}"
    )
    qr = cached_qr(address, catalog.options.cache_folder)
    _qr_files(procedure.id, qr, output)
    return content.procedure_flyer(catalog, procedure, address, qr)


def _practice_sheet(catalog: Catalog, allowlist: Allowlist, output: FlyerOutput) -> PracticeSheet:
    on_help_page = urls.HELP_PREPARE in catalog.docs_pages
    target = urls.HELP_PREPARE if on_help_page else urls.HOME
    address = allowlist.check(urls.absolute(allowlist.base_url, target), "確認シート（スマホ教室）")
    qr = cached_qr(address, catalog.options.cache_folder)
    _qr_files("practice", qr, output)
    municipality = catalog.municipality
    return PracticeSheet(
        target_url=address,
        target_is_help_page=on_help_page,
        qr=qr,
        department=municipality.departments[municipality.default_department],
        pins=[vocabulary(catalog.strings).pins[kind] for kind in (PinKind.SIGNATURE, PinKind.LOGIN)],
    )


def _pdf_renderer(
    make_pdfs: bool, workers: int, cache_folder: Path | None = None
) -> tuple[SheetPool | None, str | None]:
    if not make_pdfs:
        return None, f"{PDF_ENV}=0 の 設定です。mkdocs serve の プレビューでは PDF を 作りません"
    from generator.flyers.pdf import PdfUnavailable
    from generator.flyers.pdf_pool import SheetPool
    from generator.flyers.typst_engine import load_typst

    # Whether the engine runs here is asked first, cache or not: a machine without it gets the print pages and one
    # notice either way (the cache may hold every PDF, but a build must not depend on what it happens to hold).
    # Every sheet kind has a Typst layout (typst_engine.TYPST_SHEETS), so only Typst is asked; WeasyPrint (and the
    # Pango library it needs) is imported only if a print page of another kind is ever rendered.
    try:
        load_typst()
    except PdfUnavailable as error:
        return None, f"Typst を 動かせません: {error}"
    return SheetPool(functools.partial(pdf_engine, cache_folder), workers, warm=warm_pdf_worker), None


def warm_pdf_worker(engine: SheetRenderer) -> None:
    """What a PDF worker prepares as it starts (``pdf_pool.SheetPool.start_workers``), before its first sheet: the
    glyph check's character maps of the shipped fonts, and the Typst engine with its fonts (not behind the PDF
    cache, which makes its engine only when a PDF is not in it). Module-level: the workers call it."""
    from generator.flyers.pdf_check import read_font_maps
    read_font_maps()
    prepare = getattr(engine, "prepare", None)
    if prepare is not None:
        prepare()


def pdf_engine(cache_folder: Path | None) -> SheetRenderer:
    """One process's PDF engine: Typst for the sheet kinds that have a Typst layout (``typst_engine.TYPST_SHEETS``),
    WeasyPrint for the others, behind the PDF cache when it is on (``cache_folder``), so PDFs made before from
    the very same input are reused (generator/cache/pdfs.py). Module-level: workers that are not forked get it
    pickled."""
    from generator.cache import CachedPdfRenderer  # (here: a build without PDFs does not import the PDF cache)
    from generator.flyers.pdf import PdfRenderer
    from generator.flyers.typst_engine import EngineByKind, TypstRenderer
    resources = {STYLESHEET: CSS}
    engines = functools.partial(EngineByKind, TypstRenderer, functools.partial(PdfRenderer, resources))
    if cache_folder is None:
        return engines()
    return CachedPdfRenderer(engines, cache_folder, resources)

