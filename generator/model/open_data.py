"""The published open data (``procedures.json``, ``procedures.csv``): one row per procedure as a town offers it.

The row model is the single definition of the columns: the CSV header, the JSON Schema (``schema/`` and each
site) and the column table on the オープンデータ page are all generated from it (``generator/site/open_data.py``).
"""

from __future__ import annotations

import datetime
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.model import patterns


class OpenDataRow(BaseModel):
    """One procedure as this municipality offers it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    municipality: str = Field(description="自治体の 名前。")
    prefecture: str = Field(description="都道府県。")
    id: str = Field(pattern=patterns.PROCEDURE_ID.regex, description=f"国の 番号に そった 手続き ID（{patterns.ID_RANGES}）。")
    category: Literal["kosodate", "kaigo", "hisai"] = Field(description="分野: kosodate（子育て）、kaigo（介護）、hisai（災害）。")
    official_name: str = Field(description="国の 正式な 手続き名。")
    title: str = Field(description="やさしい 日本語の 題名。")
    online: Literal["yes", "no", "unknown"] = Field(description="この 自治体で マイナポータルから 申請 できるか: yes、no、unknown（まだ 確かめて いない）。")
    mynaportal_url: str = Field(description="ぴったりサービスの 手続きページの URL。わからなければ 空。")
    guide_url: str = Field(description="この サイトの 案内ページの URL（公開先の URL が 設定に なければ サイト内の 相対 URL）。")
    contact_name: str = Field(description="問い合わせ先の 名前。")
    contact_phone: str = Field(description="問い合わせ先の 電話番号。わからなければ 空。")
    reviewed: datetime.date = Field(description="手続きの 内容を 確かめた 日（YYYY-MM-DD）。")
    limitation_years: int | None = Field(None, description="時効の 年数（法律で、何年 たつと 申請 できなく なるか）。なければ 空。期限とは べつです。")
    limitation: str = Field("", description="時効の 説明（いつから 数えるか、何を うしなうか）。なければ 空。")
    notices: str = Field("", description="この 自治体の お知らせ（例: マイナポータルからの 申請の 一時停止、窓口だけ）。2つ 以上は「／」で 区切ります。なければ 空。")


class OpenDataDocument(BaseModel):
    """The whole ``procedures.json`` file."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    municipality: str = Field(description="自治体の 名前。")
    prefecture: str = Field(description="都道府県。")
    licence: str = Field(description="この データの ライセンス。")
    sample: bool = Field(description="見本の データなら true。")
    reviewed: datetime.date = Field(description="データの 中で いちばん 新しい 確認日。")
    procedures: list[OpenDataRow] = Field(description="手続きの 一覧（1手続き 1行、ID の 順）。")


def json_schema_text(model: type[BaseModel]) -> str:
    """The JSON Schema text for ``model``, stable byte for byte (``python -m generator.schema`` writes it)."""
    schema = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated from generator/model by `python -m generator.schema`. Do not edit by hand.",
        **schema,
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
