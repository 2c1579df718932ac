"""PDF files of the print pages, made at build time with WeasyPrint from the very same HTML and CSS.

WeasyPrint finds fonts through fontconfig, so the CSS only names the family (BIZ UDPGothic, from Debian's
``fonts-morisawa-bizud-gothic``); the glyphs used are embedded as a subset in each PDF.

Nothing is fetched from the network: the HTML is given a made-up base address, and every resource it names
(the flyer stylesheet) is served from the files this build generates. Any other address is refused.

Reproducible bytes: WeasyPrint writes a creation date only when the page has ``<meta name="dcterms.created">``
(we set it to the build date, see ``dates.py``) and no random file identifier unless asked.
"""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass, field
from urllib.parse import urlsplit

PDF_BASE = "https://tetsuzuki-build.invalid/"
"""Made-up origin the print pages are rendered under; ``.invalid`` can never resolve (RFC 2606)."""


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


@dataclass
class PdfRenderer:
    """Renders print pages to PDF, serving the resources they use from the generated files."""

    resources: dict[str, bytes] = field(default_factory=dict)
    """Site path (``chirashi/flyer.css``) → content."""

    def __post_init__(self) -> None:
        self._weasyprint = load_weasyprint()
        resources = self.resources
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

    def render(self, html: str, url: str) -> tuple[bytes, int]:
        """The PDF of the print page ``html`` that lives at site path ``url``, and its number of pages."""
        document = self._weasyprint.HTML(string=html, base_url=PDF_BASE + url, url_fetcher=self._fetcher).render()
        return document.write_pdf(), len(document.pages)
