"""Build the example site once per module, and make editable copies of the project for failure tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.loading import load_catalog
from generator.model import Catalog
from tests.conftest import ROOT

PROJECT_PARTS = ("mkdocs.yml", "procedures", "municipalities", "docs", "theme", "life_events")


def copy_project(target: Path) -> Path:
    """A copy of everything a build reads, so a test can break it without touching the repository."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="module")
def example_catalog() -> Catalog:
    return load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example municipality built with the real mkdocs.yml into a temporary folder."""
    return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("example") / "site")


def read_page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html"
    assert path.is_file(), f"missing page: {url}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
