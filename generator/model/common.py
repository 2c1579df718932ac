"""Field types shared by the procedure and the municipality schemas."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from generator.model.characters import first_unsafe

MAX_TEXT = 2000
"""Longest text field. The longest sentence in the data is ~310 characters; a page paragraph or a flyer line
ten times that is a paste gone wrong, and a 10,000-character title kept the flyer renderer busy for minutes."""

MAX_URL = 2000
"""Longest URL (browsers and QR codes handle far less in practice)."""


class Strict(BaseModel):
    """Base of every input model: unknown keys are typos, so they are errors, and data is immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _clean(value: str) -> str:
    """No invisible controls or direction overrides (``generator.model.characters``), wherever a model is built."""
    if first_unsafe(value) is not None:
        raise ValueError("unsafe_character")
    return value


def _check_https(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or re.search(r"\s", value):
        raise ValueError("https_url")
    return value


HttpsUrl = Annotated[
    str,
    # The pattern is for editors (JSON Schema); the validator is the real check (scheme and host).
    StringConstraints(pattern=r"^https://[^\s/]+\S*$", max_length=MAX_URL),
    AfterValidator(_check_https),
    AfterValidator(_clean),
]
"""An absolute https URL. http, javascript: and relative links are refused."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT), AfterValidator(_clean)]
"""Plain text shown to residents. Never HTML: it is escaped on every page."""

MAX_TITLE = 120
"""Longest title (page heading, flyer heading, step heading). The longest in the data is ~40 characters."""

Title = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TITLE), AfterValidator(_clean)]
"""A heading: short, because it is printed large on an A4 flyer and in the browser tab."""

Phone = Annotated[
    str,
    # [0-9], not \d: pydantic's regex engine counts full-width ８ and Arabic-Indic ٨ as digits, which a
    # tel: link cannot dial.
    StringConstraints(pattern=r"^0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}$"),
    Field(description="電話番号。市外局番から ハイフン区切りで 書きます（例: 0178-88-2111）。"),
]
"""A Japanese phone number with hyphens, as printed and as dialled."""

ProcedureId = Annotated[
    str,
    StringConstraints(pattern=r"^(k(0[1-9]|1[0-5])|c(0[1-9]|1[01])|d01)$"),
    Field(description="国の 番号に そった 手続き ID（k01〜k15 子育て、c01〜c11 介護、d01 被災者支援）。"),
]
"""The national numbering. Printed QR codes rely on it, so an id never changes."""


class Source(Strict):
    """A public page that a fact on our page comes from."""

    title: Text = Field(description="出典の 名前（例: 久留米市「児童手当の 認定請求」）。")
    url: HttpsUrl = Field(description="出典の URL（https）。")
