"""axe-core (pinned in package.json) finds no WCAG 2.0/2.1/2.2 A or AA violation, light or dark, on the pages that
together show every part of the site's markup and every nesting of its elements (``site_pages.markup_cover``: axe
judges markup and colours, not how long a text is), every page when ``bash scripts/audit.sh`` publishes the record.

Each page is opened once: every rule runs in the light scheme, then the page switches to the dark scheme
(``emulate_media``) and the rules that depend on colour run again. The dark scheme changes colours only — the
theme's one ``prefers-color-scheme`` block sets colour custom properties and nothing else, which
``test_the_dark_scheme_changes_colours_only`` holds — so the other rules cannot give another answer in the dark. The pages are opened with reduced motion, so a scheme
switch does not wait for Material's colour fades; ``test_reduced_motion_changes_only_motion`` holds that this changes
nothing else. What each page requests while it loads is kept for the request check (``load_requests``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2
from playwright.sync_api import Browser

from tests.browser.audit import AuditLog
from tests.browser.conftest import NO_TRANSITIONS, new_context, open_page, with_axe
from tests.browser.site_pages import SitePage
from tests.conftest import ROOT

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The A/AA rules of axe-core whose answer depends on colours (contrast; a link told from its text by colour)."""

RUN_AXE = """async (only) => {
  // A scheme switch starts the theme's colour transitions: judge the colours they end at.
  await Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)));
  const result = await axe.run(document, {runOnly: only, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + (n.failureSummary ? " — " + n.failureSummary.replace(/\\s+/g, " ") : "")),
  }));
}"""
SCHEMES = {"light": {"type": "tag", "values": WCAG_TAGS}, "dark": {"type": "rule", "values": COLOUR_RULES}}


def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page_light_or_dark(
    browser: Browser, base_url: str, markup_pages: list[SitePage], audit: AuditLog, load_requests: dict[str, list[str]]
) -> None:
    context = with_axe(new_context(browser, color_scheme="light", **NO_TRANSITIONS))
    page = context.new_page()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    failures = []
    for site_page in markup_pages:
        page.emulate_media(color_scheme="light")
        requested.clear()
        open_page(page, site_page, base_url)
        if not site_page.redirects:  # (a short link is opened without following it here)
            load_requests[site_page.path] = list(requested)
        audit.titles[site_page.path] = page.title()
        for scheme, only in SCHEMES.items():
            page.emulate_media(color_scheme=scheme)
            violations = page.evaluate(RUN_AXE, only)
            problems = [f"{v['id']} ({v['impact']}): {v['help']} — {node}" for v in violations for node in v["nodes"]]
            audit.record(site_page.path, f"axe_{scheme}", problems)
            failures += [f"/{site_page.path} ({scheme}): {problem}" for problem in problems]
    context.close()
    assert not failures, f"axe-core found {len(failures)} problems:\n" + "\n".join(failures)


def _declarations_under(media_feature: str, sheets: list[Path]) -> tuple[int, list[tuple[str, tinycss2.ast.Declaration]]]:
    """The ``@media`` blocks of ``sheets`` that name ``media_feature``: how many, and each declaration in them with
    its sheet's name."""
    blocks, found = 0, []
    for sheet in sheets:
        for rule in tinycss2.parse_stylesheet(sheet.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True):
            if rule.type != "at-rule" or media_feature not in tinycss2.serialize(rule.prelude):
                continue
            blocks += 1
            for inner in tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True):
                found += [(sheet.name, declaration) for declaration in
                          tinycss2.parse_declaration_list(inner.content, skip_comments=True, skip_whitespace=True)
                          if declaration.type == "declaration"]
    return blocks, found


def test_the_dark_scheme_changes_colours_only() -> None:
    """What lets the dark pass run only the colour rules: every ``prefers-color-scheme`` block of the published
    stylesheets sets custom properties to colours, nothing else (no layout, no hidden or shown element)."""
    colour = re.compile(r"^#[0-9a-f]{3,8}$", re.IGNORECASE)
    blocks, declarations = _declarations_under("prefers-color-scheme", sorted((ROOT / "theme").rglob("*.css")))
    for sheet, declaration in declarations:
        value = tinycss2.serialize(declaration.value).strip()
        assert declaration.name.startswith("--t-") and colour.match(value), (
            f"{sheet}: the dark scheme sets {declaration.name}: {value} — the dark axe pass "
            "(colour rules only) no longer covers it; run every rule in the dark too"
        )
    assert blocks >= 1, "no dark-scheme block found: is the theme's stylesheet where this test looks?"


MOTION = re.compile(r"^(transition|animation)(-[a-z-]+)?$|^scroll-behavior$")


def test_reduced_motion_changes_only_motion(example_site: Path) -> None:
    """What lets the colour sweeps open pages with reduced motion (``NO_TRANSITIONS``): every
    ``prefers-reduced-motion`` block of the published stylesheets sets only transitions, animations or scrolling."""
    blocks, declarations = _declarations_under("prefers-reduced-motion", sorted((example_site / "assets" / "stylesheets").glob("*.css")))
    for sheet, declaration in declarations:
        assert MOTION.match(declaration.name), (
            f"{sheet}: reduced motion sets {declaration.name}, not only motion: open the colour "
            "sweeps without NO_TRANSITIONS (tests/browser/conftest.py)"
        )
    assert blocks >= 1, "no reduced-motion block found: then NO_TRANSITIONS saves nothing and can go"
