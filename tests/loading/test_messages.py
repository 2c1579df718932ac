"""Every written form a schema asks for has its own Japanese message, found by the pattern's code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.loading.messages import PATTERN_MESSAGES
from generator.model import patterns
from generator.scaffold import PATTERN_HINTS

SCHEMAS = sorted((Path(__file__).resolve().parents[2] / "schema").glob("*.schema.json"))


def _patterns(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.add(node["pattern"])
        for value in node.values():
            found |= _patterns(value)
    elif isinstance(node, list):
        for value in node:
            found |= _patterns(value)
    return found


@pytest.mark.parametrize("schema", SCHEMAS, ids=[path.name for path in SCHEMAS])
def test_every_pattern_in_a_published_schema_has_a_code_and_a_message(schema: Path) -> None:
    for regex in _patterns(json.loads(schema.read_text(encoding="utf-8"))):
        code = patterns.code_of(regex)
        assert code is not None, f"{schema.name}: the pattern {regex} is not defined in generator/model/patterns.py"
        assert code in PATTERN_MESSAGES and code in PATTERN_HINTS, code


def test_codes_are_unique_and_each_has_a_message_and_a_scaffold_hint() -> None:
    codes = [pattern.code for pattern in patterns.ALL]
    assert len(codes) == len(set(codes))
    assert set(codes) == set(PATTERN_MESSAGES) == set(PATTERN_HINTS)
