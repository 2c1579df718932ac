"""What a phone downloads for each page of a built site, compressed with gzip -9 as a server would send it.

Used by tests/site/test_page_weight.py (the budgets of issue #23) and benchmarks/page_weight.py (the table).
A page's parts are its HTML and every stylesheet, script and image it loads (``link rel=stylesheet``,
``script src``, ``img src``; ``data:`` addresses are part of the HTML). A first visit loads them all; a second
page loads its HTML and the parts that not every guide page shares (the shared stylesheets are cached).
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

KB = 1024


@dataclass(frozen=True)
class PageWeight:
    page: str
    """The page's file in the site (``kosodate/…/index.html``)."""
    parts: dict[str, int]
    """``HTML`` and each loaded file's site path → its size with gzip -9."""
    print_only: bool
    """An A4 print document (flyers, QR cards, review sheets) rather than a guide page."""
    sheets: int
    """A4 sheets in a print document (1 for a guide page)."""

    @property
    def first_visit(self) -> int:
        return sum(self.parts.values())

    def second_page(self, shared: frozenset[str]) -> int:
        return sum(size for part, size in self.parts.items() if part not in shared)

    def describe(self, shared: frozenset[str] = frozenset()) -> str:
        listed = ", ".join(
            f"{part.rsplit('/', 1)[-1]} {size / KB:.1f}" + (" (cached)" if part in shared else "")
            for part, size in self.parts.items()
        )
        return f"{self.page}: {listed} KB"


def page_weights(site: Path, parse: Callable[[Path], BeautifulSoup] | None = None) -> list[PageWeight]:
    """Every HTML page of ``site`` (both editions, print documents, 404.html), sorted by address. ``parse``: how
    to parse a page (the tests pass the session's shared parser, ``tests.conftest.example_soup``)."""
    base_path = _base_path(site)
    weights = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        html = path.read_bytes()
        soup = parse(path) if parse else BeautifulSoup(html, "html.parser")
        parts = {"HTML": _gzip_size(html)}
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                if tag == "link" and "stylesheet" not in (element.get("rel") or []):
                    continue
                address = element.get(attribute)
                if not address or address.startswith("data:"):
                    continue
                target = _site_path(site, base_path, page, address)
                parts[target] = _file_size(site / target)
        root = soup.find("html")
        print_only = root is not None and root.has_attr("data-print-only")
        sheets = max(1, len(soup.select(".f-sheet"))) if print_only else 1
        weights.append(PageWeight(page, parts, print_only, sheets))
    return weights


def shared_parts(weights: list[PageWeight]) -> frozenset[str]:
    """The files every guide page loads: a reader's browser has them after the first page."""
    guide_pages = [set(weight.parts) - {"HTML"} for weight in weights if not weight.print_only]
    return frozenset(set.intersection(*guide_pages)) if guide_pages else frozenset()


def _site_path(site: Path, base_path: str, page: str, address: str) -> str:
    """A page's address for a file as a path in the site (404.html uses absolute addresses)."""
    path = unquote(urlsplit(urljoin("http://site/" + page, address)).path).lstrip("/")
    if not (site / path).is_file() and base_path and path.startswith(base_path):
        path = path[len(base_path):]
    assert (site / path).is_file(), f"{page} loads {address}, which the site does not have"
    return path


def _base_path(site: Path) -> str:
    """The path of the site's base URL (``tetsuzuki/``), read from its 404 page's stylesheet address."""
    not_found = site / "404.html"
    if not not_found.is_file():
        return ""
    link = BeautifulSoup(not_found.read_bytes(), "html.parser").find("link", rel="stylesheet")
    href = link.get("href", "") if link else ""
    return href.lstrip("/").split("assets/", 1)[0] if href.startswith("/") else ""


def _gzip_size(content: bytes) -> int:
    return len(gzip.compress(content, 9, mtime=0))


def _file_size(path: Path) -> int:
    return _gzip_size(path.read_bytes())
