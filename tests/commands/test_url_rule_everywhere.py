"""The browser's URL rule holds wherever an address comes in: settings, procedures, the workbook, with or without base_url."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.workbook.files import export_settings, import_settings
from generator.workbook.read import WorkbookProblems
from tests.commands.conftest import all_output
from tests.site.conftest import copy_project
from tests.towns.conftest import MUNICIPALITIES, PROCEDURES

BACKSLASH = "https://evil.example\\.myna.go.jp/k01"
"""P1 of the December review: Python saw a myna.go.jp host, Chromium opened evil.example."""


def _line(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.lstrip().startswith(start))


def _settings(project: Path, *, mynaportal_url: str | None = None, base_url: str | None = "keep") -> Path:
    settings = project / "municipalities" / "hashikami.yml"
    text = settings.read_text(encoding="utf-8")
    if mynaportal_url is not None:
        quoted = "'" + mynaportal_url.replace("'", "''") + "'"
        text = text.replace("  k01:\n    department: daihyo\n    online: unknown\n",
                            f"  k01:\n    department: daihyo\n    online: 'yes'\n    mynaportal_url: {quoted}\n", 1)
    if base_url is None:
        text = re.sub(r"^base_url: .*\n", "", text, flags=re.M)
    elif base_url != "keep":
        text = re.sub(r"^base_url: .*$", "base_url: '" + base_url + "'", text, flags=re.M)
    settings.write_text(text, encoding="utf-8")
    return settings


@pytest.mark.parametrize("base_url", ["keep", None], ids=["with-base-url", "without-base-url"])
@pytest.mark.parametrize(
    ("url", "named"),
    [
        (BACKSLASH, "「evil.example」を ひらきます"),
        ("https://ｍｙｎａ.go.jp/k01", "「myna.go.jp」を ひらきます"),
        ("https://myna.go.jp@evil.example/k01", "「@」の 後ろの ホスト"),
        ("https://evil.example/apply", "「evil.example」を ひらきます"),
    ],
)
def test_check_refuses_a_mynaportal_link_a_browser_opens_elsewhere(run, tmp_path: Path, base_url, url: str, named: str) -> None:
    project = copy_project(tmp_path / "project")
    line = _line(_settings(project, mynaportal_url=url, base_url=base_url), "mynaportal_url:")
    result = run(project, "check", "--settings", "municipalities/hashikami.yml")
    output = all_output(result)
    assert result.exit_code == 1, output
    assert re.search(rf"hashikami\.yml:{line}:\d+: procedures\.k01\.mynaportal_url: ", output), output
    assert named in output and url in output


@pytest.mark.parametrize(
    ("base_url", "named"),
    [
        ("https://evil.example\\.hashikami.example/tetsuzuki/", "「evil.example」を ひらきます"),
        ("https://ｈａｓｈｉｋａｍｉ.example/tetsuzuki/", "「hashikami.example」を ひらきます"),
        ("https://hashikami.example./tetsuzuki/", "最後の「.」"),
        ("https://192.168.1.10/tetsuzuki/", "IP アドレス"),
    ],
)
def test_check_refuses_a_base_url_a_browser_reads_differently(run, tmp_path: Path, base_url: str, named: str) -> None:
    project = copy_project(tmp_path / "project")
    line = _line(_settings(project, base_url=base_url), "base_url:")
    result = run(project, "check", "--settings", "municipalities/hashikami.yml")
    output = all_output(result)
    assert result.exit_code == 1, output
    assert re.search(rf"hashikami\.yml:{line}:\d+: base_url: ", output) and named in output, output


def test_check_refuses_a_source_link_a_browser_reads_differently(run, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    procedure = next((project / "procedures").glob("k01-*.yml"))
    text = procedure.read_text(encoding="utf-8")
    first = re.search(r"^    url: (https://\S+)$", text, flags=re.M)
    assert first
    line = text[: first.start()].count("\n") + 1
    procedure.write_text(text.replace(first.group(0), "    url: 'https://evil.example\\.cfa.go.jp/'", 1), encoding="utf-8")
    result = run(project, "check", "--settings", "municipalities/hashikami.yml")
    output = all_output(result)
    assert result.exit_code == 1, output
    assert re.search(rf"{re.escape(procedure.name)}:{line}:\d+: sources\[\d+\]\.url: .*「evil\.example」を ひらきます", output), output


def test_a_workbook_cell_with_such_a_link_is_named_by_sheet_row_and_column(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    town_copy = tmp_path / "hashikami.yml"
    shutil.copy(MUNICIPALITIES / "hashikami.yml", town_copy)
    blank = tmp_path / "blank.xlsx"
    export_settings(PROCEDURES, town_copy, blank)
    before = town_copy.read_bytes()
    book = load_workbook(blank)
    book["手続き"]["D2"] = "できる"
    book["手続き"]["E2"] = BACKSLASH
    book.save(tmp_path / "filled.xlsx")
    with pytest.raises(WorkbookProblems) as caught:
        import_settings(PROCEDURES, tmp_path / "filled.xlsx", town_copy)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 1 and messages[0].startswith("シート 手続き, 2行目, E列: "), messages
    assert "「evil.example」を ひらきます" in messages[0]
    assert town_copy.read_bytes() == before
