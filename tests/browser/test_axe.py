"""axe-core (pinned in package.json) finds no WCAG 2.0/2.1/2.2 A or AA violation, light or dark, on the swept pages:
in CI every page with a template or text of its own and representatives of each family of pages
(``site_pages.representative``), every page when ``bash scripts/audit.sh`` publishes the record."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.audit import AuditLog
from tests.browser.conftest import AXE, new_context, open_page
from tests.browser.site_pages import SitePage

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + (n.failureSummary ? " — " + n.failureSummary.replace(/\\s+/g, " ") : "")),
  }));
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page(
    browser: Browser, base_url: str, swept_pages: list[SitePage], audit: AuditLog, scheme: str
) -> None:
    context = new_context(browser, color_scheme=scheme)
    page = context.new_page()
    failures = []
    for site_page in swept_pages:
        open_page(page, site_page, base_url)
        audit.titles[site_page.path] = page.title()
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE, WCAG_TAGS)
        problems = [f"{v['id']} ({v['impact']}): {v['help']} — {node}" for v in violations for node in v["nodes"]]
        audit.record(site_page.path, f"axe_{scheme}", problems)
        failures += [f"/{site_page.path}: {problem}" for problem in problems]
    context.close()
    assert not failures, f"axe-core ({scheme}) found {len(failures)} problems:\n" + "\n".join(failures)
