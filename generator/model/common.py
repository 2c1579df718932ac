"""Field types shared by the procedure and the municipality schemas."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from generator.model import patterns, url_rule
from generator.model.characters import first_unsafe
from generator.model.patterns import STATEMENT_FIELDS

MAX_TEXT = 2000
"""Longest text field. The longest sentence in the data is ~310 characters; a page paragraph or a flyer line
ten times that is a paste gone wrong, and a 10,000-character title kept the flyer renderer busy for minutes."""

MAX_URL = 2000
"""Longest URL (browsers and QR codes handle far less in practice)."""


class Strict(BaseModel):
    """Base of every input model: unknown keys are typos, so they are errors, and data is immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


def _clean(value: str) -> str:
    """No invisible controls or direction overrides (``generator.model.characters``), wherever a model is built."""
    if first_unsafe(value) is not None:
        raise ValueError("unsafe_character")
    return value


def _url_type(rule: Callable[[str], str]) -> Any:
    """A URL field checked by the browser's rule (``generator.model.url_rule``) after the invisible-character check."""
    return Annotated[
        str,
        # The pattern is for editors (JSON Schema); the rule is the real check, as a browser reads the address.
        StringConstraints(pattern=patterns.HTTPS_URL.regex, max_length=MAX_URL),
        AfterValidator(_clean),
        AfterValidator(lambda value: _with_value(rule, value)),
    ]


def _with_value(rule: Callable[[str], str], value: str) -> str:
    """The rule's verdict, with the refused address quoted so the message shows what was read."""
    try:
        return rule(value)
    except url_rule.UrlRefused as refused:
        shown = value if len(value) <= 100 else value[:100] + "…"
        raise url_rule.UrlRefused(f"{refused}（いまは「{shown}」）") from None


HttpsUrl = _url_type(url_rule.public_url)
"""An absolute https URL on a public host, read the same by Python and by browsers."""

MynaportalUrl = _url_type(url_rule.mynaportal_url)
"""An https URL that a browser opens on Mynaportal (myna.go.jp or a subdomain), wherever it is written."""

SiteUrl = _url_type(url_rule.site_url)
"""The site's own public address (base_url): a public https URL without ? or #."""

Email = Annotated[
    str,
    # Why narrower than RFC 5322 and WHATWG's "valid e-mail address": the address goes into a mailto: link, where
    # ?, &, % and # in the local part would need escaping and could smuggle a subject or a second recipient in.
    # Municipal addresses use letters, digits and . _ + - only.
    StringConstraints(
        pattern=patterns.EMAIL.regex,
        max_length=254,
    ),
    AfterValidator(_clean),
]
"""An e-mail address (``soudan@town.example.lg.jp``) for a mailto: link."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT), AfterValidator(_clean)]
"""Plain text shown to residents. Never HTML: it is escaped on every page."""

MAX_TITLE = 120
"""Longest title (page heading, flyer heading, step heading). The longest in the data is ~40 characters."""

Title = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TITLE), AfterValidator(_clean)]
"""A heading: short, because it is printed large on an A4 flyer and in the browser tab."""

MAX_STEP_TITLE = 40
"""Longest step heading: every step is printed by its number on the one-sheet flyer (the longest is 20)."""

StepTitle = Annotated[str, StringConstraints(min_length=1, max_length=MAX_STEP_TITLE), AfterValidator(_clean)]

MAX_FLYER_TEXT = 300
"""Longest sentence of a field printed on the one-sheet flyer (the first 「大事な こと」, 対象と なる 方). The
longest in the data is 139; at 2,000 characters a flyer ran to 4 pages (December review, P11)."""

FlyerText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_FLYER_TEXT), AfterValidator(_clean)]

MAX_STEPS = 15
"""Most smartphone steps of a procedure (the most in the data is 7): each is a numbered line on the flyer."""

Phone = Annotated[
    str,
    # [0-9], not \d: pydantic's regex engine counts full-width ８ and Arabic-Indic ٨ as digits, which a
    # tel: link cannot dial.
    StringConstraints(pattern=patterns.PHONE.regex),
    Field(description="電話番号。市外局番から ハイフン区切りで 書きます（例: 0178-88-2111）。"),
]
"""A Japanese phone number with hyphens, as printed and as dialled."""

ProcedureId = Annotated[
    str,
    StringConstraints(pattern=patterns.PROCEDURE_ID.regex),
    Field(description=f"国の 番号に そった 手続き ID（{patterns.ID_RANGES}。k 子育て、c 介護、d 被災者支援）。"),
]
"""The national numbering. Printed QR codes rely on it, so an id never changes."""


SourceKind = Literal["official", "municipal_example", "secondary"]
"""official: law (e-Gov), ministries, Digital Agency, J-LIS, Mynaportal; municipal_example: another town's own
page, shown as that town's example; secondary: a news or commercial page, only ever a second source."""

StatementRef = Annotated[
    str,
    StringConstraints(pattern=patterns.STATEMENT_REF.regex),
]
"""``important.2`` is the 2nd item of ``important`` (counted from 1, as on the page); ``deadline`` is the whole field."""


class Source(Strict):
    """A public page that a fact on our page comes from, and which statements of the page it supports."""

    title: Text = Field(description="出典の 名前（例: 久留米市「児童手当の 認定請求」）。ほかの 市町村の ページは「〇〇市の 例:」で はじめます。")
    url: HttpsUrl = Field(description="出典の URL（https）。")
    kind: SourceKind = Field(
        "official",
        description="official（法令・国・デジタル庁・J-LIS など 公式）、municipal_example（ほかの 市町村の ページ。その 市町村の 例として 出します）、secondary（ニュースや 民間の ページ。2番目の 出典としてだけ 使います）。",
    )
    supports: list[StatementRef] = Field(
        default_factory=list,
        description="この 出典が 裏づける 文（例: important.2 は important の 2番目、deadline は 期限 全体、steps.6 は 手順 6）。",
    )

    @model_validator(mode="after")
    def _label_matches_kind(self) -> Source:
        # The label is part of the title so every page that lists sources shows it without extra markup.
        if self.kind == "municipal_example" and "の 例" not in self.title:
            raise ValueError("source_example_label")
        if self.kind == "secondary" and not self.title.startswith("参考"):
            raise ValueError("source_secondary_label")
        return self
