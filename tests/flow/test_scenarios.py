"""Written scenarios (tests/flow/scenarios.yml): a situation and the list a resident must get, run through the
real rules (questions/flow.yml + procedures/) in Python and in flow.js under Node, which must agree."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.loading import load_catalog
from generator.loading.flow import walks
from generator.loading.strings import string_table
from generator.model import Catalog
from generator.model.flow import MAX_QUESTIONS, Result, Truth, Walk, computed_date, computed_deadline
from generator.site.my_procedures import flow_data, flow_script

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = yaml.safe_load((Path(__file__).parent / "scenarios.yml").read_text(encoding="utf-8"))


def _answers(scenario: dict) -> dict:
    return {key: (value if isinstance(value, list) else str(value)) for key, value in scenario["answers"].items()}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")


def expected(scenario: dict) -> dict[str, str]:
    return {**{p: "yes" for p in scenario.get("sure", [])}, **{p: "maybe" for p in scenario.get("maybe", [])}}


def python_outcome(catalog: Catalog, scenario: dict) -> dict:
    assert catalog.flow is not None
    walk = Walk.of(catalog.flow, _answers(scenario))
    dates = walk.dates()
    results = {}
    for result in walk.results():
        computed = computed_date(result.rule(catalog.get(result.procedure)), dates)
        results[result.procedure] = {
            "truth": "yes" if result.truth is Truth.YES else "maybe",
            "due": computed.due.isoformat() if computed else None,
            "opens": computed.opens.isoformat() if computed and computed.opens else None,
            "deadline": shown_deadline_text(catalog, result),
        }
    counters = []
    for found in walk.counters():
        step = catalog.guides[found.counter.guide].steps[found.counter.step - 1]
        computed = computed_date(step.deadline, dates)
        counters.append({"id": found.counter.id, "truth": "yes" if found.truth is Truth.YES else "maybe", "due": computed.due.isoformat() if computed else None})
    return {"finished": walk.finished, "results": results, "counters": counters, "asks": walk.counter_questions(), "asked": walk.asked}


def shown_deadline_text(catalog: Catalog, result: Result) -> str:
    """The deadline text the list shows for a result: the situation's guide step, else the procedure's own."""
    if result.local:
        return string_table(catalog.strings).plain("my_procedures.ask_deadline")
    if result.deadline is not None:
        return catalog.guides[result.deadline.guide].steps[result.deadline.step - 1].text or ""
    return catalog.get(result.procedure).deadline.text or ""


def check(outcome: dict, scenario: dict) -> None:
    assert outcome["finished"], f"the answers do not reach the result (asked: {outcome['asked']})"
    assert {p: r["truth"] for p, r in outcome["results"].items()} == expected(scenario)
    dates = {p: r["due"] for p, r in outcome["results"].items() if r["due"]}
    assert dates == {p: str(d) for p, d in scenario.get("dates", {}).items()}
    opens = {p: r["opens"] for p, r in outcome["results"].items() if r["opens"]}
    assert opens == {p: str(d) for p, d in scenario.get("opens", {}).items()}
    counters = {c["id"]: c for c in outcome["counters"]}
    assert list(counters) == scenario.get("counters", []), "counter steps (in order)"
    assert {c: d["due"] for c, d in counters.items() if d["due"]} == {c: str(d) for c, d in scenario.get("counter_dates", {}).items()}
    for procedure, words in scenario.get("deadline_says", {}).items():
        assert words in outcome["results"][procedure]["deadline"], f"{procedure}'s deadline does not say 「{words}」"
    for ask in scenario.get("asks", []):
        assert any(ask in text for text in outcome["asks"]), f"「{ask}」 is not on the counter list: {outcome['asks']}"
    assert len(outcome["asked"]) <= MAX_QUESTIONS


def test_there_are_at_least_30_written_scenarios() -> None:
    assert len(SCENARIOS) >= 30
    assert len({s["name"] for s in SCENARIOS}) == len(SCENARIOS)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario_in_python(catalog: Catalog, scenario: dict) -> None:
    check(python_outcome(catalog, scenario), scenario)


def test_every_scenario_gives_the_same_list_in_the_page_script(catalog: Catalog, tmp_path: Path) -> None:
    """flow.js as shipped (minified; run by Node on the data the page embeds) agrees with the expected list and
    with Python."""
    node = shutil.which("node")
    script = tmp_path / "flow.js"
    script.write_bytes(flow_script().content)
    assert node, "Node.js is needed to test flow.js"
    assert catalog.flow is not None
    data = tmp_path / "data.json"
    data.write_text(json.dumps(flow_data(catalog, catalog.flow, with_qr=True), ensure_ascii=False), encoding="utf-8")
    scenarios = tmp_path / "scenarios.json"
    scenarios.write_text(json.dumps([{"answers": _answers(s)} for s in SCENARIOS], ensure_ascii=False), encoding="utf-8")
    completed = subprocess.run(
        [node, str(Path(__file__).parent / "run_scenarios.js"), str(script), str(data), str(scenarios)],
        capture_output=True, text=True, check=True, timeout=60,
    )
    failures = []
    for scenario, outcome in zip(SCENARIOS, json.loads(completed.stdout), strict=True):
        js = {**outcome, "results": {r["procedure"]: r for r in outcome["results"]}}
        try:
            check(js, scenario)
            python = python_outcome(catalog, scenario)
            assert js["asked"] == python["asked"] and js["asks"] == python["asks"]
            assert js["counters"] == python["counters"]
            assert {p: r["deadline"] for p, r in js["results"].items()} == {p: r["deadline"] for p, r in python["results"].items()}
        except AssertionError as error:
            failures.append(f"{scenario['name']}: {error}")
    assert not failures, "\n".join(failures)


def test_every_procedure_can_be_a_result(catalog: Catalog) -> None:
    assert catalog.flow is not None
    reached = {r.procedure for walk in walks(catalog.flow) for r in walk.results() if r.truth is Truth.YES}
    assert reached == {p.id for p in catalog.procedures}
    assert len(reached) == 27


def test_no_path_asks_more_than_eight_questions(catalog: Catalog) -> None:
    assert catalog.flow is not None
    longest = max(walks(catalog.flow), key=lambda walk: len(walk.asked))
    assert len(longest.asked) <= MAX_QUESTIONS == 8, longest.asked


def test_every_rule_is_exercised_by_a_written_scenario(catalog: Catalog) -> None:
    assert catalog.flow is not None
    unused = []
    for index, rule in enumerate(catalog.flow.rules):
        walks_ = [Walk.of(catalog.flow, _answers(s)) for s in SCENARIOS]
        if not any(walk.condition(rule.when) is Truth.YES for walk in walks_):
            unused.append(f"rules[{index + 1}] {rule.procedure} {rule.when}")
    assert not unused, "rules no scenario reaches:\n" + "\n".join(unused)


def test_every_computed_deadline_comes_from_a_fixed_deadline_whose_text_states_it(catalog: Catalog) -> None:
    with_rule = {p.id: p for p in catalog.procedures if p.deadline.rule is not None}
    assert set(with_rule) == {"k01", "k02", "k03", "c11", "c02"}
    for procedure in with_rule.values():
        assert procedure.deadline.kind == "fixed"
        rule, text = procedure.deadline.rule, procedure.deadline.text or ""
        if rule.within_days:
            assert f"{rule.within_days}日以内" in text
        assert ("次の 日から" in text) == rule.from_next_day
        if rule.opens_days_before:
            assert f"{rule.opens_days_before}日前から" in text


def test_deadline_arithmetic(catalog: Catalog) -> None:
    born = {"birth": datetime.date(2026, 11, 20)}
    assert computed_deadline(catalog.get("k01"), born).due == datetime.date(2026, 12, 5)  # 次の 日から 15日
    changed = {"changed": datetime.date(2026, 11, 10)}
    assert computed_deadline(catalog.get("k03"), changed).due == datetime.date(2026, 11, 23)  # その 日を 1日目に 14日
    expiry = computed_deadline(catalog.get("c02"), {"care-expiry": datetime.date(2027, 3, 31)})
    assert (expiry.opens, expiry.due) == (datetime.date(2027, 1, 30), datetime.date(2027, 3, 31))
    assert computed_deadline(catalog.get("d01"), born) is None  # local: never a date
    assert computed_deadline(catalog.get("k15"), born) is None  # none: never a date
    assert computed_deadline(catalog.get("k01"), {}) is None  # no date given
