"""A counter's reception hours in an edition's words: the week in one line (「月曜〜金曜 8:30〜17:15。土曜・日曜、
祝日は 休みです。」) and each weekday's name, from the string table's ``hours`` area.

``generator/model/hours.py`` (layer 1) keeps the data and the input syntax the webmaster types (「8:30-17:15」,
「祝日」 and dates such as 「12月29日〜1月3日」 in ``closed``): that syntax stays Japanese in every edition, because
the settings files are Japanese. What residents read is made here, so a new edition translates it with its table.
Templates get ``hours_line`` (a filter) and ``hours_days`` from ``generator.templating``.
"""

from __future__ import annotations

from generator.loading.strings import StringTable
from generator.model.hours import RANGE, WEEKDAYS, WeeklyHours, Weekday

AREA = "hours"


def time_range(value: str, table: StringTable) -> str:
    """``8:30〜17:15`` (the model's form) as the edition writes it (in ``ja``, the same)."""
    opening, closing = value.split(RANGE)
    return table.plain("hours.time", opening=opening, closing=closing)


def day_name(day: Weekday, table: StringTable) -> str:
    """「月曜」, not 「月」 (which the やさしい日本語 edition's ふりがな would read つき)."""
    return {
        "mon": table.plain("hours.day.mon"),
        "tue": table.plain("hours.day.tue"),
        "wed": table.plain("hours.day.wed"),
        "thu": table.plain("hours.day.thu"),
        "fri": table.plain("hours.day.fri"),
        "sat": table.plain("hours.day.sat"),
        "sun": table.plain("hours.day.sun"),
    }[day]


def week_days(hours: WeeklyHours, table: StringTable) -> list[tuple[Weekday, str, str | None]]:
    """Each weekday from Monday: its key, its name and its hours as written (``None``: closed)."""
    return [
        (day, day_name(day, table), time_range(value, table) if (value := hours.day(day)) else None) for day in WEEKDAYS
    ]


def hours_line(hours: str | WeeklyHours | None, table: StringTable) -> str | None:
    """The hours as one line for pages, flyers, data and the workbook: the town's own text, or the week's
    summary (runs of weekdays with the same hours are joined)."""
    if not isinstance(hours, WeeklyHours):
        return hours
    runs: list[tuple[list[str], str | None]] = []
    for _, name, value in week_days(hours, table):
        if runs and runs[-1][1] == value:
            runs[-1][0].append(name)
        else:
            runs.append(([name], value))
    join = table.plain("common.list_join")
    open_parts = [table.plain("hours.open", days=_days(names, table), hours=value) for names, value in runs if value]
    if hours.holiday:
        open_parts.append(table.plain("hours.open", days=table.plain("hours.holiday"), hours=time_range(hours.holiday, table)))
    closed_days = [name for names, value in runs if not value for name in names]
    closed = [table.plain("hours.and").join(closed_days)] if closed_days else []
    closed += hours.closed
    text = join.join(open_parts) + table.plain("frame.sentence_end")
    if closed:
        text += table.plain("hours.closed", days=join.join(closed))
    if hours.note:
        text += hours.note
    return text


def _days(names: list[str], table: StringTable) -> str:
    if len(names) > 2:
        return table.plain("hours.run", first=names[0], last=names[-1])
    return table.plain("hours.and").join(names)
