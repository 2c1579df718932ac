"""Each situation counts from its own date: walking every path of the flow, a listed procedure never shows a
deadline counted from an event that path is not about (a bereaved parent must not get k01's birth/move rule)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.loading import load_catalog
from generator.loading.flow import walks
from generator.model import Catalog

ROOT = Path(__file__).resolve().parents[2]

# Deadline texts that name their starting event only as an example (「うまれた 日などの」): on a path that is
# about another event of the same kind the text still holds, and no date is computed (none was asked).
EXAMPLE_ONLY = {"k02": "うまれた 日などの"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")


def mismatches(catalog: Catalog) -> list[str]:
    assert catalog.flow is not None
    found: set[str] = set()
    for walk in walks(catalog.flow):
        established = walk.established()
        for result in walk.results():
            procedure = catalog.get(result.procedure)
            rule = result.rule(procedure)
            if rule is None or set(rule.counts_from) & established:
                continue
            if result.deadline is None and EXAMPLE_ONLY.get(procedure.id, "\0") in (procedure.deadline.text or ""):
                continue
            found.add(f"{procedure.id} counts from {rule.counts_from} on {walk.answers} (the path is about {sorted(established)})")
    return sorted(found)


def test_no_listed_deadline_counts_from_an_event_the_path_never_established(catalog: Catalog) -> None:
    assert mismatches(catalog) == []


def test_a_bereaved_parent_is_asked_the_date_of_death_and_counts_from_it(catalog: Catalog) -> None:
    assert catalog.flow is not None
    from generator.model.flow import Walk, computed_date

    walk = Walk.of(catalog.flow, {"topic": "death", "death-allowance": "yes", "death-children": "yes"})
    assert walk.current == "death-date"
    walk = Walk.of(catalog.flow, {"topic": "death", "death-allowance": "yes", "death-children": "yes", "death-date": "2026-11-30"})
    k01 = next(r for r in walk.results() if r.procedure == "k01")
    assert k01.rule(catalog.get("k01")).counts_from == ["death"]
    assert str(computed_date(k01.rule(catalog.get("k01")), walk.dates()).due) == "2026-12-15"
