"""Environment variables are read at the edges (the ``tetsuzuki`` command, the MkDocs plugin under plain
``mkdocs build``) and travel as arguments after that: a build given its options uses them, whatever the
environment says, and nothing writes ``os.environ``; the command still honours every variable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build import build_site
from generator.build_towns import build_all
from generator.environment import CACHE_DIR_ENV, CACHE_ENV, KEEP_DAYS_ENV, PDF_ENV
from generator.model.options import BuildOptions
from tests.commands.conftest import all_output, small_project


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
    # have made them already; the minified scripts are kept in memory per cache folder.)
    assert any(name.startswith("stored/minified-js/") for name in _kept(folder))
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
    result = run(project, "build", "--quiet")
    assert result.exit_code == 0, all_output(result)
    assert _kept(tmp_path / "cache") and not (project / ".tetsuzuki-cache").exists()
    assert _environment() == before  # --quiet no longer sets TETSUZUKI_QUIET for the process

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
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["tetsuzuki"]
    plugin.on_config(config)
    options = plugin.catalog.options
    assert options.cache_folder == tmp_path / "cache" and options.pdfs is False
    assert options.source_date is not None and options.source_date.isoformat() == "2026-09-21"
