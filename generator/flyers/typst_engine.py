"""The Typst PDF engine (issue #23): print pages that have a Typst layout, ~30× faster than WeasyPrint.

``TypstRenderer`` is a ``SheetRenderer``: it takes the same finished print page HTML as WeasyPrint, translates
it (``typst_markup.py``) into calls of the layout functions in ``sheets.typ``, and compiles that with the
``typst`` package (one compiled wheel from PyPI, no system library). Only the sheet kinds in ``TYPST_SHEETS``
have a Typst layout; ``EngineByKind`` sends every other print page to WeasyPrint, so a kind moves to Typst
only once its layout is complete (see decisions/2026-12-07-typst-pdf-engine.md).

Fonts: only the BIZ UD files in ``generator/flyers/fonts`` (no system fonts, not Typst's own), so the PDF is
the same on every machine; ``pdf_check.py`` reads every PDF back as for WeasyPrint's.
Reproducible bytes: the only date in the PDF is the build date (the print page's ``dcterms.created``).
The A4 fit check: ``sheets.typ`` records where each sheet's content ends and how many pages there are, and
``render_measured`` reads it back with a Typst query: the same (pages, tallest mm) as WeasyPrint's.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import multiprocessing.util
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.flyers import typst_markup
from generator.flyers.pdf import FONT_DIR, PdfUnavailable, SheetRenderer, shipped_fonts

HERE = Path(__file__).resolve().parent
LAYOUT = HERE / "sheets.typ"

TYPST_SHEETS = frozenset({"f-flyer", "f-koushi", "f-cards", "f-practice"})
"""Sheet kinds (the ``.f-sheet`` element's kind class) whose PDFs Typst makes: procedure flyers, instructors'
pages (講師用), QR card sheets, the class practice sheet. A new kind stays on WeasyPrint until it is here."""

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
        shipped_fonts()  # a missing font file: the same clear error as for WeasyPrint
        self._typst = typst
        self._fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONT_DIR)])
        self._folder = tempfile.TemporaryDirectory(prefix="tetsuzuki-typst-")
        self._root = Path(self._folder.name)
        # A PDF worker process ends without running atexit (multiprocessing leaves by os._exit), where the
        # folder's own clean-up waits: multiprocessing's finalizers do run there.
        multiprocessing.util.Finalize(self, shutil.rmtree, args=(self._folder.name,), kwargs={"ignore_errors": True},
                                      exitpriority=0)
        (self._root / LAYOUT.name).write_bytes(LAYOUT.read_bytes())

    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        source = typst_markup.document(html).encode("utf-8")
        compact = "f-sheet--compact" in html
        # One file per source (named by its hash): Typst never sees an older content under the same name.
        main = self._root / f"sheet-{hashlib.sha256(source).hexdigest()[:24]}.typ"
        main.write_bytes(source)
        try:
            compiler = self._typst.Compiler(
                input=str(main), root=str(self._root), font_paths=self._fonts,
                sys_inputs={"compact": "true" if compact else "false", "kind": sheet_kind(html) or "", "lang": _language(html)},
            )
            pdf = compiler.compile(format="pdf", timestamp=_made_on(html))
            fit = json.loads(compiler.query("<fit>", field="value", one=True))
        finally:
            main.unlink(missing_ok=True)
        pages = int(fit["pages"])
        return pdf, pages, _tallest(fit, pages, compact)


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

    def engine_for(self, html: str) -> str:
        return "typst" if sheet_kind(html) in TYPST_SHEETS else "other"

    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        which = self.engine_for(html)
        if which not in self._engines:
            self._engines[which] = self._factories[which]()
        return self._engines[which].render_measured(html, url)
