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
    ``misses`` count what happened (the benchmark and the tests read them).
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

    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        key = self.key(html, url)
        pdf_path = self.folder / key[:2] / f"{key}.pdf"
        meta_path = pdf_path.with_suffix(".json")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            pdf = pdf_path.read_bytes()
            if hashlib.sha256(pdf).hexdigest() == meta["sha256"]:
                self.hits += 1
                used(pdf_path, meta_path)
                return pdf, int(meta["pages"]), float(meta["tallest"])
        except (OSError, ValueError, KeyError):
            pass
        if self._renderer is None:
            self._renderer = self._factory()
        pdf, pages, tallest = self._renderer.render_measured(html, url)  # type: ignore[attr-defined]
        self.misses += 1
        if keep(pdf_path, pdf):
            meta = {"pages": pages, "tallest": tallest, "sha256": hashlib.sha256(pdf).hexdigest()}
            keep(meta_path, json.dumps(meta).encode("utf-8"))
        return pdf, pages, tallest
