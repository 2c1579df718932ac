"""Build the example site once per module, and make editable copies of the project for failure tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.loading import load_catalog
from generator.model import Catalog
from generator.project import copy_build_inputs
from tests.conftest import ROOT


def copy_project(target: Path) -> Path:
    """A copy of everything a build reads, so a test can break it without touching the repository."""
    return copy_build_inputs(ROOT, target)


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
