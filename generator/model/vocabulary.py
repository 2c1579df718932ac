"""The fixed vocabularies of the catalog: categories, life events and PIN kinds — their keys.

They are code, not data, because pages, flyers and the open data all depend on them and a typo in a
settings file must not be able to invent a new category. Their words (labels, descriptions, the PINs'
names and rules) are in the string table's ``vocabulary`` area, one table per edition
(``generator/vocabulary_words.py``, layer 2, gives them to the features).
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """The three groups of the 27 procedures (national numbering prefix in brackets)."""

    KOSODATE = "kosodate"  # k01–k15
    KAIGO = "kaigo"  # c01–c11
    HISAI = "hisai"  # d01


ID_PREFIXES: dict[Category, str] = {Category.KOSODATE: "k", Category.KAIGO: "c", Category.HISAI: "d"}
"""The first letter of the procedure ids of each category (the national numbering)."""


class LifeEvent(StrEnum):
    """Moments in life that residents recognise, used to group procedures on the home page."""

    BIRTH = "birth"
    CHILDCARE = "childcare"
    MOVING = "moving"
    CARE = "care"
    DISASTER = "disaster"
    DEATH = "death"


class PinKind(StrEnum):
    """The My Number Card PINs a procedure can ask for."""

    SIGNATURE = "signature"
    LOGIN = "login"
    CARD_INFO = "card_info"
