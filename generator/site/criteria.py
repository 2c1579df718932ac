"""The 38 success criteria of JIS X 8341-3:2016 levels A and AA, and how this site's test decides each one.

JIS X 8341-3:2016 is identical to WCAG 2.0 (ISO/IEC 40500:2012); the names are the JIS ones. For each criterion
this module says one of three things, and the 達成基準チェックリスト of the accessibility page shows it:

- not applicable (適用 なし): the generator never makes that kind of content (no audio, video, time limits,
  moving or flashing content, images of text or transactions);
- decided by the automated checks of ``generator.model.audit.CHECKS`` (○ when every tested page passed them);
- not decidable by automated tools: a person has to judge it. The page marks these as such and never shows ○
  for them.

The criteria's names and the reasons (why one does not apply, why a person must judge it) are words, in the
string table's ``jis_criterion`` area (``jis_criterion.c1_1_1.name|why``), so an edition in another language
names them in its own (WCAG 2.0's names for English); ``generator.site.accessibility`` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["A", "AA"]

AREA = "jis_criterion"
"""The string table's area of the criteria's names and reasons (keys built from the numbers: ``c1_4_3``)."""


@dataclass(frozen=True)
class Criterion:
    number: str
    level: Level
    checks: tuple[str, ...] = ()
    """The automated checks (``CHECKS`` keys) that decide it; empty when a person must."""
    not_applicable: bool = False
    """The site has no content this criterion applies to (its reason: ``jis_criterion.<key>.why``)."""
    manual: bool = False
    """Automated tools cannot decide it (when ``checks`` is empty and it applies; the reason: ``….why``)."""

    @property
    def key(self) -> str:
        """Its entry in the string table's ``AREA``: ``1.4.3`` → ``c1_4_3``."""
        return "c" + self.number.replace(".", "_")


_AXE = ("axe_light", "axe_dark")

CRITERIA: tuple[Criterion, ...] = (
    Criterion("1.1.1", "A", manual=True),
    Criterion("1.2.1", "A", not_applicable=True),
    Criterion("1.2.2", "A", not_applicable=True),
    Criterion("1.2.3", "A", not_applicable=True),
    Criterion("1.3.1", "A", manual=True),
    Criterion("1.3.2", "A", manual=True),
    Criterion("1.3.3", "A", manual=True),
    Criterion("1.4.1", "A", manual=True),
    Criterion("1.4.2", "A", not_applicable=True),
    Criterion("2.1.1", "A", manual=True),
    Criterion("2.1.2", "A", manual=True),
    Criterion("2.2.1", "A", not_applicable=True),
    Criterion("2.2.2", "A", not_applicable=True),
    Criterion("2.3.1", "A", not_applicable=True),
    Criterion("2.4.1", "A", checks=("keyboard", *_AXE)),
    Criterion("2.4.2", "A", manual=True),
    Criterion("2.4.3", "A", manual=True),
    Criterion("2.4.4", "A", manual=True),
    Criterion("3.1.1", "A", checks=_AXE),
    Criterion("3.2.1", "A", manual=True),
    Criterion("3.2.2", "A", manual=True),
    Criterion("3.3.1", "A", manual=True),
    Criterion("3.3.2", "A", manual=True),
    Criterion("4.1.1", "A", checks=("html",)),
    Criterion("4.1.2", "A", checks=_AXE),
    Criterion("1.2.4", "AA", not_applicable=True),
    Criterion("1.2.5", "AA", not_applicable=True),
    Criterion("1.4.3", "AA", checks=_AXE),
    Criterion("1.4.4", "AA", checks=("text_200",)),
    Criterion("1.4.5", "AA", not_applicable=True),
    Criterion("2.4.5", "AA", manual=True),
    Criterion("2.4.6", "AA", manual=True),
    Criterion("2.4.7", "AA", checks=("keyboard",)),
    Criterion("3.1.2", "AA", manual=True),
    Criterion("3.2.3", "AA", manual=True),
    Criterion("3.2.4", "AA", manual=True),
    Criterion("3.3.3", "AA", manual=True),
    Criterion("3.3.4", "AA", not_applicable=True),
)
"""Level A (25) then level AA (13), each in the standard's order."""

MANUAL = tuple(criterion for criterion in CRITERIA if criterion.manual)
"""The applicable criteria that automated tools cannot decide."""
