"""Shared fixtures: paths to the sample data and to the test fixtures."""

from __future__ import annotations

import dataclasses
import functools
import os
import shutil
import tempfile
from typing import TYPE_CHECKING
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.environment import CACHE_DIR_ENV, build_options
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
    # One PDF cache for the whole run (xdist workers inherit it): the same print page is rendered once, however
    # many tests build it. Fresh per run, so CI and a developer's machine measure the same work; tests of the
    # cache itself, and the reproducibility test's second build, set their own.
    if not os.environ.get(CACHE_DIR_ENV):
        os.environ[CACHE_DIR_ENV] = _SESSION_CACHE.setdefault("dir", tempfile.mkdtemp(prefix="tetsuzuki-test-cache-"))
    _layout_only_in_slow_tests()
    if os.environ.get(TIMELINE_ENV):
        import atexit

        atexit.register(_timeline_event, "exit")  # (registered early: runs after the other exit handlers)
    config.addinivalue_line("markers", "slow: real browser, PDFs, fuzzing, killed processes, a live preview server or fresh-process rebuild comparisons (left out by --quick)")


SLOW = (
    "browser/", "commands/test_fuzz.py", "commands/test_kill.py", "commands/test_build_all.py", "commands/test_serve.py",
    "towns/test_town_information.py", "flyers/test_pdfs.py", "flyers/test_pdf_fonts.py", "flyers/test_print_pages.py",
    "flyers/test_parallel_pdfs.py", "flyers/test_typst_sheets.py", "flyers/test_fit_versions.py",
    "commands/test_build.py::test_two_builds_of_the_same_input_are_byte_identical",
    # Each test builds three times, once in a process that has built nothing (the clean build it compares with:
    # tests/towns/clean_builds.py): 27 tests, about a minute of one core; the most of any module without a browser
    # or PDFs.
    "towns/test_page_reuse.py",
    "towns/test_build_cache.py::test_cached_pdfs_are_byte_identical",
    # The used-CSS step against brute force on every page (~6 s); --quick runs it on the swept pages.
    "site/test_used_css.py::test_the_rules_found_are_those_every_selector_on_every_element_finds",
)
"""Folders, modules and tests (prefixes of test ids, relative to tests/) that are slow."""
SLOW_FIXTURES = {"example_flyers", "fixture_flyers", "built"}
"""Fixtures that render PDFs (``built`` asks for one of the other two by name): a test that uses one is slow."""


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if "dir" in _SESSION_CACHE:
        shutil.rmtree(_SESSION_CACHE.pop("dir"), ignore_errors=True)
        os.environ.pop(CACHE_DIR_ENV, None)
    # Then, before any other plugin's last hook: leave the objects this process made to the operating system at
    # exit. Otherwise they are walked twice more: pytest's check for errors raised in finalizers
    # (``unraisableexception``, a plain ``pytest_unconfigure``) runs a full ``gc.collect()``, and the interpreter
    # frees them at exit through the cycle collector. A process that had parsed the example's ~450 pages
    # (``example_soup``) took 13.8 s from its last test's end to its exit, 2.8 s when frozen after pytest's
    # collection (2026-12-07 afternoon); that collection alone took 2.1 s (evening, ``TETSUZUKI_TEST_TIMELINE``).
    # Frozen first, they are left out of both. Every fixture was torn down before this (in the last test's
    # teardown), so no test's finalizer is skipped; a file still open is flushed when its last reference goes,
    # which freezing does not stop. Left out: a ``__del__`` that raises, of an object in a reference cycle that
    # only this last collection would free (the automatic collections during the run are still checked).
    import gc

    _timeline_event("unconfigure")
    gc.freeze()


_SESSION_CACHE: dict[str, str] = {}
"""The PDF cache folder this process made (only the process that made it removes it)."""


BROWSER_SWEEPS = ("browser/test_axe.py", "browser/test_layout.py", "browser/test_keyboard_and_requests.py",
                  "browser/test_html_validity.py")
"""The per-page browser sweeps: one xdist worker runs them, the other the remaining browser tests."""


EVERY_PAGE_READERS = ("site/test_example_site.py", "site/test_page_weight.py", "commands/test_build.py")
"""The modules that parse every page of the example (``example_soup``, about 10 s a process): one worker runs
them, so the pages are parsed once (``tests/test_suite_units.py`` holds that no other module asks for it)."""


LONGEST_UNITS = (
    "browser-sweeps", "flyers", "browser-journeys", "towns/test_page_reuse.py",
    # Then the units of 10-45 s, longest first, so that the run ends with short ones and neither worker waits long
    # for the other (a worker is handed its next unit while it runs one: the last two units decide the tail).
    # Order measured 2026-12-07 (benchmarks/test_timeline.py); the units not named here follow, as xdist orders them.
    "every-page", "commands/test_fuzz.py", "commands/test_kill.py", "commands/test_build_all.py",
    "commands/test_links_stay_inside.py", "commands/test_check.py", "towns/test_town_information.py",
    "site/test_used_css.py", "mkdocs_plugin/test_plugin.py", "towns/test_build_cache.py", "towns/test_readiness.py",
    "towns/test_workbook.py", "site/test_failures.py", "site/test_procedure_start.py", "commands/test_serve.py",
    "commands/test_words_and_escaping.py", "commands/test_pdf_workers.py", "towns/test_workbook_one_pass.py",
    "commands/test_environment_at_the_edge.py", "test_sweep_selection.py", "site/test_page_shape.py",
)
"""Work units handed out first, in this order: those that take minutes (the sweeps and the flyers about 2 each on a
quiet machine), then the longer of the rest."""


def work_unit(relative: str) -> str:
    """Which worker-sized unit a test belongs to (``scripts/test.sh`` runs ``-n 2``): the tests of one module stay
    together, so a module's fixtures (a build, a fuzzing project) are made once; the flyer tests share one worker,
    so the example's PDFs are rendered once; the per-page browser sweeps run beside the other browser tests.

    Decided from the test's id alone, because pytest-xdist's controller, which hands out the units, sees only ids.
    So every user of a PDF fixture (``SLOW_FIXTURES``) must live in ``tests/flyers/``
    (``test_pdf_fixtures_are_used_in_the_flyers_folder_only`` holds that)."""
    module = relative.split("::", 1)[0]
    if module.startswith("browser/"):
        return "browser-sweeps" if module in BROWSER_SWEEPS else "browser-journeys"
    if module.startswith("flyers/"):
        return "flyers"
    if module in EVERY_PAGE_READERS:
        return "every-page"
    return module


@pytest.hookimpl(optionalhook=True)  # the hook exists only when pytest-xdist runs (not with TETSUZUKI_TEST_JOBS=1)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``--dist loadscope`` (``scripts/test.sh``) with our scopes: whole work units (``work_unit``). Why not
    ``--dist loadgroup`` and marks: pytest-xdist 3.8 marks a group by rewriting ``item._nodeid``, which pytest 9
    no longer reads, so its groups never formed and every module's fixtures were built on both workers."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class WorkUnitScheduling(LoadScopeScheduling):
        ordered = False

        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid.removeprefix("tests/"))

        def _assign_work_unit(self, node: object) -> None:
            # The longest units first (xdist orders units by their number of tests, which put the browser sweeps,
            # few tests but minutes long, near the end: one worker then ran them while the other sat idle).
            if not self.ordered:
                self.ordered = True
                for scope in reversed(LONGEST_UNITS):
                    if scope in self.workqueue:
                        self.workqueue.move_to_end(scope, last=False)
            super()._assign_work_unit(node)

    return WorkUnitScheduling(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Why one list here rather than a marker in each module: a new slow module or PDF fixture is one line.
    for item in items:
        relative = item.nodeid.removeprefix("tests/")
        if relative.startswith(SLOW) or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


SUBSUMED = {
    # The same comparison on the swept pages only (for --quick) and on every page (slow): CI runs the second.
    "site/test_used_css.py::test_on_the_swept_pages_the_rules_found_are_those_every_selector_finds":
        "site/test_used_css.py::test_the_rules_found_are_those_every_selector_on_every_element_finds",
}
"""Tests whose every check a slower test of the same run repeats on more input: left out when that one runs."""


# (A second implementation of the hook in this file, named apart: pytest registers only names that start with
# "pytest_". Last, so that -m "not slow" has deselected the slower test first.)
@pytest.hookimpl(trylast=True, specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_subsumed(config: pytest.Config, items: list[pytest.Item]) -> None:
    selected = {item.nodeid.removeprefix("tests/") for item in items}
    repeated = [item for item in items if SUBSUMED.get(item.nodeid.removeprefix("tests/")) in selected]
    if repeated:
        config.hook.pytest_deselected(items=repeated)
        items[:] = [item for item in items if item not in repeated]


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def valid_dir() -> Path:
    return FIXTURES / "valid"


@pytest.fixture
def broken_dir() -> Path:
    return FIXTURES / "broken"


def as_built(catalog: Catalog) -> Catalog:
    """``catalog`` with the options a build of this test run gets from the environment (no PDFs, the session's
    cache): a library call without options would take ``BuildOptions()``, which makes PDFs."""
    return dataclasses.replace(catalog, options=build_options(os.environ))


@pytest.fixture(scope="session")
def example_catalog() -> Catalog:
    return as_built(load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml"))


@pytest.fixture(autouse=True)
def _pdfs_only_in_slow_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that renders PDFs (seconds each, minutes for a town) must be listed as slow (``SLOW``,
    ``SLOW_FIXTURES``): otherwise ``--quick`` and CI grow without anyone noticing. A library call without
    options renders them (``BuildOptions()``), which once made three quick tests take 25 minutes in CI."""
    if request.node.get_closest_marker("slow"):
        return
    from generator.flyers import feature

    real, real_engine = feature._pdf_renderer, feature.pdf_engine

    def only_without_pdfs(make_pdfs: bool, *args: object, **kwargs: object):  # noqa: ANN202
        # (a test that puts a stand-in engine in place of WeasyPrint, feature.pdf_engine, renders nothing real)
        assert not (make_pdfs and feature.pdf_engine is real_engine), (
            f"{request.node.nodeid} renders PDFs but is not listed as slow: give the catalog options without PDFs "
            "(tests.conftest.as_built) or add the test to SLOW in tests/conftest.py"
        )
        return real(make_pdfs, *args, **kwargs)

    monkeypatch.setattr(feature, "_pdf_renderer", only_without_pdfs)


TIMELINE_ENV = "TETSUZUKI_TEST_TIMELINE"
"""A folder: each test process appends when each of its tests started and ended (setup to teardown), one line a
test, so ``benchmarks/test_timeline.py`` can show what each worker ran when and how long it sat idle at the end."""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    folder = os.environ.get(TIMELINE_ENV)
    if not folder:
        yield
        return
    import json
    import time

    start, cpu = time.time(), time.process_time()
    yield
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    line = {"worker": worker, "test": item.nodeid, "start": start, "end": time.time(), "cpu": time.process_time() - cpu}
    with open(Path(folder) / f"{worker}.jsonl", "a", encoding="utf-8") as log:
        log.write(json.dumps(line, ensure_ascii=False) + "\n")


def _timeline_event(name: str) -> None:
    """With ``TETSUZUKI_TEST_TIMELINE``: when this process reached ``name`` (its session's end, its last hook, its
    exit), so ``benchmarks/test_timeline.py`` can show where the time between the last test and pytest's end goes."""
    folder = os.environ.get(TIMELINE_ENV)
    if not folder:
        return
    import json
    import time

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(Path(folder) / f"{worker}.events", "a", encoding="utf-8") as log:
        log.write(json.dumps({"worker": worker, "event": name, "time": time.time(), "pid": os.getpid()}) + "\n")


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    _timeline_event("sessionfinish")
    if os.environ.get(TIMELINE_ENV):
        import atexit

        atexit.register(_timeline_event, "atexit")  # (the exit handlers run last registered first: this one first)


_RUNNING: dict[str, pytest.Item] = {}
"""The test being set up, run or torn down (module fixtures are made during the setup of their first test)."""


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _RUNNING["item"] = item


LAYOUT_METHODS = ("render", "render_measured", "measure", "pages_and_height", "_laid_out")
"""The PDF engines' methods that lay pages out (what makes PDFs slow)."""


def _layout_only_in_slow_tests() -> None:
    """The engine-level guard beside ``_pdfs_only_in_slow_tests``: that one sees only the flyers feature, and not a
    module fixture (made before a test's own fixtures) or a test that calls an engine itself — how
    ``flyers/test_fit_versions.py``, 27 Typst layouts, ran in ``--quick`` until 2026-12-07."""
    from generator.flyers.pdf import PdfRenderer
    from generator.flyers.typst_engine import TypstRenderer

    for engine in (PdfRenderer, TypstRenderer):
        for name in LAYOUT_METHODS:
            real = engine.__dict__.get(name)
            if real is None:
                continue

            @functools.wraps(real)
            def guarded(self, *args, _real=real, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
                item = _RUNNING.get("item")
                assert item is None or item.get_closest_marker("slow"), (
                    f"{item.nodeid} lays out a PDF ({type(self).__name__}.{_real.__name__}) but is not listed as "
                    "slow: add it to SLOW in tests/conftest.py"
                )
                return _real(self, *args, **kwargs)

            setattr(engine, name, guarded)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example municipality built once per test run with the real mkdocs.yml (without PDFs), read-only:
    tests that change input build a copy of the project instead.

    Once per run, not once per worker: with pytest-xdist the first worker that asks builds it into the run's
    shared temporary folder (the parent of each worker's own) while holding a lock; a worker that asks meanwhile
    waits for that build and reads the same site. Both workers used to build it (about 8 CPU-s each, 2026-12-07)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("example") / "site")
    import fcntl

    shared = tmp_path_factory.getbasetemp().parent / "example-shared"
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # (released when the file closes, also when the build fails)
        built = shared / "built"
        if not built.exists():
            site = build_site(ROOT / "mkdocs.yml", site_dir=shared / "site")
            built.write_text(str(site), encoding="utf-8")
        return Path(built.read_text(encoding="utf-8"))


ParsedPage = Callable[[Path], BeautifulSoup]
"""``example_soup``: a page's path → its parsed tree (shared, read-only)."""


@functools.cache
def _parsed(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def example_soup(example_site: Path) -> ParsedPage:
    """A page of ``example_site``, parsed once per test process however many tests read it: parsing all ~450
    pages takes about 10 s, and seven tests read every page. The trees are shared, so a test must never change
    one (no ``decompose``, no ``extract``); a test that needs to, parses its own copy."""

    def soup(path: Path) -> BeautifulSoup:
        assert path.is_relative_to(example_site), f"{path} is not a page of the shared example site"
        return _parsed(path)

    return soup


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
