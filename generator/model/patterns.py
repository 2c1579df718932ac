"""The written forms of identifiers, each defined once, with the code its error message is keyed by.

Why a code: ``loading/messages.py`` and ``scaffold.py`` explain a pattern mismatch in Japanese. They look the
field kind up by the exact pattern here (``code_of``), never by a fragment of regex text, so changing a pattern
cannot silently lose its message (``tests/loading/test_messages.py`` checks every pattern of the schemas).
"""

from __future__ import annotations

from dataclasses import dataclass

PROCEDURES_PER_PREFIX = {"k": 15, "c": 11, "d": 1}
"""The national numbering of the Mynaportal procedures: k01–k15 子育て, c01–c11 介護, d01 被災者支援.
A new national procedure is one number here (and its YAML file)."""

NATIONAL_IDS = tuple(f"{prefix}{n:02d}" for prefix, count in PROCEDURES_PER_PREFIX.items() for n in range(1, count + 1))
"""Every procedure id, in order. A published town's site has all of them."""

ID_RANGES = "、".join(
    f"{prefix}01〜{prefix}{count:02d}" if count > 1 else f"{prefix}01" for prefix, count in PROCEDURES_PER_PREFIX.items()
)
"""「k01〜k15、c01〜c11、d01」 for messages."""

PROCEDURE_ID_BODY = "|".join(NATIONAL_IDS)
"""The ids as one regex, without anchors."""


@dataclass(frozen=True)
class FieldPattern:
    code: str
    regex: str


PROCEDURE_ID = FieldPattern("procedure_id", rf"^({PROCEDURE_ID_BODY})$")
PHONE = FieldPattern("phone", r"^0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}$")
KEY = FieldPattern("key", r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
"""Names that appear in settings files and addresses: ``ask_locally`` keys, question and answer names."""
SLUG = FieldPattern("slug", r"^[a-z0-9]+(-[a-z0-9]+)*$")
HTTPS_URL = FieldPattern("https_url", r"^https://[^\s/]+\S*$")
"""For editors' tools (JSON Schema) only; the real URL check is a validator."""
STATEMENT_FIELDS = (
    "summary", "important", "for_whom", "when", "who_can_apply", "deadline", "limitation", "prepare", "steps", "other_ways", "after",
)
"""The parts of a procedure page that make statements a source can support."""
STATEMENT_REF = FieldPattern("statement_ref", r"^(" + "|".join(STATEMENT_FIELDS) + r")(\.[1-9][0-9]?)?$")

EMAIL = FieldPattern(
    "email", r"^[A-Za-z0-9._+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
"""An e-mail address for a mailto: link (see ``model.common.Email`` for why it is narrow)."""

TIME_RANGE = FieldPattern("time_range", r"^([01]?[0-9]|2[0-4]):[0-5][0-9][-〜~]([01]?[0-9]|2[0-4]):[0-5][0-9]$")
"""A counter's hours on one day, ``8:30-17:15`` (after full-width characters are folded)."""

EDITION_KEY = FieldPattern("edition_key", r"^[a-z][a-z0-9_]*$")
"""An edition's key in ``editions.yml`` (``yasashii``), also its text variants' folder name."""

EDITION_PREFIX = FieldPattern("edition_prefix", r"^(|[a-z][a-z0-9-]*/)$")
"""An edition's address prefix (``yasashii/``; empty for the standard edition)."""

STRING_TABLE = FieldPattern("string_table", r"^([a-z][a-z0-9_]*|strings/[^\s/]+\.yml)$")
"""A string table: a package table's name (``ja``) or a project's file under ``strings/``."""

STRING_KEY = FieldPattern("string_key", r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
"""A key of a string table (``edition.to_yasashii``)."""

ALL = (PROCEDURE_ID, PHONE, KEY, SLUG, HTTPS_URL, STATEMENT_REF, EMAIL, TIME_RANGE, EDITION_KEY, EDITION_PREFIX, STRING_TABLE, STRING_KEY)
_BY_REGEX = {pattern.regex: pattern.code for pattern in ALL}


def code_of(regex: str) -> str | None:
    """The code of a pattern defined here, or ``None`` for any other regex."""
    return _BY_REGEX.get(regex)
