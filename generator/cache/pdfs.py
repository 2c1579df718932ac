"""The PDF cache: a renderer that asks the cache first and renders only what it does not hold."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from generator.cache.entries import keep, used
from generator.cache.fingerprint import code_fingerprint


class CachedPdfRenderer:
    """A PDF renderer that asks the cache first; the real renderer is only made on the first miss.

    ``render_measured`` has the same signature and results as ``PdfRenderer.render_measured``. ``hits`` and
    ``misses`` count what happened to PDFs (the benchmark and the tests read them); ``measure``, the fit check's
    layout of a longer version, counts in neither.
    """

    def __init__(self, factory: Callable[[], object], folder: Path, resources: dict[str, bytes]):
        self._factory = factory
        self._renderer: object | None = None
        self.folder = folder / "pdf"
        digest = hashlib.sha256(code_fingerprint().encode())
        for name in sorted(resources):
            digest.update(name.encode() + b"\0" + hashlib.sha256(resources[name]).digest())
        self._base = digest.hexdigest()
        self.hits = 0
        self.misses = 0

    def key(self, html: str, url: str) -> str:
        return hashlib.sha256(f"{self._base}\n{url}\n".encode() + html.encode("utf-8")).hexdigest()

    def render(self, html: str, url: str) -> tuple[bytes, int]:
        pdf, pages, _ = self.render_measured(html, url)
        return pdf, pages

    def measure(self, html: str, url: str) -> tuple[int, float]:
        """(pages, tallest mm) of the print page, for the A4 fit check: from the cache when it holds the page
        (rendered, or only measured before), else from the real renderer's layout (its ``measure``: no PDF is
        made, and only the numbers are stored), else from its PDF."""
        pdf_path, meta_path = self._paths(html, url)
        fit_path = pdf_path.with_suffix(".fit.json")
        for path in (meta_path, fit_path):
            try:
                meta = json.loads(path.read_text(encoding="utf-8"))
                measured = int(meta["pages"]), float(meta["tallest"])
            except (OSError, ValueError, KeyError, TypeError):
                continue
            used(path)
            return measured
        engine = self._engine()
        if not hasattr(engine, "measure"):
            _, pages, tallest = self.render_measured(html, url)
            return pages, tallest
        pages, tallest = engine.measure(html, url)  # type: ignore[attr-defined]
        keep(fit_path, json.dumps({"pages": pages, "tallest": tallest}).encode("utf-8"))
        return pages, tallest

    def _engine(self) -> object:
        """The real renderer, made on the first miss."""
        if self._renderer is None:
            self._renderer = self._factory()
        return self._renderer

    def _paths(self, html: str, url: str) -> tuple[Path, Path]:
        """Where the page's PDF and its numbers are kept."""
        key = self.key(html, url)
        pdf_path = self.folder / key[:2] / f"{key}.pdf"
        return pdf_path, pdf_path.with_suffix(".json")

    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        pdf_path, meta_path = self._paths(html, url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            pdf = pdf_path.read_bytes()
            if hashlib.sha256(pdf).hexdigest() == meta["sha256"]:
                self.hits += 1
                used(pdf_path, meta_path)
                return pdf, int(meta["pages"]), float(meta["tallest"])
        except (OSError, ValueError, KeyError):
            pass
        pdf, pages, tallest = self._engine().render_measured(html, url)  # type: ignore[attr-defined]
        self.misses += 1
        if keep(pdf_path, pdf):
            meta = {"pages": pages, "tallest": tallest, "sha256": hashlib.sha256(pdf).hexdigest()}
            keep(meta_path, json.dumps(meta).encode("utf-8"))
        return pdf, pages, tallest
