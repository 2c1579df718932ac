"""PDF files of the print pages, made at build time with WeasyPrint from the very same HTML and CSS.

Fonts: the PDFs never depend on the fonts of the machine that builds them. ``flyer-pdf.css`` (read by
WeasyPrint only, never published) loads the BIZ UD fonts shipped in ``generator/flyers/fonts/`` with
``@font-face``; the glyphs used are embedded as a subset in each PDF. ``pdf_check.py`` then proves each PDF
draws every character with a real glyph of those fonts (see ``PdfRenderer.render``).

Nothing is fetched from the network: the HTML is given a made-up base address, and every resource it names
(the flyer stylesheet, the fonts) is served from memory. Any other address is refused.

Reproducible bytes: WeasyPrint writes a creation date only when the page has ``<meta name="dcterms.created">``
(we set it to the build date, see ``dates.py``) and no random file identifier unless asked.
"""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from generator.flyers.pdf_check import FONT_FIX, PdfFontError

PDF_BASE = "https://tetsuzuki-build.invalid/"
"""Made-up origin the print pages are rendered under; ``.invalid`` can never resolve (RFC 2606)."""

HERE = Path(__file__).resolve().parent
FONT_DIR = HERE / "fonts"
FONT_FILES = ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf", "BIZUDGothic-Bold.ttf")
"""The shipped fonts ``flyer-pdf.css`` names (OFL 1.1, see ``fonts/README.md``)."""

PDF_STYLESHEET_FILE = HERE / "flyer-pdf.css"
_PRIVATE = "_pdf-only/"
"""Path prefix of the resources only WeasyPrint sees (the PDF stylesheet and the fonts): never in ``site/``."""


class SheetRenderer(Protocol):
    """What the flyers feature needs from a PDF engine (issue #23: one small interface, so an engine can be
    measured or replaced without touching the feature). ``PdfRenderer`` (WeasyPrint), the cache in front of
    it (``generator.cache.CachedPdfRenderer``) and the pool of worker processes the feature renders with
    (``generator.flyers.pdf_pool.SheetPool``, which adds ``render_all`` for many pages at once) implement it.
    Another engine plugs in at one place: ``generator.flyers.feature.pdf_engine``, the factory each worker calls.

    ``render_measured(html, url)`` turns the print page ``html`` served at site path ``url`` into PDF bytes
    (byte-reproducible: the same input gives the same bytes), and returns them with the number of pages and
    the height in mm of the tallest ``.f-sheet`` as laid out (the A4 fit check). The feature then reads every
    PDF back with ``pdf_check.check_pdfs`` (the glyph and font check), whatever the engine.

    An engine may also have ``measure(html, url)`` → (pages, tallest mm), the same numbers from its layout
    alone: the fit check then lays out the versions it may throw away without writing their PDFs
    (``pdf_pool.render_fitting``). Typst has it; WeasyPrint does not (its versions are rendered, as before).
    """

    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]: ...


class PdfUnavailable(Exception):
    """WeasyPrint (or the Pango library it needs) cannot run on this machine."""


def load_weasyprint():  # noqa: ANN201 (the module is only known once it imported)
    """Import WeasyPrint, or raise ``PdfUnavailable`` saying why (missing package or missing Pango)."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailable(f"{type(error).__name__}: {error}") from None
    # WeasyPrint logs every unsupported CSS property as a warning; our stylesheet is for browsers too.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint


def shipped_font_files() -> list[Path]:
    """The shipped font files. Raises ``PdfFontError`` naming a missing file."""
    missing = [name for name in FONT_FILES if not (FONT_DIR / name).is_file()]
    if missing:
        raise PdfFontError(
            f"チラシの PDF に 使う 日本語の フォントの ファイルが ありません: {', '.join(missing)}"
            f"（{FONT_DIR}）。\n{FONT_FIX}"
        )
    return [FONT_DIR / name for name in FONT_FILES]


def shipped_fonts() -> dict[str, bytes]:
    """The font files, by the path ``flyer-pdf.css`` uses. Raises ``PdfFontError`` naming a missing file."""
    return {f"{_PRIVATE}fonts/{path.name}": path.read_bytes() for path in shipped_font_files()}


@dataclass
class PdfRenderer:
    """Renders print pages to PDF with WeasyPrint (a ``SheetRenderer``), serving the resources they use from
    the generated files."""

    resources: dict[str, bytes] = field(default_factory=dict)
    """Site path (``chirashi/flyer.css``) → content."""

    def __post_init__(self) -> None:
        self._weasyprint = load_weasyprint()
        resources = {**self.resources, **shipped_fonts()}
        weasyprint = self._weasyprint

        class _InMemoryFetcher(weasyprint.URLFetcher):
            def fetch(self, url: str, headers=None):  # noqa: ANN001, ANN202 (WeasyPrint's signature)
                if url.startswith("data:"):
                    return super().fetch(url, headers)
                if not url.startswith(PDF_BASE):
                    raise ValueError(f"flyers never fetch from outside the build: {url}")
                path = urlsplit(url).path.lstrip("/")
                if path not in resources:
                    raise ValueError(f"not a generated file: {path}")
                content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return weasyprint.urls.URLFetcherResponse(url, resources[path], {"Content-Type": content_type})

        # fail_on_errors: a missing stylesheet must stop the build, not give a PDF in the wrong font size.
        self._fetcher = _InMemoryFetcher(fail_on_errors=True)
        # One font configuration for every PDF of the build: the fonts are read and registered once.
        from weasyprint.text.fonts import FontConfiguration

        self._font_config = FontConfiguration()
        self._pdf_css = weasyprint.CSS(
            string=PDF_STYLESHEET_FILE.read_text(encoding="utf-8"),
            base_url=PDF_BASE + _PRIVATE,
            url_fetcher=self._fetcher,
            font_config=self._font_config,
        )

    def render(self, html: str, url: str) -> tuple[bytes, int]:
        """The PDF of the print page ``html`` that lives at site path ``url``, and its number of pages."""
        pdf, pages, _ = self.render_measured(html, url)
        return pdf, pages

    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        """As ``render``, plus the height in mm of the tallest sheet (``.f-sheet``) as laid out."""
        document = self._laid_out(html, url)
        return document.write_pdf(), len(document.pages), _tallest_mm(document)

    def pages_and_height(self, html: str, url: str) -> tuple[int, float]:
        """``render_measured``'s numbers from the layout alone, without writing the PDF (for checks that only
        count pages). Not named ``measure`` on purpose: ``pdf_pool.render_fitting`` would then lay out every
        version that fits twice, since WeasyPrint, unlike Typst, does not keep a layout for the render after."""
        document = self._laid_out(html, url)
        return len(document.pages), _tallest_mm(document)

    def _laid_out(self, html: str, url: str):  # noqa: ANN202 (weasyprint.Document: known once imported)
        return self._weasyprint.HTML(string=html, base_url=PDF_BASE + url, url_fetcher=self._fetcher).render(
            stylesheets=[self._pdf_css], font_config=self._font_config
        )


def _tallest_mm(document: object) -> float:
    return max((_sheet_height_mm(page._page_box) for page in document.pages), default=0.0)


def _sheet_height_mm(box: object) -> float:
    """Height of the first ``.f-sheet`` box on a laid-out page (0 when there is none)."""
    element = getattr(box, "element", None)
    if element is not None and "f-sheet" in (element.get("class") or "").split() and hasattr(box, "margin_height"):
        return box.margin_height() * 25.4 / 96  # CSS pixels → mm
    for child in getattr(box, "children", ()):
        height = _sheet_height_mm(child)
        if height:
            return height
    return 0.0
