"""The town in an edition's words: the site's default name (「階上町 手続きガイド」) and the kind of municipality
(市, 区, 町, 村) for sentences such as 「村に おたずねください」, from the string table's ``town`` area.

``Municipality`` (layer 1) keeps what the settings say: ``site_name`` when the town chose one (its own text)
and ``kind``, a key read from how the Japanese name ends (input syntax). Templates get ``site_name`` and
``town_kind`` from ``generator.templating``.
"""

from __future__ import annotations

from generator.loading.strings import StringTable
from generator.model import Municipality


def site_name(municipality: Municipality, table: StringTable) -> str:
    """The name the town gave its site, or 「{name} 手続きガイド」 in the table's words."""
    return municipality.site_name or table.plain("town.site_name", town=municipality.name)


def town_kind(municipality: Municipality, table: StringTable) -> str:
    """「市」「区」「町」「村」, or 「自治体」 when the name ends otherwise."""
    return {
        "city": table.plain("town.kind_city"),
        "ward": table.plain("town.kind_ward"),
        "town": table.plain("town.kind_town"),
        "village": table.plain("town.kind_village"),
        "other": table.plain("town.kind_other"),
    }[municipality.kind]
