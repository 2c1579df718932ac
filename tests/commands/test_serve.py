"""``tetsuzuki serve``: the preview rebuilds when a procedure YAML or the settings file is edited."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.site.conftest import copy_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float = 60) -> float:
    """Seconds until the page at ``url`` contains ``text``."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {text!r}")


@pytest.fixture
def server(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("TETSUZUKI_SETTINGS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--settings", "municipalities/shinto.yml", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_editing_yaml_rebuilds_the_preview(server) -> None:
    project, base = server
    page = base + "kosodate/jidou-teate-nintei-seikyu/"
    _wait_for(page, "榛東村")  # --settings picked the municipality
    k01 = next((project / "procedures").glob("k01-*.yml"))
    k01.write_text(k01.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: 書きかえた題名 ", 1), encoding="utf-8")
    _wait_for(page, "書きかえた題名")
    settings = project / "municipalities" / "shinto.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("name: 榛東村役場", "name: 榛東村役場書きかえ課"), encoding="utf-8")
    _wait_for(page, "榛東村役場書きかえ課")
