"""Limits that check sees: a flyer or instructor's page too full for its sheets is a check warning naming the
procedure and its longest printed field, and the fields printed on a flyer have limits that fit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.commands.conftest import all_output
from tests.conftest import ROOT
from tests.site.conftest import copy_project

FULL = "あ" * 299 + "。"


def _fill_k01(project: Path, edit) -> Path:  # noqa: ANN001
    path = next((project / "procedures").glob("k01-*.yml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path


def _at_the_limits(data: dict) -> None:
    data["important"] = [FULL, *data["important"][1:]]
    data["for_whom"] = [FULL for _ in data["for_whom"]]
    for number, step in enumerate(data["steps"], start=1):
        step["title"] = f"手順{number}" + "い" * 36


def test_a_flyer_too_full_at_the_allowed_sizes_is_a_check_warning_naming_procedure_and_field(run, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = _fill_k01(project, _at_the_limits)
    result = run(project, "check", "--settings", "municipalities/hashikami.yml")
    output = all_output(result)
    assert result.exit_code == 0, output  # a warning: the build still runs and measures exactly
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text.startswith("important:")) + 1
    # the longest printed field (the first of equals), counted from 1 as on the page
    assert re.search(rf"{re.escape(path.name)}:{line}:\d+: important\[1\]: チラシ（A4 1まい）に 印刷する 文が 長すぎて", output), output
    assert "（300 文字）" in output
    assert output.count("印刷する 文が 長すぎて") >= 1
    assert "k02" not in "".join(l for l in output.splitlines() if "長すぎて" in l)


def test_the_shipped_procedures_give_no_such_warning(run) -> None:
    # One town here; tests/commands/test_check.py::test_the_example_project_passes holds it for every sample town.
    result = run(ROOT, "check", "--settings", "municipalities/hashikami.yml")
    assert "印刷する 文が 長すぎて" not in all_output(result)


@pytest.mark.parametrize(
    ("edit", "field", "limit"),
    [
        (lambda data: data["steps"][0].update(title="い" * 41), "steps[1].title", 40),
        (lambda data: data.update(important=["い" * 301]), "important[1]", 300),
        (lambda data: data.update(for_whom=["い" * 301]), "for_whom[1]", 300),
        (lambda data: data.update(steps=[dict(step) for step in data["steps"] * 3]), "steps", 15),
    ],
)
def test_fields_printed_on_the_flyer_have_limits_that_fit(run, tmp_path: Path, edit, field: str, limit: int) -> None:  # noqa: ANN001
    project = copy_project(tmp_path / "project")
    path = _fill_k01(project, edit)
    result = run(project, "check", "--settings", "municipalities/hashikami.yml")
    output = all_output(result)
    assert result.exit_code == 1, output
    assert re.search(rf"{re.escape(path.name)}:\d+:\d+: {re.escape(field)}: (長すぎます。|多すぎます。){limit} ", output), output
