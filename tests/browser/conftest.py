"""Browser test fixtures: build the example municipality's site once, serve it on 127.0.0.1, drive Chromium.

One build, one server and one browser for the whole session keep the suite fast; each check opens its own
browser context (viewport, colour scheme) and reuses one tab for every page.
"""

from __future__ import annotations

import functools
import os
import http.server
import shutil
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from generator.editions import declared
from generator.loading.strings import string_table
from generator.town_words import site_name
from generator.model import Catalog
from tests.browser.audit import UPDATE_ENV, AuditLog
from tests.browser.site_pages import SitePage, discover_pages, markup_cover, representative
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 (used by browser test modules)
from tests.text import loose, squash  # noqa: F401 (used by browser test modules)

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
PUBLISHED_AUDIT = ROOT / "accessibility" / "audit.json"
PHONE = {"width": 390, "height": 844}


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under the path of its public address (/tetsuzuki/), as the web server will."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        pass


@pytest.fixture(scope="session")
def site_dir(example_site: Path) -> Path:
    """The example municipality's site, built once per run by the real build (MkDocs + the tetsuzuki plugin)."""
    return example_site


@pytest.fixture(scope="session")
def catalog(example_catalog: Catalog) -> Catalog:
    return example_catalog


@pytest.fixture(scope="session")
def base_url(site_dir: Path, catalog: Catalog) -> Iterator[str]:
    """The built site served by the standard library on 127.0.0.1 (a free port), in a thread.

    The path is the one of the municipality's public address, so absolute links (the 404 page has them)
    resolve as they will on the real server.
    """
    prefix = urlsplit(catalog.municipality.base_url or "https://localhost/").path or "/"
    handler_class = type("Handler", (_SiteHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[SitePage]:
    pages = discover_pages(site_dir)
    assert len(pages) >= 10, f"the built site has only {len(pages)} pages"
    return pages


@pytest.fixture(scope="session")
def swept_pages(site_pages: list[SitePage], catalog: Catalog) -> list[SitePage]:
    """The pages the layout sweeps and their text extremes visit: every page when the audit is published
    (``bash scripts/audit.sh``), else a representative selection (see ``site_pages.representative``)."""
    return _selection(site_pages, catalog, representative)


@pytest.fixture(scope="session")
def screen_pages(swept_pages: list[SitePage]) -> list[SitePage]:
    """Swept pages residents read on a screen (print-only pages are checked by axe and the Nu checker only)."""
    return [page for page in swept_pages if not page.print_only]


@pytest.fixture(scope="session")
def markup_pages(site_pages: list[SitePage], catalog: Catalog) -> list[SitePage]:
    """The pages the markup sweeps (axe-core, the keyboard walk, the request check) visit: every page when the audit
    is published, else pages that together show every part and every nesting of the site's markup
    (``site_pages.markup_cover``: what these checks judge does not depend on how long a text is)."""
    return _selection(site_pages, catalog, markup_cover)


@pytest.fixture(scope="session")
def markup_screen_pages(markup_pages: list[SitePage]) -> list[SitePage]:
    """``markup_pages`` residents read on a screen (the keyboard walk)."""
    return [page for page in markup_pages if not page.print_only]


def _selection(site_pages: list[SitePage], catalog: Catalog, choose) -> list[SitePage]:  # noqa: ANN001
    """Every page when the audit is published (``bash scripts/audit.sh``), else ``choose``'s pages."""
    if os.environ.get(UPDATE_ENV) == "1":
        return site_pages
    return choose(site_pages, editions=tuple(edition.prefix for edition in declared(catalog)))


@pytest.fixture(scope="session")
def audit(catalog: Catalog, browser: Browser, site_pages: list[SitePage]) -> Iterator[AuditLog]:
    """Collects every check's result per page; written out when the session ends (see audit.py)."""
    log = AuditLog(site_name=site_name(catalog.municipality, string_table()))
    for page in site_pages:
        log.expect(page.path, page.print_only)
    log.tools = {
        "axe-core": _package_version("axe-core"),
        "Nu Html Checker (vnu-jar)": _package_version("vnu-jar"),
        "Chromium": browser.version,
        "Playwright": _python_version("playwright"),
    }
    yield log
    log.write(ARTIFACTS, PUBLISHED_AUDIT)
    published = catalog.audit
    if published is None or {page.path for page in published.pages} != set(log.expected):
        # Not a failure (a merge that adds pages must not break CI), but the policy page is out of date.
        warnings.warn(
            "accessibility/audit.json does not list the pages of this build: run bash scripts/audit.sh and commit it",
            stacklevel=1,
        )


@pytest.fixture(scope="session")
def page_titles(audit: AuditLog) -> dict[str, str]:
    return audit.titles


@pytest.fixture(scope="session")
def load_requests() -> dict[str, list[str]]:
    """The addresses each markup page requested while it loaded (by its path), recorded by the axe sweep, which
    loads every markup page anyway: the request check (``test_no_page_requests_anything_from_another_origin``)
    loads only the pages not found here — short links, which it follows for real, and every page when it runs
    without the axe sweep. 76 page loads less, 2026-12-07."""
    return {}


NO_TRANSITIONS = {"reduced_motion": "reduce"}
"""Context options for a test that switches the colour scheme and then judges colours: Material's stylesheet fades
colours over 125 ms unless the reader asks for reduced motion. The colours a page ends at are the same; what is saved
is the wait (``RUN_AXE`` waits for running transitions: about 7 s of the axe sweep, measured 2026-12-07)."""


def new_context(browser: Browser, **options: object) -> BrowserContext:
    """A browser context at the phone size unless told otherwise, with the site's language."""
    settings: dict[str, object] = {"viewport": PHONE, "locale": "ja-JP", "device_scale_factor": 1}
    settings.update(options)
    return browser.new_context(**settings)



def with_axe(context: BrowserContext) -> BrowserContext:
    """``context`` with axe-core in every document it opens (``window.axe``, before the page's own scripts), for a
    sweep that runs axe on many pages: sent to Chromium once, not with each page (``add_script_tag`` sent its
    550 KB again for every page: 13 s of the 76-page axe sweep, 2026-12-07). axe only defines itself when loaded;
    it reads the page when it runs."""
    context.add_init_script(path=str(AXE))
    return context

@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser)
    yield context.new_page()
    context.close()


def open_page(page: Page, site_page: SitePage, base_url: str) -> None:
    """Open a page of the site. Short-link pages are shown without following their refresh, so they are tested too."""
    if site_page.redirects:
        html = site_page.file.read_text(encoding="utf-8")
        without_refresh = html.replace('http-equiv="refresh"', 'http-equiv="x-refresh-held-for-test"')
        url = site_page.url(base_url)
        page.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=without_refresh))
        page.goto(url, wait_until="load")
        page.unroute(url)
    else:
        page.goto(site_page.url(base_url), wait_until="load")


def _package_version(name: str) -> str:
    import json

    return json.loads((NODE_MODULES / name / "package.json").read_text(encoding="utf-8"))["version"]


def _python_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def clean_artifacts(name: str) -> Path:
    """A fresh folder under test-artifacts/ for one kind of artifact."""
    folder = ARTIFACTS / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


