"""The Typst PDF engine (issue #23): print pages that have a Typst layout, ~30× faster than WeasyPrint.

``TypstRenderer`` is a ``SheetRenderer``: it takes the same finished print page HTML as WeasyPrint, translates
it (``typst_markup.py``) into calls of the layout functions in ``sheets.typ``, and compiles that with the
``typst`` package (one compiled wheel from PyPI, no system library). Only the sheet kinds in ``TYPST_SHEETS``
have a Typst layout; ``EngineByKind`` sends every other print page to WeasyPrint, so a kind moves to Typst
only once its layout is complete (see decisions/2026-12-07-typst-pdf-engine.md).

Fonts: only the BIZ UD files in ``generator/flyers/fonts`` (no system fonts, not Typst's own), so the PDF is
the same on every machine; the glyph check judges a Typst sheet from its text against those fonts
(``pdf_check.sheet_font_use``).
Reproducible bytes: the only date in the PDF is the build date (the print page's ``dcterms.created``).
The A4 fit check: ``sheets.typ`` records where each sheet's content ends and how many pages there are, and
``render_measured`` reads it back with a Typst query: the same (pages, tallest mm) as WeasyPrint's.
"""

from __future__ import annotations

import datetime
import json
import multiprocessing.util
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.flyers import typst_markup
from generator.flyers.pdf import FONT_DIR, PdfUnavailable, SheetRenderer, shipped_font_files
from generator.flyers.pdf_check import unreadable_fonts

HERE = Path(__file__).resolve().parent
LAYOUT = HERE / "sheets.typ"

TYPST_SHEETS = frozenset({"f-flyer", "f-koushi", "f-cards", "f-practice"})
"""Sheet kinds (the ``.f-sheet`` element's kind class) whose PDFs Typst makes: procedure flyers, instructors'
pages (講師用), QR card sheets, the class practice sheet. A new kind stays on WeasyPrint until it is here."""

TYPST_FAMILIES = ("BIZ UDPGothic", "BIZ UDGothic")
"""The font families ``sheets.typ`` names, which the shipped font files must give Typst."""

COMPACT = "f-sheet--compact"
"""The class of a sheet's compact version (``feature.py``: tried when the sheet is too tall)."""

PAGE_MM = 297.0
_PT_MM = 25.4 / 72
_KIND = re.compile(r'<(?:article|section) class="f-sheet ([a-z-]+)')
_CREATED = re.compile(r'<meta name="dcterms.created" content="(\d{4}-\d{2}-\d{2})">')


def sheet_kind(html: str) -> str | None:
    """The kind class of the print page's first sheet (``f-flyer``, ``f-koushi``, …)."""
    match = _KIND.search(html)
    return match[1] if match else None


def load_typst():  # noqa: ANN201 (the module is only known once it imported)
    """Import the ``typst`` package, or raise ``PdfUnavailable`` saying why."""
    try:
        import typst
    except (ImportError, OSError) as error:
        raise PdfUnavailable(f"{type(error).__name__}: {error}") from None
    return typst


class TypstRenderer:
    """Renders the print pages of the kinds in ``TYPST_SHEETS`` with Typst (a ``SheetRenderer``)."""

    def __init__(self) -> None:
        typst = load_typst()
        shipped_font_files()  # a missing font file: the same clear error as for WeasyPrint
        self._typst = typst
        # Fonts are scanned once per process and shared by every compile; the layout file is read once.
        self._fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONT_DIR)])
        # The glyph check trusts that Typst draws with these fonts and no other (pdf_check.sheet_font_use): a font
        # file Typst cannot read stops the build here, as a missing one does.
        unreadable = sorted(set(TYPST_FAMILIES) - set(self._fonts.families()))
        if unreadable:
            raise unreadable_fonts(unreadable, FONT_DIR)
        # One compiler per set of sys.inputs, kept for every sheet this engine makes: none made and dropped a
        # sheet (a town's PDF work ≈ −1.2 CPU-s of ≈ 6.6, the same PDFs; decisions/2026-12-07-typst-compiler-reused.md).
        # Why a folder: typst-py's ``query`` takes no new source, and a compiler given its
        # source in memory forgets it once a compile has finished; given a file, it reads the file again after
        # ``query(root=…)`` (which starts a new compilation), so each sheet's source is written there first.
        self._folder = Path(tempfile.mkdtemp(prefix="tetsuzuki-typst-"))
        # Removed with the engine or when its process ends: multiprocessing runs these finalizers in the build
        # process at exit and in a PDF worker as it ends (where atexit does not run).
        multiprocessing.util.Finalize(self, shutil.rmtree, args=(self._folder,), kwargs={"ignore_errors": True},
                                      exitpriority=0)
        (self._folder / LAYOUT.name).write_bytes(LAYOUT.read_bytes())
        self._main = self._folder / "main.typ"
        self._compilers: dict[tuple[tuple[str, str], ...], object] = {}
        self._translated: tuple[str, bytes] | None = None
        self._last: tuple[str, tuple[object, int, float]] | None = None
        """The last print page laid out, with its compiler: a version that ``measure`` found to fit is then
        rendered without being translated and laid out again."""

    def measure(self, html: str, url: str) -> tuple[int, float]:
        """(pages, tallest sheet in mm) as ``render_measured`` gives them, from Typst's layout alone: no PDF is
        written. The A4 fit check asks this of the longer versions of a sheet, so only the version kept is
        exported (decisions/2026-12-07-typst-pdf-engine.md, "Fewer renders")."""
        _, pages, tallest = self._laid_out(html)
        return pages, tallest

    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        compiler, pages, tallest = self._laid_out(html)
        # The layout is Typst's memoised result of the query just made, from the source the query read (a compile
        # reads no file again before it has finished): this compile only writes the PDF.
        self._last = None
        pdf = compiler.compile(format="pdf", timestamp=_made_on(html))
        return pdf, pages, tallest

    def _laid_out(self, html: str) -> tuple[object, int, float]:
        """The compiler of the print page's sys.inputs after the fit query of the page's Typst source."""
        if self._last is not None and self._last[0] == html:
            return self._last[1]
        compact = COMPACT in html
        inputs = (("compact", "true" if compact else "false"), ("kind", sheet_kind(html) or ""), ("lang", _language(html)))
        self._main.write_bytes(self._source(html))
        compiler = self._compilers.get(inputs)
        if compiler is None:
            compiler = self._compilers[inputs] = self._typst.Compiler(
                input=self._main, root=self._folder, font_paths=self._fonts, sys_inputs=dict(inputs)
            )
        # (``root``: a new compilation, so the query reads main.typ as just written, not the last sheet's source)
        fit = json.loads(compiler.query("<fit>", field="value", one=True, root=self._folder))
        pages = int(fit["pages"])
        laid_out = (compiler, pages, _tallest(fit, pages, compact))
        self._last = (html, laid_out)
        return laid_out

    def _source(self, html: str) -> bytes:
        """The print page's Typst source. The compact version of a sheet is the same page with one class more
        (``COMPACT``), which the translation ignores (the type sizes come in as ``sys.inputs.compact``): its
        source is the one just made for the page in normal type, not translated again (a third of the
        translations of a town; tested)."""
        key = html.replace(" " + COMPACT, "")
        if self._translated is None or self._translated[0] != key:
            self._translated = (key, typst_markup.document(html).encode("utf-8"))
        return self._translated[1]


def _language(html: str) -> str:
    """The print page's language (``<html lang>``, its edition's ``frame.lang``): the PDF's ``/Lang`` and Typst's
    line-breaking rules follow it."""
    match = _LANG.search(html)
    return match[1] if match else "ja"


_LANG = re.compile(r'<html lang="([A-Za-z-]+)"')


def _made_on(html: str) -> datetime.datetime:
    """The build date the print page states (``dcterms.created``): the PDF's only date."""
    match = _CREATED.search(html)
    day = datetime.date.fromisoformat(match[1]) if match else datetime.date(1980, 1, 1)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def _tallest(fit: dict, pages: int, compact: bool) -> float:
    """Height in mm of the tallest sheet as laid out: where its content ends plus the bottom margin; a full
    page when a sheet ran onto another page."""
    if pages > 1:
        return PAGE_MM
    bottom_mm = 8.0 if compact else 9.0
    ends = [float(end["y"].removesuffix("pt")) * _PT_MM for end in fit["ends"]]
    return round(max(ends, default=0.0) + bottom_mm, 2)


class EngineByKind:
    """A ``SheetRenderer`` that gives each print page to the engine of its sheet kind: Typst for the kinds in
    ``TYPST_SHEETS``, WeasyPrint for the others. Each engine is made on its first page."""

    def __init__(self, typst_engine: Callable[[], SheetRenderer], other: Callable[[], SheetRenderer]):
        self._factories = {"typst": typst_engine, "other": other}
        self._engines: dict[str, SheetRenderer] = {}
        self._measured_by_rendering: tuple[str, tuple[bytes, int, float]] | None = None

    def prepare(self) -> None:
        """Make the Typst engine now (its fonts read), before its first page: a PDF worker does this as it starts
        (``pdf_pool.SheetPool.start_workers``), while the build process still makes the print pages."""
        if "typst" not in self._engines:
            self._engines["typst"] = self._factories["typst"]()

    def engine_for(self, html: str) -> str:
        return "typst" if sheet_kind(html) in TYPST_SHEETS else "other"

    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        if self._measured_by_rendering and self._measured_by_rendering[0] == html:
            return self._measured_by_rendering[1]
        return self._engine(html).render_measured(html, url)

    def measure(self, html: str, url: str) -> tuple[int, float]:
        """(pages, tallest mm) without the PDF when the page's engine can (Typst), else from its PDF, which is
        kept for a ``render_measured`` of the same page that follows (never rendered twice)."""
        engine = self._engine(html)
        if hasattr(engine, "measure"):
            return engine.measure(html, url)
        rendered = engine.render_measured(html, url)
        self._measured_by_rendering = (html, rendered)
        return rendered[1], rendered[2]

    def _engine(self, html: str) -> SheetRenderer:
        which = self.engine_for(html)
        if which not in self._engines:
            self._engines[which] = self._factories[which]()
        return self._engines[which]
