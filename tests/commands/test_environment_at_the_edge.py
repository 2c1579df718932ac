"""Environment variables are read at the edges (the ``tetsuzuki`` command, the MkDocs plugin under plain
``mkdocs build``) and travel as arguments after that: a build given its options uses them, whatever the
environment says, and nothing writes ``os.environ``; the command still honours every variable. No module
below the edges names ``os.environ`` at all (read from the source)."""

from __future__ import annotations

import ast
import os
from dataclasses import replace
from pathlib import Path

import pytest

from generator.build import build_site
from generator.build_towns import build_all
from generator.environment import CACHE_DIR_ENV, CACHE_ENV, KEEP_DAYS_ENV, PDF_ENV, PDF_WORKERS_ENV
from generator.model.options import BuildOptions
from tests.commands.conftest import all_output, small_project
from tests.conftest import ROOT

READERS = {
    "generator.cli": "the command, once per run",
    "generator.mkdocs_plugin.plugin": "plain `mkdocs build`/`serve`, which run without our command",
    "generator.build": "`build_site` for a library caller (a test, a benchmark) that passes no options",
    "generator.build_towns": "`build_all` for a library caller that passes no options",
}
"""The edges that may read ``os.environ`` (through ``generator/environment.py``, which is handed a mapping)."""
WRITERS = {"generator.cli": "`serve --settings` for MkDocs' own serve; Material's end-of-life notice switched off"}
"""The edges that may write it."""
_ENVIRONMENT = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}
_WRITING = {"putenv", "unsetenv", "setdefault", "pop", "popitem", "update", "clear", "__setitem__", "__delitem__"}


def _environment() -> dict[str, str]:
    """``os.environ`` without the variable Material sets for itself when its theme is first loaded (its own
    end-of-life notice switch, ``material/templates/__init__.py``): not ours to carry anything."""
    return {name: value for name, value in os.environ.items() if name != "NO_MKDOCS_2_WARNING"}


def _kept(folder: Path) -> list[str]:
    """What a build kept in a cache folder (minified scripts and CSS matches under ``stored/``, town stamps)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return small_project(tmp_path / "project")


def test_a_build_given_a_cache_folder_uses_it_and_never_touches_the_environment(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "the-environment-says"
    monkeypatch.setenv(CACHE_DIR_ENV, str(elsewhere))
    before = _environment()
    folder = tmp_path / "given"
    build_site(project / "mkdocs.yml", site_dir=tmp_path / "site", options=BuildOptions(cache_dir=folder, pdfs=False))
    assert _environment() == before
    # (The used-CSS matches are kept in memory per process first, so an earlier build in this process may
    # have made them already; the scripts ship minified, so the cache holds none. The kept steps are written by
    # every build into its own folder.)
    assert any(name.startswith("stored/steps/") for name in _kept(folder))
    assert _kept(elsewhere) == [] and not (project / ".tetsuzuki-cache").exists()


def test_without_a_folder_the_cache_is_beside_mkdocs_yml_and_the_environment_stays_empty(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    build_site(project / "mkdocs.yml", site_dir=tmp_path / "site", options=BuildOptions(pdfs=False))
    assert _kept(project / ".tetsuzuki-cache")
    assert CACHE_DIR_ENV not in os.environ  # it used to be set for the build's length


def test_options_switching_the_cache_off_win_over_the_environment(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    build_site(project / "mkdocs.yml", site_dir=tmp_path / "site", options=BuildOptions(cache=False, pdfs=False))
    assert _kept(tmp_path / "cache") == [] and not (project / ".tetsuzuki-cache").exists()


def test_build_all_hands_its_options_to_every_town_process(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "given"
    results = build_all(
        project / "mkdocs.yml", sorted((project / "municipalities").glob("*.yml")), tmp_path / "sites", jobs=1,
        options=BuildOptions(cache_dir=folder, pdfs=False),
    )
    assert [r.error for r in results] == [None]
    kept = _kept(folder)
    assert any(name.startswith("towns/") for name in kept) and any(name.startswith("stored/") for name in kept)
    assert not [p for p in (tmp_path / "sites" / "testtown").rglob("*.pdf")]  # pdfs=False reached the worker


def test_the_command_reads_the_cache_variables_at_its_edge(
    run, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv(PDF_ENV, "0")
    before = _environment()
    result = run(project, "build", "--quiet", "--pdf-workers", "2")
    assert result.exit_code == 0, all_output(result)
    assert _kept(tmp_path / "cache") and not (project / ".tetsuzuki-cache").exists()
    # --quiet no longer sets TETSUZUKI_QUIET for the process, nor --pdf-workers TETSUZUKI_PDF_WORKERS
    assert _environment() == before

    monkeypatch.setenv(CACHE_ENV, "0")
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "off"))
    result = run(project, "build", "-d", str(tmp_path / "second"))
    assert result.exit_code == 0, all_output(result)
    assert _kept(tmp_path / "off") == []


def test_the_command_still_refuses_a_bad_number_of_days_and_keeps_the_site(
    run, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PDF_ENV, "0")
    monkeypatch.setenv(KEEP_DAYS_ENV, "三十")
    result = run(project, "build")
    assert result.exit_code == 1
    assert KEEP_DAYS_ENV in result.stderr and "前の サイトが そのまま" in result.stderr
    assert not (project / "site").exists()


def test_plain_mkdocs_reads_the_environment_in_the_plugin_and_passes_it_on(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.config import load_config

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.setenv(PDF_ENV, "0")
    monkeypatch.setenv(PDF_WORKERS_ENV, "2")
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["tetsuzuki"]
    plugin.on_config(config)
    options = plugin.catalog.options
    assert options.cache_folder == tmp_path / "cache" and options.pdfs is False and options.pdf_workers == 2
    assert options.source_date is not None and options.source_date.isoformat() == "2026-09-21"


def _environment_uses(tree: ast.AST) -> tuple[list[int], list[int]]:
    """Lines of ``tree`` that read and that write the process environment (``os.environ``, ``os.getenv``, …)."""
    reads: list[int] = []
    writes: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "os" and {a.name for a in node.names} & _ENVIRONMENT:
            reads.append(node.lineno)
        elif isinstance(node, ast.Attribute) and _is_os(node.value) and node.attr in _ENVIRONMENT:
            reads.append(node.lineno)
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, ast.AugAssign):
            targets = [node.target]
        else:
            targets = []
        if any(isinstance(target, ast.Subscript) and _is_os_environ(target.value) for target in targets):
            writes.append(node.lineno)  # os.environ[...] = …, del os.environ[...]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner, name = node.func.value, node.func.attr
            if (_is_os_environ(owner) and name in _WRITING) or (_is_os(owner) and name in {"putenv", "unsetenv"}):
                writes.append(node.lineno)
    return reads, writes


def _is_os(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "os"


def _is_os_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and _is_os(node.value)


def test_the_environment_check_finds_reads_and_writes() -> None:
    reads, writes = _environment_uses(ast.parse(
        "import os\nfrom os import getenv\na = os.environ.get('X')\nos.environ['X'] = '1'\nos.environ.setdefault('Y', '')\n"
        "del os.environ['X']\nos.putenv('Z', '1')\n"
    ))
    assert sorted(reads) == [2, 3, 4, 5, 6, 7] and sorted(writes) == [4, 5, 6, 7]


def test_no_module_below_the_edges_reads_or_writes_the_environment() -> None:
    wrong = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        reads, writes = _environment_uses(ast.parse(path.read_text(encoding="utf-8")))
        wrong += [f"{module}:{line} reads os.environ" for line in reads if module not in READERS]
        wrong += [f"{module}:{line} writes os.environ" for line in writes if module not in WRITERS]
    advice = "pass the value as an argument (a BuildOptions field, read in generator/environment.py):\n"
    assert wrong == [], advice + "\n".join(wrong)


def test_build_flyers_without_options_takes_the_defaults_not_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.flyers import build_flyers, feature
    from generator.flyers.pdf_pool import default_workers
    from generator.loading import load_catalog
    from tests.conftest import FIXTURES

    monkeypatch.setenv(PDF_ENV, "0")  # what the test run sets: a library call must not see it
    monkeypatch.setenv(PDF_WORKERS_ENV, "3")
    asked: list[tuple[bool, int]] = []

    def no_pdfs(make_pdfs: bool, workers: int, cache_folder: Path | None = None):  # noqa: ANN202
        asked.append((make_pdfs, workers))
        return None, "（テスト）"

    monkeypatch.setattr(feature, "_pdf_renderer", no_pdfs)  # what would be made, without making it
    catalog = load_catalog(FIXTURES / "valid" / "procedures", FIXTURES / "valid" / "municipalities" / "testtown.yml")
    build_flyers(catalog)
    assert asked == [(True, default_workers())]  # BuildOptions(): PDFs, one worker per core (at most 4)
    build_flyers(replace(catalog, options=BuildOptions(pdfs=False, pdf_workers=2)))
    assert asked[-1] == (False, 2)
