"""``tetsuzuki new`` writes starter files that explain every field, never overwrite, and validate once filled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.loading import load_catalog
from generator.model import Municipality, Procedure
from tests.commands.conftest import all_output
from tests.site.conftest import copy_project

BLANK = re.compile(r"# ← 書いて ください（(?P<kind>[^）]+)）$")


def fill(text: str) -> str:
    """What a webmaster does: replace every marked blank with a value of the kind the marker asks for."""

    def value(kind: str) -> str:
        if kind.startswith("日付"):
            return "2026-11-23"
        if kind.startswith("https://"):
            return "https://example.org/source"
        if kind.startswith("true か false"):
            return "false"
        if kind.startswith("電話番号"):
            return "0123-45-6789"
        if kind.startswith("手続き ID"):
            return "k01"
        if kind.startswith("メールアドレス"):
            return kind.split("例: ")[1]
        if kind.startswith("英小文字"):
            return kind.split("例: ")[1]
        if kind.startswith("summary、"):
            return "summary"
        if kind.endswith("の どれか"):
            return kind.split("、")[0]
        assert kind == "文章", kind
        return "テストの 文章"

    return "\n".join(BLANK.sub(lambda m: value(m["kind"]), line) for line in text.splitlines()) + "\n"


def _descriptions(model) -> list[str]:
    return [f.description for f in model.model_fields.values() if f.description]


def test_new_procedure_explains_every_field_and_validates_once_filled(run, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for existing in (project / "procedures").glob("k05-*.yml"):  # all 27 exist: write k05 anew
        existing.unlink()
    result = run(project, "new", "procedure", "k05", "--slug", "hoikujo-riyou")
    assert result.exit_code == 0, all_output(result)
    path = project / "procedures" / "k05-hoikujo-riyou.yml"
    text = path.read_text(encoding="utf-8")
    for description in _descriptions(Procedure):
        assert f"# {description}" in text, description
    assert "id: k05" in text and "category: kosodate" in text

    # Unfilled, the build refuses it and names each blank's line.
    with pytest.raises(InputError) as raised:
        load_catalog(project / "procedures", project / "municipalities" / "hashikami.yml")
    blank_lines = {n for n, line in enumerate(text.splitlines(), start=1) if BLANK.search(line) and not line.lstrip().startswith("#")}
    reported = {p.line for p in raised.value.problems if p.path == path}
    assert blank_lines <= reported

    path.write_text(fill(text), encoding="utf-8")
    catalog = load_catalog(project / "procedures", project / "municipalities" / "hashikami.yml")
    assert catalog.get("k05").slug == "hoikujo-riyou"


def test_new_municipality_explains_every_field_and_validates_once_filled(run, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = run(project, "new", "municipality", "koge2", "--name", "テスト町")
    assert result.exit_code == 0, all_output(result)
    path = project / "municipalities" / "koge2.yml"
    text = path.read_text(encoding="utf-8")
    for description in _descriptions(Municipality):
        assert f"# {description}" in text, description
    # A town being written is a sample until every procedure has its settings (a published town needs
    # them all: generator/readiness.py), so the webmaster turns on the two sample lines first.
    filled = fill(text).replace("# sample: false", "sample: true").replace("# sample_note: テストの 文章", "sample_note: テストの 文章")
    assert "sample: true" in filled and "\nsample_note: テストの 文章" in filled
    path.write_text(filled, encoding="utf-8")
    catalog = load_catalog(project / "procedures", path)
    assert catalog.municipality.name == "テスト町"
    check = run(project, "check", "--settings", "municipalities/koge2.yml")
    assert check.exit_code == 0, all_output(check)


def test_new_never_overwrites(run, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    k01 = next((project / "procedures").glob("k01-*.yml"))
    before = k01.read_bytes()
    same_id = run(project, "new", "procedure", "k01", "--slug", "other-name")
    assert same_id.exit_code == 1 and "もう あります" in same_id.stderr
    assert not (project / "procedures" / "k01-other-name.yml").exists()
    same_file = run(project, "new", "procedure", "k01", "--slug", k01.stem.removeprefix("k01-"))
    assert same_file.exit_code == 1
    assert k01.read_bytes() == before
    settings = project / "municipalities" / "hashikami.yml"
    before = settings.read_bytes()
    again = run(project, "new", "municipality", "hashikami")
    assert again.exit_code == 1 and "上書きは しません" in again.stderr
    assert settings.read_bytes() == before


def test_new_refuses_ids_outside_the_national_numbering(run, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = run(project, "new", "procedure", "k16", "--slug", "x")
    assert result.exit_code != 0
    assert not list((project / "procedures").glob("k16-*"))
