"""``tetsuzuki check`` reports every problem at once, with file, line and field, and exits 0 or 1."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator import compose
from tests.commands.conftest import all_output, set_reviewed, small_project
from tests.conftest import FIXTURES, ROOT
from tests.loading.test_broken_inputs import expectations
from tests.site.conftest import copy_project


def test_broken_inputs_are_all_reported_with_file_line_and_field(run, broken_dir: Path) -> None:
    result = run(
        ROOT, "check", "--procedures", str(broken_dir / "procedures"),
        "--settings", str(broken_dir / "municipalities" / "brokentown.yml"),
    )
    assert result.exit_code == 1
    output = result.stdout
    expected = expectations(broken_dir)
    assert len(expected) >= 15
    for path, line, field, message in expected:
        pattern = rf"{re.escape(str(path.relative_to(ROOT)))}:{line}:\d+: {re.escape(field) if field != '-' else '[^:]+'}: .*{re.escape(message)}"
        assert re.search(pattern, output), f"missing {path.name}:{line} {field} {message}\n{output}"
    listed = re.findall(r"^  \S+:\d+:\d+: .*$", output, flags=re.M)
    assert f"問題が {len(listed)} 件" in output


def test_the_example_project_passes(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)  # progress lines are left out in CI
    result = run(ROOT, "check")
    assert result.exit_code == 0, all_output(result)
    assert "問題は ありません" in result.stdout
    assert "印刷する 文が 長すぎて" not in all_output(result)  # no sheet too full in any sample town (test_sheet_fit)
    settings = sorted(p.name for p in (ROOT / "municipalities").glob("*.yml"))
    for name in settings:  # progress names each municipality as it goes
        assert name in result.stderr


def _project_with(tmp_path: Path, reviewed: str, local: str) -> Path:
    project = copy_project(tmp_path / "project")
    k01 = next((project / "procedures").glob("k01-*.yml"))
    set_reviewed(k01, reviewed)
    settings = project / "municipalities" / "hashikami.yml"
    text = settings.read_text(encoding="utf-8").replace("  k01:\n    department: daihyo\n    online: unknown\n", local)
    settings.write_text(text, encoding="utf-8")
    return project


def test_old_reviews_and_online_without_url_are_warnings_with_their_place(run, tmp_path: Path) -> None:
    project = _project_with(tmp_path, "2020-04-01", "  k01:\n    department: daihyo\n    online: yes\n")
    result = run(project, "check", "--settings", "municipalities/hashikami.yml")
    assert result.exit_code == 0, all_output(result)  # warnings do not stop a build
    k01 = next((project / "procedures").glob("k01-*.yml"))
    line = k01.read_text(encoding="utf-8").splitlines().index("reviewed: 2020-04-01") + 1
    assert re.search(rf"{re.escape(k01.name)}:{line}:1: reviewed: 内容を たしかめた 日（2020-04-01）から 12か月 以上", result.stdout)
    settings_lines = (project / "municipalities" / "hashikami.yml").read_text(encoding="utf-8").splitlines()
    online_line = settings_lines.index("    online: yes") + 1
    assert re.search(rf"hashikami\.yml:{online_line}:\d+: procedures\.k01\.online: online: yes ですが mynaportal_url が ありません", result.stdout)
    assert "注意が 2 件" in result.stdout


def test_the_allowed_age_is_configurable(run, tmp_path: Path) -> None:
    project = _project_with(tmp_path, "2020-04-01", "  k01:\n    department: daihyo\n    online: unknown\n")
    lenient = run(project, "check", "--settings", "municipalities/hashikami.yml", "--max-age-months", "1200")
    assert lenient.exit_code == 0 and "注意" not in lenient.stdout
    strict = run(project, "check", "--settings", "municipalities/hashikami.yml", "--max-age-months", "6")
    assert "6か月 以上" in strict.stdout


def test_a_feature_that_refuses_the_catalog_fails_the_check(run, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a flyer allowlist (or any feature's own validation) does: raise while the site is assembled.
    def refuse(catalog):
        raise ValueError("QR の URL が 許可リストに ありません: https://evil.example/")

    monkeypatch.setattr(compose, "FEATURES", [*compose.FEATURES, refuse])
    result = run(ROOT, "check", "--settings", "municipalities/hashikami.yml")
    assert result.exit_code == 1
    assert "hashikami.yml:1:1: (ファイル全体): サイトを 組み立てられません: QR の URL が 許可リストに ありません" in result.stdout


def test_months_before_clamps_to_the_end_of_a_shorter_month() -> None:
    import datetime

    from generator.check import months_before

    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 12) == datetime.date(2025, 1, 15)


def test_valid_fixture_with_online_url_gives_no_warning(run) -> None:
    valid = FIXTURES / "valid"
    result = run(ROOT, "check", "--procedures", str(valid / "procedures"), "--settings", str(valid / "municipalities" / "testtown.yml"), "--max-age-months", "1200")
    assert result.exit_code == 0, all_output(result)
    assert "注意が" not in result.stdout  # (the words report may quote a sentence with 注意 in it)


def test_settings_without_a_base_url_warn_that_no_flyers_are_made(run, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    settings = project / "municipalities" / "hashikami.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"^base_url: .*\n", "", text, flags=re.M), encoding="utf-8")
    result = run(project, "check", "--settings", "municipalities/hashikami.yml")
    assert result.exit_code == 0, all_output(result)
    assert "hashikami.yml:1:1: base_url: base_url が ないので、QR コードの チラシは 作りません" in result.stdout


def test_many_towns_are_checked_in_parallel_with_the_same_results(tmp_path: Path) -> None:
    import datetime

    from generator.check import check_many
    from generator.project import read_project

    # Three small towns (a check of a sample town takes seconds), each with a result of its own: one passes,
    # one has an error, one a warning, so results handed back in the wrong order or to the wrong town show.
    folder = small_project(tmp_path / "project")
    town = folder / "municipalities" / "testtown.yml"
    for name, reviewed in (("testtown2", "someday"), ("testtown3", "2024-01-01")):
        set_reviewed(folder / "municipalities" / f"{name}.yml", reviewed, source=town)
    project = read_project(folder / "mkdocs.yml")
    targets = sorted(project.all_settings())
    assert len(targets) == 3
    today = datetime.date(2026, 12, 6)
    seen: list[Path] = []
    parallel = check_many(project.procedures_dir, targets, today=today, project=project, jobs=2, on_result=lambda r: seen.append(r.settings))
    serial = check_many(project.procedures_dir, targets, today=today, project=project, jobs=1)
    assert [r.settings for r in parallel] == targets and sorted(seen) == targets
    assert [(r.errors, r.warnings) for r in parallel] == [(r.errors, r.warnings) for r in serial]
    assert [(len(r.errors), len(r.warnings)) for r in parallel] == [(0, 0), (1, 0), (0, 1)]


def test_progress_is_quiet_in_ci_and_with_the_flag(run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The two-procedure test town twice (a check of it takes a fraction of the example's): progress is per town.
    project = small_project(tmp_path / "project")
    shutil.copy(project / "municipalities" / "testtown.yml", project / "municipalities" / "testtown2.yml")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TETSUZUKI_QUIET", "0")  # --quiet sets it for the process; teardown puts it back
    settings = ["--settings", "municipalities/testtown.yml", "--settings", "municipalities/testtown2.yml"]
    assert "[2/2]" in run(project, "check", *settings).stderr
    assert "[2/2]" not in run(project, "check", "--quiet", *settings).stderr
    monkeypatch.setenv("TETSUZUKI_QUIET", "0")
    monkeypatch.setenv("CI", "true")
    assert "[2/2]" not in run(project, "check", *settings).stderr
