"""The ウェブアクセシビリティ方針 page, with the 試験結果 table generated from the browser test suite's results.

The results come from ``accessibility/audit.json`` (written by ``bash scripts/audit.sh``; see
tests/browser/audit.py). The wording follows the WAIC 対応度表記ガイドライン: 「準拠」 is never claimed, because
automated tools cannot check every success criterion; the page says which ones still need a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Catalog
from generator.model.audit import CHECKS, AuditPage
from generator.site import urls
from generator.output import GeneratedPage
from generator.site.pages import render_content

URL = "accessibility/"
TITLE = "ウェブアクセシビリティ方針"
FOOTER_POSITION = 30


@dataclass(frozen=True)
class ManualCriterion:
    """A success criterion that automated tools cannot decide, and why."""

    number: str
    name: str
    why: str


# JIS X 8341-3:2016 (= WCAG 2.0) level A/AA criteria that axe-core and the Nu checker cannot decide on their own.
MANUAL_CRITERIA = (
    ManualCriterion("1.1.1", "非テキストコンテンツ", "画像の 代わりの 文章が 内容に 合って いるかは、人が 読んで 決めます。"),
    ManualCriterion("1.3.1", "情報及び関係性", "見出しや 一覧の 作りは 調べられますが、内容に 合って いるかは 人が 決めます。"),
    ManualCriterion("1.3.2", "意味のある順序", "読み上げの 順番が 意味の とおりかは、人が 聞いて 決めます。"),
    ManualCriterion("1.3.3", "感覚的な特徴", "「右の ボタン」の ような 書き方が ないかは、人が 読んで 決めます。"),
    ManualCriterion("1.4.1", "色の使用", "色だけで 意味を 伝えて いないかは、人が 見て 決めます。"),
    ManualCriterion("2.1.1", "キーボード", "Tab キーでの 移動は 試験しましたが、すべての 操作が できるかは 人が 決めます。"),
    ManualCriterion("2.4.4", "リンクの目的（コンテキスト内）", "リンクの 文字で 行き先が わかるかは、人が 読んで 決めます。"),
    ManualCriterion("2.4.6", "見出し及びラベル", "見出しが 内容を 表して いるかは、人が 読んで 決めます。"),
    ManualCriterion("3.1.2", "一部分の言語", "日本語 以外の ことばに 言語の 指定が 要るかは、人が 決めます。"),
    ManualCriterion("3.2.3", "一貫したナビゲーション", "どの ページも 同じ 作りで 作って いますが、人が 見て 確かめます。"),
    ManualCriterion("3.3.2", "ラベル又は説明", "入力欄の 説明が わかりやすいかは、人が 決めます。"),
)

SCREEN_READERS = "iPhone の VoiceOver、Android の TalkBack などの 読み上げ機能での 確認"


@dataclass(frozen=True)
class PageRow:
    """One row of the per-page results table."""

    label: str
    address: str
    link: str | None
    passed: bool
    problems: list[str]
    skipped: list[str]


def accessibility_page(catalog: Catalog) -> GeneratedPage:
    """The policy page; the results part says plainly when no test has been published yet."""
    audit = catalog.audit
    if audit is not None and audit.site_name != catalog.municipality.display_name:
        # The results file belongs to another town's site (one repository builds many): not this site's test.
        audit = None
    rows: list[PageRow] = []
    check_totals: list[tuple[str, int, int]] = []
    if audit is not None:
        rows = [_row(page) for page in audit.pages]
        for check, label in CHECKS.items():
            tested = [page for page in audit.pages if check in page.checks]
            passed = [page for page in tested if not page.checks[check]]
            check_totals.append((label, len(passed), len(tested)))
    html = render_content(
        catalog,
        "accessibility.html",
        URL,
        audit=audit,
        rows=rows,
        check_totals=check_totals,
        manual=MANUAL_CRITERIA,
        screen_readers=SCREEN_READERS,
    )
    return GeneratedPage(
        url=URL,
        title=TITLE,
        html=html,
        footer=FOOTER_POSITION,
        description=f"{catalog.municipality.display_name}の ウェブアクセシビリティ方針と 試験結果です。",
    )


def _row(page: AuditPage) -> PageRow:
    label = page.title.split(" - ")[0] if page.title else (page.path or "ホーム")
    link = None if page.path.endswith(".html") else urls.relative(URL, page.path)
    problems = [f"{CHECKS.get(check, check)}: {problem}" for check, found in page.checks.items() for problem in found]
    skipped = [label for check, label in CHECKS.items() if check not in page.checks]
    return PageRow(label=label, address="/" + page.path, link=link, passed=page.passed, problems=problems, skipped=skipped)
