"""Will the printed sheets fit? A quick estimate for ``check``, which makes no PDFs.

The build measures every sheet as its PDF engine lays it out (``feature.py``) and says so when one runs over;
that needs every PDF made, so ``check`` counts instead the characters a sheet prints. A sheet with far more text
than any shipped sheet (which all fit: 981 characters on the fullest flyer, 3,104 on the fullest instructor's
page, December 2026) is a warning naming the procedure and its longest printed field, so the webmaster shortens
the right sentence before anything is printed. Why a character count and not the renderer: ``check`` must stay
about a second per town, and the count errs only on the side of a warning (the build's measurement decides).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.errors import Problem
from generator.loading import procedure_files
from generator.loading.yaml_source import load_yaml
from generator.model import Catalog, Procedure
from generator.output import GeneratedPage

FLYER_CHARACTERS = 1300
"""Printed characters above which a one-sheet flyer may not fit (1.3 × the fullest shipped flyer)."""
INSTRUCTOR_CHARACTERS = 4000
"""Printed characters above which an instructor's page may not fit on its three sheets (1.3 × the fullest)."""

_SHEET = re.compile(r"chirashi/([kcd][0-9]{2})/(koushi/)?index\.md")


def printed_characters(html: str) -> int:
    """The characters a print page shows: its text without markup, styles and white space."""
    body = re.sub(r"<head.*?</head>|<style.*?</style>|<script.*?</script>", "", html, flags=re.S)
    return len(re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", body)))


def fit_warnings(procedures_dir: Path, catalog: Catalog, pages: Iterable[GeneratedPage]) -> list[Problem]:
    """A warning for each flyer or instructor's page whose text is too long for its sheets."""
    files = {}
    for path in procedure_files(procedures_dir):
        document = load_yaml(path)
        if isinstance(document.data, dict):
            files[str(document.data.get("id", "")).strip()] = document
    problems = []
    for page in pages:
        match = _SHEET.fullmatch(page.src_uri)
        if not match or match[1] not in files:
            continue
        instructor = bool(match[2])
        budget = INSTRUCTOR_CHARACTERS if instructor else FLYER_CHARACTERS
        count = printed_characters(page.html)
        if count <= budget:
            continue
        field, length = _longest(catalog.get(match[1]), instructor)
        sheet = "講師用の ページ（A4 3まいまで）" if instructor else "チラシ（A4 1まい）"
        message = (
            f"{sheet}に 印刷する 文が 長すぎて、おさまらない おそれが あります（約 {count} 文字、めやすは {budget} 文字まで）。"
            f"いちばん 長いのは ここです（{length} 文字）。短く して ください。"
            "正確には ビルドで 印刷の 大きさを はかって お知らせします。"
        )
        problems.append(files[match[1]].source.problem(field, message))
    return problems


def _longest(procedure: Procedure, instructor: bool) -> tuple[tuple, int]:
    """The longest field the sheet prints, as a field path for ``SourceMap.problem``, and its length."""
    fields: list[tuple[tuple, str]] = [(("title",), procedure.title), (("deadline", "text"), procedure.deadline.text or "")]
    fields += [(("important", i), text) for i, text in enumerate(procedure.important[:1])]
    fields += [(("for_whom", i), text) for i, text in enumerate(procedure.for_whom)]
    fields += [(("prepare", i, "item"), item.item) for i, item in enumerate(procedure.prepare)]
    for i, step in enumerate(procedure.steps):
        fields.append((("steps", i, "title"), step.title))
        if instructor:
            fields += [(("steps", i, "detail"), step.detail or ""), (("steps", i, "caution"), step.caution or "")]
    field, text = max(fields, key=lambda item: len(item[1]))
    return field, len(text)
