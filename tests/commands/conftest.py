"""Run the ``tetsuzuki`` command in-process, on copies of the project that tests may break."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    """``run(cwd, *args)``: invoke ``tetsuzuki`` in ``cwd`` and return click's result (stdout and stderr apart)."""

    def invoke(cwd: Path, *args: str) -> Result:
        monkeypatch.chdir(cwd)
        monkeypatch.delenv("TETSUZUKI_SETTINGS", raising=False)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def all_output(result: Result) -> str:
    return result.stdout + result.stderr
