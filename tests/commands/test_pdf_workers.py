"""``tetsuzuki build --pdf-workers N``: a PDF worker that fails or dies stops the build with a message that
names what happened, no traceback, and the previous site stays as it was.

The engine is replaced by a stand-in that fails at once (the workers are forked, so they see the
replacement): fast, no WeasyPrint. That parallel PDFs are the same bytes is in tests/flyers/test_parallel_pdfs.py.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.environment import PDF_ENV, PDF_WORKERS_ENV, build_options
from generator.errors import BadEnvironment
from generator.flyers import feature
from generator.flyers.pdf_pool import SheetPool, default_workers
from generator.model.options import BuildOptions
from tests.commands.conftest import all_output, small_project
from tests.commands.test_build import tree_digest


class _FailingEngine:
    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        raise ValueError("画像の 形式が ちがいます（テスト）")


class _SlowEngine:
    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        time.sleep(0.1)
        return b"%PDF-1.7 (test)", 1, 200.0


def _slow_engine() -> _SlowEngine:
    return _SlowEngine()


class _DyingEngine:
    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        os._exit(9)  # as a worker killed by the kernel (out of memory) or crashed in a C library


@dataclass(frozen=True)
class _EngineFactory:
    """Stands in for ``feature.pdf_engine``. A module-level class, not a lambda: when the build process has
    threads (under pytest-xdist it does) the pool starts its workers by a fork server, which pickles it."""

    engine: type

    def __call__(self, cache_folder: Path | None) -> object:
        return self.engine()


@pytest.fixture
def built_project(run, tmp_path: Path) -> Path:
    """The small project with a good site in ``site/`` (built without PDFs: quick)."""
    project = small_project(tmp_path / "project")
    assert run(project, "build").exit_code == 0
    return project


@pytest.mark.parametrize(
    ("engine", "expected"),
    [
        (_FailingEngine, "の PDF を 作れませんでした（ValueError: 画像の 形式が ちがいます（テスト））"),
        (_DyingEngine, "PDF を 作る プロセスが 途中で 止まりました"),
    ],
    ids=["engine-error", "worker-died"],
)
def test_a_failing_pdf_worker_gives_one_clear_message_and_keeps_the_site(
    run, built_project: Path, monkeypatch: pytest.MonkeyPatch, engine: type, expected: str
) -> None:
    before = tree_digest(built_project / "site")
    monkeypatch.setenv(PDF_ENV, "1")
    monkeypatch.setattr(feature, "pdf_engine", _EngineFactory(engine))
    result = run(built_project, "build", "--pdf-workers", "2")
    assert result.exit_code == 1
    assert expected in result.stderr
    assert "前の サイトが そのまま 残って います" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    if engine is _FailingEngine:
        assert "印刷用ページ chirashi/" in result.stderr  # which page
    assert tree_digest(built_project / "site") == before
    assert not [p.name for p in built_project.iterdir() if p.name.startswith(".site")]


def test_a_feature_failing_while_the_pdfs_render_stops_the_build_and_ends_the_workers(
    run, built_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDFs render while the other features run (``compose.STARTED_FIRST``): a feature that fails then stops
    the build with its own message, the sheets not started are dropped, the workers end, the site stays."""
    from generator import compose

    before = tree_digest(built_project / "site")
    monkeypatch.setenv(PDF_ENV, "1")
    monkeypatch.setattr(feature, "pdf_engine", _EngineFactory(_SlowEngine))

    def broken_feature(catalog):  # noqa: ANN001, ANN202
        raise OSError("ディスクが いっぱいです（テスト）")

    monkeypatch.setattr(compose, "FEATURES", [*compose.FEATURES, broken_feature])
    result = run(built_project, "build", "--pdf-workers", "2")
    assert result.exit_code == 1
    assert "ディスクが いっぱいです（テスト）" in result.stderr and "前の サイトが そのまま 残って います" in result.stderr
    assert tree_digest(built_project / "site") == before
    assert not [p.name for p in built_project.iterdir() if p.name.startswith(".site")]
    deadline = time.monotonic() + 20
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not multiprocessing.active_children(), "a PDF worker outlived the failed build"


def test_the_number_of_workers_from_the_environment_is_checked() -> None:
    assert build_options({PDF_WORKERS_ENV: "3"}).pdf_workers == 3
    assert build_options({PDF_WORKERS_ENV: " "}).pdf_workers is None  # unset: one per core
    for wrong in ("0", "-1", "two", "２"):
        with pytest.raises(BadEnvironment, match=PDF_WORKERS_ENV):
            build_options({PDF_WORKERS_ENV: wrong})


@pytest.mark.parametrize(
    ("variable", "arguments", "expected"),
    [
        ("abc", (), f"環境変数 {PDF_WORKERS_ENV} は、PDF を 同時に 作る プロセスの 数です。1 以上の 整数（半角）に して ください（いまは「abc」）。"),
        ("-1", (), "（いまは「-1」）"),
        (None, ("--pdf-workers", "abc"), "--pdf-workers は、PDF を 同時に 作る プロセスの 数です。1 以上の 整数（半角）に して ください（いまは「abc」）。"),
        ("2", ("--pdf-workers", "0"), "--pdf-workers は、PDF を 同時に 作る プロセスの 数です。1 以上の 整数（半角）に して ください（いまは「0」）。"),
        (None, ("--all", "sites", "--pdf-workers", "two"), "--pdf-workers は、PDF を 同時に 作る プロセスの 数です。"),
    ],
    ids=["variable-abc", "variable-negative", "option-abc", "option-zero", "all-option-two"],
)
def test_a_wrong_number_of_pdf_workers_is_said_in_japanese_and_keeps_the_site(
    run, built_project: Path, monkeypatch: pytest.MonkeyPatch, variable: str | None, arguments: tuple[str, ...],
    expected: str,
) -> None:
    before = tree_digest(built_project / "site")
    if variable is None:
        monkeypatch.delenv(PDF_WORKERS_ENV, raising=False)
    else:
        monkeypatch.setenv(PDF_WORKERS_ENV, variable)
    result = run(built_project, "build", *arguments)
    assert result.exit_code == 1
    assert expected in result.stderr
    assert "Traceback" not in all_output(result) and "Invalid value" not in all_output(result)  # not click's English
    assert tree_digest(built_project / "site") == before and not (built_project / "sites").exists()


def _report_pdf_workers(  # noqa: ANN202
    config_file: Path, settings: Path, target: Path, options: BuildOptions, shared: str | None = None
):
    from generator.build_towns import SiteResult

    # What the town got, as its options say, and whether anything still reached it through the environment.
    return SiteResult(settings, target, 0.0, error=f"{options.pdf_workers} {os.environ.get(PDF_WORKERS_ENV)}")


@pytest.mark.parametrize(("towns", "jobs", "per_town"), [(3, 2, 1), (1, None, default_workers()), (2, 1, default_workers())])
def test_build_all_shares_the_cores_between_towns_and_their_pdf_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, towns: int, jobs: int | None, per_town: int
) -> None:
    from generator import build_towns as build

    monkeypatch.delenv(PDF_WORKERS_ENV, raising=False)
    monkeypatch.setattr(build, "_build_one", _report_pdf_workers)  # the forked town workers see it too
    settings = [tmp_path / f"town{number}.yml" for number in range(towns)]
    results = build.build_all(tmp_path / "mkdocs.yml", settings, tmp_path / "sites", jobs=jobs, options=BuildOptions(cache=False))
    assert [result.error for result in results] == [f"{per_town} None"] * towns
    # --pdf-workers (or TETSUZUKI_PDF_WORKERS, read at the edge) wins
    options = BuildOptions(cache=False, pdf_workers=3)
    results = build.build_all(tmp_path / "mkdocs.yml", settings, tmp_path / "sites", jobs=jobs, options=options)
    assert [result.error for result in results] == ["3 None"] * towns


def _living_children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` and that have not ended (Linux ``/proc``)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux /proc")
@pytest.mark.parametrize("way", ["kernel", "thread"])
def test_a_build_killed_with_sigkill_leaves_no_pdf_worker_behind(monkeypatch: pytest.MonkeyPatch, way: str) -> None:
    # Left behind, a worker would wait for work forever, holding the output lock it inherited: the next build
    # would wait for it. Workers are forked from this test's child, which is killed while they render.
    # "thread": the way of systems without prctl (generator/worker_lifetime.py), tried here too.
    if way == "thread":
        from generator import worker_lifetime

        monkeypatch.setattr(worker_lifetime, "_kernel_ends_us_with_parent", lambda: False)  # forked: seen there
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child process
        try:
            SheetPool(_slow_engine, 2, method="fork").render_all([[("<p>x</p>", f"p{i}/")] for i in range(500)])
        finally:
            os._exit(0)
    workers: list[int] = []
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = _living_children(pid)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    assert len(workers) == 2
    deadline = time.monotonic() + 15
    while any(_alive(worker) for worker in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [worker for worker in workers if _alive(worker)]
    for worker in survivors:
        os.kill(worker, signal.SIGKILL)
    assert not survivors


_KILLED_BUILD_ALL = """
import os, sys, time
from pathlib import Path
from generator import build_towns
from generator.cli import main

def _wait(config_file, settings, target, options, shared=None):
    Path(sys.argv[1] + ".part").write_text(str(os.getpid()))  # the town's process has started (its initializer has run)
    os.replace(sys.argv[1] + ".part", sys.argv[1])
    time.sleep(120)

build_towns._build_one = _wait  # the town processes are forked: they run it
main(["build", "--all", "sites", "--quiet"])
"""
"""``tetsuzuki build --all`` whose towns take two minutes; argv[1]: the file a town writes its process id to."""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux /proc")
def test_build_all_killed_with_sigkill_leaves_no_town_process_behind(tmp_path: Path) -> None:
    # Left behind, a town would go on building and then swap its folder in long after the command was killed.
    import subprocess
    import sys

    from tests.conftest import ROOT

    project = small_project(tmp_path / "project")
    marker = tmp_path / "town-pid"
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "TETSUZUKI_CACHE": "0"}
    command = subprocess.Popen([sys.executable, "-c", _KILLED_BUILD_ALL, str(marker)], cwd=project, env=environment)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and command.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marker.exists(), "the town process did not start"
        town = int(marker.read_text())
        assert town in _living_children(command.pid)
    finally:
        command.kill()  # SIGKILL: no clean-up runs in the command
        command.wait()
    deadline = time.monotonic() + 10
    while _alive(town) and time.monotonic() < deadline:
        time.sleep(0.1)
    survived = _alive(town)
    if survived:
        os.kill(town, signal.SIGKILL)
    assert not survived
