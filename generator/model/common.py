"""Field types shared by the procedure and the municipality schemas."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints


class Strict(BaseModel):
    """Base of every input model: unknown keys are typos, so they are errors, and data is immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _check_https(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or re.search(r"\s", value):
        raise ValueError("https_url")
    return value


HttpsUrl = Annotated[
    str,
    # The pattern is for editors (JSON Schema); the validator is the real check (scheme and host).
    StringConstraints(pattern=r"^https://[^\s/]+\S*$"),
    AfterValidator(_check_https),
]
"""An absolute https URL. http, javascript: and relative links are refused."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Plain text shown to residents. Never HTML: it is escaped on every page."""

Phone = Annotated[
    str,
    StringConstraints(pattern=r"^0\d{1,4}-\d{1,4}-\d{3,4}$"),
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
