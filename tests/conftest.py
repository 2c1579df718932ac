"""Shared fixtures: paths to the sample data and to the test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.flyers.feature import PDF_ENV

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    # Why: rendering the 32 flyer PDFs takes seconds per site build, and most tests build the site only to
    # read its pages. Tests about PDFs ask for them explicitly (tests/flyers, and the byte-identity and
    # leak tests of whole builds, which must cover PDFs too).
    os.environ[PDF_ENV] = "0"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def valid_dir() -> Path:
    return FIXTURES / "valid"


@pytest.fixture
def broken_dir() -> Path:
    return FIXTURES / "broken"
