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
from generator.loading.strings import StringTable, string_table
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


def _period(notice: ChannelNotice, words: StringTable) -> str:
    def day(date: datetime.date) -> str:
        return words.plain("common.date", year=date.year, month=date.month, day=date.day)

    if notice.until is None:
        return words.plain("notice.since", since=day(notice.since))
    return words.plain("notice.between", since=day(notice.since), until=day(notice.until))


def headline(notice: ChannelNotice, town: str, every_procedure: bool, words: StringTable) -> str:
    """The notice's first sentence, with its dates, in the words of the edition's string table."""
    period = _period(notice, words)
    if notice.kind == "paused":
        return words.plain("notice.paused", period=period)
    if notice.kind == "counter_only":
        if every_procedure:
            return words.plain("notice.counter_only_all", town=town, period=period)
        return words.plain("notice.counter_only", town=town, period=period)
    return words.plain("notice.info", text=notice.text, period=period)


def notice_date(catalog: Catalog) -> datetime.date:
    """The date a build shows notices for (see the module documentation)."""
    return build_date(catalog.last_reviewed)


def _line(notice: ChannelNotice, procedure_id: str | None, catalog: Catalog) -> NoticeLine:
    every = procedure_id is None
    detail = notice.text if notice.kind != "info" else None
    words = string_table(catalog.strings)
    return NoticeLine(notice, procedure_id, headline(notice, catalog.municipality.name, every, words), detail)


def notice_lines(catalog: Catalog, procedure_id: str, day: datetime.date | None = None) -> list[NoticeLine]:
    """The notices a procedure's page and flyer show: the town-wide ones first, then the procedure's own."""
    day = day or notice_date(catalog)
    municipality = catalog.municipality
    town = [_line(n, None, catalog) for n in municipality.notices if n.active_on(day)]
    own = [_line(n, procedure_id, catalog) for n in municipality.local(procedure_id).notices if n.active_on(day)]
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
    lines = [_line(n, None, catalog) for n in municipality.notices if n.active_on(day)]
    for procedure in catalog.procedures:
        lines += [_line(n, procedure.id, catalog) for n in municipality.local(procedure.id).notices if n.active_on(day)]
    return lines
