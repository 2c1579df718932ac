"""The declared editions (``editions.yml``): which editions a site is published in, as data.

An edition is the whole site rendered again from the same YAML for a kind of reader: its own addresses (a
prefix), its own string table, its own way of finishing pages (a closed set of named rules implemented in
``generator/editions/``) and its own text variants (``procedures/<key>/``, ``life_events/<key>/``,
``docs/<prefix>help/``). The first declared edition is the standard one at today's addresses.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from generator.model import patterns
from generator.model.common import Strict


class Finish(StrEnum):
    """How an edition's finished pages are typeset (``generator/editions/__init__.py``, ``FINISHES``)."""

    SPACING = "spacing"
    """The standard rule: the source's phrase spaces between Japanese characters become invisible break
    opportunities (``spacing.py``)."""
    RUBY = "ruby"
    """Spaces kept, ふりがな on every kanji word from the reviewed readings (``ruby.py``)."""
    NONE = "none"
    """The text as written (another language)."""


class Edition(Strict):
    """One edition of the site."""

    key: str = Field(pattern=patterns.EDITION_KEY.regex, description="版の 名前（英小文字）。言いかえの フォルダ名にも なります（procedures/<key>/）。")
    prefix: str = Field(
        pattern=patterns.EDITION_PREFIX.regex,
        description="版の アドレスの 頭（例: yasashii/）。最初の 版（standard）だけ 空です。",
    )
    label: str = Field(min_length=1, description="版の 名前（ビルドの お知らせに 出ます。例: やさしい日本語）。")
    strings: str = Field(
        pattern=patterns.STRING_TABLE.regex,
        description="文字の 表: generator/strings/ の 名前（ja）か、この ファイルからの パス（strings/en.yml）。",
    )
    finish: Finish = Field(description="ページの 仕上げ方: spacing（ふつうの 日本語）、ruby（ふりがな）、none（そのまま）。")
    copy_missing: bool = Field(
        description="言いかえ（ヘルプページ、手続き、くらしの できごと）が ない ときに 元の 文章を 使うなら true。"
        "ほかの 言語の 版は false（ない ものは エラーに なります）。",
    )
    link: str = Field(
        pattern=patterns.STRING_KEY.regex,
        description="ほかの 版の ページから この 版への リンクの ことば: この 版の 文字の 表の キー（例: edition.to_yasashii）。",
    )


class EditionList(Strict):
    """The file ``editions.yml``: every edition, the standard one first."""

    editions: list[Edition] = Field(min_length=1, description="版の 一覧。最初は standard（prefix が 空）。")

    @model_validator(mode="after")
    def _standard_first_and_unique(self) -> EditionList:
        first = self.editions[0]
        if first.key != "standard" or first.prefix != "":
            raise ValueError("editions_standard_first")
        if any(edition.prefix == "" for edition in self.editions[1:]):
            raise ValueError("editions_prefix_empty")
        for attribute in ("key", "prefix"):
            values = [getattr(edition, attribute) for edition in self.editions]
            if len(values) != len(set(values)):
                raise ValueError(f"editions_{attribute}_duplicate")
        return self
