"""`tetsuzuki export`: a plain MkDocs project (no plugin, no Material) that plain `mkdocs build` turns into the
same site."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.export import export_project
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = export_project(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("export") / "plain").folder
    # A separate process with plain MkDocs, as someone without tetsuzuki would run it.
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict"], cwd=folder, check=True,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    return folder


def test_the_exported_project_names_no_plugin_and_no_material(exported: Path) -> None:
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "plugins: []" in config and "name: null" in config
    assert "tetsuzuki:" not in config and "material" not in config
    assert "site_name: 階上町 手続きガイド" in config


def test_plain_mkdocs_builds_the_same_site_byte_for_byte(exported: Path, example_site: Path) -> None:
    plain = exported / "site"
    ours = {path.relative_to(example_site).as_posix() for path in example_site.rglob("*") if path.is_file()}
    theirs = {path.relative_to(plain).as_posix() for path in plain.rglob("*") if path.is_file()}
    assert ours == theirs
    for kind in ("kosodate/", "kaigo/", "hisai/", "kurashi/", "help/", "sagasu/", "watashi/", "chirashi/", "yasashii/"):
        assert any(name.startswith(kind) for name in ours), f"no {kind} page to compare"
    # sitemap.xml.gz: MkDocs writes the gzip header's time itself; its content must be the same.
    different = [
        name for name in sorted(ours)
        if name != "sitemap.xml.gz" and (plain / name).read_bytes() != (example_site / name).read_bytes()
    ]
    assert different == []
    assert gzip.decompress((plain / "sitemap.xml.gz").read_bytes()) == gzip.decompress((example_site / "sitemap.xml.gz").read_bytes())


def test_export_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(BuildError, match="空では ありません"):
        export_project(ROOT / "mkdocs.yml", tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_page_that_holds_jinja_syntax_is_exported_verbatim(tmp_path: Path) -> None:
    from generator.export import _verbatim
    from jinja2 import Environment

    text = "<p>{{ x }} {% endraw %} {% if %}</p>"
    assert Environment().from_string(_verbatim("404.html", text)).render() == text
