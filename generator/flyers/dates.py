"""The date printed on flyers as 作成日 (made on), without making builds depend on the clock.

``SOURCE_DATE_EPOCH`` (the reproducible-builds convention: seconds since 1970-01-01 UTC) wins when set, so
two builds of the same input give the same bytes; otherwise it is today's date. Only the date is used:
no time of day ever reaches a page or a PDF.
"""

from __future__ import annotations

import datetime
import os

from generator.errors import BuildError


def build_date() -> datetime.date:
    """The date from ``SOURCE_DATE_EPOCH`` (UTC) if it is set, else today's local date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise BuildError(f"環境変数 SOURCE_DATE_EPOCH は 1970年からの 秒数（整数）に して ください: {epoch!r}") from None
    return datetime.date.today()
