"""Nothing from outside the project: a link out of the inputs, or a special file, stops check and build by name."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.commands.conftest import all_output, small_project
from tests.commands.test_build import tree_digest

SECRET = "MY_CI_SECRET=hunter2-for-the-test"


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-procedure town with its site built, once for the module (each test gets a copy: ``project``)."""
    folder = small_project(tmp_path_factory.mktemp("built") / "project")
    from generator.build import build_site

    build_site(folder / "mkdocs.yml")
    return folder


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    """A copy of ``built_project``, site and all, for one test to break (a copy, not a build: 12 builds less)."""
    return Path(shutil.copytree(built_project, tmp_path / "project", symlinks=True))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project with a passwd-like file, a YAML file and a folder of guides."""
    folder = tmp_path / "outside"
    (folder / "guides").mkdir(parents=True)
    (folder / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "k02-outside.yml").write_text("id: k02\ntitle: 外から\n", encoding="utf-8")
    (folder / "guides" / "birth.yml").write_text("title: 外から\n", encoding="utf-8")
    return folder


def _check_and_build(run, project: Path) -> tuple[str, str, int, int]:
    checked = run(project, "check")
    built = run(project, "build")
    return all_output(checked), all_output(built), checked.exit_code, built.exit_code


def test_links_to_system_files_and_the_environment_are_refused_and_never_published(
    run, project: Path, outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # P2 of the December review: both were published, and check said nothing.
    monkeypatch.setenv("MY_CI_SECRET", SECRET.split("=", 1)[1])
    (project / "docs" / "passwd.txt").symlink_to(outside / "passwd")
    (project / "docs" / "env.txt").symlink_to("/proc/self/environ")
    before = tree_digest(project / "site")
    checked, built, check_code, build_code = _check_and_build(run, project)
    for output in (checked, built):
        assert "docs/passwd.txt:1:1:" in output and str(outside / "passwd") in output, output
        assert "docs/env.txt:1:1:" in output and "/proc/self/environ" in output, output
        assert "シンボリックリンクが プロジェクトの 入力の 外" in output
    assert (check_code, build_code) == (1, 1)
    assert tree_digest(project / "site") == before
    published = b"".join(path.read_bytes() for path in (project / "site").rglob("*") if path.is_file())
    assert b"root:x:0:0" not in published and SECRET.encode() not in published


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("procedures/k01-test.yml", "outside/k01-test.yml"),  # valid copies: only the link is wrong
        ("life_events", "outside/guides"),  # a whole folder
        ("finder/synonyms.yml", "outside/synonyms.yml"),
        ("theme/extra.html", "outside/passwd"),
        ("municipalities/outside.yml", "outside/k02-outside.yml"),
        ("docs/help/git-config.txt", "project/.git/config"),  # inside the project, but not an input
        ("docs/cache.txt", "project/.tetsuzuki-cache"),
        ("docs/dangling.txt", "outside/nothing-here"),
    ],
)
def test_every_input_place_refuses_a_link_that_leaves_the_inputs(run, project: Path, outside: Path, link: str, target: str) -> None:
    base = outside.parent
    for name in ("procedures/k01-test.yml", "finder/synonyms.yml"):
        shutil.copy(project / name, outside / Path(name).name)
    (project / ".git").mkdir(exist_ok=True)
    (project / ".git" / "config").write_text('[http]\n\textraheader = "AUTHORIZATION: basic c2VjcmV0"\n', encoding="utf-8")
    (project / ".tetsuzuki-cache").mkdir(exist_ok=True)
    path = project / link
    if path.is_dir() and not path.is_symlink():
        os.rename(path, project / (link + ".old"))  # the folder itself is replaced by a link
    elif path.exists():
        path.unlink()  # the file is replaced by a link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(base / target)
    before = tree_digest(project / "site")
    checked, built, check_code, build_code = _check_and_build(run, project)
    assert (check_code, build_code) == (1, 1), checked + built
    for output in (checked, built):
        assert f"{link}:1:1:" in output, output
    assert tree_digest(project / "site") == before
    published = b"".join(p.read_bytes() for p in (project / "site").rglob("*") if p.is_file())
    assert b"extraheader" not in published and b"root:x:0:0" not in published


def test_a_link_among_the_inputs_is_fine(run, project: Path) -> None:
    (project / "docs" / "moji.md").symlink_to("mojiwo-ookiku.md")
    checked, built, check_code, build_code = _check_and_build(run, project)
    assert (check_code, build_code) == (0, 0), checked + built
    assert (project / "site" / "moji" / "index.html").is_file()


@pytest.mark.parametrize("place", ["docs/pipe.txt", "procedures/k02-pipe.yml", "municipalities/pipe.yml"])
def test_a_fifo_is_refused_without_waiting_for_it(project: Path, place: str) -> None:
    fifo = project / place
    os.mkfifo(fifo)
    before = tree_digest(project / "site")
    for command in ("check", "build"):
        # A separate process with a time limit: reading a FIFO would block for ever.
        done = subprocess.run(
            [sys.executable, "-c", "from generator.cli import main; main()", command],
            cwd=project, capture_output=True, text=True, timeout=120,
            env={k: v for k, v in os.environ.items() if k != "TETSUZUKI_SETTINGS"} | {"TETSUZUKI_FLYER_PDFS": "0"},
        )
        assert done.returncode == 1, done.stdout + done.stderr
        assert f"{place}:1:1:" in done.stdout + done.stderr and "名前付きパイプ" in done.stdout + done.stderr
    assert tree_digest(project / "site") == before
