"""Shared fixtures: paths to the sample data and to the test fixtures."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import build_site
from generator.flyers.feature import PDF_ENV
from generator.loading import load_catalog
from generator.model import Catalog

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# The flags the project uses everywhere for Debian's Chromium (see the developers' guide).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def pytest_configure(config: pytest.Config) -> None:
    # Why: rendering the 32 flyer PDFs takes seconds per site build, and most tests build the site only to
    # read its pages. Tests about PDFs ask for them explicitly (tests/flyers, and the byte-identity and
    # leak tests of whole builds, which must cover PDFs too).
    os.environ[PDF_ENV] = "0"
    config.addinivalue_line("markers", "slow: real browser, PDFs, fuzzing or killed processes (left out by --quick)")


SLOW = (
    "browser/", "commands/test_fuzz.py", "commands/test_kill.py", "commands/test_build_all.py",
    "towns/test_town_information.py", "flyers/test_pdfs.py", "flyers/test_pdf_fonts.py", "flyers/test_print_pages.py",
    "commands/test_build.py::test_two_builds_of_the_same_input_are_byte_identical",
    "towns/test_build_cache.py::test_cached_pdfs_are_byte_identical",
)
"""Folders, modules and tests (prefixes of test ids, relative to tests/) that are slow."""
SLOW_FIXTURES = {"example_flyers", "fixture_flyers"}
"""Fixtures that render PDFs: a test that uses one is slow."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Why one list here rather than a marker in each module: a new slow module or PDF fixture is one line.
    for item in items:
        relative = item.nodeid.removeprefix("tests/")
        if relative.startswith(SLOW) or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def valid_dir() -> Path:
    return FIXTURES / "valid"


@pytest.fixture
def broken_dir() -> Path:
    return FIXTURES / "broken"


@pytest.fixture(scope="session")
def example_catalog() -> Catalog:
    return load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example municipality built once per test run with the real mkdocs.yml (without PDFs), read-only:
    tests that change input build a copy of the project instead."""
    return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    """One Playwright for the whole run: its sync API refuses a second instance while one is open, so the
    browser tests and the print tests of other folders must share it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's Chromium is missing: run bash scripts/test.sh (it installs it)"
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()
