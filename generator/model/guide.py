"""The schema of one life-event guide (``life_events/<event>.yml``): a GOV.UK-style step-by-step list.

A guide only orders and explains; the text of each procedure lives in its own YAML and is linked by id, so
nothing is written twice. A step that is not one of the 27 procedures (出生届, 転入届 …) says so plainly with
``counter``: it is done at the municipal counter and this site does not describe it.
"""

from __future__ import annotations

import datetime

from pydantic import Field, model_validator

from generator.model.common import ProcedureId, Source, Strict, Text
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

    @model_validator(mode="after")
    def _says_something(self) -> GuideStep:
        if not (self.text or self.procedures or self.counter):
            raise ValueError("guide_step_empty")
        return self


class LifeEventGuide(Strict):
    """The step-by-step guide for one life event."""

    event: LifeEvent = Field(description="くらしの できごと（birth、childcare、moving、care、disaster、death）。ファイル名と 同じに します。")
    intro: Text = Field(description="ページの はじめの 説明（1〜2文）。")
    steps: list[GuideStep] = Field(min_length=1, description="順番に する こと。")
    reviewed: datetime.date = Field(description="内容を 確かめた 日（YYYY-MM-DD）。")
    sources: list[Source] = Field(
        default_factory=list,
        description="窓口で する こと（counter）や 説明の 出典。supports は 使いません（手続きの ページの 文を さす ための ものです）。",
    )
