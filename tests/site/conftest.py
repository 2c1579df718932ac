"""Read pages of the example site (built once per run: ``example_site`` in tests/conftest.py), and make editable
copies of the project for failure tests."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from generator.project import copy_build_inputs
from tests.conftest import ROOT


def copy_project(target: Path) -> Path:
    """A copy of everything a build reads, so a test can break it without touching the repository."""
    return copy_build_inputs(ROOT, target)


def read_page(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html"
    assert path.is_file(), f"missing page: {url}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
