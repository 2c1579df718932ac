"""The Nu Html Checker (vnu-jar, pinned in package.json) finds no error in any page of the built site."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.browser.audit import AuditLog
from tests.browser.conftest import VNU
from tests.browser.site_pages import SitePage

# Checked in the same run as the site, so a checker that silently reports nothing cannot pass the test.
KNOWN_BAD = '<!doctype html><html lang="ja"><head><title>x</title></head><body><input type="checkbox" autocomplete="off"></body></html>'

JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"]
"""How Java runs the checker, not what it checks: one run of a few seconds gains nothing from Java's optimising
compiler, which used half of its CPU (all 449 pages and the known-bad one: 14.3-15.8 CPU-s with the defaults,
6.2-6.7 with these, the same messages byte for byte, 2026-12-07); one garbage-collector thread, not one a core. The
quicker compiler's code needs a larger stack for the HTML schema (with the default the checker stops with a
StackOverflowError and reports nothing, which fails the known-bad check below)."""


def test_nu_html_checker_finds_no_error_on_any_page(
    site_dir: Path, site_pages: list[SitePage], audit: AuditLog, tmp_path: Path
) -> None:
    assert VNU.exists(), "vnu.jar is missing: run bash scripts/test.sh (it runs npm ci in tests/browser)"
    known_bad = tmp_path / "known-bad.html"
    known_bad.write_text(KNOWN_BAD, encoding="utf-8")
    files = [str(page.file) for page in site_pages] + [str(known_bad)]
    # One Java start for every page: starting the JVM per page would cost seconds each.
    completed = subprocess.run(
        ["java", *JVM_OPTIONS, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True, timeout=300, check=False,
    )
    messages = json.loads(completed.stderr or completed.stdout or '{"messages": []}')["messages"]
    by_file: dict[str, list[str]] = {}
    for message in messages:
        where = message.get("url", "").removeprefix("file:")
        by_file.setdefault(str(Path(where).resolve()) if where else "", []).append(
            f"line {message.get('lastLine', '?')}: {message.get('type')}: {message.get('message')}"
        )
    # Material's own mistake (autocomplete on a checkbox) must be caught, or the checker is not working.
    assert any("autocomplete" in problem for problem in by_file.pop(str(known_bad.resolve()), [])), completed.stderr
    for page in site_pages:
        audit.record(page.path, "html", by_file.get(str(page.file.resolve()), []))
    assert not by_file, "the Nu Html Checker found errors:\n" + "\n".join(
        f"{file}: {problem}" for file, problems in by_file.items() for problem in problems
    )
