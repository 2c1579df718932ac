"""The schema of ``accessibility/audit.json``: the results of the automated accessibility test of the built site.

The browser test suite (``tests/browser``) writes this file; the build reads it and publishes it as the 試験結果
table of the accessibility policy page. Nobody edits it by hand.
"""

from __future__ import annotations

import datetime

from pydantic import Field

from generator.model.common import Strict, Text

CHECKS: tuple[str, ...] = ("axe_light", "axe_dark", "html", "phone", "reflow_320", "text_200", "keyboard", "requests")
"""Every check the browser suite runs (the policy page names each from the string table's ``audit_check`` area). Print-only pages skip the screen ones."""

SCREEN_CHECKS = ("phone", "reflow_320", "text_200", "keyboard")


class AuditPage(Strict):
    """One tested page: for each check, the problems found (an empty list means it passed)."""

    path: str = Field(description="サイト内の パス（ホームは 空）。")
    title: str = Field("", description="ページの 題名。")
    checks: dict[str, list[str]] = Field(description="確認ごとの 見つかった 問題（空なら 合格）。")

    @property
    def passed(self) -> bool:
        return all(not problems for problems in self.checks.values())


class AuditReport(Strict):
    """The whole record of one test run."""

    site_name: Text
    tested_on: datetime.date
    tools: dict[str, str] = Field(description="使った 道具と 版（axe-core、Nu Html Checker、Chromium …）。")
    pages: list[AuditPage] = Field(min_length=1)

    @property
    def failed_pages(self) -> list[AuditPage]:
        return [page for page in self.pages if not page.passed]
