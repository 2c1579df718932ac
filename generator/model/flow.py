"""The schema and the rules of 「わたしの 手続き」 (``questions/flow.yml``): questions, and which answers lead to
which procedures.

The same data drives the page's script (``generator/site/flow.js``) and the Python evaluation here,
which the tests use to check written scenarios against both. The rules are three-valued: an answer of
「わからない」 makes a condition *maybe* (the procedure is listed with 「あてはまるか 窓口で たしかめて
ください」 and the question goes on the counter list), unless the question says ``unknown_stops``.

How a walk goes: questions are asked in file order; a question is asked when its ``when`` is definitely true
for the answers so far. A question that is not asked counts as unanswered (``None``: conditions on it are
false), except when its ``when`` is *maybe* — then it counts as 「わからない」 too, so uncertainty carries on
to the procedures that depend on it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

from pydantic import Field, model_validator

from generator.model import patterns
from generator.model.common import ProcedureId, Strict, Text
from generator.model.procedure import DateFact, DeadlineRule, Procedure
from generator.model.vocabulary import LifeEvent

UNKNOWN = "unknown"
"""The value of the 「わからない」 answer, which every question has (the page adds it; YAML never lists it)."""


MAX_QUESTIONS = 8
"""At most this many questions along any path (checked when the file is loaded)."""

Slug = str
Condition = dict[str, list[str]]
"""``{question id: [accepted values]}``; every key must match (and). A ``many`` answer matches when it
contains one of the values."""


class Option(Strict):
    """One answer a resident can pick."""

    value: str = Field(pattern=patterns.KEY.regex, description="答えの 名前（英小文字・数字・-）。アドレスに 入るので 変えないで ください。")
    label: Text = Field(description="画面に 出す 答えの 文。")
    hint: Text | None = Field(None, description="答えの 下に 小さく 出す 説明。")
    guide: LifeEvent | None = Field(None, description="この 答えに あう くらしの できごとの 案内（結果に リンクが 出ます）。")
    ask: Text | None = Field(None, description="この 答えを えらんだ ときに 窓口で たずねる こと。")


class Question(Strict):
    """One screen of the flow."""

    id: str = Field(pattern=patterns.KEY.regex, description="質問の 名前（英小文字・数字・-）。アドレスに 入るので 変えないで ください。")
    kind: Literal["one", "many", "date"] = Field(description="one（1つ えらぶ）、many（いくつでも えらぶ）、date（日付を 入れる）。")
    text: Text = Field(description="質問の 文（画面の 見出し）。")
    hint: Text | None = Field(None, description="質問の 下に 出す 説明。")
    options: list[Option] = Field(default_factory=list, description="答え（one と many）。「わからない」は 自動で 足されます。")
    date_of: DateFact | None = Field(None, description="date の とき: 何の 日か（birth、moved-out、moved-in、changed、care-expiry、death）。手続きの deadline.rule の counts_from と 合わせます。")
    when: list[Condition] = Field(default_factory=list, description="この 質問を 出す 条件（どれか 1つ に あえば 出します。空なら いつも）。")
    ask: Text = Field(description="「わからない」と 答えた ときに 窓口で たずねる こと。")
    unknown_stops: bool = Field(False, description="true なら「わからない」で この 先の 質問と 手続きを 出しません（最初の 質問など）。")

    @model_validator(mode="after")
    def _options_fit_kind(self) -> Question:
        if self.kind == "date" and (self.options or self.date_of is None):
            raise ValueError("flow_date_question")
        if self.kind != "date" and (len(self.options) < 2 or self.date_of is not None):
            raise ValueError("flow_choice_question")
        values = [option.value for option in self.options]
        if len(values) != len(set(values)) or UNKNOWN in values:
            raise ValueError("flow_option_values")
        return self


class StepRef(Strict):
    """A step of a life-event guide: ``guide: death, step: 3`` is ステップ 3 of ``life_events/death.yml``."""

    guide: LifeEvent = Field(description="くらしの できごとの 案内（birth、moving、death など）。")
    step: int = Field(ge=1, le=30, description="ステップの 番号（ページに 出る 番号。1から）。")


class SituationDeadline(StepRef):
    """The deadline of a procedure in one situation, when it differs from the procedure's own rule (a bereaved
    parent counts from the date of death, not from a birth). The text shown is the guide step's own text, which
    a source of that guide supports; ``rule`` only restates it so that a date can be shown."""

    rule: DeadlineRule = Field(description="ステップの 文に 書いて ある 期限を 日付で 計算する 決まり。")


class Rule(Strict):
    """When a procedure is on the resident's list."""

    procedure: ProcedureId = Field(description="手続きの ID。")
    when: list[Condition] = Field(min_length=1, description="条件（どれか 1つに あえば その 手続きを 出します）。")
    because: Text = Field(description="なぜ この 手続きが 出たか（結果に 出ます）。")
    only_if: Text | None = Field(None, description="手続きの 対象に ある 条件で、質問では たしかめない もの（「あてはまる 人だけ」と 出ます）。")
    deadline: SituationDeadline | None = Field(
        None,
        description="この 場合の 期限が 手続きの 期限と ちがう とき: その 期限を 書いた 案内の ステップと、日付の 計算の 決まり。",
    )
    deadline_local: bool = Field(
        False,
        description="true なら、この 場合の 期限は 窓口に たずねる ように 出します（手続きの 期限の 文が この 場合を 書いて いない とき）。",
    )

    @model_validator(mode="after")
    def _one_deadline(self) -> Rule:
        if self.deadline is not None and self.deadline_local:
            raise ValueError("flow_rule_deadline")
        return self


class Counter(StepRef):
    """A step done at the municipal counter (出生届, 死亡届 …) that joins the resident's list. Only a guide step
    with ``counter`` text that one of the guide's sources supports can be named: the flow adds no facts."""

    id: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", description="この 窓口の 手順の 名前（order で 使います）。")
    when: list[Condition] = Field(min_length=1, description="条件（どれか 1つに あえば 出します）。")


class Flow(Strict):
    """The whole question flow."""

    questions: list[Question] = Field(min_length=1, description="質問（この 順番で 出します）。")
    rules: list[Rule] = Field(min_length=1, description="どの 答えで どの 手続きを 出すか。")
    counters: list[Counter] = Field(default_factory=list, description="どの 答えで どの 窓口の 手順（くらしの できごとの 案内の counter）を 出すか。")
    order: list[str] = Field(min_length=1, description="結果に ならべる 順番（する 順）。すべての 手続きと 窓口の 手順（counters の id）を 1回ずつ 書きます。")
    reviewed: datetime.date = Field(description="内容を 確かめた 日（YYYY-MM-DD）。")

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


# --- Evaluation (the same algorithm as flow.js) ---------------------------------------------------------


class Truth(Enum):
    NO = 0
    MAYBE = 1
    YES = 2


Answer = str | list[str]
"""``one``: the value; ``many``: the values; ``date``: ``YYYY-MM-DD``; any kind: ``"unknown"``."""


def _all(values: list[Truth]) -> Truth:
    return min(values, key=lambda t: t.value) if values else Truth.YES


def _any(values: list[Truth]) -> Truth:
    return max(values, key=lambda t: t.value) if values else Truth.NO


@dataclass
class Walk:
    """Where a resident stands after some answers: the next question, or (when ``finished``) the result."""

    flow: Flow
    answers: dict[str, Answer]
    asked: list[str] = field(default_factory=list)
    """Questions asked so far, in order (answered ones and the current one)."""
    current: str | None = None

    @classmethod
    def of(cls, flow: Flow, answers: dict[str, Answer]) -> Walk:
        walk = cls(flow, {})
        for question in flow.questions:
            if walk.condition(question.when) is not Truth.YES:
                continue
            walk.asked.append(question.id)
            if question.id not in answers:
                walk.current = question.id
                break
            walk.answers[question.id] = answers[question.id]
        return walk

    @property
    def finished(self) -> bool:
        return self.current is None

    def value(self, question_id: str) -> Answer | None:
        """The effective answer: given, 「わからない」 when the question depends on a 「わからない」, or None."""
        if question_id in self.answers:
            return self.answers[question_id]
        question = self.flow.question(question_id)
        return UNKNOWN if self.condition(question.when) is Truth.MAYBE else None

    def _matches(self, question_id: str, accepted: list[str]) -> Truth:
        value = self.value(question_id)
        if value is None:
            return Truth.NO
        if value == UNKNOWN or value == [UNKNOWN]:
            return Truth.NO if self.flow.question(question_id).unknown_stops else Truth.MAYBE
        given = value if isinstance(value, list) else [value]
        return Truth.YES if set(given) & set(accepted) else Truth.NO

    def condition(self, conditions: list[Condition]) -> Truth:
        if not conditions:
            return Truth.YES
        return _any([_all([self._matches(q, accepted) for q, accepted in c.items()]) for c in conditions])

    def results(self) -> list[Result]:
        """The procedures that apply (YES) or may apply (MAYBE), in the flow's order."""
        found: dict[str, Result] = {}
        for rule in self.flow.rules:
            truth = self.condition(rule.when)
            if truth is Truth.NO:
                continue
            result = found.setdefault(rule.procedure, Result(rule.procedure, truth))
            if truth.value > result.truth.value:
                result.truth = truth
            if rule.deadline is not None and result.deadline is None:
                result.deadline = rule.deadline
            result.local = result.local or rule.deadline_local
            if rule.because not in result.because:
                result.because.append(rule.because)
            if rule.only_if and rule.only_if not in result.only_if:
                result.only_if.append(rule.only_if)
        return sorted(found.values(), key=lambda r: self.flow.order.index(r.procedure))

    def counters(self) -> list[CounterResult]:
        """The counter steps that apply (YES) or may apply (MAYBE), in the flow's order."""
        found = [CounterResult(c, truth) for c in self.flow.counters if (truth := self.condition(c.when)) is not Truth.NO]
        return sorted(found, key=lambda r: self.flow.order.index(r.counter.id))

    def established(self) -> set[str]:
        """The dates this path is about (``birth`` …): those whose question the path asks or may ask. A deadline
        shown on the list must count from one of them."""
        return {q.date_of for q in self.flow.questions if q.date_of and self.condition(q.when) is not Truth.NO}

    def counter_questions(self) -> list[str]:
        """What to ask at the counter because of the answers (「わからない」 and options with ``ask``)."""
        asks: list[str] = []
        for question_id, answer in self.answers.items():
            question = self.flow.question(question_id)
            chosen = answer if isinstance(answer, list) else [answer]
            if UNKNOWN in chosen:
                asks.append(question.ask)
            asks += [o.ask for o in question.options if o.value in chosen and o.ask]
        return list(dict.fromkeys(asks))

    def dates(self) -> dict[str, datetime.date]:
        """The dates the resident gave, by fact (``birth`` …)."""
        found: dict[str, datetime.date] = {}
        for question_id, answer in self.answers.items():
            question = self.flow.question(question_id)
            if question.kind == "date" and isinstance(answer, str) and answer != UNKNOWN and question.date_of:
                found.setdefault(question.date_of, datetime.date.fromisoformat(answer))
        return found


@dataclass
class Result:
    procedure: str
    truth: Truth
    because: list[str] = field(default_factory=list)
    only_if: list[str] = field(default_factory=list)
    deadline: SituationDeadline | None = None
    """The situation's own deadline (from the rule), shown instead of the procedure's."""
    local: bool = False
    """The procedure's deadline text does not cover this situation: the list says to ask (the string table's
    ``my_procedures.ask_deadline``)."""

    def rule(self, procedure: Procedure) -> DeadlineRule | None:
        """The deadline rule shown for this result: the situation's, else the procedure's own (fixed only)."""
        if self.local:
            return None
        if self.deadline is not None:
            return self.deadline.rule
        return procedure.deadline.rule if procedure.deadline.is_fixed else None


@dataclass
class CounterResult:
    counter: Counter
    truth: Truth


@dataclass(frozen=True)
class ComputedDeadline:
    due: datetime.date
    opens: datetime.date | None
    fact: str


def computed_deadline(procedure: Procedure, dates: dict[str, datetime.date]) -> ComputedDeadline | None:
    """The deadline as a date: only for ``kind: fixed`` with a ``rule``, when the resident gave its date."""
    return computed_date(procedure.deadline.rule if procedure.deadline.is_fixed else None, dates)


def computed_date(rule: DeadlineRule | None, dates: dict[str, datetime.date]) -> ComputedDeadline | None:
    """The date ``rule`` gives, counted from the first of its dates the resident gave (None without one)."""
    if rule is None:
        return None
    fact = next((name for name in rule.counts_from if name in dates), None)
    if fact is None:
        return None
    return ComputedDeadline(rule.due(dates[fact]), rule.opens(dates[fact]), fact)
