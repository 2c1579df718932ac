"""The published JSON Schemas are current and agree with the loader, so editors validate like the build does."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.loading.yaml_source import load_yaml
from generator.schema import SCHEMA_DIR, SCHEMAS, render_schema
from tests.conftest import ROOT


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_model(name: str) -> None:
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == render_schema(SCHEMAS[name]), f"schema/{name} is stale: run python -m generator.schema"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


def test_every_example_file_validates_against_the_published_schema() -> None:
    procedures = sorted((ROOT / "procedures").glob("*.yml"))
    assert procedures
    for path in procedures:
        errors = list(_validator("procedure.schema.json").iter_errors(load_yaml(path).data))
        assert not errors, f"{path.name}: {errors[0].message}"
    for path in sorted((ROOT / "municipalities").glob("*.yml")):
        errors = list(_validator("municipality.schema.json").iter_errors(load_yaml(path).data))
        assert not errors, f"{path.name}: {errors[0].message}"


@pytest.mark.parametrize(
    "fixture, fragment",
    [
        ("k04-unknown-key.yml", "life_event"),
        ("k06-wrong-type.yml", "is not of type 'array'"),
        ("k11-http-url.yml", "does not match"),
        ("k13-bad-enum.yml", "madoguchi"),
    ],
)
def test_editor_schema_flags_the_same_mistakes_as_the_loader(broken_dir: Path, fixture: str, fragment: str) -> None:
    data = load_yaml(broken_dir / "procedures" / fixture).data
    messages = [error.message for error in _validator("procedure.schema.json").iter_errors(data)]
    assert any(fragment in message for message in messages), messages


def test_every_procedure_file_names_its_schema_for_editors() -> None:
    for path in sorted((ROOT / "procedures").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/procedure.schema.json", path.name
