"""Values that have exactly one meaning, written another way: turned into the form the settings use.

Staff type on Japanese keyboards: the IME gives full-width digits and hyphens (``０１７８－８８－２１１１``), a
date is often written in the Japanese era (``令和7年4月1日``, ``R7.4.1``), and a space slips in before or
after a value. Each of these can mean only one thing, so the reader converts it and says so, cell by cell;
anything that could mean two things is still refused. Written here (not with a library) because the rules
are few and specific: NFKC for width, a short table of dash look-alikes, and the two eras a settings date
can fall in.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

WIDE_SPACE = "\u3000"

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70\ufe63\uff0d"
"""Hyphen look-alikes an IME or a word processor puts in a phone number (ー is the long-vowel mark)."""

_ERAS = {
    # era: (first day, last day or None); 元年 is year 1.
    "令和": (datetime.date(2019, 5, 1), None),
    "平成": (datetime.date(1989, 1, 8), datetime.date(2019, 4, 30)),
}
_ERA_LETTERS = {"R": "令和", "H": "平成"}
_ERA_DATE = re.compile(r"(令和|平成|[RH])\s*(元|\d{1,2})\s*(?:年|[./-])\s*(\d{1,2})\s*(?:月|[./-])\s*(\d{1,2})\s*日?", re.IGNORECASE)
_WESTERN_DATE = re.compile(r"(\d{4})\s*(?:年|[./-])\s*(\d{1,2})\s*(?:月|[./-])\s*(\d{1,2})\s*日?")


def narrow(text: str) -> str:
    """Full-width letters, digits and signs as ASCII (NFKC), dash look-alikes as ``-``."""
    text = unicodedata.normalize("NFKC", text)
    return "".join("-" if character in _DASHES else character for character in text)


def phone(text: str) -> str:
    """A phone number as ASCII digits and hyphens."""
    return narrow(text).replace(" ", "")


def date(text: str) -> datetime.date | None:
    """The one date ``text`` names (``2026-04-01``, ``2026/4/1``, ``2026年4月1日``, ``令和8年4月1日``,
    ``R8.4.1``, full-width digits), or ``None`` when it names none (or a day that does not exist)."""
    text = narrow(text).strip()
    match = _ERA_DATE.fullmatch(text)
    try:
        if match:
            era = _ERA_LETTERS.get(match[1].upper(), match[1])
            first, last = _ERAS[era]
            year = first.year - 1 + (1 if match[2] == "元" else int(match[2]))
            day = datetime.date(year, int(match[3]), int(match[4]))
            if day < first or (last and day > last):
                return None
            return day
        match = _WESTERN_DATE.fullmatch(text)
        if match:
            return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
    return None


def without_spaces(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)
