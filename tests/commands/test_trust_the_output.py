"""build --all trusts the output, not the stamp: a town folder that changed since its build is built again."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.flyers.feature import PDF_ENV
from tests.commands.conftest import all_output, small_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(PDF_ENV, "0")
    folder = small_project(tmp_path / "project")
    other = folder / "municipalities" / "othertown.yml"
    text = (folder / "municipalities" / "testtown.yml").read_text(encoding="utf-8")
    other.write_text(text.replace("name: テスト町\n", "name: ほかの町\n"), encoding="utf-8")
    return folder


def _title(site: Path) -> str:
    found = re.search(r"<title>([^<]*)", (site / "index.html").read_text(encoding="utf-8"))
    assert found
    return found.group(1)


def _build_all(run, project: Path) -> str:
    result = run(project, "build", "--all", "sites", "-j", "1")
    assert result.exit_code == 0, all_output(result)
    return all_output(result)


def test_a_folder_another_build_overwrote_is_built_again(run, project: Path) -> None:
    _build_all(run, project)
    assert "テスト町" in _title(project / "sites" / "testtown")
    # P7 of the December review: a plain build into the same folder, with another town's settings.
    result = run(project, "build", "-s", "municipalities/othertown.yml", "-d", "sites/testtown")
    assert result.exit_code == 0, all_output(result)
    assert "ほかの町" in _title(project / "sites" / "testtown")
    output = _build_all(run, project)
    assert "othertown.yml: 変更なし（前の まま）" in output
    assert "testtown.yml: できました" in output and "書きかえられた ファイル: " in output, output
    assert "ほかの町" not in _title(project / "sites" / "testtown")


def test_a_deleted_or_added_file_is_noticed(run, project: Path) -> None:
    _build_all(run, project)
    (project / "sites" / "othertown" / "index.html").unlink()
    (project / "sites" / "testtown" / "stray.html").write_text("<p>だれかが 置いた ページ</p>", encoding="utf-8")
    output = _build_all(run, project)
    assert "なくなった ファイル: index.html" in output and "増えた ファイル: stray.html" in output, output
    assert (project / "sites" / "othertown" / "index.html").is_file()
    assert not (project / "sites" / "testtown" / "stray.html").exists()
    again = _build_all(run, project)
    assert again.count("変更なし（前の まま）") == 2, again


def test_a_removed_folder_is_built_again(run, project: Path) -> None:
    _build_all(run, project)
    shutil.rmtree(project / "sites" / "othertown")
    output = _build_all(run, project)
    assert "othertown.yml: できました" in output
    assert (project / "sites" / "othertown" / "index.html").is_file()
