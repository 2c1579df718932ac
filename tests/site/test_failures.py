"""Bad input never reaches residents: text is escaped, and a failed build leaves the previous site intact."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.build import build_site
from generator.errors import InputError
from tests.site.conftest import copy_project

INJECTED = '<script>alert("x")</script><img src=x onerror=alert(1)>'
STEP_INJECTED = '<img src=x onerror=alert(1)>'


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _without_json_ld(html: str) -> str:
    """The page without its JSON blocks (JSON-LD, the rules of 「わたしの 手続き」), after checking that they hold
    no raw ``<`` (so no tag can start; flow.js puts their text on the page with textContent only)."""
    pattern = r'<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>'
    blocks = re.findall(pattern, html, flags=re.S)
    for block in blocks:
        assert "<" not in block
    return re.sub(pattern, "", html, flags=re.S)


def _k01(project: Path) -> Path:
    return next((project / "procedures").glob("k01-*.yml"))


def test_html_in_yaml_reaches_the_page_escaped(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = _k01(project)
    text = path.read_text(encoding="utf-8")
    text = text.replace("\ntitle: ", f"\ntitle: '{INJECTED}' #", 1)
    # A step title holds at most 40 characters (issue #25): the shorter half of the injection goes there.
    text = text.replace("\n  - title: ", f"\n  - title: '{STEP_INJECTED}' #", 1)
    path.write_text(text, encoding="utf-8")
    settings = project / "municipalities" / "hashikami.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("name: 階上町\n", f"name: 階上町\nsite_name: '{INJECTED}'\n", 1),
        encoding="utf-8",
    )
    site = build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert pages
    for path, html in pages.items():
        html = _without_json_ld(html)
        assert "<script>alert" not in html, path
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), path
    page = (site / "kosodate" / "jidou-teate-nintei-seikyu" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page


def test_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = build_site(project / "mkdocs.yml", site_dir=project / "site")
    before = _tree_digest(site)
    path = _k01(project)
    path.write_text(path.read_text(encoding="utf-8").replace("reviewed: ", "reviewed: 2026-02-30\nx: ", 1), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        build_site(project / "mkdocs.yml", site_dir=site)
    assert any(p.path == path and p.field == "reviewed" for p in raised.value.problems)
    assert _tree_digest(site) == before
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site")]
    assert not leftovers


def test_plain_mkdocs_build_stops_before_cleaning_the_site(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = copy_project(tmp_path / "project")
    site = build_site(project / "mkdocs.yml", site_dir=project / "site")
    before = _tree_digest(site)
    path = _k01(project)
    path.write_text(path.read_text(encoding="utf-8") + "title: 2回目\n", encoding="utf-8")
    with pytest.raises(Abort):
        mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    assert f"{path}:" in caplog.text and "同じ 項目が 2回" in caplog.text
    assert _tree_digest(site) == before
