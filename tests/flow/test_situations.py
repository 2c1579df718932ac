"""No one falls through: every procedure is reached by an honest path for each situation its for_whom and when
name (tests/flow/situations.yml), in the Python rules and in flow.js alike (through test_scenarios)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.loading import load_catalog
from generator.model import Catalog
from generator.model.flow import Truth, Walk

ROOT = Path(__file__).resolve().parents[2]
SITUATIONS = yaml.safe_load((Path(__file__).parent / "situations.yml").read_text(encoding="utf-8"))
CASES = [(procedure_id, case) for procedure_id, cases in SITUATIONS.items() for case in cases]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")


def test_every_procedure_has_a_situation(catalog: Catalog) -> None:
    assert set(SITUATIONS) == {p.id for p in catalog.procedures}


@pytest.mark.parametrize(("procedure_id", "case"), CASES, ids=[f"{p}: {c['from']}" for p, c in CASES])
def test_an_honest_path_reaches_the_procedure(catalog: Catalog, procedure_id: str, case: dict) -> None:
    procedure = catalog.get(procedure_id)
    assert any(case["from"] in line for line in [*procedure.for_whom, *procedure.when]), "quote its for_whom or when"
    assert catalog.flow is not None
    answers = {k: (v if isinstance(v, list) else str(v)) for k, v in case["answers"].items()}
    walk = Walk.of(catalog.flow, answers)
    assert walk.finished, f"the answers stop at {walk.current}"
    found = {r.procedure: r.truth for r in walk.results()}
    assert found.get(procedure_id) is Truth.YES, f"{procedure_id} is not on the list: {found}"
