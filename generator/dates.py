"""The date printed on flyers (作成日) and the day notices are shown for, without making builds depend on the clock.

``SOURCE_DATE_EPOCH`` (the reproducible-builds convention: seconds since 1970-01-01 UTC) wins when set, e.g.
``SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`` in a publishing job. Otherwise it is the date the input
last changed (the newest ``reviewed`` date of the procedures and the settings), never the clock: the same
input must give byte-identical output on any day, so a webmaster can review a rebuild as a diff.
Only the date is used: no time of day ever reaches a page or a PDF. The variable is read at the edges
(``generator/environment.py``) and arrives here as a value (``BuildOptions.source_date``).
"""

from __future__ import annotations

import datetime

from generator.errors import BadEnvironment

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2099, 12, 31)
"""The dates a build may print: a negative value (1969), ``0`` or a far-future one is a mistake in the job."""


def parse_source_date(text: str) -> datetime.date | None:
    """The date a ``SOURCE_DATE_EPOCH`` value gives (UTC), ``None`` when it is empty; ``BadEnvironment`` when
    it is wrong.

    Only ASCII digits: Python's ``int()`` also takes ``-86400`` (1969), full-width ``４００００００００`` and
    ``1_000``, which a shell script never means.
    """
    text = text.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit() and len(text) <= 12:
        day = datetime.datetime.fromtimestamp(int(text), tz=datetime.UTC).date() if int(text) < 10**11 else None
        if day is not None and EARLIEST <= day <= LATEST:
            return day
    raise BadEnvironment(
        f"環境変数 {SOURCE_DATE_EPOCH} の 値が 使えません（いまは「{text[:40]}」）。"
        f"チラシの 作成日に する 日時を、1970年1月1日からの 秒数で、半角の 数字だけで 書いて ください"
        f"（{EARLIEST.year}年から {LATEST.year}年までの 日。例: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)）。"
        "設定ファイルの 問題では ありません。"
    )


def build_date(fallback: datetime.date, source_date: datetime.date | None = None) -> datetime.date:
    """``source_date`` (from ``SOURCE_DATE_EPOCH``) if the build has one, else ``fallback`` (the input's own date)."""
    return source_date or fallback
