"""Text variants of the questions of 「わたしの 手続き」 (``questions/<key>/flow.yml``): an edition's own words
for the questions, answers and reasons; ids, option values, conditions and rules stay the base file's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.editions import declared
from generator.editions.edition import edition_catalog
from generator.errors import InputError
from generator.loading import load_catalog
from generator.site import my_procedures
from tests.conftest import as_built
from tests.site.conftest import copy_project


def _load(project: Path):  # noqa: ANN202
    return load_catalog(project / "procedures", project / "municipalities" / "hashikami.yml")


def _variant(project: Path) -> tuple[Path, dict]:
    base = yaml.safe_load((project / "questions" / "flow.yml").read_text(encoding="utf-8"))
    first = base["questions"][0]
    variant = {"questions": [{"text": "いかえた しつもん"} if index == 0 else {} for index in range(len(base["questions"]))]}
    path = project / "questions" / "yasashii" / "flow.yml"
    path.parent.mkdir()
    return path, {"variant": variant, "first": first}


def test_an_edition_asks_its_own_words_and_keeps_the_rules(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path, parts = _variant(project)
    path.write_text(yaml.safe_dump(parts["variant"], allow_unicode=True), encoding="utf-8")
    catalog = _load(project)
    edition = next(edition for edition in declared(catalog) if edition.key == "yasashii")
    flow = catalog.edition_texts["yasashii"].flow
    assert flow.questions[0].text == "いかえた しつもん"
    assert catalog.flow.questions[0].text == parts["first"]["text"].strip()
    assert flow.rules == catalog.flow.rules and flow.questions[0].options == catalog.flow.questions[0].options
    output = my_procedures.my_procedures(edition_catalog(as_built(catalog), edition))
    data = next(item.content for item in output.files if item.path == my_procedures.DATA).decode("utf-8")
    assert "いかえた しつもん" in data


def test_a_flow_variant_cannot_change_an_option_value(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path, parts = _variant(project)
    first = parts["first"]
    options = [{"value": option["value"]} for option in first["options"]]
    options[0]["value"] = "something-else"
    parts["variant"]["questions"][0] = {"text": "いかえた しつもん", "options": options}
    text = yaml.safe_dump(parts["variant"], allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        _load(project)
    line = 1 + text.splitlines().index(next(l for l in text.splitlines() if "something-else" in l))
    assert f"questions/yasashii/flow.yml:{line}:" in raised.value.report() and "事実" in raised.value.report()
