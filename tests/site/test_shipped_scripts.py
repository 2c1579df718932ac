"""The site's scripts ship minified (generator/site/scripts.py): a first build does not parse them, and what it
publishes is what minifying the scripts as they are now gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site import scripts


def test_every_script_ships_minified_as_minifying_it_now_gives() -> None:
    for source in scripts.SOURCES:
        shipped = scripts.MINIFIED / scripts.shipped_name(source.read_bytes())
        assert shipped.is_file(), f"{source.name} changed: write its minified copy again with python -m generator.site.scripts"
        assert shipped.read_bytes() == scripts._minify(source.read_text(encoding="utf-8")), source.name


def test_no_shipped_copy_is_left_from_a_script_that_changed() -> None:
    wanted = {scripts.shipped_name(source.read_bytes()) for source in scripts.SOURCES}
    assert {path.name for path in scripts.MINIFIED.glob("*.js")} == wanted


def test_a_build_takes_the_shipped_copy_and_minifies_an_edited_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    finder = next(source for source in scripts.SOURCES if source.name == "finder.js")
    expected = (scripts.MINIFIED / scripts.shipped_name(finder.read_bytes())).read_bytes()
    parsed: list[str] = []
    monkeypatch.setattr(scripts, "_minify", lambda source: parsed.append(source) or b"minified here")
    scripts._minified.cache_clear()
    try:
        assert scripts.minified_script("a.js", finder).content == expected
        assert parsed == []
        edited = tmp_path / "finder.js"
        edited.write_bytes(finder.read_bytes() + b"\n// an edit\n")
        assert scripts.minified_script("a.js", edited).content == b"minified here"
        assert len(parsed) == 1
    finally:
        scripts._minified.cache_clear()
