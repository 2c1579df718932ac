"""``tetsuzuki build``: the same input gives the same bytes, and a failure anywhere leaves the old site."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.build import build_site
from generator.environment import CACHE_ENV
from generator.flyers.feature import PDF_ENV
from generator.loading import load_catalog
from generator import compose
from tests.commands.conftest import set_reviewed, small_project
from tests.conftest import ROOT, ParsedPage
from tests.site.conftest import copy_project


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file's path and SHA-256, so a failing comparison names the file that differs."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("project_kind", ["example", "small-with-pdfs"])
def test_two_builds_of_the_same_input_are_byte_identical_even_on_another_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project_kind: str
) -> None:
    # The whole example (every page kind of the site) without PDFs, and the two-procedure town with its flyer
    # PDFs (every kind of sheet): rendering the example's ~150 PDFs twice would add two minutes to CI for
    # nothing more than the small town's sheets show about the PDF engine.
    if project_kind == "example":
        project = copy_project(tmp_path / "project")
    else:
        monkeypatch.setenv(PDF_ENV, "1")  # the flyer PDFs must be reproducible too
        project = small_project(tmp_path / "project")
    first = tree_digest(build_site(project / "mkdocs.yml", site_dir=tmp_path / "first"))
    # A build on another day (libfaketime moves the clock; MkDocs would otherwise stamp sitemap.xml and the
    # gzip header with it, and a flyer could print it), in another process with another hash seed (set and
    # dict order), into another folder, rendering every PDF again (no cache). SOURCE_DATE_EPOCH stays unset:
    # it is the publisher's explicit choice of the printed date (generator/dates.py), not an accident of the clock.
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    environment["PYTHONHASHSEED"] = "12345"
    environment[CACHE_ENV] = "0"
    command = ["faketime", "2031-04-01 09:00:00", sys.executable, "-m", "generator.cli", "build",
               "--site-dir", str(tmp_path / "second")]
    subprocess.run(command, cwd=project, env=environment, check=True, capture_output=True)
    second = tree_digest(tmp_path / "second")
    assert first == second
    if project_kind == "example":
        assert "sitemap.xml.gz" in first and "opendata/procedures.csv" in first and "koushin/atom.xml" in first
        assert "yasashii/index.html" in first and not [name for name in first if name.endswith(".pdf")]
    else:
        assert "chirashi/pdf/k01.pdf" in first and "yasashii/chirashi/pdf/k01.pdf" in first


def test_sitemap_dates_are_the_reviewed_dates(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")  # (the two-procedure town: a build of the example took 10 s)
    k01 = next((project / "procedures").glob("k01-*.yml"))
    set_reviewed(k01, "2025-06-01")
    site = build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(r"<loc>[^<]*/kosodate/test-jidou-teate/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)
    assert entry and entry[1] == "2025-06-01"


def test_a_failure_after_validation_leaves_the_previous_site_byte_identical(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (the two-procedure town: what is kept does not depend on the site's size, and the example took 4-5 CPU-s more)
    project = small_project(tmp_path / "project")
    site = build_site(project / "mkdocs.yml", site_dir=project / "site")
    before = tree_digest(site)

    def broken_feature(catalog):
        raise OSError("ディスクが いっぱいです（テスト）")

    monkeypatch.setattr(compose, "FEATURES", [*compose.FEATURES, broken_feature])
    result = run(project, "build")
    assert result.exit_code == 1
    assert "ディスクが いっぱいです（テスト）" in result.stderr and "前の サイトが そのまま 残って います" in result.stderr
    assert tree_digest(site) == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]


def test_bad_input_on_the_command_line_says_what_failed_and_keeps_the_site(run, tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    assert run(project, "build").exit_code == 0
    before = tree_digest(project / "site")
    k01 = next((project / "procedures").glob("k01-*.yml"))
    k01.write_text(k01.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle:\n  - x\nxx: ", 1), encoding="utf-8")
    result = run(project, "build")
    assert result.exit_code == 1
    assert f"{k01.name}:" in result.stderr and "前の サイトが そのまま 残って います" in result.stderr
    assert tree_digest(project / "site") == before


def test_material_scripts_are_left_out_and_every_local_reference_exists(example_site: Path, example_soup: ParsedPage) -> None:
    project, site = ROOT, example_site  # the example as the suite builds it once (read-only)
    # The only scripts are our own (the finder's and 「わたしの 手続き」's, in theme/assets/javascripts/, and the
    # やさしい日本語 edition's copies with its own strings); none of Material's.
    assert sorted(path.relative_to(site).as_posix() for path in site.rglob("*.js")) == [
        "assets/javascripts/finder.js", "assets/javascripts/flow-start.js", "assets/javascripts/flow.js",
        "yasashii/assets/javascripts/finder.js", "yasashii/assets/javascripts/flow-start.js",
        "yasashii/assets/javascripts/flow.js",
    ]
    base_path = urlsplit(load_catalog(project / "procedures", project / "municipalities" / "hashikami.yml").municipality.base_url).path
    for page in site.rglob("*.html"):
        soup = example_soup(page)
        references = [tag.get("href") for tag in soup.find_all(["a", "link"])] + [tag.get("src") for tag in soup.find_all(["script", "img"])]
        for reference in filter(None, references):
            parts = urlsplit(reference)
            if parts.scheme or reference.startswith("#") or not parts.path:
                continue
            path = unquote(parts.path)
            if path.startswith("/"):  # 404.html links from the published root (base_url's path)
                assert path.startswith(base_path), reference
                target = (site / path.removeprefix(base_path)).resolve()
            else:
                target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site)} → {reference}"
