"""Load ``questions/flow.yml`` (「わたしの 手続き」) and check it against the procedures, with file:line errors.

Besides the schema, the checks a webmaster needs when editing the rules: every question and answer a
condition names exists (and is asked earlier), every rule names a procedure that exists, ``order`` lists each
procedure once, every procedure can be reached by some answers, no path asks more than ``MAX_QUESTIONS``, and
every date a procedure's ``deadline.rule`` counts from is asked by some question. Counter steps and a rule's
own deadline name a life-event guide step (``guide`` + ``step``) that exists, says what they need (a counter
step its ``counter`` text; a rule's deadline the procedure and the rule's days in its ``text``) and that one
of the guide's sources supports: the flow adds no fact of its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from generator.errors import Problem
from generator.loading.messages import explain
from generator.loading.validated import validated
from generator.kept import kept
from generator.loading.yaml_source import LoadedYaml, load_yaml
from generator.model.flow import MAX_QUESTIONS, UNKNOWN, Answer, Flow, StepRef, Walk
from generator.model.guide import GuideStep, LifeEventGuide, states_rule
from generator.model.procedure import Procedure
from generator.model.vocabulary import LifeEvent


def load_flow(
    path: Path, procedures: list[tuple[Procedure | None, LoadedYaml]], guides: dict[LifeEvent, LifeEventGuide], problems: list[Problem]
) -> Flow | None:
    """The flow, or ``None`` when the file is missing (a site without 「わたしの 手続き」) or has problems."""
    if not path.is_file():
        return None
    document = load_yaml(path)
    problems += document.problems
    if document.data is None:
        return None
    try:
        flow = validated(Flow, document.data, decoded_from=document.content)
    except ValidationError as error:
        for detail in error.errors():
            location = tuple(part for part in detail["loc"] if part != "[key]")
            problems.append(document.source.problem(location, explain(detail)))
        return None
    found = _check_references(flow, document)
    known = {p.id: p for p, _ in procedures if p is not None}
    found += _check_procedures(flow, document, known)
    found += _check_steps(flow, document, guides)
    if not found:
        found += _paths_checked(flow, document, known)
        found += _check_dates(flow, document, procedures)
    problems += found
    return None if (found or document.problems) else flow


def _check_references(flow: Flow, document: LoadedYaml) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, question in enumerate(flow.questions):
        if question.id in seen:
            problems.append(document.source.problem(("questions", index, "id"), f"質問の id「{question.id}」が 2回 あります。"))
        problems += _check_conditions(flow, document, ("questions", index, "when"), question.when, seen)
        seen[question.id] = index
    for index, rule in enumerate(flow.rules):
        problems += _check_conditions(flow, document, ("rules", index, "when"), rule.when, seen)
    for index, counter in enumerate(flow.counters):
        problems += _check_conditions(flow, document, ("counters", index, "when"), counter.when, seen)
    return problems


def _check_conditions(flow: Flow, document: LoadedYaml, where: tuple, conditions: list[dict[str, list[str]]], earlier: dict[str, int]) -> list[Problem]:
    problems: list[Problem] = []
    for position, condition in enumerate(conditions):
        for question_id, values in condition.items():
            place = (*where, position, question_id)
            if question_id not in earlier:
                message = f"質問「{question_id}」が ありません（この 質問より 前に ある 質問の id を 書いて ください）。"
                problems.append(document.source.problem(place, message))
                continue
            question = flow.questions[earlier[question_id]]
            if question.kind == "date":
                problems.append(document.source.problem(place, f"日付の 質問「{question_id}」は 条件に 使えません。"))
                continue
            choices = [option.value for option in question.options]
            for value in values:
                if value not in choices:
                    message = f"質問「{question_id}」に 答え「{value}」は ありません。使える 答え: {'、'.join(choices)}。"
                    problems.append(document.source.problem(place, message))
    return problems


def _check_procedures(flow: Flow, document: LoadedYaml, known: dict[str, Procedure]) -> list[Problem]:
    problems: list[Problem] = []
    for index, rule in enumerate(flow.rules):
        if rule.procedure not in known:
            message = f"手続き「{rule.procedure}」の ファイルが procedures に ありません。"
            problems.append(document.source.problem(("rules", index, "procedure"), message))
    counters = [counter.id for counter in flow.counters]
    for index, counter_id in enumerate(counters):
        if counter_id in known or counters.index(counter_id) != index:
            problems.append(document.source.problem(("counters", index, "id"), f"id「{counter_id}」が ほかの 窓口の 手順か 手続きと 同じです。"))
    for index, item in enumerate(flow.order):
        if item not in known and item not in counters:
            message = f"手続き「{item}」の ファイルが procedures に なく、counters にも ありません。"
            problems.append(document.source.problem(("order", index), message))
        elif flow.order.index(item) != index:
            problems.append(document.source.problem(("order", index), f"「{item}」が 2回 あります。"))
    missing = [*sorted(set(known) - set(flow.order)), *(c for c in counters if c not in flow.order)]
    if missing:
        message = f"order に ない 手続きや 窓口の 手順が あります: {'、'.join(missing)}。すべてを 書いて ください。"
        problems.append(document.source.problem(("order",), message))
    return problems


def _check_steps(flow: Flow, document: LoadedYaml, guides: dict[LifeEvent, LifeEventGuide]) -> list[Problem]:
    """Counter steps and situation deadlines name sourced guide steps that say what they are used for."""
    problems: list[Problem] = []
    for index, counter in enumerate(flow.counters):
        step, message = _sourced_step(counter, guides)
        if step is not None and not step.counter:
            message = f"{counter.guide} の ステップ {counter.step} は 窓口の 手順では ありません（counter が ありません）。"
        if message:
            problems.append(document.source.problem(("counters", index, "step"), message))
    for index, rule in enumerate(flow.rules):
        if rule.deadline is None:
            continue
        step, message = _sourced_step(rule.deadline, guides)
        if step is not None and rule.procedure not in step.procedures:
            message = f"{rule.deadline.guide} の ステップ {rule.deadline.step} は 手続き「{rule.procedure}」の ステップでは ありません。"
        elif step is not None and not states_rule(step.text or "", rule.deadline.rule):
            message = f"{rule.deadline.guide} の ステップ {rule.deadline.step} の 文に、この 期限（日数、「次の 日から」か どうか）が 書いて ありません。"
        if message:
            problems.append(document.source.problem(("rules", index, "deadline"), message))
    return problems


def _sourced_step(ref: StepRef, guides: dict[LifeEvent, LifeEventGuide]) -> tuple[GuideStep | None, str | None]:
    guide = guides.get(ref.guide)
    if guide is None:
        return None, f"くらしの できごとの 案内 life_events/{ref.guide}.yml が ありません。"
    if ref.step > len(guide.steps):
        return None, f"life_events/{ref.guide}.yml に ステップ {ref.step} は ありません（{len(guide.steps)} まで）。"
    if not guide.step_sourced(ref.step):
        message = (
            f"life_events/{ref.guide}.yml の ステップ {ref.step} には 出典が ありません。出典の supports に steps.{ref.step} を"
            " 書いてから 使って ください（出典の ない ことは 結果に 出しません）。"
        )
        return None, message
    return guide.steps[ref.step - 1], None


def walks(flow: Flow, longest: int | None = None) -> Iterator[Walk]:
    """Every finished walk through the flow: each choice alone, all choices of a ``many`` question, 「わからない」,
    and for dates one date or 「わからない」. Conditions only ever ask for an answer to *contain* a value, so
    these cover every question and result a resident can reach.

    With ``longest``, a walk that has asked more questions than that is given as it stands (not finished) and
    not followed further: the number of walks doubles with every question, so a flow file with a run of extra
    questions would otherwise keep ``check`` busy for minutes before it said the path was too long."""
    pending: list[dict[str, Answer]] = [{}]
    while pending:
        answers = pending.pop()
        walk = Walk.of(flow, answers)
        if walk.finished or (longest is not None and len(walk.asked) > longest):
            yield walk
            continue
        question = flow.question(walk.current)
        choices: list[Answer]
        if question.kind == "date":
            choices = ["2026-04-01", UNKNOWN]
        else:
            values = [option.value for option in question.options]
            choices = [*values, UNKNOWN] if question.kind == "one" else [*([v] for v in values), values, [UNKNOWN]]
        pending += [{**answers, question.id: choice} for choice in choices]


def _paths_checked(flow: Flow, document: LoadedYaml, known: dict[str, Procedure]) -> list[Problem]:
    """``_check_paths``, which walks every way through the questions (0.1 s): a flow that passed is not walked
    again while it and the procedures' ids stay the same (kept between builds, ``generator/kept.py``)."""
    problems: list[Problem] = []

    def walked() -> bytes:
        problems.extend(_check_paths(flow, document, known))
        return b"" if problems else b"passed"

    source = json.dumps(["flow-paths", document.data, sorted(known)], ensure_ascii=False, sort_keys=True)
    if kept(source.encode("utf-8"), walked) != b"passed" and not problems:
        problems.extend(_check_paths(flow, document, known))  # (kept as failed before: walked again for the messages)
    return problems


def _check_paths(flow: Flow, document: LoadedYaml, known: dict[str, Procedure]) -> list[Problem]:
    problems: list[Problem] = []
    reached: set[str] = set()
    longest: Walk | None = None
    for walk in walks(flow, longest=MAX_QUESTIONS):
        if walk.finished:
            reached |= {result.procedure for result in walk.results()}
            reached |= {result.counter.id for result in walk.counters()}
        if longest is None or len(walk.asked) > len(longest.asked):
            longest = walk
    too_long = longest is not None and len(longest.asked) > MAX_QUESTIONS
    unreached = [*sorted(set(known) - reached), *(c.id for c in flow.counters if c.id not in reached)]
    # (a path cut short at the limit may hide what it reaches: the length is the problem to report then)
    if unreached and not too_long:
        message = f"どの 答えでも 出ない 手続きが あります: {'、'.join(unreached)}。rules に 書き足して ください。"
        problems.append(document.source.problem(("rules",), message))
    if too_long:
        assert longest is not None
        message = (
            f"質問が {len(longest.asked)} 個 以上 つづく 答え方が あります（{' → '.join(longest.asked)} → …）。"
            f"どの 道も {MAX_QUESTIONS} 個 までに して ください。"
        )
        problems.append(document.source.problem(("questions",), message))
    return problems


def _check_dates(flow: Flow, document: LoadedYaml, procedures: list[tuple[Procedure | None, LoadedYaml]]) -> list[Problem]:
    asked = {question.date_of for question in flow.questions if question.date_of}
    problems: list[Problem] = []
    for index, rule in enumerate(flow.rules):
        for position, fact in enumerate(rule.deadline.rule.counts_from if rule.deadline else []):
            if fact not in asked:
                message = f"「{fact}」の 日を たずねる 質問が ありません（kind: date、date_of: {fact}）。"
                problems.append(document.source.problem(("rules", index, "deadline", "rule", "counts_from", position), message))
    for procedure, source in procedures:
        rule = procedure.deadline.rule if procedure else None
        for index, fact in enumerate(rule.counts_from if rule else []):
            if fact not in asked:
                message = f"「{fact}」の 日を たずねる 質問が {document.source.path.name} に ありません（kind: date、date_of: {fact}）。"
                problems.append(source.source.problem(("deadline", "rule", "counts_from", index), message))
    return problems
