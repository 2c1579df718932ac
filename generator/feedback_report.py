"""``tetsuzuki feedback report``: count the 「はい」/「いいえ」 answers in the town's own web-server logs.

The answers are visits to ``…/fb/<page>/<yes|no>/`` (``urls.feedback_url``). This module reads nginx or Apache
access logs in the combined format (the common format too; plain or gzip) and counts, per page and per ISO
week, the successful GET requests of those addresses. It never prints an address or a user agent: they are read
only to leave robots out and to count one person's repeated taps once, and are kept in memory for the run.

Written here rather than with a log library: the combined format is one regular expression, and the
libraries on PyPI either need a running service or print every field.
"""

from __future__ import annotations

import datetime
import gzip
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.site import urls

# %h %l %u %t "%r" %>s %b ["%{Referer}i" "%{User-agent}i"]: Apache and nginx escape a quote inside a field as \".
_LINE = re.compile(
    r'^(?P<client>\S+) \S+ \S+ \[(?P<time>[^\]]+)\] "(?P<request>(?:[^"\\]|\\.)*)" (?P<status>\d{3}) (?:\d+|-)'
    r'(?: "(?:[^"\\]|\\.)*" "(?P<agent>(?:[^"\\]|\\.)*)")?\s*$'
)
_TIME = "%d/%b/%Y:%H:%M:%S %z"
_ANSWER = re.compile(
    r"^/(?:\S*/)?" + re.escape(urls.FEEDBACK) + r"(?P<page>[a-z][a-z0-9-]*)/(?P<answer>yes|no)/(?:index\.html)?(?:[?#]\S*)?$"
)
_ROBOT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|curl/|wget/|python|headless|scrapy|go-http-client|java/|libwww|httpclient"
    r"|facebookexternalhit|preview|^-?$",
    re.IGNORECASE,
)
_SUCCESS = {"200", "304"}


@dataclass
class FeedbackCounts:
    """Answers per (week's Monday, page, answer), and what was left out and why."""

    answers: Counter[tuple[datetime.date, str, str]] = field(default_factory=Counter)
    lines: int = 0
    bad_lines: int = 0
    """Lines that are not in the combined (or common) format, or have an impossible date."""
    robots: int = 0
    repeats: int = 0
    """The same person (address and browser) giving the same answer on the same page the same day again."""
    failed: int = 0
    """Answer addresses that did not succeed (404, 500 …) or were not a GET."""
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None

    def pages(self) -> list[str]:
        return sorted({page for _, page, _ in self.answers}, key=_page_order)

    def weeks(self) -> list[datetime.date]:
        return sorted({week for week, _, _ in self.answers})

    def total(self, page: str, answer: str, week: datetime.date | None = None) -> int:
        return sum(n for (w, p, a), n in self.answers.items() if p == page and a == answer and week in (None, w))


def _page_order(page: str) -> tuple[int, str]:
    """Procedures first (k01…, c01…, d01), then life events, each in alphabetical order."""
    return (0 if re.fullmatch(r"[kcd]\d\d", page) else 1, page)


def read_lines(path: Path) -> Iterator[str]:
    """The lines of a log file, gzip or plain (told by the file's first bytes, not its name)."""
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as stream:
        for line in stream:
            yield line.decode("utf-8", errors="replace")


def count_answers(lines: Iterable[str], counts: FeedbackCounts | None = None) -> FeedbackCounts:
    counts = counts or FeedbackCounts()
    seen: set[tuple[str, str, datetime.date, str, str]] = set()
    for line in lines:
        if not line.strip():
            continue
        counts.lines += 1
        match = _LINE.match(line.rstrip("\r\n"))
        if match is None:
            counts.bad_lines += 1
            continue
        try:
            moment = datetime.datetime.strptime(match["time"], _TIME)
        except ValueError:
            counts.bad_lines += 1
            continue
        day = moment.date()
        counts.first_day = min(counts.first_day or day, day)
        counts.last_day = max(counts.last_day or day, day)
        method, _, rest = match["request"].partition(" ")
        target = rest.rsplit(" ", 1)[0] if " " in rest else rest
        answer = _ANSWER.match(target)
        if answer is None:
            continue
        if method != "GET" or match["status"] not in _SUCCESS:
            counts.failed += 1
            continue
        agent = match["agent"] or ""
        if _ROBOT.search(agent):
            counts.robots += 1
            continue
        key = (match["client"], agent, day, answer["page"], answer["answer"])
        if key in seen:
            counts.repeats += 1
            continue
        seen.add(key)
        monday = day - datetime.timedelta(days=day.weekday())
        counts.answers[(monday, answer["page"], answer["answer"])] += 1
    return counts


def count_files(paths: Iterable[Path]) -> FeedbackCounts:
    """Counts over every log file, as if they were one log (repeats are found across files too)."""

    def all_lines() -> Iterator[str]:
        for path in paths:
            yield from read_lines(path)

    return count_answers(all_lines())


def format_report(counts: FeedbackCounts, file_count: int, titles: dict[str, str] | None = None) -> str:
    """The report as plain text for staff: per page (with its title when known), per week, and what was not counted."""
    titles = titles or {}
    out: list[str] = []
    span = f"、{counts.first_day.isoformat()}〜{counts.last_day.isoformat()}" if counts.first_day and counts.last_day else ""
    out.append(f"「この ページは 役に 立ちましたか」の 集計（ログ {file_count} ファイル、{counts.lines} 行{span}）")
    out.append("")
    pages = counts.pages()
    if not pages:
        out.append("答えは ありませんでした。")
    else:
        out.append("ページごと")
        out.append(_row("ページ", "はい", "いいえ") + ("  題名" if titles else ""))
        for page in pages:
            title = f"  {titles[page]}" if page in titles else ""
            out.append(_row(page, counts.total(page, "yes"), counts.total(page, "no")) + title)
        out.append(_row("合計", sum(counts.total(p, "yes") for p in pages), sum(counts.total(p, "no") for p in pages)))
        out.append("")
        out.append("週ごと（月曜から 日曜まで。日付は 月曜）")
        out.append(_row("週", "ページ", "はい", "いいえ"))
        for week in counts.weeks():
            for page in pages:
                yes, no = counts.total(page, "yes", week), counts.total(page, "no", week)
                if yes or no:
                    out.append(_row(week.isoformat(), page, yes, no))
    out.append("")
    out.append("数えなかった もの")
    out.append(f"  読めなかった 行: {counts.bad_lines}")
    out.append(f"  ロボット（検索エンジン など）: {counts.robots}")
    out.append(f"  同じ 人が 同じ 日に もう一度 押した もの: {counts.repeats}")
    out.append(f"  うまく ひらけなかった もの（404 など）: {counts.failed}")
    return "\n".join(out) + "\n"


def format_csv(counts: FeedbackCounts) -> str:
    """One line per week and page: ``week,page,yes,no`` (for a spreadsheet)."""
    lines = ["week,page,yes,no"]
    for week in counts.weeks():
        for page in counts.pages():
            yes, no = counts.total(page, "yes", week), counts.total(page, "no", week)
            if yes or no:
                lines.append(f"{week.isoformat()},{page},{yes},{no}")
    return "\r\n".join(lines) + "\r\n"


def _row(*cells: object) -> str:
    """Columns aligned on a terminal, where a kana or kanji is two columns wide."""
    first, *rest = (str(cell) for cell in cells)
    return "  " + first + " " * (12 - _width(first)) + "".join(" " * (8 - _width(cell)) + cell for cell in rest)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
