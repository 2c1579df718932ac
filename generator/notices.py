"""Channel notices (「マイナポータル 一時停止」, 「この 町では 窓口だけ」) as one line of text each, shared by the
procedure pages, the flyers, the change feed and the open data, so all four say the same words.

Which notices a build shows depends on its date: ``notice_date`` is the same date the flyers print
(``SOURCE_DATE_EPOCH`` when set, else the newest ``reviewed`` date of the input), never the clock, so the
same input gives the same site. A publishing job that rebuilds daily with ``SOURCE_DATE_EPOCH=$(date +%s)``
drops a notice the day after its ``until``; ``tetsuzuki check`` warns about notices that have run out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.dates import build_date
from generator.model import Catalog
from generator.model.municipality import ChannelNotice, LocalProcedure


@dataclass(frozen=True)
class NoticeLine:
    """One notice as residents read it."""

    notice: ChannelNotice
    procedure_id: str | None
    """``None`` for a notice about every procedure."""
    headline: str
    detail: str | None

    @property
    def text(self) -> str:
        return f"{self.headline} {self.detail}" if self.detail else self.headline


def _day(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _period(notice: ChannelNotice) -> str:
    if notice.until is None:
        return f"（{_day(notice.since)}から）"
    return f"（{_day(notice.since)}から {_day(notice.until)}まで）"


def headline(notice: ChannelNotice, town: str, every_procedure: bool) -> str:
    """The notice's first sentence, with its dates."""
    subject = "どの 手続きも" if every_procedure else "この 手続きは"
    if notice.kind == "paused":
        return f"マイナポータルからの 申請は 一時 止まって います{_period(notice)}。"
    if notice.kind == "counter_only":
        return f"{town}では、{subject} 窓口だけで 受け付けて います{_period(notice)}。"
    return f"{notice.text}{_period(notice)}"


def notice_date(catalog: Catalog) -> datetime.date:
    """The date a build shows notices for (see the module documentation)."""
    return build_date(catalog.last_reviewed, catalog.options.source_date)


def _line(notice: ChannelNotice, procedure_id: str | None, town: str) -> NoticeLine:
    every = procedure_id is None
    detail = notice.text if notice.kind != "info" else None
    return NoticeLine(notice, procedure_id, headline(notice, town, every), detail)


def notice_lines(catalog: Catalog, procedure_id: str, day: datetime.date | None = None) -> list[NoticeLine]:
    """The notices a procedure's page and flyer show: the town-wide ones first, then the procedure's own."""
    day = day or notice_date(catalog)
    municipality = catalog.municipality
    town = [_line(n, None, municipality.name) for n in municipality.notices if n.active_on(day)]
    own = [_line(n, procedure_id, municipality.name) for n in municipality.local(procedure_id).notices if n.active_on(day)]
    return town + own


def effective_local(catalog: Catalog, procedure_id: str, day: datetime.date | None = None) -> LocalProcedure:
    """The town's settings for a procedure as they hold on ``day``: an active ``counter_only`` notice means the
    town takes it only at the counter, so pages and flyers treat it as ``online: no`` (no start button, no card
    or card-reading smartphone under 用意する もの) while the notice lasts."""
    local = catalog.municipality.local(procedure_id)
    if local.online != "no" and any(line.notice.kind == "counter_only" for line in notice_lines(catalog, procedure_id, day)):
        return local.model_copy(update={"online": "no", "mynaportal_url": None})
    return local


def all_notice_lines(catalog: Catalog, day: datetime.date | None = None) -> list[NoticeLine]:
    """Every notice of the site once (town-wide first, then by procedure), for the feed."""
    day = day or notice_date(catalog)
    municipality = catalog.municipality
    lines = [_line(n, None, municipality.name) for n in municipality.notices if n.active_on(day)]
    for procedure in catalog.procedures:
        lines += [_line(n, procedure.id, municipality.name) for n in municipality.local(procedure.id).notices if n.active_on(day)]
    return lines
