"""Fixtures for the town-data tests: the shipped procedures and settings, copied so tests may change them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROCEDURES = ROOT / "procedures"
MUNICIPALITIES = ROOT / "municipalities"


@pytest.fixture
def town_copy(tmp_path: Path) -> Path:
    """A copy of municipalities/hashikami.yml that a test may overwrite."""
    target = tmp_path / "hashikami.yml"
    shutil.copy(MUNICIPALITIES / "hashikami.yml", target)
    return target


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    """``run(cwd, *args)``: the ``tetsuzuki`` command in-process (stdout and stderr apart)."""
    from click.testing import CliRunner

    from generator.cli import main

    def invoke(cwd: Path, *args: str):
        monkeypatch.chdir(cwd)
        monkeypatch.delenv("TETSUZUKI_SETTINGS", raising=False)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def run_cli(run):
    """As ``run``, for the build tests (same fixture, clearer name)."""
    return run
