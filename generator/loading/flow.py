"""Load ``questions/flow.yml`` (「わたしの 手続き」) and check it against the procedures, with file:line errors.

Besides the schema, the checks a webmaster needs when editing the rules: every question and answer a
condition names exists (and is asked earlier), every rule names a procedure that exists, ``order`` lists each
procedure once, every procedure can be reached by some answers, no path asks more than ``MAX_QUESTIONS``, and
every date a procedure's ``deadline.rule`` counts from is asked by some question.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from generator.errors import Problem
from generator.loading.messages import explain
from generator.loading.yaml_source import LoadedYaml, load_yaml
from generator.model.flow import MAX_QUESTIONS, UNKNOWN, Answer, Flow, Walk
from generator.model.procedure import Procedure


def load_flow(path: Path, procedures: list[tuple[Procedure | None, LoadedYaml]], problems: list[Problem]) -> Flow | None:
    """The flow, or ``None`` when the file is missing (a site without 「わたしの 手続き」) or has problems."""
    if not path.is_file():
        return None
    document = load_yaml(path)
    problems += document.problems
    if document.data is None:
        return None
    try:
        flow = Flow.model_validate(document.data)
    except ValidationError as error:
        for detail in error.errors():
            location = tuple(part for part in detail["loc"] if part != "[key]")
            problems.append(document.source.problem(location, explain(detail)))
        return None
    found = _check_references(flow, document)
    known = {p.id: p for p, _ in procedures if p is not None}
    found += _check_procedures(flow, document, known)
    if not found:
        found += _check_paths(flow, document, known)
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
    for index, procedure_id in enumerate(flow.order):
        if procedure_id not in known:
            problems.append(document.source.problem(("order", index), f"手続き「{procedure_id}」の ファイルが procedures に ありません。"))
        elif flow.order.index(procedure_id) != index:
            problems.append(document.source.problem(("order", index), f"手続き「{procedure_id}」が 2回 あります。"))
    missing = sorted(set(known) - set(flow.order))
    if missing:
        problems.append(document.source.problem(("order",), f"order に ない 手続きが あります: {'、'.join(missing)}。すべての 手続きを 書いて ください。"))
    return problems


def walks(flow: Flow) -> Iterator[Walk]:
    """Every finished walk through the flow: each choice alone, all choices of a ``many`` question, 「わからない」,
    and for dates one date or 「わからない」. Conditions only ever ask for an answer to *contain* a value, so
    these cover every question and result a resident can reach."""
    pending: list[dict[str, Answer]] = [{}]
    while pending:
        answers = pending.pop()
        walk = Walk.of(flow, answers)
        if walk.finished:
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


def _check_paths(flow: Flow, document: LoadedYaml, known: dict[str, Procedure]) -> list[Problem]:
    problems: list[Problem] = []
    reached: set[str] = set()
    longest: Walk | None = None
    for walk in walks(flow):
        reached |= {result.procedure for result in walk.results()}
        if longest is None or len(walk.asked) > len(longest.asked):
            longest = walk
    unreached = sorted(set(known) - reached)
    if unreached:
        message = f"どの 答えでも 出ない 手続きが あります: {'、'.join(unreached)}。rules に 書き足して ください。"
        problems.append(document.source.problem(("rules",), message))
    if longest is not None and len(longest.asked) > MAX_QUESTIONS:
        message = (
            f"質問が {len(longest.asked)} 個 つづく 答え方が あります（{' → '.join(longest.asked)}）。"
            f"どの 道も {MAX_QUESTIONS} 個 までに して ください。"
        )
        problems.append(document.source.problem(("questions",), message))
    return problems


def _check_dates(flow: Flow, document: LoadedYaml, procedures: list[tuple[Procedure | None, LoadedYaml]]) -> list[Problem]:
    asked = {question.date_of for question in flow.questions if question.date_of}
    problems: list[Problem] = []
    for procedure, source in procedures:
        rule = procedure.deadline.rule if procedure else None
        for index, fact in enumerate(rule.counts_from if rule else []):
            if fact not in asked:
                message = f"「{fact}」の 日を たずねる 質問が {document.source.path.name} に ありません（kind: date、date_of: {fact}）。"
                problems.append(source.source.problem(("deadline", "rule", "counts_from", index), message))
    return problems
