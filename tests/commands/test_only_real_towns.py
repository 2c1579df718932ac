"""Only real towns: hidden, lock, backup and temporary files beside the settings are never checked or built."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.commands.conftest import all_output, small_project

LEFTOVERS = [
    ".testtown.x1y2z3w4.yml",  # a killed `workbook read` (before #25)
    ".testtown.yml.tmp-x1y2z3w4",  # a killed `workbook read` (now)
    ".#testtown.yml",  # Emacs lock
    "~$testtown.yml",  # Excel / Word lock
    "testtown.yml~",  # editor backup
    ".testtown.yml.swp",  # Vim swap
    "testtown.yml.bak",
    "testtown.yml.orig",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = small_project(tmp_path / "project")
    settings = folder / "municipalities" / "testtown.yml"
    unapproved = settings.read_text(encoding="utf-8").replace("name: テスト町", "name: 未承認町")
    for name in LEFTOVERS:
        (folder / "municipalities" / name).write_text(unapproved, encoding="utf-8")
    return folder


def test_check_reads_only_the_settings_a_person_made(run, project: Path) -> None:
    result = run(project, "check")
    output = all_output(result)
    assert result.exit_code == 0, output
    assert "設定ファイル 1 件" in output
    for name in LEFTOVERS:
        assert name not in output


def test_build_all_builds_only_real_towns(run, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TETSUZUKI_FLYER_PDFS", "0")
    sites = tmp_path / "sites"
    result = run(project, "build", "--all", str(sites))
    assert result.exit_code == 0, all_output(result)
    assert sorted(p.name for p in sites.iterdir()) == ["testtown"]
    assert "未承認町" not in (sites / "testtown" / "index.html").read_text(encoding="utf-8")


def test_no_message_advises_renaming_a_file_over_the_real_settings(run, project: Path) -> None:
    folder = project / "municipalities"
    shutil.copy(folder / "testtown.yml", folder / "testtown.yml.txt")
    result = run(project, "check")
    output = all_output(result)
    assert result.exit_code == 1, output
    assert "testtown.yml.txt:1:1:" in output
    assert "「testtown.yml」に 変えて" not in output and "同じ 名前の 「testtown.yml」が あります" in output


def test_workbook_read_never_names_its_temporary_file_like_a_town_and_cleans_old_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    from generator.loading import procedure_files
    from generator.workbook import files
    from tests.towns.conftest import MUNICIPALITIES, PROCEDURES

    folder = tmp_path / "municipalities"
    folder.mkdir()
    settings = folder / "hashikami.yml"
    shutil.copy(MUNICIPALITIES / "hashikami.yml", settings)
    stale = [folder / ".hashikami.yml.tmp-ab12cd34", folder / ".hashikami.q9w8e7r6.yml"]
    fresh = folder / ".hashikami.yml.tmp-running"  # another read, still at work
    for path in [*stale, fresh]:
        path.write_text("name: 未承認町\n", encoding="utf-8")
    for path in stale:
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    workbook = tmp_path / "hashikami.xlsx"
    files.export_settings(PROCEDURES, settings, workbook)
    book = load_workbook(workbook)
    book["自治体"]["B4"] = "はしかみの 手続き"  # the site name: one change, so the file is rewritten
    book.save(workbook)

    seen: list[list[Path]] = []
    real_load = files.load_catalog

    def watching(procedures_dir: Path, path: Path, **options):  # noqa: ANN003, ANN202
        seen.append([path, *procedure_files(folder)])  # what check and build --all would read right now
        return real_load(procedures_dir, path, **options)

    monkeypatch.setattr(files, "load_catalog", watching)
    assert files.import_settings(PROCEDURES, workbook, settings).changed
    temporary, *towns = seen[-1]
    assert temporary.parent == folder and temporary not in towns and towns == [settings]
    assert not any(path.exists() for path in stale) and fresh.exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted([".hashikami.yml.tmp-running", "hashikami.yml"])
