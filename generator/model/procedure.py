"""The schema of one procedure YAML file: the national content, the same in every municipality."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field, model_validator

from generator.model import patterns
from generator.model.common import MAX_STEPS, FlyerText, HttpsUrl, ProcedureId, Source, StepTitle, Strict, Text, Title
from generator.model.vocabulary import ID_PREFIXES, Category, LifeEvent, PinKind

__all__ = ["Procedure", "Deadline", "DeadlineRule", "Limitation", "DateFact", "LocalQuestion", "PrepareItem", "Step", "OtherWay", "Change", "Source", "HttpsUrl"]


DateFact = Literal["birth", "moved-out", "moved-in", "changed", "care-expiry", "death"]
"""A date a resident can give in 「わたしの 手続き」 that a deadline counts from: the day the child was born,
the day the resident left the old address (転出予定日), the day they moved in (転入した 日), the day a name or
address changed, the last day of a care certification's validity, the day a family member died."""


class DeadlineRule(Strict):
    """The deadline as arithmetic, for 「わたしの 手続き」 to show a date. Only for ``kind: fixed``, and only
    what ``text`` states: 「次の 日から 15日以内」 is ``within_days: 15, from_next_day: true``; 「日から 14日以内」
    is ``within_days: 14`` (the day itself counts as day 1); 「終わる 日までに」 leaves ``within_days`` out."""

    counts_from: list[DateFact] = Field(min_length=1, description="何の 日から 数えるか（birth、moved-out、moved-in、changed、care-expiry、death）。text に 書いて ある ものだけ。")
    within_days: int | None = Field(None, ge=1, le=366, description="何日 以内か。書かなければ その 日 まで。")
    from_next_day: bool = Field(False, description="text が「次の 日から」と いう ときだけ true。")
    opens_days_before: int | None = Field(None, ge=1, le=366, description="その 日の 何日 前から 申し込めるか（例: 更新は 60日前から）。")

    def due(self, day: datetime.date) -> datetime.date:
        if self.within_days is None:
            return day
        return day + datetime.timedelta(days=self.within_days - (0 if self.from_next_day else 1))

    def opens(self, day: datetime.date) -> datetime.date | None:
        return day - datetime.timedelta(days=self.opens_days_before) if self.opens_days_before else None


class Deadline(Strict):
    """When the procedure must be done, in one of three states.

    ``fixed``: a national rule sets the deadline (``text`` states it). ``none``: there is no deadline
    (``text`` may say when it is usually done). ``local``: the municipality sets it or it varies — the page
    says so and tells the resident to ask. Pages never warn about a deadline for ``none``.
    """

    kind: Literal["local", "fixed", "none"] = Field(
        description="local（自治体が 決める・場合で ちがう）、fixed（法律などで 全国 共通の 期限が ある）、none（期限は ない）。"
    )
    text: Text | None = Field(None, description="期限の 説明。kind が fixed なら 必須です。")
    rule: DeadlineRule | None = Field(
        None, description="期限を 日付で 計算する ための 決まり（kind: fixed で、text に その とおり 書いて ある ときだけ）。「わたしの 手続き」が 使います。"
    )

    @model_validator(mode="after")
    def _text_when_fixed(self) -> Deadline:
        if self.kind == "fixed" and not self.text:
            raise ValueError("deadline_text")
        if self.rule is not None and self.kind != "fixed":
            raise ValueError("deadline_rule_not_fixed")
        return self

    @property
    def is_fixed(self) -> bool:
        return self.kind == "fixed"


class Limitation(Strict):
    """A limitation period (時効) set by law: once it has run, the money or the right is lost, whatever the
    deadline says. Kept apart from ``deadline`` because a procedure can have no deadline (``kind: none``) or a
    town's deadline (``local``) and still a national limit: c09 has no deadline but a 2-year limit."""

    years: int = Field(ge=1, le=10, description="何年 たつと 申請 できなく なるか（時効の 年数）。")
    text: Text = Field(
        description="住民に 見せる 文。いつから 数えるか、何を うしなうかを 書きます（例: お金を はらった 次の 日から 2年 たつと、払い戻しを 申請 できなく なります。）。"
    )


class LocalQuestion(Strict):
    """Something the sources cannot settle or that differs by town. A town can answer it in its settings."""

    key: str = Field(
        pattern=patterns.KEY.regex,
        description="この 質問の 名前（英小文字・数字・-）。自治体の 設定の answers で この 名前を 使います。変えないで ください。",
    )
    text: Text = Field(description="窓口で たずねる こと。")


class PrepareItem(Strict):
    """One line of the 必要なもの checklist."""

    item: Text = Field(description="用意する もの。")
    note: Text | None = Field(None, description="補足（どんな 人に 必要か など）。")
    pin: PinKind | None = Field(None, description="暗証番号なら その種類: signature（署名用）、login（利用者証明用）、card_info（券面事項入力補助用）。")
    online_only: bool = Field(
        False,
        description="スマートフォンで 申し込む ときだけ 使う もの（カード、カードを 読みとれる スマートフォン）なら true。窓口だけの 自治体の チラシには 出しません。暗証番号は いつも スマートフォン用です。",
    )

    @property
    def for_smartphone_only(self) -> bool:
        """Used only on the smartphone way: a PIN, the card to read, the phone that reads it."""
        return self.online_only or self.pin is not None


class Step(Strict):
    """One numbered smartphone step. Numbers are the order in the list, on the web and on the flyer."""

    title: StepTitle = Field(description="手順の 見出し（短く。40 文字まで: チラシに 番号つきで 印刷します）。")
    detail: Text | None = Field(None, description="手順の 説明。")
    caution: Text | None = Field(None, description="つまずきやすい 点（ワナ）の 注意。")
    on_flyer: bool = Field(True, description="チラシに のせる 手順なら true。")


class OtherWay(Strict):
    """A way to apply without a smartphone."""

    method: Literal["counter", "post", "other"] = Field(description="counter（窓口）、post（郵送）、other（その他）。")
    text: Text = Field(description="説明。")
    everywhere: bool = Field(
        False,
        description="この 方法が 全国 どこでも 使えると 出典で たしかめた ときだけ true。true の 郵送だけ、ページが「郵送でも 申請 できます」と 書きます。",
    )


class Change(Strict):
    """One entry of the change history shown on 更新履歴."""

    date: datetime.date = Field(description="変更した 日（YYYY-MM-DD）。")
    note: Text = Field(description="何を 変えたか。")


class Procedure(Strict):
    """One of the 27 procedures, as national guidance for residents."""

    id: ProcedureId
    slug: str = Field(pattern=patterns.SLUG.regex, description="URL に 使う 英小文字の 名前（例: jidou-teate-nintei-seikyu）。")
    category: Category = Field(description="kosodate（子育て）、kaigo（介護）、hisai（災害）。")
    official_name: Title = Field(description="国の 正式な 手続き名。")
    title: Title = Field(description="やさしい 日本語の 題名。")
    summary: Text = Field(description="1〜2文の 説明。")
    important: list[FlyerText] = Field(default_factory=list, description="ページの 一番上に 出す 大事な 注意（1つ 300 文字まで: 1つ目を チラシに 印刷します）。")
    for_whom: list[FlyerText] = Field(min_length=1, description="対象と なる 方（1つ 300 文字まで: チラシに 印刷します）。")
    when: list[Text] = Field(min_length=1, description="こんな とき（申請が 必要に なる 場面）。")
    who_can_apply: list[Text] = Field(min_length=1, description="届出 できる 人（本人、家族、ケアマネジャー など）。")
    deadline: Deadline = Field(description="期限。")
    limitation: Limitation | None = Field(
        None,
        description="時効（法律で、何年 たつと 申請 できなく なるか）。期限とは べつに 書きます。出典で たしかめた ときだけ 書きます。",
    )
    interview: bool = Field(
        False,
        description="面談などで、本人が かならず 窓口に 行く 手続きなら true。ページは「郵送で 申請 できます」と 書きません。",
    )
    prepare: list[PrepareItem] = Field(min_length=1, description="必要な もの（チェックリスト）。")
    steps: list[Step] = Field(min_length=1, max_length=MAX_STEPS, description="スマートフォンでの 手順（順番どおり、15 までに）。")
    other_ways: list[OtherWay] = Field(min_length=1, description="窓口・郵送 など ほかの 方法。")
    after: list[Text] = Field(min_length=1, description="申請した あと どう なるか。")
    ask_locally: list[LocalQuestion] = Field(default_factory=list, description="出典で 確かめられない、または 自治体で ちがう こと（key と text）。ページに「窓口に おたずねください」と 出ます。自治体が answers で 答えると、その 答えが 出ます。")
    related: list[ProcedureId] = Field(default_factory=list, description="関係の ある 手続きの ID。")
    life_events: list[LifeEvent] = Field(default_factory=list, description="くらしの できごと（birth、childcare、moving、care、disaster、death）。")
    keywords: list[Text] = Field(default_factory=list, max_length=60, description="住民が 検索に つかう ことば（赤ちゃん、2人目 など）。")
    sources: list[Source] = Field(min_length=1, description="出典（題名と https の URL）。")
    reviewed: datetime.date = Field(description="内容を 確かめた 日（YYYY-MM-DD）。")
    changes: list[Change] = Field(default_factory=list, description="更新履歴。")

    @model_validator(mode="after")
    def _id_matches_category(self) -> Procedure:
        if not self.id.startswith(ID_PREFIXES[self.category]):
            raise ValueError("id_category")
        return self

    @model_validator(mode="after")
    def _question_keys_unique(self) -> Procedure:
        keys = [question.key for question in self.ask_locally]
        if len(keys) != len(set(keys)):
            raise ValueError("ask_locally_key_duplicate")
        return self

    @model_validator(mode="after")
    def _supports_point_at_statements(self) -> Procedure:
        for source in self.sources:
            for ref in source.supports:
                if self.statement(ref) is None:
                    raise ValueError("source_supports_missing")
        return self

    def statement(self, ref: str) -> list[object] | None:
        """The items a ``supports`` reference points at (``important.2``: one text, ``important``: all of them,
        ``deadline``: the deadline), or None if there is none. The review sheet writes them as text."""
        field, _, number = ref.partition(".")
        value = getattr(self, field, None)
        if isinstance(value, list):
            if not number:
                return list(value) or None
            index = int(number) - 1
            return [value[index]] if 0 <= index < len(value) else None
        if number:
            return None
        return [value] if value is not None else None

    @property
    def flyer_steps(self) -> list[tuple[int, Step]]:
        """(number, step) pairs for the flyer, numbered as on the web page."""
        return [(number, step) for number, step in enumerate(self.steps, start=1) if step.on_flyer]
