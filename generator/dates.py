"""The date printed on flyers (作成日) and the day notices are shown for, without making builds depend on the clock.

``SOURCE_DATE_EPOCH`` (the reproducible-builds convention: seconds since 1970-01-01 UTC) wins when set, e.g.
``SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`` in a publishing job. Otherwise it is the date the input
last changed (the newest ``reviewed`` date of the procedures and the settings), never the clock: the same
input must give byte-identical output on any day, so a webmaster can review a rebuild as a diff.
Only the date is used: no time of day ever reaches a page or a PDF.
"""

from __future__ import annotations

import datetime
import os

from generator.errors import BuildError


def build_date(fallback: datetime.date) -> datetime.date:
    """The date from ``SOURCE_DATE_EPOCH`` (UTC) if it is set, else ``fallback`` (the input's own date)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise BuildError(f"環境変数 SOURCE_DATE_EPOCH は 1970年からの 秒数（整数）に して ください: {epoch!r}") from None
    return fallback
