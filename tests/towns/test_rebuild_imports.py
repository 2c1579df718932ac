"""A build without PDFs does not load the PDF machinery (issue #23 item 4: a fresh ``tetsuzuki build`` process
after one edit pays for every module it imports; the PDF modules, the worker pool and ``multiprocessing`` were
~0.015 s of it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.environment import CACHE_DIR_ENV, CACHE_ENV
from generator.flyers.feature import PDF_ENV
from tests.commands.conftest import small_project

PDF_MODULES = (
    "generator.flyers.pdf", "generator.flyers.pdf_check", "generator.flyers.pdf_pool", "generator.flyers.typst_engine",
    "generator.flyers.typst_markup", "multiprocessing", "pypdf", "generator.cache.pdfs",
)

FRESH_BUILD = """
import gc
import sys
from generator.cli import main
walks = []
gc.callbacks.append(lambda phase, info: walks.append(hasattr(sys.modules.get("generator.build"), "build_site"))
                    if phase == "start" else None)
try:
    main(["build", "-d", sys.argv[1], "-q"])
except SystemExit as end:
    assert not end.code, end.code
print("walks:", walks.count(False), walks.count(True), gc.isenabled())
print("loaded:", *sorted(name for name in sys.modules if name in {names}))
"""
"""A ``tetsuzuki build`` in a new process: how often the cyclic collector walked while the build's modules were
imported and after, and which of ``names`` it loaded."""

WATCHED = (*PDF_MODULES, "jpholiday", "generator.cache.towns")


def _fresh_build(project: Path, site: Path, cache: Path | None = None) -> tuple[list[str], set[str]]:
    """One fresh build of ``project`` (without PDFs; with no cache, or with the cache folder ``cache``): the collector's
    walks (while importing, after, enabled at the end) and the modules of ``WATCHED`` it loaded."""
    environment = {**os.environ, CACHE_ENV: "0", PDF_ENV: "0", "NO_MKDOCS_2_WARNING": "1"}
    if cache is not None:
        environment |= {CACHE_ENV: "1", CACHE_DIR_ENV: str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", FRESH_BUILD.format(names=set(WATCHED)), str(site)],
        cwd=project, env=environment, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    walks, loaded = result.stdout.splitlines()[-2:]
    assert walks.startswith("walks:") and loaded.startswith("loaded:"), result.stdout
    return walks.split()[1:], set(loaded.split()[1:])


@pytest.fixture(scope="module")
def uncached(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], set[str]]:
    """A fresh build without any cache, shared by the tests that read what it loaded and how the collector ran
    (one process for the three: each used to start its own, about 2 CPU-s each)."""
    folder = tmp_path_factory.mktemp("uncached")
    project = small_project(folder / "project")
    return (folder / "site", *_fresh_build(project, folder / "site"))


@pytest.fixture(scope="module")
def cached(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], set[str]]:
    """What a first fresh build with an empty cache folder loaded, and what a second fresh build with the same
    folder loaded."""
    folder = tmp_path_factory.mktemp("cached")
    project = small_project(folder / "project")
    _, first = _fresh_build(project, folder / "site", cache=folder / "cache")
    _, second = _fresh_build(project, folder / "site", cache=folder / "cache")
    return first, second


def test_a_build_without_pdfs_loads_no_pdf_module(uncached: tuple[Path, list[str], set[str]]) -> None:
    site, _, loaded = uncached
    assert loaded & set(PDF_MODULES) == set()
    assert (site / "chirashi" / "index.html").is_file()  # (the print pages and staff page are made)


def test_a_rebuild_takes_the_kept_holidays_without_loading_the_holiday_library(cached: tuple[set[str], set[str]]) -> None:
    # (jpholiday: ≈ 0.003 s of a fresh process; the holidays of the build's years are kept, generator/holidays.py)
    first, second = cached
    assert "jpholiday" in first  # the first build computes the holidays (so the test sees the library)
    assert "jpholiday" not in second


def test_the_build_imports_its_modules_without_a_walk_of_the_cyclic_collector(uncached: tuple[Path, list[str], set[str]]) -> None:
    # (the ~37,000 objects the build's imports make set off one walk of the young objects, ≈ 0.013 s of a rebuild
    # after one edit, that frees nothing: generator/cli.py imports them with the collector paused, then freezes them)
    site, (while_importing, _, enabled), _ = uncached
    assert while_importing == "0"
    assert enabled == "True"  # (the collector is on again for the build and after it)
    assert (site / "index.html").is_file()


YOUNG_OBJECTS = """
import gc
import sys
import generator.cli
walks = []
gc.callbacks.append(lambda phase, info: walks.append(info["generation"]) if phase == "start" else None)
gc.collect()
walks.clear()
alive = [[] for _ in range(int(sys.argv[1]))]
print("walks:", len(walks))
"""


def test_the_command_s_process_makes_a_rebuild_s_new_objects_without_a_walk_of_the_collector() -> None:
    # (a rebuild of the example town after one step edit makes ~72,000 objects that the collector tracks, and most
    # live to the end: walked once at the threshold of 50,000, ≈ 0.008 s; a clean build makes many more, and the
    # collector still runs then)
    def walks(objects: int) -> int:
        result = subprocess.run([sys.executable, "-c", YOUNG_OBJECTS, str(objects)], capture_output=True, text=True, check=True)
        return int(result.stdout.split()[-1])

    assert walks(100_000) == 0
    assert walks(400_000) >= 1


AT_EXIT = """
import atexit
import gc
atexit.register(lambda: print("at exit:", gc.get_freeze_count(), len(gc.get_objects())))  # (runs after the command's)
import generator.cli
alive = [[] for _ in range(100_000)]  # objects that live to the end, as a build's models, templates and pages do
"""


def test_the_command_s_process_exits_without_walking_its_objects_again() -> None:
    # (the interpreter's last full collection walked every object a rebuild left, ≈ 0.09 s of CPU, only to free memory
    # the system takes back: generator/cli.py freezes them in its last exit handler, so that collection walks none)
    result = subprocess.run([sys.executable, "-c", AT_EXIT], capture_output=True, text=True, check=True)
    frozen, walked = (int(number) for number in result.stdout.split()[-2:])
    assert frozen > 100_000
    assert walked < 1_000


def test_the_finder_s_kanji_pattern_is_the_one_search_text_compiled() -> None:
    # (a class of ~27,000 letters: ≈ 0.0015 s to compile in each fresh process; written alike, ``re`` compiles it
    # once — a different spelling of the same class would compile it again)
    from generator.site import finder, search_text

    assert finder._KANJI_LETTER is search_text._KANJI


def test_a_page_key_is_the_sha_256_of_the_fingerprint_and_the_length_prefixed_parts() -> None:
    # (each part is hashed after its length — fed to the hash apart, not joined to it first: the same digest)
    import hashlib

    from generator.cache.fingerprint import code_fingerprint
    from generator.cache.pages import key_of

    parts = ("ページ", "", "<p>本文</p>" * 1000, "\udc80")
    expected = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part.encode("utf-8", errors="surrogatepass")
        expected.update(len(data).to_bytes(8, "big") + data)
    assert key_of(*parts) == expected.hexdigest()
    assert key_of("ab", "c") != key_of("a", "bc")


UNCOMPILED = """
import re
import generator.build, generator.cli
from generator.editions import coverage
from generator.model import hours
texts = {getattr(pattern, "pattern", pattern) for pattern in (coverage._JAPANESE_STRING, hours._DATES)}
texts.add(r"[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff々〆ヶ]")  # (one kanji: ``KANJI_RUN`` answers for it)
print("compiled:", sum(key[1] in texts for key in re._cache))
"""


def test_patterns_a_rebuild_does_not_use_are_not_compiled_at_import() -> None:
    # (the kana-or-kanji string literal of the readings check, the closed dates of a town's hours: ≈ 0.0015 s of
    # every fresh process, compiled by ``re`` at their first use instead; a class of one kanji beside
    # ``readings.KANJI_RUN``, ≈ 0.002 s, is not compiled at all)
    result = subprocess.run([sys.executable, "-c", UNCOMPILED], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["compiled:", "0"]


def test_the_footer_s_pages_are_those_of_the_theme_s_jinja_expression() -> None:
    # (the plugin runs the code Jinja compiles FOOTER_PAGES to instead of compiling it each build, ≈ 0.002 s)
    from types import SimpleNamespace

    import jinja2

    from generator.mkdocs_plugin.plugin import FOOTER_PAGES, footer_listed

    def nav(*metas: dict) -> SimpleNamespace:
        return SimpleNamespace(pages=[SimpleNamespace(meta=meta, url=f"p{number}/") for number, meta in enumerate(metas)])

    env = jinja2.Environment()
    navs = [
        None, nav(), nav({}, {"title": "x"}),
        nav({"footer": 3}, {}, {"footer": 1}, {"footer": 0}, {"footer": 2}, {"footer": 1}, {"x": 1}),
        nav({"footer": "b"}, {"footer": "A"}, {"footer": "a"}, {"footer": "B"}, {}),  # (Jinja's sort ignores case)
        nav({"footer": 2.5}, {"footer": 2}, {"footer": True}),
    ]
    for each in navs:
        expected = list(env.compile_expression(FOOTER_PAGES)(nav=each) or [])
        assert [id(page) for page in footer_listed(env, each)] == [id(page) for page in expected]
    assert [page.url for page in footer_listed(env, navs[4])] == ["p1/", "p2/", "p0/", "p3/"]


def test_a_one_town_build_does_not_load_the_towns_stamps(cached: tuple[set[str], set[str]]) -> None:
    # (``generator.cache.towns``: what ``build --all`` skips unchanged towns by; ≈ 0.0013 s of a fresh process)
    first, second = cached
    assert "generator.cache.towns" not in first | second


KEPT_OUTPUTS = """
import sys
from generator.cli import main
try:
    main(["build", "-d", sys.argv[1], "-q"])
except SystemExit as end:
    assert not end.code, end.code
from generator.model.edition import Edition
from generator.model.finder_words import FinderWords
from generator.model.open_data import OpenDataDocument, OpenDataRow
print("made:", OpenDataRow.__pydantic_complete__, OpenDataDocument.__pydantic_complete__, "statistics" in sys.modules,
      Edition.__pydantic_complete__, FinderWords.__pydantic_complete__)
"""


def _made(project: Path, site: Path, cache: Path) -> tuple[str, ...]:
    environment = {**os.environ, CACHE_ENV: "1", CACHE_DIR_ENV: str(cache), PDF_ENV: "0", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-c", KEPT_OUTPUTS, str(site)], cwd=project, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return tuple(result.stdout.splitlines()[-1].split()[1:])


def test_a_step_edit_takes_kept_outputs_without_building_validators_or_serializers_or_importing_statistics(
    tmp_path: Path,
) -> None:
    # (the open data's two pydantic models build their validators in ≈ 0.03 s; a step title is in no column, so
    # the rows' fields are as in the last build and the files are kept by them: generator/site/open_data.py. The
    # reading-level report is kept by its pages' sentences, so its median needs no ``statistics``. The editions and
    # the finder's dictionary are in keys by their digests: no serializer is built to dump them.)
    project = small_project(tmp_path / "project")
    site, cache = tmp_path / "site", tmp_path / "cache"
    assert _made(project, site, cache)[:3] == ("True",) * 3  # the first build makes them (the test sees it)
    procedure = project / "procedures" / "k01-test.yml"
    procedure.write_text(procedure.read_text(encoding="utf-8").replace("アプリを 入れる", "アプリを いれる"), encoding="utf-8")
    assert _made(project, site, cache) == ("False",) * 5
    published = (site / "opendata" / "procedures.json").read_text(encoding="utf-8")
    assert '"title": "テストの 手続き いち"' in published
    # A title is a column: the rows are made (and validated) again, and the file says the new title.
    procedure.write_text(procedure.read_text(encoding="utf-8").replace("テストの 手続き いち", "テストの 手続き 一"), encoding="utf-8")
    assert _made(project, site, cache)[:2] == ("True", "True")
    assert '"title": "テストの 手続き 一"' in (site / "opendata" / "procedures.json").read_text(encoding="utf-8")


ENTRY_POINTS = """
import importlib.metadata
reads = []
read_text = importlib.metadata.PathDistribution.read_text
def counted(self, filename):
    reads.append(filename)
    return read_text(self, filename)
importlib.metadata.PathDistribution.read_text = counted
import generator.cli
import markdown.util, mkdocs.plugins, mkdocs.utils
from pydantic.plugin import _loader
found = [sorted(mkdocs.plugins.get_plugins()), sorted(mkdocs.utils.get_themes()),
         sorted(point.name for point in markdown.util.get_installed_extensions()), list(_loader.get_plugins())]
walked = reads.count("entry_points.txt")
original = getattr(importlib.metadata.entry_points, "__wrapped__", importlib.metadata.entry_points)
assert found[:3] == [sorted(point.name for point in original(group=group))
                     for group in ("mkdocs.plugins", "mkdocs.themes", "markdown.extensions")], found
print(walked, len(list(importlib.metadata.distributions())), len(found[0]))
"""


def test_the_command_reads_the_installed_packages_entry_points_once() -> None:
    # (MkDocs' plugins and themes, Markdown's extensions and pydantic's plugins each walked every installed
    # distribution: ~0.007 s each, generator/entry_points.py)
    result = subprocess.run([sys.executable, "-c", ENTRY_POINTS], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    reads, distributions, plugins = map(int, result.stdout.split())
    assert plugins > 1  # (ours and MkDocs' own: the groups were found)
    assert 0 < reads <= distributions
