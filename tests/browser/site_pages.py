"""Find the pages of a built site by walking it, so pages added by any feature are tested without a list."""

from __future__ import annotations

import hashlib
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


# Why a selection: the per-page browser sweeps (axe in two colour schemes, three layouts, the keyboard walk,
# requests) cost about a second per page and check, and two thirds of the ~450 pages are families made from
# one template with one procedure's words each (27 flyers, 27 instructor sheets, 54 short links, 66 feedback
# answers, …). CI checks every page that has a template or text of its own, and from each family the pages
# with the longest and the shortest text (the likeliest to overflow or to look empty) and one chosen by a fixed
# hash — the representative-plus-random selection of the JIS X 8341-3 test method (WAIC 試験実施ガイドライン).
# `bash scripts/audit.sh` (TETSUZUKI_UPDATE_AUDIT=1) sweeps every page and publishes the record.
_PROCEDURE_ID = re.compile(r"^[kcdKCD]\d{2}$")
_FAMILY_PREFIXES = ("cards-", "kyoushitsu-")


def family(page: SitePage) -> str:
    """The page's template family: its path with the procedure id (or kit name) replaced by ``*``."""
    parts = []
    for part in page.path.split("/"):
        if _PROCEDURE_ID.match(part):
            part = "*"
        elif part.startswith(_FAMILY_PREFIXES):
            part = part.split("-", 1)[0] + "-*"
        parts.append(part)
    return "/".join(parts)


def representative(pages: list[SitePage], per_family: int = 3) -> list[SitePage]:
    """Every page that is alone in its family; from a larger family the longest, the shortest and one by hash."""
    families: dict[str, list[SitePage]] = {}
    for page in pages:
        families.setdefault(family(page), []).append(page)
    chosen: list[SitePage] = []
    for members in families.values():
        if len(members) <= per_family:
            chosen += members
            continue
        by_size = sorted(members, key=lambda page: (page.file.stat().st_size, page.path))
        picks = [by_size[-1], by_size[0]]
        rest = [page for page in members if page not in picks]
        picks.append(min(rest, key=lambda page: hashlib.sha256(page.path.encode()).hexdigest()))
        chosen += picks
    return sorted(chosen, key=lambda page: page.path)
