"""The record of one browser test run, written as JSON for the published 試験結果 table.

Every check (axe-core in both colour schemes, the Nu checker, the phone layout, reflow at 320 px, 200 % text,
keyboard, requests) records a pass or the problems it found for each page. At the end of the session the record
is written to ``test-artifacts/accessibility-audit.json``; with ``TETSUZUKI_UPDATE_AUDIT=1`` it also replaces
the committed ``accessibility/audit.json`` that the build turns into the accessibility policy page.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.model.audit import CHECKS, SCREEN_CHECKS

UPDATE_ENV = "TETSUZUKI_UPDATE_AUDIT"


@dataclass
class AuditLog:
    """Results per page and check, plus the tools that produced them."""

    site_name: str
    tools: dict[str, str] = field(default_factory=dict)
    pages: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    expected: dict[str, set[str]] = field(default_factory=dict)
    """The checks each page must have been through before the record may be published."""

    def expect(self, page_path: str, print_only: bool) -> None:
        self.expected[page_path] = set(CHECKS) - (set(SCREEN_CHECKS) if print_only else set())

    @property
    def complete(self) -> bool:
        return bool(self.expected) and all(checks <= set(self.pages.get(path, {})) for path, checks in self.expected.items())

    def record(self, page_path: str, check: str, problems: list[str]) -> None:
        """Store the problems ``check`` found on a page (an empty list is a pass)."""
        assert check in CHECKS, check
        self.pages.setdefault(page_path, {})[check] = list(problems)

    def as_json(self) -> dict:
        return {
            "site_name": self.site_name,
            "tested_on": datetime.date.today().isoformat(),
            "tools": self.tools,
            "pages": [
                {"path": path, "title": self.titles.get(path, ""), "checks": checks}
                for path, checks in sorted(self.pages.items())
            ],
        }

    def write(self, artifacts: Path, committed: Path) -> None:
        """Write the record for this run; replace the published one only when asked to and every check ran.

        Failures are published too: the policy page lists them. A partial run (a test deselected or crashed)
        is never published, because its table would claim pages were tested that were not.
        """
        artifacts.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n"
        (artifacts / "accessibility-audit.json").write_text(text, encoding="utf-8")
        if os.environ.get(UPDATE_ENV) == "1":
            if not self.complete:
                missing = sorted(path for path, checks in self.expected.items() if not checks <= set(self.pages.get(path, {})))
                raise RuntimeError(f"not every check ran on every page, {committed} left as it was: {missing[:5]}")
            committed.parent.mkdir(parents=True, exist_ok=True)
            committed.write_text(text, encoding="utf-8")
