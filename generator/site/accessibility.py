"""The ウェブアクセシビリティ方針 page, with the 試験結果 table generated from the browser test suite's results.

The results come from ``accessibility/audit.json`` (written by ``bash scripts/audit.sh``; see
tests/browser/audit.py). The wording follows the WAIC 対応度表記ガイドライン: 「準拠」 is never claimed, because
automated tools cannot check every success criterion; the page says which ones still need a person. Every word
comes from the edition's string table (``accessibility``, ``jis_criterion``, ``audit_check``).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.loading.strings import StringTable, string_table
from generator.model import Catalog
from generator.model.audit import CHECKS, AuditPage, AuditReport
from generator.site import urls
from generator.site.criteria import AREA, CRITERIA, MANUAL, Criterion, Level
from generator.output import GeneratedPage
from generator.site.pages import render_content
from generator.town_words import site_name

URL = "accessibility/"
FOOTER_POSITION = 30


MANUAL_CRITERIA = MANUAL
"""JIS X 8341-3:2016 (= WCAG 2.0) level A/AA criteria that axe-core and the Nu checker cannot decide on their own."""

STANDARD = "JIS X 8341-3:2016"


@dataclass(frozen=True)
class NamedCriterion:
    """A criterion with its name and reason in the edition's words."""

    number: str
    level: Level
    name: str
    manual: str | None
    """Why a person must judge it, or why it does not apply (``None`` when automated checks decide it)."""


def named(criterion: Criterion, words: StringTable) -> NamedCriterion:
    """``criterion`` in the words of ``words`` (``jis_criterion.<key>.name`` and ``.why``)."""
    key = f"{AREA}.{criterion.key}"
    why = words.plain(f"{key}.why") if criterion.manual or criterion.not_applicable else None
    return NamedCriterion(criterion.number, criterion.level, words.plain(f"{key}.name"), why)


def check_label(check: str, words: StringTable) -> str:
    """What the policy page calls one of the browser suite's checks; a check it does not know keeps its key."""
    return {
        "axe_light": words.plain("audit_check.axe_light"),
        "axe_dark": words.plain("audit_check.axe_dark"),
        "html": words.plain("audit_check.html"),
        "phone": words.plain("audit_check.phone"),
        "reflow_320": words.plain("audit_check.reflow_320"),
        "text_200": words.plain("audit_check.text_200"),
        "keyboard": words.plain("audit_check.keyboard"),
        "requests": words.plain("audit_check.requests"),
    }.get(check, check)


@dataclass(frozen=True)
class CriterionRow:
    """One line of the 達成基準チェックリスト: 適用 and 結果, and how the result was reached."""

    criterion: NamedCriterion
    applies: bool
    result: str
    """○ (every tested page passed), × (a page failed), 「－」 (not applicable) or 「自動では 判定できない」."""
    kind: str
    """``pass``, ``fail``, ``na`` or ``manual`` (the page styles and tests use it)."""
    how: str


def criterion_rows(audit: AuditReport, words: StringTable) -> list[CriterionRow]:
    rows = []
    for criterion in CRITERIA:
        worded = named(criterion, words)
        if criterion.not_applicable:
            rows.append(CriterionRow(worded, False, words.plain("accessibility.result_na"), "na", worded.manual or ""))
        elif criterion.manual:
            rows.append(CriterionRow(worded, True, words.plain("accessibility.manual_result"), "manual", worded.manual or ""))
        else:
            tested = [page for page in audit.pages if all(check in page.checks for check in criterion.checks)]
            failed = [page for page in tested if any(page.checks[check] for check in criterion.checks)]
            how = words.plain("common.list_join").join(check_label(check, words) for check in criterion.checks)
            counted = words.plain("accessibility.counted", checks=how, passed=len(tested) - len(failed), tested=len(tested))
            passed = bool(tested) and not failed
            result = words.plain("accessibility.result_pass") if passed else words.plain("accessibility.result_fail")
            rows.append(CriterionRow(worded, True, result, "pass" if passed else "fail", counted))
    return rows


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
    words = string_table(catalog.strings)
    audit = catalog.audit
    if audit is not None and audit.site_name != site_name(catalog.municipality, words):
        # The results file belongs to another town's site (one repository builds many): not this site's test.
        audit = None
    rows: list[PageRow] = []
    check_totals: list[tuple[str, int, int]] = []
    criteria: list[CriterionRow] = []
    if audit is not None:
        criteria = criterion_rows(audit, words)
        rows = [_row(page, catalog.municipality.base_url, words) for page in audit.pages]
        for check in CHECKS:
            tested = [page for page in audit.pages if check in page.checks]
            passed = [page for page in tested if not page.checks[check]]
            check_totals.append((check_label(check, words), len(passed), len(tested)))
    html = render_content(
        catalog,
        "accessibility.html",
        URL,
        audit=audit,
        rows=rows,
        check_totals=check_totals,
        manual=[named(criterion, words) for criterion in MANUAL_CRITERIA],
        criteria=criteria,
        standard=STANDARD,
        selection=words.plain("accessibility.jb_selection"),
        technologies=("HTML", "CSS", words.plain("accessibility.javascript")),
        criteria_manual=words.plain("accessibility.manual_result"),
        screen_readers=words.plain("accessibility.screen_readers_name"),
    )
    return GeneratedPage(
        url=URL,
        title=words.plain("accessibility.title"),
        html=html,
        footer=FOOTER_POSITION,
        description=words.plain("accessibility.description", site=site_name(catalog.municipality, words)),
    )


def _row(page: AuditPage, base_url: str | None, words: StringTable) -> PageRow:
    label = page.title.split(" - ")[0] if page.title else (page.path or words.plain("common.home"))
    link = None if page.path.endswith(".html") else urls.relative(URL, page.path)
    problems = [f"{check_label(check, words)}: {problem}" for check, found in page.checks.items() for problem in found]
    skipped = [check_label(check, words) for check in CHECKS if check not in page.checks]
    # 試験を行ったウェブページのURI: the full address when the site's public address is known.
    address = urls.public_url(base_url, page.path) if base_url else "/" + page.path
    return PageRow(label=label, address=address, link=link, passed=page.passed, problems=problems, skipped=skipped)
