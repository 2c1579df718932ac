"""Find the pages of a built site by walking it, so pages added by any feature are tested without a list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# A page marks itself as print-only (flyers, handouts) with `<html data-print-only>`; such pages are checked by
# axe and the Nu checker like every page, but not against the phone-screen layout rules.
_PRINT_ONLY = re.compile(r"<html[^>]*\sdata-print-only[\s>=]", re.IGNORECASE)
_REFRESH = re.compile(r"<meta\s+http-equiv=[\"']?refresh", re.IGNORECASE)


@dataclass(frozen=True)
class SitePage:
    """One HTML file of the built site and the address it is served at."""

    file: Path
    path: str
    """Site-relative URL path: ``kosodate/jidou-teate-nintei-seikyu/`` or ``404.html`` ('' for the home page)."""
    print_only: bool
    redirects: bool
    """A short link page (``/p/k01/``) that forwards the reader with a zero-second refresh."""

    def url(self, base: str) -> str:
        return base + self.path


def discover_pages(site: Path) -> list[SitePage]:
    """Every HTML page of the site, sorted by path."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        if relative.startswith("assets/"):
            continue
        path = relative.removesuffix("index.html") if relative.endswith("index.html") else relative
        text = file.read_text(encoding="utf-8")
        pages.append(SitePage(file, path, bool(_PRINT_ONLY.search(text)), bool(_REFRESH.search(text))))
    return sorted(pages, key=lambda page: page.path)
