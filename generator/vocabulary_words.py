"""The words of the model's fixed vocabularies (categories, life events, PINs) in an edition's string table.

``generator/model/vocabulary.py`` (layer 1) keeps the keys — ``Category``, ``LifeEvent``, ``PinKind`` and the
id prefixes — because the loader validates against them; their words live in the string table's
``vocabulary`` area (``vocabulary.category.kosodate.label``), so a new edition translates them with the rest
of its table. Every feature asks ``vocabulary(catalog.strings)``; templates get ``categories``,
``life_events`` and ``pins`` from ``generator.templating``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from generator.loading import strings as tables
from generator.loading.strings import REFERENCE, StringTable, string_table
from generator.model.vocabulary import Category, LifeEvent, PinKind

AREA = "vocabulary"
"""The string table's area of these words. The keys are built from the enums' values, so
``tests/editions/test_string_tables.py`` checks the area against the enums itself."""


@dataclass(frozen=True)
class CategoryInfo:
    label: str
    description: str


@dataclass(frozen=True)
class PinInfo:
    """One PIN, under the one everyday name used on every page, flyer and help page."""

    name: str
    """The everyday name (「ログイン用の 暗証番号」): the only name residents see, except once beside ``official``."""
    official: str
    """The name in official documents and on the card's envelope, shown once where the PIN is first explained."""
    form: str
    lock: str


@dataclass(frozen=True)
class Vocabulary:
    categories: Mapping[Category, CategoryInfo]
    life_events: Mapping[LifeEvent, str]
    pins: Mapping[PinKind, PinInfo]


def words_of(table: StringTable) -> Vocabulary:
    def word(*path: str) -> str:
        return table.plain(".".join((AREA, *path)))

    return Vocabulary(
        categories=MappingProxyType({
            category: CategoryInfo(word("category", category.value, "label"), word("category", category.value, "description"))
            for category in Category
        }),
        life_events=MappingProxyType({event: word("life_event", event.value) for event in LifeEvent}),
        pins=MappingProxyType({
            pin: PinInfo(*(word("pin", pin.value, part) for part in ("name", "official", "form", "lock")))
            for pin in PinKind
        }),
    )


def vocabulary(strings: str = REFERENCE) -> Vocabulary:
    """The vocabularies' words of the string table ``strings`` (``Catalog.strings``), built once per table."""
    return _vocabulary(strings, tables.TABLES)


@functools.cache
def _vocabulary(strings: str, folder: Path) -> Vocabulary:
    """Per table and folder, like the tables themselves (a test may point ``TABLES`` at a folder of its own)."""
    return words_of(string_table(strings))


__all__ = ["AREA", "CategoryInfo", "PinInfo", "Vocabulary", "vocabulary", "words_of"]
