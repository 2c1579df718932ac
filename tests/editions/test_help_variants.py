"""Text variants of the hand-written help pages: an edition shows its own text of a help page where it has one
(``docs/yasashii/help/<name>.md``) and the standard page's text elsewhere — the seam a translated edition
uses for its help pages (ARCHITECTURE.md, "Adding an edition")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.editions import page_files
from generator.errors import InputError
from tests.site.conftest import copy_project

STANDARD = {"help/pin.md": "# 暗証番号\n", "help/card-reading.md": "# カードを 読む\n"}


def test_a_variant_replaces_its_page_and_the_others_are_copied() -> None:
    pages = page_files(Path("docs"), STANDARD, {"yasashii/help/pin.md": "# あんしょうばんごう\n"}, "yasashii/")
    assert pages == {"yasashii/help/pin.md": "# あんしょうばんごう\n", "yasashii/help/card-reading.md": "# カードを 読む\n"}


def test_a_variant_without_a_standard_page_is_an_error_with_its_path() -> None:
    with pytest.raises(InputError) as raised:
        page_files(Path("docs"), STANDARD, {"yasashii/help/pim.md": "# x\n"}, "yasashii/")
    assert "docs/yasashii/help/pim.md:1:1" in raised.value.report() and "docs/help/pim.md" in raised.value.report()


def test_an_edition_in_another_language_must_have_every_variant() -> None:
    with pytest.raises(InputError) as raised:
        page_files(Path("docs"), STANDARD, {"yasashii/help/pin.md": "# PIN\n"}, "yasashii/", copy_missing=False)
    assert "docs/yasashii/help/card-reading.md:1:1" in raised.value.report()
    assert "pin.md" not in raised.value.report()


def _text(path: Path, where: str = "article") -> str:
    """The text of the page's ``where`` without ふりがな and phrase spaces."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for rt in soup.select("rt, rp"):
        rt.decompose()
    return re.sub(r"\s+", "", soup.select_one(where).get_text())


def test_a_built_edition_shows_its_variant_and_finds_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    standard = (project / "docs" / "help" / "pin.md").read_text(encoding="utf-8")
    variant = project / "docs" / "yasashii" / "help" / "pin.md"
    variant.parent.mkdir(parents=True)
    variant.write_text(
        standard.replace("title: 暗証番号を わすれた・ロックされた とき", "title: 暗証番号が わからない とき")
        .replace("# 暗証番号を わすれた・ロックされた とき", "# 暗証番号が わからない とき"),
        encoding="utf-8",
    )
    site = build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    assert "暗証番号がわからないとき" in _text(site / "yasashii" / "help" / "pin" / "index.html")
    assert "暗証番号がわからないとき" not in _text(site / "help" / "pin" / "index.html")
    assert "暗証番号をわすれた・ロックされたとき" in _text(site / "help" / "pin" / "index.html")
    # The edition's finder lists the variant's title; the standard finder the standard one.
    finder, standard_finder = _text(site / "yasashii" / "sagasu" / "index.html", "body"), _text(site / "sagasu" / "index.html", "body")
    assert "暗証番号がわからないとき" in finder and "わすれた・ロックされたとき" not in finder
    assert "暗証番号がわからないとき" not in standard_finder and "わすれた・ロックされたとき" in standard_finder
    # Every other help page is still the standard page's text (after the link to the other edition).
    copied, original = (_text(site / edition / "help" / "card-reading" / "index.html") for edition in ("yasashii", ""))
    assert copied.split("で読む", 1)[1] == original.split("で読む", 1)[1]
