"""Run the ``tetsuzuki`` command in-process, on copies of the project that tests may break."""

from __future__ import annotations

import re
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


def set_reviewed(path: Path, date: str, *, source: Path | None = None) -> None:
    """Write to ``path`` the YAML of ``source`` (default: ``path`` itself) with its ``reviewed:`` line set to
    ``date`` (any text: a test may give a wrong one)."""
    text = (source or path).read_text(encoding="utf-8")
    path.write_text(re.sub(r"^reviewed: .*$", f"reviewed: {date}", text, flags=re.M), encoding="utf-8")


def all_output(result: Result) -> str:
    return result.stdout + result.stderr


def small_project(target: Path) -> Path:
    """A whole project (mkdocs.yml, theme, docs) with the two-procedure test town: a build takes ~1 s."""
    import shutil

    from generator.project import copy_build_inputs
    from tests.conftest import FIXTURES, ROOT

    copy_build_inputs(ROOT, target)
    for folder in ("procedures", "municipalities", "life_events", "questions"):  # guides and questions name all 27
        shutil.rmtree(target / folder, ignore_errors=True)
    shutil.copytree(FIXTURES / "valid" / "procedures", target / "procedures")
    shutil.copytree(FIXTURES / "valid" / "municipalities", target / "municipalities")
    (target / "life_events").mkdir()
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("settings: municipalities/hashikami.yml", "settings: municipalities/testtown.yml")
    config.write_text(text, encoding="utf-8")
    return target
