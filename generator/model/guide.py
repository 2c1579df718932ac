"""The schema of one life-event guide (``life_events/<event>.yml``): a GOV.UK-style step-by-step list.

A guide only orders and explains; the text of each procedure lives in its own YAML and is linked by id, so
nothing is written twice. A step that is not one of the 27 procedures (出生届, 転入届 …) says so plainly with
``counter``: it is done at the municipal counter and this site does not describe it.
"""

from __future__ import annotations

import datetime

from pydantic import ValidationInfo, Field, model_validator

from generator.model.common import ProcedureId, Source, Strict, Text
from generator.model.procedure import DeadlineRule
from generator.model.vocabulary import LifeEvent


class GuideStep(Strict):
    """One numbered step of a life-event guide."""

    title: Text = Field(description="手順の 見出し（する ことを 短く。例: 児童手当を 申し込む）。")
    text: Text | None = Field(None, description="大事な 説明や 条件（短く）。")
    procedures: list[ProcedureId] = Field(default_factory=list, description="この 手順で する 手続きの ID（ページに リンクが 出ます）。")
    counter: Text | None = Field(
        None, description="マイナポータルの 27手続きに ない こと（出生届 など）。窓口で する ことを そのまま 書きます。"
    )
    optional: bool = Field(False, description="必要な 人だけの 手順なら true（「必要な 人だけ」と 表示します）。")
    deadline: DeadlineRule | None = Field(
        None,
        description="counter に 書いた 期限を 日付で 計算する ための 決まり（counter に その とおり 書いて ある ときだけ）。「わたしの 手続き」が 使います。",
    )

    @model_validator(mode="after")
    def _says_something(self, info: ValidationInfo) -> GuideStep:
        if not (self.text or self.procedures or self.counter):
            raise ValueError("guide_step_empty")
        # A text variant (generator/loading/variants.py) takes the rule from the base file, where it was checked
        # against the Japanese text; another language cannot be read for 「15日以内」.
        variant = bool(info.context and info.context.get("text_variant"))
        if self.deadline is not None and not variant and not states_rule(self.counter or "", self.deadline):
            raise ValueError("guide_step_deadline")
        return self


def states_rule(text: str, rule: DeadlineRule) -> bool:
    """Whether ``text`` states ``rule``: its number of days and whether it counts from the next day. A rule
    only restates sourced text so that a date can be shown; it never adds a fact."""
    days = rule.within_days is None or f"{rule.within_days}日以内" in text
    return days and ("次の 日から" in text) == rule.from_next_day


class LifeEventGuide(Strict):
    """The step-by-step guide for one life event."""

    event: LifeEvent = Field(description="くらしの できごと（birth、childcare、moving、care、disaster、death）。ファイル名と 同じに します。")
    intro: Text = Field(description="ページの はじめの 説明（1〜2文）。")
    steps: list[GuideStep] = Field(min_length=1, description="順番に する こと。")
    reviewed: datetime.date = Field(description="内容を 確かめた 日（YYYY-MM-DD）。")
    sources: list[Source] = Field(
        default_factory=list,
        description="窓口で する こと（counter）や 説明の 出典。supports に steps.2 と 書くと ステップ 2 の 出典に なります（「わたしの 手続き」に 出す 窓口の 手順には 必要です）。",
    )

    def step_sourced(self, number: int) -> bool:
        """Whether a source names step ``number`` (counted from 1, as on the page) in ``supports``."""
        return any(f"steps.{number}" in source.supports for source in self.sources)
