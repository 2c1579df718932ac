"""Japan's public holidays, for the line 「きょうの 受付は …」 under a procedure page's phone button.

The page is static: the script that picks today's line (``templates/_start.html``) cannot ask anyone whether
today is a holiday, so the build writes the dates into the page. They are the days the 「国民の祝日に関する
法律」 makes holidays — the national holidays, 振替休日 and 国民の休日 — as the Cabinet Office lists them in
「国民の祝日について」 (https://www8.cao.go.jp/chosei/shukujitsu/gaiyou.html), computed by the jpholiday library
(pinned in pyproject.toml), which follows that list. A library rather than our own table: the rules (Happy
Monday, the equinoxes, substitute holidays) change by law, and a maintained package tracks them.

Only the build's year and the next are written (``notices.notice_date``: ``SOURCE_DATE_EPOCH`` or the input's
last review, never the clock, so a rebuild is byte-identical). On a day outside those years the page does not
guess: it shows no line for today, only the week's hours.
"""

from __future__ import annotations

import datetime
import functools

from generator.kept import kept

YEARS = 2
"""How many years from the build's year the page knows the holidays of (the build's year and the next)."""


def public_holidays(day: datetime.date) -> tuple[datetime.date, ...]:
    """Every public holiday of ``day``'s year and the next, in order."""
    return _holidays_of(day.year)


@functools.cache
def _holidays_of(first_year: int) -> tuple[datetime.date, ...]:
    # Cached by year: jpholiday computes a year by testing each of its days against every rule (about 0.05 s a
    # year), and every procedure page of both editions asks for the same two years (half of a build's time).
    # Between processes too (``generator/kept.py``): the key is the years, the store adds the code fingerprint,
    # which holds jpholiday's version.
    def computed() -> bytes:
        from jpholiday import JPHoliday  # (here: a rebuild takes the kept dates and never imports it)

        calendar = JPHoliday()
        years = range(first_year, first_year + YEARS)
        dates = {holiday.date for year in years for holiday in calendar.year_holidays(year)}
        return " ".join(day.isoformat() for day in sorted(dates)).encode("ascii")

    text = kept(f"holidays\0{first_year}+{YEARS}".encode("ascii"), computed).decode("ascii")
    return tuple(datetime.date.fromisoformat(day) for day in text.split())

