"""A fixture of broken files, one per kind of mistake: every problem is reported at once, with its place.

Each broken file marks the line where a problem must be reported with ``# expect: FIELD MESSAGE`` (``-`` when
the problem belongs to the whole file). The markers are read from the raw bytes, so the Shift_JIS file works.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import InputError, Problem
from generator.loading import load_catalog

MARKER = re.compile(rb"# expect: (\S+) (.+)$")


def expectations(folder: Path) -> list[tuple[Path, int, str, str]]:
    found = []
    for path in sorted(folder.rglob("*.y*ml")):
        for number, raw in enumerate(path.read_bytes().splitlines(), start=1):
            match = MARKER.search(raw)
            if match:
                encoding = "shift_jis" if "not-utf8" in path.name else "utf-8"
                field, message = (part.decode(encoding) for part in match.groups())
                found.append((path, number, field, message.strip()))
    return found


@pytest.fixture
def reported(broken_dir: Path) -> list[Problem]:
    with pytest.raises(InputError) as raised:
        load_catalog(broken_dir / "procedures", broken_dir / "municipalities" / "brokentown.yml")
    return raised.value.problems


def test_every_marked_mistake_is_reported_with_file_line_and_field(broken_dir: Path, reported: list[Problem]) -> None:
    expected = expectations(broken_dir)
    assert len(expected) >= 15
    for path, line, field, message in expected:
        matches = [p for p in reported if p.path == path and p.line == line and message in p.message]
        assert matches, f"not reported: {path.name}:{line}: {field}: {message}\nreported:\n" + "\n".join(map(str, reported))
        if field != "-":
            assert matches[0].field == field


def test_nothing_is_reported_that_is_not_marked(broken_dir: Path, reported: list[Problem]) -> None:
    expected = {(path, line) for path, line, _, _ in expectations(broken_dir)}
    unexpected = [p for p in reported if (p.path, p.line) not in expected]
    assert not unexpected, "\n".join(map(str, unexpected))


def test_report_reads_as_file_line_column_field_message(reported: list[Problem]) -> None:
    text = str(InputError(reported))
    assert re.search(r"k04-unknown-key\.yml:\d+:1: life_event: この 項目名は 使えません", text)
    assert text.splitlines()[0].startswith(f"入力に {len(reported)} 件の 問題が")
