"""The sentences the templates write by themselves, with the data each one depends on.

A template sentence is a statement like any sentence in ``procedures/``: it must be true on every page and
flyer it appears on. So each one is listed here with the condition under which it is true, as a function of
the procedure and the town's settings (channel, interview needed, post accepted, online status, deadline kind,
limitation). The templates ask ``shown(...)`` instead of spelling their own conditions, and the 点検シート lists
every sentence with its condition and whether this page shows it, so staff can check the words that come from
no YAML file. Shared by the guide pages, the flyers and the review sheet (no feature imports another).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Procedure
from generator.model.municipality import LocalProcedure


def has_counter(procedure: Procedure) -> bool:
    return any(way.method == "counter" for way in procedure.other_ways)


def post_accepted(procedure: Procedure) -> bool:
    """Post is promised only where the YAML says it works in every town and no interview needs the resident."""
    return not procedure.interview and any(way.method == "post" and way.everywhere for way in procedure.other_ways)


@dataclass(frozen=True)
class TemplateSentence:
    key: str
    where: str
    """Where it stands (「手順の はじめ」, 「チラシ: 用意する もの」)."""
    text: str
    """The words as a reader sees them; 〇〇 stands for the town's name."""
    condition: str
    """When it is shown, in words staff can check against the data."""
    test: Callable[[Procedure, LocalProcedure], bool]


SENTENCES: tuple[TemplateSentence, ...] = (
    TemplateSentence(
        "search-hint",
        "ページ: 手順の はじめ",
        "アプリで さがす ときは、「さがす」を 押して、住んで いる ところに「〇〇」を えらび、手続きの 名前で さがして ください。",
        "スマホで 申し込めるかが「できない」で なく、申請ページの URL も ない とき",
        lambda p, local: local.online != "no" and not (local.online == "yes" and local.mynaportal_url),
    ),
    TemplateSentence(
        "search-fallback-counter",
        "ページ: 手順の はじめ",
        "見つからない ときは、窓口で 申請 できます。",
        "上の 文が 出て いて、窓口（counter）の 方法が ある とき",
        lambda p, local: SENTENCES_BY_KEY["search-hint"].test(p, local) and has_counter(p),
    ),
    TemplateSentence(
        "search-fallback-post",
        "ページ: 手順の はじめ",
        "郵送でも 申請 できます。",
        "上の 文が 出て いて、郵送が どこでも できると 出典で たしかめて あり（everywhere: true）、面談（interview）が いらない とき",
        lambda p, local: SENTENCES_BY_KEY["search-hint"].test(p, local) and post_accepted(p),
    ),
    TemplateSentence(
        "start-needs",
        "ページ: はじめの 枠",
        "スマートフォンで 使う もの: マイナンバーカード、暗証番号、カードを 読みとれる スマートフォン。",
        "スマホで 申し込めるかが「できない」で ない とき",
        lambda p, local: local.online != "no",
    ),
    TemplateSentence(
        "start-counter-too",
        "ページ: はじめの 枠",
        "窓口でも 申し込めます。",
        "スマホで 申し込めるかを まだ たしかめて いなくて、窓口の 方法が ある とき",
        lambda p, local: local.online == "unknown" and has_counter(p),
    ),
    TemplateSentence(
        "deadline-none",
        "ページ: 期限",
        "決まった 期限は ありません。",
        "期限の 種類が none の とき（時効が あれば その 文も 出ます）",
        lambda p, local: p.deadline.kind == "none",
    ),
    TemplateSentence(
        "deadline-local",
        "ページ: 期限",
        "期限は 〇〇が 決めます。窓口で たずねて ください。",
        "期限の 種類が local で、時効（limitation）が ない とき",
        lambda p, local: p.deadline.kind == "local" and p.limitation is None,
    ),
    TemplateSentence(
        "deadline-local-limited",
        "ページ: 期限",
        "いつまでに 出すかは、〇〇の 窓口で たずねて ください。",
        "期限の 種類が local で、時効（limitation）が ある とき（時効の 文が つづきます）",
        lambda p, local: p.deadline.kind == "local" and p.limitation is not None,
    ),
    TemplateSentence(
        "limitation",
        "ページ・チラシ: 期限",
        "（時効の 文: procedures の limitation.text）",
        "時効（limitation）が ある とき。期限の 種類に かかわらず 出ます",
        lambda p, local: p.limitation is not None,
    ),
    TemplateSentence(
        "flyer-counter-only",
        "チラシ: 上の 枠",
        "〇〇では 窓口で 申し込みます。〇〇では、この 手続きを スマートフォンでは 受け付けて いません。",
        "スマホで 申し込めるかが「できない」の とき",
        lambda p, local: local.online == "no",
    ),
    TemplateSentence(
        "flyer-smartphone-things",
        "チラシ: 用意する もの",
        "マイナンバーカード、暗証番号、カードを 読みとれる スマートフォン（online_only と pin の 行）。",
        "スマホで 申し込めるかが「できない」で ない とき（窓口だけの 自治体の チラシには 出ません）",
        lambda p, local: local.online != "no",
    ),
    TemplateSentence(
        "flyer-pin-warning",
        "チラシ: 用意する もの",
        "暗証番号を 思い出せない ときは、何度も ためさずに 窓口へ。",
        "チラシに 暗証番号の 行が ある とき（スマホで 申し込めるかが「できない」で ない とき）",
        lambda p, local: local.online != "no" and any(item.pin for item in p.prepare),
    ),
    TemplateSentence(
        "flyer-steps",
        "チラシ: 手順",
        "スマホで 申し込む 手順（ぜんぶで N つ）。マイナポータル アプリで さがす ときの 名前は「正式な 名前」です。",
        "スマホで 申し込めるかが「できない」で ない とき（できない ときは 窓口の 方法と「窓口で 伝える ときの 名前」）",
        lambda p, local: local.online != "no",
    ),
)

SENTENCES_BY_KEY: dict[str, TemplateSentence] = {sentence.key: sentence for sentence in SENTENCES}


def shown(procedure: Procedure, local: LocalProcedure) -> dict[str, bool]:
    """Sentence key → whether the page and flyer of ``procedure`` in this town show it."""
    return {sentence.key: sentence.test(procedure, local) for sentence in SENTENCES}


__all__ = ["SENTENCES", "SENTENCES_BY_KEY", "TemplateSentence", "has_counter", "post_accepted", "shown"]
