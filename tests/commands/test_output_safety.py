"""The output folder: one build at a time, an atomic switch, no leftovers, nobody's file moved or dropped.

Review rows #84, #90, #97, #100, #102, #104, #105, #107 (problems F13, F14, F18, F19, F20) and #82, #83
(F11, F15).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from generator import output_swap
from generator.build import build_site
from generator.output_lock import output_lock
from generator.output_swap import clean_stale
from generator.cache import DEFAULT_DIR
from tests.commands.conftest import all_output, small_project
from tests.commands.test_build import tree_digest
from tests.conftest import ROOT
from tests.site.conftest import copy_project


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = small_project(tmp_path_factory.mktemp("small") / "project")
    build_site(project / "mkdocs.yml")
    return project


def leftovers(folder: Path) -> list[str]:
    """Hidden files a build left beside the site (the build cache, kept on purpose, is not one)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != DEFAULT_DIR)


def test_the_site_is_switched_by_one_atomic_exchange_and_nothing_is_left_beside_it(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # F13 (#90): `site → .site.old-X`, then `.site.building-Y → site`; a kill between the two left no site/.
    calls = []
    real = output_swap._exchange
    monkeypatch.setattr(output_swap, "_exchange", lambda a, b: calls.append((a.name, b.name)) or real(a, b))
    inode = (small / "site").stat().st_ino
    build_site(small / "mkdocs.yml")
    assert len(calls) == 1 and calls[0][0].startswith(".site.building-") and calls[0][1] == "site"
    assert (small / "site").stat().st_ino != inode, "a new folder took the place of the old one"
    assert leftovers(small) == []


def test_a_second_build_waits_for_the_first(small: Path) -> None:
    # F13 (#104): two builds interleaved between the renames; the loser's old site stayed in .site.old-*.
    target = small / "site"
    ready, signal_ready = os.pipe()
    holder = os.fork()
    if holder == 0:  # pragma: no cover - child process
        with output_lock(target):
            os.write(signal_ready, b"x")
            time.sleep(1.0)
        os._exit(0)
    os.read(ready, 1)  # the child holds the lock now
    started = time.perf_counter()
    with output_lock(target):
        waited = time.perf_counter() - started
    os.waitpid(holder, 0)
    assert waited > 0.4
    assert leftovers(small) == [], "the lock file goes with the last holder"


def test_stale_staging_and_retired_folders_are_removed_at_the_next_start(small: Path) -> None:
    # F14 (#89, #92, #94, #105): each killed build left a full copy behind, forever.
    before = tree_digest(small / "site")
    for name in (".site.building-stale1", ".site.old-stale2"):
        (small / name / "x").mkdir(parents=True)
        (small / name / "x" / "index.html").write_text("old", encoding="utf-8")
    build_site(small / "mkdocs.yml")
    assert leftovers(small) == []
    assert tree_digest(small / "site") == before


def test_a_site_lost_between_the_two_fallback_renames_is_put_back(tmp_path: Path) -> None:
    # Where the platform cannot exchange folders, a kill between the renames leaves the site in .site.old-*;
    # the next build (under the lock) puts it back before it does anything else.
    (tmp_path / ".site.old-abcd").mkdir()
    (tmp_path / ".site.old-abcd" / "index.html").write_text("good", encoding="utf-8")
    (tmp_path / ".site.building-efgh").mkdir()
    with output_lock(tmp_path / "site"):
        clean_stale(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "good"
    assert leftovers(tmp_path) == []


def test_leftover_folders_and_the_lock_are_ignored_by_git() -> None:
    # F14 (#107): .gitignore had /site.* but the folders are .site.building-* and .site.old-*.
    names = [".site.building-abc12345/index.html", ".site.old-abc12345/index.html", ".site.lock", "sites/.koge.building-x/a"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == names


def test_a_plain_file_where_the_site_goes_is_an_error_and_is_left_alone(run, tmp_path: Path) -> None:
    # F18 (#97): a file named site was renamed to .site.old-XXXX and the build reported success.
    project = small_project(tmp_path / "project")
    notes = project / "site"
    notes.write_text("webmaster notes", encoding="utf-8")
    result = run(project, "build")
    assert result.exit_code == 1
    assert f"出力先 {notes} は フォルダでは なく ファイルです" in result.stderr
    assert notes.read_text(encoding="utf-8") == "webmaster notes"
    assert leftovers(project) == []


def test_a_plain_file_where_a_town_folder_goes_fails_that_town_only(run, tmp_path: Path) -> None:
    # F18 (#100): sites/koge as a file was moved to sites/.koge.old-XXXX silently.
    project = small_project(tmp_path / "project")
    shutil.copy(project / "municipalities" / "testtown.yml", project / "municipalities" / "other.yml")
    (project / "sites").mkdir()
    (project / "sites" / "testtown").write_text("webmaster notes", encoding="utf-8")
    result = run(project, "build", "--all", "sites", "--jobs", "1")
    assert result.exit_code == 1, all_output(result)
    assert "フォルダでは なく ファイルです" in result.stderr
    assert (project / "sites" / "testtown").read_text(encoding="utf-8") == "webmaster notes"
    assert (project / "sites" / "other" / "index.html").is_file()
    assert leftovers(project / "sites") == []


def test_a_symlinked_town_folder_that_points_at_another_town_is_refused(run, tmp_path: Path) -> None:
    # F20 (#84): sites/koge → shoo; both towns reported success, koge's site was overwritten.
    project = small_project(tmp_path / "project")
    shutil.copy(project / "municipalities" / "testtown.yml", project / "municipalities" / "other.yml")
    (project / "sites" / "other").mkdir(parents=True)
    (project / "sites" / "testtown").symlink_to("other")
    result = run(project, "build", "--all", "sites")
    assert result.exit_code == 1
    assert "other.yml、" in result.stderr and "testtown.yml の サイトが 同じ フォルダ" in result.stderr
    assert "Traceback" not in all_output(result)
    assert list((project / "sites" / "other").iterdir()) == []


def test_two_settings_files_with_the_same_name_are_refused_by_build_all_and_check(run, tmp_path: Path) -> None:
    # F11 (#83): koge.yml + koge.yaml gave a ValueError traceback in build --all.
    project = small_project(tmp_path / "project")
    shutil.copy(project / "municipalities" / "testtown.yml", project / "municipalities" / "testtown.yaml")
    result = run(project, "build", "--all", "sites")
    assert result.exit_code == 1 and "同じ フォルダ" in result.stderr and "koge.yml と koge.yaml は 同じ 名前です" in result.stderr
    assert "Traceback" not in all_output(result)
    checked = run(project, "check")
    assert checked.exit_code == 1 and "testtown.yaml、testtown.yml は 同じ 名前です" in checked.stdout


def test_check_fails_when_mkdocs_yml_names_a_missing_settings_file(run, tmp_path: Path) -> None:
    # F15 (#82): check passed while build failed with ファイルが 見つかりません.
    project = small_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("municipalities/testtown.yml", "municipalities/testtwon.yml"), encoding="utf-8")
    result = run(project, "check")
    assert result.exit_code == 1
    assert "mkdocs.yml:" in result.stdout and "設定ファイル testtwon.yml が" in result.stdout
    assert run(project, "build").exit_code == 1


def test_check_and_build_all_name_a_settings_file_saved_with_another_extension(run, tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    shutil.copy(project / "municipalities" / "testtown.yml", project / "municipalities" / "other.YML")
    result = run(project, "check")
    assert result.exit_code == 1 and "other.YML:1:1:" in result.stdout and "「other.yml」に 変えて" in result.stdout
    built = run(project, "build", "--all", "sites")
    assert built.exit_code == 1 and "other.YML:1:1:" in built.stderr and not (project / "sites").exists()


@pytest.mark.parametrize(
    ("hand_written", "generated"),
    [("p/k01.md", "p/k01/index.md"), ("sagasu.md", "sagasu/index.md"), ("opendata/procedures.json", "opendata/procedures.json")],
)
def test_hand_written_files_that_collide_with_generated_ones_are_errors_naming_both(run, small: Path, hand_written: str, generated: str) -> None:
    # F19 (#102): the hand-written file was dropped silently; with p/k01.md the sitemap listed the redirect.
    before = tree_digest(small / "site")
    path = small / "docs" / hand_written
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# 偽ページ\n", encoding="utf-8")
    try:
        checked = run(small, "check")
        built = run(small, "build")
    finally:
        path.unlink()
    for result, text in ((checked, checked.stdout), (built, built.stderr)):
        assert result.exit_code == 1, all_output(result)
        assert f"{hand_written}:1:1:" in text and f"自動で つくる「{generated}」が 同じ 場所" in text
    assert tree_digest(small / "site") == before
