"""`tetsuzuki export`: a plain MkDocs project that plain `mkdocs build` turns into the same site."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build_site
from generator.export import export_project
from generator.errors import BuildError
from tests.conftest import ROOT


def _pages(site: Path) -> dict[str, str]:
    """Every HTML page, with white space between tags folded (the exported Markdown moves line breaks)."""
    return {
        path.relative_to(site).as_posix(): re.sub(r">\s+<", "><", path.read_text(encoding="utf-8")).strip()
        for path in site.rglob("*.html")
    }


@pytest.fixture(scope="module")
def both_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("export")
    ours = build_site(ROOT / "mkdocs.yml", site_dir=base / "ours")
    exported = export_project(ROOT / "mkdocs.yml", base / "plain").folder
    # A separate process with plain MkDocs, as someone without tetsuzuki would run it.
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict"], cwd=exported, check=True,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    return ours, exported, exported / "site"


def test_the_exported_project_names_no_tetsuzuki_plugin(both_sites) -> None:
    _, exported, _ = both_sites
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "tetsuzuki:" not in config.split("extra:")[0]
    assert re.search(r"^plugins: \[\]$", config, flags=re.MULTILINE)
    assert "site_name: 階上町 手続きガイド" in config


def test_plain_mkdocs_builds_the_same_procedure_guide_and_help_pages(both_sites) -> None:
    ours, _, plain = both_sites
    ours_pages, plain_pages = _pages(ours), _pages(plain)
    assert set(ours_pages) <= set(plain_pages)
    for kind in ("kosodate/", "kaigo/", "hisai/", "kurashi/", "help/", "sagasu/", "watashi/", "chirashi/"):
        assert any(kind in page for page in ours_pages), f"no {kind} page to compare"
    different = [page for page, html in ours_pages.items() if plain_pages[page] != html]
    assert different == []


def test_generated_files_are_exported_byte_for_byte(both_sites) -> None:
    ours, _, plain = both_sites
    for path in ours.rglob("*"):
        if path.is_file() and path.suffix != ".html" and not path.name.startswith("sitemap.xml"):
            assert (plain / path.relative_to(ours)).read_bytes() == path.read_bytes(), path


def test_export_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(BuildError, match="空では ありません"):
        export_project(ROOT / "mkdocs.yml", tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
