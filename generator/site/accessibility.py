"""The ウェブアクセシビリティ方針 page, with the 試験結果 table generated from the browser test suite's results.

The results come from ``accessibility/audit.json`` (written by ``bash scripts/audit.sh``; see
tests/browser/audit.py). The wording follows the WAIC 対応度表記ガイドライン: 「準拠」 is never claimed, because
automated tools cannot check every success criterion; the page says which ones still need a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Catalog
from generator.model.audit import CHECKS, AuditPage, AuditReport
from generator.site import urls
from generator.site.criteria import CRITERIA, MANUAL, Criterion
from generator.output import GeneratedPage
from generator.site.pages import render_content

URL = "accessibility/"
TITLE = "ウェブアクセシビリティ方針"
FOOTER_POSITION = 30


MANUAL_CRITERIA = MANUAL
"""JIS X 8341-3:2016 (= WCAG 2.0) level A/AA criteria that axe-core and the Nu checker cannot decide on their own."""

STANDARD = "JIS X 8341-3:2016"
SELECTION = "JIS X 8341-3:2016 附属書JB「JB.1.2 ウェブページ一式単位」の a)「全てのウェブページを選択する場合」"
TECHNOLOGIES = ("HTML", "CSS", "JavaScript（「わたしの 手続き」の 質問だけ。「さがす」は JavaScript が なくても 一覧で 使えます）")
"""依存したウェブコンテンツ技術: what the pages need to meet the criteria."""


@dataclass(frozen=True)
class CriterionRow:
    """One line of the 達成基準チェックリスト: 適用 and 結果, and how the result was reached."""

    criterion: Criterion
    applies: bool
    result: str
    """○ (every tested page passed), × (a page failed), 「－」 (not applicable) or 「自動では 判定できない」."""
    kind: str
    """``pass``, ``fail``, ``na`` or ``manual`` (the page styles and tests use it)."""
    how: str


MANUAL_RESULT = "自動では 判定できない"


def criterion_rows(audit: AuditReport) -> list[CriterionRow]:
    rows = []
    for criterion in CRITERIA:
        if criterion.not_applicable:
            rows.append(CriterionRow(criterion, False, "－", "na", criterion.not_applicable))
        elif criterion.manual:
            rows.append(CriterionRow(criterion, True, MANUAL_RESULT, "manual", criterion.manual))
        else:
            tested = [page for page in audit.pages if all(check in page.checks for check in criterion.checks)]
            failed = [page for page in tested if any(page.checks[check] for check in criterion.checks)]
            how = "、".join(CHECKS[check] for check in criterion.checks)
            counted = f"{how}: {len(tested) - len(failed)}／{len(tested)} ページ 合格"
            rows.append(CriterionRow(criterion, True, "×" if failed or not tested else "○", "fail" if failed or not tested else "pass", counted))
    return rows


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
    criteria: list[CriterionRow] = []
    if audit is not None:
        criteria = criterion_rows(audit)
        rows = [_row(page, catalog.municipality.base_url) for page in audit.pages]
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
        criteria=criteria,
        standard=STANDARD,
        selection=SELECTION,
        technologies=TECHNOLOGIES,
        criteria_manual=MANUAL_RESULT,
        screen_readers=SCREEN_READERS,
    )
    return GeneratedPage(
        url=URL,
        title=TITLE,
        html=html,
        footer=FOOTER_POSITION,
        description=f"{catalog.municipality.display_name}の ウェブアクセシビリティ方針と 試験結果です。",
    )


def _row(page: AuditPage, base_url: str | None) -> PageRow:
    label = page.title.split(" - ")[0] if page.title else (page.path or "ホーム")
    link = None if page.path.endswith(".html") else urls.relative(URL, page.path)
    problems = [f"{CHECKS.get(check, check)}: {problem}" for check, found in page.checks.items() for problem in found]
    skipped = [label for check, label in CHECKS.items() if check not in page.checks]
    # 試験を行ったウェブページのURI: the full address when the site's public address is known.
    address = urls.public_url(base_url, page.path) if base_url else "/" + page.path
    return PageRow(label=label, address=address, link=link, passed=page.passed, problems=problems, skipped=skipped)
