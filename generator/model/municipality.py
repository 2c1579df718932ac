"""The schema of one municipality settings file: everything that differs from town to town."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field, model_validator

from generator.model.common import Email, HttpsUrl, MynaportalUrl, Phone, ProcedureId, SiteUrl, Strict, Text, Title
from generator.model.hours import Hours


MunicipalityKind = Literal["city", "ward", "town", "village", "other"]
_KINDS: dict[str, MunicipalityKind] = {"市": "city", "区": "ward", "町": "town", "村": "village"}
"""Input syntax: the last character of a municipality's official Japanese name says its kind."""


class SettingsSource(Strict):
    """Where a municipality fact came from; a printed plan may have no URL."""

    title: Text = Field(description="出典の 名前（例: 階上町DX推進計画 令和5年3月）。")
    url: HttpsUrl | None = Field(None, description="出典の URL（あれば）。")


class Department(Strict):
    """A counter residents can call or visit."""

    name: Text = Field(description="課の 名前（例: 階上町役場 代表）。")
    name_kana: Text | None = Field(None, description="課の 名前の よみ（ひらがな。やさしい日本語の ページの ふりがな）。")
    # Optional because some towns publish no number in a source we may use; pages then say where to look
    # instead of showing a number nobody has checked.
    phone: Phone | None = None
    phone_note: Text | None = Field(None, description="電話番号の 補足（例: 代表電話です）。")
    hours: Hours | None = Field(
        None,
        description=(
            "受付時間。1行の 文（例: 平日 8:30〜17:15）か、曜日ごとの 時刻（mon: 8:30-17:15 …、closed: [祝日]）で 書きます。"
            "曜日ごとに 書くと、手続きの ページに「きょうの 受付時間」が 出ます。わからなければ 書きません。"
        ),
    )
    address: Text | None = Field(None, description="窓口の 住所。")
    email: Email | None = Field(None, description="メールアドレス（あれば）。ページの「わからなかった ことを 知らせる」の あて先に なります。")
    form_url: HttpsUrl | None = Field(
        None, description="自治体の 問い合わせフォームの URL（https、あれば）。メールより 先に「わからなかった ことを 知らせる」の あて先に なります。"
    )


class LocalAnswer(Strict):
    """The town's own answer to one ``ask_locally`` question of a procedure."""

    text: Text = Field(description="自治体の 答え（住民に そのまま 見せます）。")
    checked: datetime.date = Field(description="答えを 確かめた 日（YYYY-MM-DD）。ページに 出ます。")


NoticeKind = Literal["paused", "counter_only", "info"]
"""``paused``: online applications are stopped for a while; ``counter_only``: this town takes the procedure at
the counter only; ``info``: any other short notice about how to apply (its ``text`` says it)."""


class ChannelNotice(Strict):
    """A dated notice about how a procedure can be applied for here (e.g. マイナポータル 停止中)."""

    kind: NoticeKind = Field(
        description="お知らせの 種類: paused（オンライン申請を 一時 止めて いる）、counter_only（窓口だけで 受け付ける）、info（そのほか）。"
    )
    text: Text | None = Field(None, description="お知らせの 文（info では 必須。ほかは 補足が あれば）。")
    since: datetime.date = Field(description="お知らせを 出す 日（YYYY-MM-DD）。更新履歴と フィードに この 日付で 出ます。")
    until: datetime.date | None = Field(
        None, description="お知らせの 最後の 日（YYYY-MM-DD）。この 日を 過ぎて つくった サイトには 出ません。なければ 消すまで 出ます。"
    )

    @model_validator(mode="after")
    def _complete(self) -> ChannelNotice:
        if self.kind == "info" and not self.text:
            raise ValueError("notice_text")
        if self.until is not None and self.until < self.since:
            raise ValueError("notice_until")
        return self

    def active_on(self, day: datetime.date) -> bool:
        """Shown on a site made on ``day``: from ``since`` on (a notice may be announced ahead) until ``until``."""
        return self.until is None or day <= self.until


class LocalProcedure(Strict):
    """How one procedure works in this municipality."""

    department: str = Field(description="departments に 書いた 担当課の キー。")
    online: Literal["yes", "no", "unknown"] = Field(
        "unknown", description="この 自治体で マイナポータルから 申請 できるか: yes、no、unknown（まだ 確かめて いない）。"
    )
    mynaportal_url: MynaportalUrl | None = Field(None, description="ぴったりサービスの 手続きページの URL（わかる 場合だけ）。")
    note: Text | None = Field(None, description="この 自治体だけの 注意。")
    answers: dict[str, LocalAnswer] = Field(
        default_factory=dict,
        description="手続きの ask_locally の 質問への 自治体の 答え（key ごと）。答えた 質問は「窓口に おたずねください」の かわりに 答えが 出ます。",
    )
    notices: list[ChannelNotice] = Field(
        default_factory=list, description="この 手続きの 申請方法の お知らせ（例: マイナポータル 停止中、窓口だけ）。"
    )


class Municipality(Strict):
    """One municipality's settings. Building for another town means pointing the build at another file."""

    name: Title = Field(description="自治体の 名前（例: 階上町）。")
    name_kana: Text | None = Field(None, description="自治体の 名前の よみ（ひらがな。例: はしかみちょう）。ふりがなに 使います。")
    prefecture: Text = Field(description="都道府県（例: 青森県）。")
    site_name: Text | None = Field(None, description="サイトの 名前。書かなければ「〇〇町 手続きガイド」。")
    base_url: SiteUrl | None = Field(None, description="公開する サイトの URL（https）。QR チラシに 必要です。")
    sample: bool = Field(False, description="見本の 設定なら true（すべての ページに「見本」と 表示します）。")
    sample_note: Text | None = Field(None, description="見本で ある ことの 説明。")
    licence: Text = Field("CC BY 4.0", description="オープンデータの ライセンス。")
    default_department: str = Field(description="手続きごとの 指定が ない ときの 問い合わせ先（departments の キー）。")
    departments: dict[str, Department] = Field(min_length=1, description="問い合わせ先の 一覧。")
    procedures: dict[ProcedureId, LocalProcedure] = Field(default_factory=dict, description="手続きごとの 設定（ID ごと）。")
    notices: list[ChannelNotice] = Field(
        default_factory=list, description="すべての 手続きに かかわる お知らせ（例: マイナポータルの 停止）。"
    )
    sources: list[SettingsSource] = Field(default_factory=list, description="連絡先などの 出典。")
    reviewed: datetime.date = Field(description="設定を 確かめた 日（YYYY-MM-DD）。")

    @model_validator(mode="after")
    def _sample_is_explained(self) -> Municipality:
        if self.sample and not self.sample_note:
            raise ValueError("sample_note")
        return self

    @property
    def kind(self) -> MunicipalityKind:
        """``city``, ``ward``, ``town`` or ``village`` as the Japanese name ends (榛東村 → ``village``; input
        syntax), else ``other``. Its word (「村に おたずねください」) is ``generator.town_words.town_kind``."""
        return _KINDS.get(self.name[-1:], "other")

    def local(self, procedure_id: str) -> LocalProcedure:
        """This municipality's settings for a procedure (defaults when it says nothing)."""
        return self.procedures.get(procedure_id) or LocalProcedure(department=self.default_department)

    def department_for(self, procedure_id: str) -> Department:
        return self.departments[self.local(procedure_id).department]
