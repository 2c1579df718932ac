"""``tetsuzuki feedback report``: exact 「はい」/「いいえ」 counts from generated nginx/Apache logs, plain and gzip."""

from __future__ import annotations

import datetime
import gzip
import random
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.feedback_report import count_files
from tests.conftest import ROOT

PAGES = ["k01", "k02", "c05", "d01", "birth", "care"]
AGENTS = ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)", "Mozilla/5.0 (Linux; Android 15; SH-M26)"]
ROBOTS = ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0", "-"]
START = datetime.datetime(2026, 11, 23, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))  # a Monday


def _line(client: str, moment: datetime.datetime, path: str, status: int = 200, agent: str = AGENTS[0], method: str = "GET") -> str:
    stamp = moment.strftime("%d/%b/%Y:%H:%M:%S %z")
    return f'{client} - - [{stamp}] "{method} {path} HTTP/1.1" {status} 512 "https://town.example.lg.jp/kosodate/" "{agent}"'


def _generated_log(seed: int) -> tuple[list[str], Counter, dict[str, int]]:
    """A shuffled log of page views, counted answers and every kind of line the report must leave out."""
    rng = random.Random(seed)
    lines: list[str] = []
    expected: Counter = Counter()
    left_out = Counter()
    for n in range(400):
        moment = START + datetime.timedelta(hours=rng.randrange(0, 24 * 20))
        page, answer = rng.choice(PAGES), rng.choice(["yes", "no"])
        client = f"198.51.{100 + n // 250}.{n % 250}"  # one person per answer
        base = rng.choice(["", "/tetsuzuki"])
        suffix = rng.choice(["", "index.html", "?from=flyer"])
        lines.append(_line(client, moment, f"{base}/fb/{page}/{answer}/{suffix}", status=rng.choice([200, 304]), agent=AGENTS[n % 2]))
        monday = (moment.date() - datetime.timedelta(days=moment.weekday()))
        expected[(monday, page, answer)] += 1
        kind = n % 8
        if kind == 0:  # a reload a minute later: one answer
            lines.append(_line(client, moment + datetime.timedelta(minutes=1), f"{base}/fb/{page}/{answer}/", agent=AGENTS[n % 2]))
            left_out["repeats"] += 1
        elif kind == 1:
            lines.append(_line("66.249.66.1", moment, f"/fb/{page}/{answer}/", agent=ROBOTS[n % 3]))
            left_out["robots"] += 1
        elif kind == 2:
            lines.append(_line(client, moment, f"/fb/{page}/maybe/", status=404))  # not an answer address
            lines.append(_line(client, moment, "/fb/zz9/yes/", status=404))
            lines.append(_line(client, moment, f"/fb/{page}/{answer}/", method="POST", status=405))
            left_out["failed"] += 2
        elif kind == 3:
            lines.append("this is not a log line")
            lines.append(_line(client, moment, "/kosodate/jidou-teate-nintei-seikyu/").replace("[", "[32/"))  # bad date
            left_out["bad_lines"] += 2
        else:
            lines.append(_line(client, moment, "/kosodate/jidou-teate-nintei-seikyu/"))  # a page view, not an answer
    rng.shuffle(lines)
    return lines, expected, left_out


def test_the_counts_of_a_generated_log_are_exact_across_plain_and_gzip_files(tmp_path: Path) -> None:
    lines, expected, left_out = _generated_log(seed=26)
    # The lines are shuffled, so a reload often lands in the other file: it must still count once.
    half = len(lines) // 2
    plain, packed = tmp_path / "access.log", tmp_path / "access.log.1.gz"
    plain.write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    packed.write_bytes(gzip.compress(("\n".join(lines[half:]) + "\n").encode("utf-8")))
    counts = count_files([plain, packed])
    assert counts.answers == expected
    assert counts.bad_lines == left_out["bad_lines"]
    assert counts.robots == left_out["robots"]
    assert counts.repeats == left_out["repeats"]
    assert counts.failed == left_out["failed"]
    assert counts.lines == len(lines)


def test_the_report_prints_counts_per_page_and_week_and_never_an_address_or_browser(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(
        "\n".join([
            _line("203.0.113.5", START, "/fb/k01/yes/"),
            _line("203.0.113.6", START + datetime.timedelta(days=1), "/fb/k01/yes/", agent=AGENTS[1]),
            _line("203.0.113.5", START + datetime.timedelta(days=8), "/fb/k01/no/"),
            _line("203.0.113.7", START + datetime.timedelta(days=9), "/sub/fb/birth/no/index.html", status=304),
            "garbage",
        ]) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["feedback", "report", "--config", str(ROOT / "mkdocs.yml"), str(log)])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.output.splitlines()]
    # Pages carry their titles when the project can be read.
    assert ["k01", "2", "1", "児童手当を", "はじめて", "もらう", "ときの", "申請"] in rows
    assert ["birth", "0", "1", "赤ちゃんが", "できた・うまれた"] in rows and ["合計", "2", "2"] in rows
    assert ["2026-11-23", "k01", "2", "0"] in rows
    assert ["2026-11-30", "k01", "0", "1"] in rows and ["2026-11-30", "birth", "0", "1"] in rows
    assert "読めなかった 行: 1" in result.output
    for private in ("203.0.113", "Mozilla", "iPhone", "Android"):
        assert private not in result.output
    csv = CliRunner().invoke(main, ["feedback", "report", "--csv", str(log)])
    assert csv.output.splitlines() == ["week,page,yes,no", "2026-11-23,k01,2,0", "2026-11-30,k01,0,1", "2026-11-30,birth,0,1"]


def test_a_missing_log_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["feedback", "report", str(tmp_path / "nothing.log")])
    assert result.exit_code != 0
