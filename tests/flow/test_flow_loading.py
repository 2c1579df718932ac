"""A broken questions/flow.yml stops the build with file:line errors that say what to fix, all at once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.loading import load_catalog

ROOT = Path(__file__).resolve().parents[2]
FLOW = (ROOT / "questions" / "flow.yml").read_text(encoding="utf-8")


def load_with(tmp_path: Path, flow_text: str) -> list[str]:
    flow = tmp_path / "flow.yml"
    flow.write_text(flow_text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml", flow_path=flow)
    return [str(problem) for problem in raised.value.problems]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def test_the_real_flow_loads(tmp_path: Path) -> None:
    catalog = load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")
    assert catalog.flow is not None and len(catalog.flow.questions) >= 10


def test_schema_mistakes_are_all_reported_with_their_lines(tmp_path: Path) -> None:
    broken = FLOW.replace("  - procedure: k14\n", "  - procedure: k16\n").replace("    kind: one\n", "    kind: single\n", 1)
    text = "\n".join(load_with(tmp_path, broken))
    assert re.search(rf"flow\.yml:{line_of(broken, 'procedure: k16')}:\d+: rules\[\d+\]\.procedure: 手続き ID は k01〜k15", text), text
    assert re.search(rf"flow\.yml:{line_of(broken, 'kind: single')}:\d+: questions\[1\]\.kind: 使える 値は", text), text


def test_cross_file_mistakes_are_all_reported_at_once(tmp_path: Path) -> None:
    broken = (
        FLOW.replace("when: [{child: [pregnant]}]", "when: [{child: [pregant]}]")
        .replace("when: [{care-needs: [worse]}]", "when: [{care-need: [worse]}]")
        .replace("order: [k15, birth-registration,", "order: [k15, k15, birth-registration,")
    )
    problems = "\n".join(load_with(tmp_path, broken))
    assert f"flow.yml:{line_of(broken, 'child: [pregant]')}:" in problems
    assert re.search(rf"flow\.yml:{line_of(broken, 'care-need: [worse]')}:\d+: .*質問「care-need」が ありません", problems), problems
    assert re.search(r"order\[2\]: 「k15」が 2回 あります", problems), problems


def test_a_procedure_no_answer_reaches_is_an_error(tmp_path: Path) -> None:
    broken = re.sub(r"  - procedure: k14\n    when: \[\{allowance-what: \[fuyou\]\}\]\n    because: .*\n", "", FLOW)
    problems = "\n".join(load_with(tmp_path, broken))
    assert "どの 答えでも 出ない 手続きが あります: k14" in problems


def test_a_path_longer_than_eight_questions_is_an_error(tmp_path: Path) -> None:
    extra = "".join(
        f"  - id: extra-{n}\n    kind: one\n    when: [{{topic: [death]}}]\n    text: 質問 {n}\n    ask: 質問 {n}\n"
        f"    options:\n      - value: a\n        label: a\n      - value: b\n        label: b\n"
        for n in range(7)
    )
    broken = FLOW.replace("rules:\n", extra + "\nrules:\n", 1)
    problems = "\n".join(load_with(tmp_path, broken))
    assert re.search(r"質問が 9 個 以上 つづく 答え方が あります（topic → death-allowance.* → …）", problems), problems
    assert "どの 答えでも 出ない" not in problems  # the paths cut short at the limit hide nothing else


def test_a_condition_may_only_name_an_earlier_question(tmp_path: Path) -> None:
    broken = FLOW.replace("when: [{topic: [child]}]\n    text: 子どもの", "when: [{death-children: [yes]}]\n    text: 子どもの")
    problems = "\n".join(load_with(tmp_path, broken))
    assert "質問「death-children」が ありません（この 質問より 前に ある 質問の id を 書いて ください）" in problems


def test_a_deadline_rule_needs_a_question_that_asks_its_date(tmp_path: Path) -> None:
    broken = FLOW.replace("date_of: care-expiry", "date_of: changed")
    problems = "\n".join(load_with(tmp_path, broken))
    assert re.search(r"c02-kaigo-nintei-koushin\.yml:\d+:\d+: deadline\.rule\.counts_from\[1\]: 「care-expiry」の 日を たずねる 質問が", problems), problems


def test_a_deadline_rule_is_only_allowed_on_a_fixed_deadline(tmp_path: Path) -> None:
    procedures = tmp_path / "procedures"
    shutil.copytree(ROOT / "procedures", procedures)
    path = procedures / "d01-risai-shomeisho.yml"
    text = path.read_text(encoding="utf-8").replace("  kind: local\n", "  kind: local\n  rule: {counts_from: [birth], within_days: 30}\n", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_catalog(procedures, ROOT / "municipalities" / "hashikami.yml", flow_path=ROOT / "questions" / "flow.yml")
    assert any("deadline.rule は kind: fixed の ときだけ 書けます" in str(p) and p.path == path for p in raised.value.problems)


def test_a_counter_step_the_guides_do_not_source_cannot_join_the_list(tmp_path: Path) -> None:
    # disaster.yml step 4 (支援を 申し込む) has counter text but no source: the flow may not list it.
    unsourced = "  - id: support\n    guide: disaster\n    step: 4\n    when: [{disaster-home: [yes]}]\n"
    broken = FLOW.replace("\n# The order of the result list", unsourced + "\n# The order of the result list")
    broken = broken.replace("order: [k15,", "order: [support, k15,")
    problems = "\n".join(load_with(tmp_path, broken))
    assert re.search(rf"flow\.yml:{line_of(broken, 'id: support') + 2}:\d+: counters\[\d+\]\.step: .*ステップ 4 には 出典が ありません", problems), problems


def test_a_counter_must_name_a_counter_step_and_a_rule_deadline_its_procedures_step(tmp_path: Path) -> None:
    broken = FLOW.replace("    guide: death\n    step: 1\n", "    guide: death\n    step: 2\n")
    broken = broken.replace("deadline: {guide: death, step: 3,", "deadline: {guide: death, step: 2,")
    problems = "\n".join(load_with(tmp_path, broken))
    assert "death の ステップ 2 は 窓口の 手順では ありません" in problems
    assert "death の ステップ 2 は 手続き「k01」の ステップでは ありません" in problems
