"""Reception hours of a counter: free text as a town writes it, or the week as data (per weekday, open and close
times in Japan time, the days it is closed), so a page can say today's hours next to the phone button."""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Discriminator, Field, PrivateAttr, StringConstraints, Tag, model_validator

from generator.model import patterns
from generator.model.common import Strict, Text

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RANGE = "〜"
"""Between the opening and the closing time in the model's form (input syntax, not words: see ``hours_words``)."""
JS_DAY = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
"""The number JavaScript's ``Date.getUTCDay()`` gives each weekday."""


def _fold(value: Any) -> Any:
    """Full-width digits and colons (「８：３０〜１７：１５」) as half-width; spaces out."""
    return "".join(unicodedata.normalize("NFKC", value).split()) if isinstance(value, str) else value


def _ordered(value: str) -> str:
    """``8:30-17:15`` → ``8:30〜17:15``, opening before closing: the settings file's canonical form (the workbook
    writes it back so). Residents read it through ``generator.hours_words``, in their edition's words."""
    opening, closing = (part.split(":") for part in value.replace("〜", "-").replace("~", "-").split("-"))
    start, end = int(opening[0]) * 60 + int(opening[1]), int(closing[0]) * 60 + int(closing[1])
    if start >= end:
        raise ValueError("hours_order")
    return f"{int(opening[0])}:{opening[1]}{RANGE}{int(closing[0])}:{closing[1]}"


TimeRange = Annotated[
    str,
    BeforeValidator(_fold),
    StringConstraints(pattern=patterns.TIME_RANGE.regex),
    AfterValidator(_ordered),
    Field(description="あける 時刻と しめる 時刻（例: 8:30-17:15）。"),
]
"""Opening and closing time of one day, written ``8:30-17:15`` (〜 and full-width digits are accepted)."""


class WeeklyHours(Strict):
    """The counter's reception hours for each day of the week (Japan time). A day not written is closed."""

    mon: TimeRange | None = Field(None, description="月曜日の 受付時間（例: 8:30-17:15）。休みの 日は 書きません。")
    tue: TimeRange | None = Field(None, description="火曜日の 受付時間。")
    wed: TimeRange | None = Field(None, description="水曜日の 受付時間。")
    thu: TimeRange | None = Field(None, description="木曜日の 受付時間。")
    fri: TimeRange | None = Field(None, description="金曜日の 受付時間。")
    sat: TimeRange | None = Field(None, description="土曜日の 受付時間。")
    sun: TimeRange | None = Field(None, description="日曜日の 受付時間。")
    holiday: TimeRange | None = Field(
        None, description="祝日の 受付時間（祝日も あける ときだけ 書きます。書かない ときは、祝日は 休みです）。"
    )
    closed: list[Text] = Field(
        default_factory=list,
        description="曜日の ほかに 休みの 日（例: 祝日、年末年始（12月29日〜1月3日））。日付を 書くと、その 日は ページの"
        "「きょうの 受付」も 休みに なります。",
    )
    note: Text | None = Field(None, description="受付時間の 補足（例: 第2日曜日も 9:00〜12:00 に あけます）。")
    _dates: tuple[str, ...] | None = PrivateAttr(None)
    """The closed dates of the base settings, in an edition's text variant (``with_closed_days``)."""

    @model_validator(mode="after")
    def _some_day_open(self) -> WeeklyHours:
        if not any(self.day(day) for day in WEEKDAYS):
            raise ValueError("hours_no_day")
        if self.holiday and any(_HOLIDAY_WORD in _fold(text) for text in self.closed):
            raise ValueError("hours_holiday_closed")
        return self

    def closed_days(self) -> list[str]:
        """The dates ``closed`` names, as ``MMDD`` (「年末年始（12月29日〜1月3日）」 → 1229 1230 1231 0101 0102
        0103): the page's script shows them as closed every year. Only dates the town wrote; a word without a
        date (「年末年始」) stays a word, because the days it means differ from town to town. In an edition's
        text variant of the settings they are the base file's (the dates are a fact; another language's text
        cannot be read for them)."""
        if self._dates is not None:
            return list(self._dates)
        days: list[str] = []
        for text in self.closed:
            for match in re.finditer(_DATES, _fold(text)):
                start = (int(match["m1"]), int(match["d1"]))
                end = (int(match["m2"]), int(match["d2"])) if match["m2"] else start
                days += [day for day in _month_days(start, end) if day not in days]
        return days

    def with_closed_days(self, days: list[str]) -> WeeklyHours:
        """A copy whose ``closed_days`` are ``days`` (the base file's), whatever its ``closed`` texts say."""
        copy = self.model_copy()
        copy._dates = tuple(days)
        return copy

    def day(self, weekday: Weekday) -> str | None:
        """``8:30〜17:15``, or ``None`` when the counter is closed that weekday."""
        value: str | None = getattr(self, weekday)
        return value


_HOLIDAY_WORD = "祝日"
"""Input syntax: a ``closed`` entry naming 祝日 contradicts ``holiday`` hours (the page's words are ``hours.holiday``)."""
_MONTH, _DAY = "1[0-2]|0?[1-9]", "3[01]|[12][0-9]|0?[1-9]"
_DATES = rf"(?P<m1>{_MONTH})月(?P<d1>{_DAY})日(?:[〜~\-](?P<m2>{_MONTH})月(?P<d2>{_DAY})日)?"
"""A date or a range of dates in a ``closed`` text, after NFKC and without spaces: 12月29日, 12月29日〜1月3日.
(Compiled by ``re`` at its first use and kept in its cache: a rebuild that reads the closed days from its cache
never uses it, and compiling it cost every fresh process ≈ 0.0005 s.)"""
_ANY_YEAR = 2024
"""A leap year, so that 2月29日 is a date; only month and day are kept."""


def _month_days(start: tuple[int, int], end: tuple[int, int]) -> list[str]:
    """``MMDD`` of every day from ``start`` to ``end`` (month, day), across the year's end when ``end`` is earlier."""
    try:
        first = datetime.date(_ANY_YEAR, *start)
        last = datetime.date(_ANY_YEAR + (end < start), *end)
    except ValueError:  # 2月30日: not a date, so no day is closed by it (the text still shows as written)
        return []
    return [(first + datetime.timedelta(days)).strftime("%m%d") for days in range((last - first).days + 1)]


def _kind(value: Any) -> str:
    """Free text when the town wrote one line, the week when it wrote days (a mapping)."""
    return "<text>" if isinstance(value, str) else "<week>"


Hours = Annotated[
    Annotated[Text, Tag("<text>")] | Annotated[WeeklyHours, Tag("<week>")],
    Discriminator(_kind),
]
"""Reception hours: one line of text (「平日 8:30〜17:15」), or the week (``mon: 8:30-17:15`` …). The tags in
angle brackets name the two forms; the loader leaves them out of the field it reports."""

