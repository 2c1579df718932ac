"""Is a town ready to publish? What only the town can tell is still unknown, per town and per procedure.

Two uses:

- ``publish_blockers`` (called by the loader): a settings file that is not ``sample: true`` must give, for
  every procedure, its department and whether it can be applied for online (``yes`` or ``no``, not
  ``unknown``), and, for every department a page names, its phone number and opening hours. Each missing
  value is its own error, pinned to the place in the file where it belongs. Works on the raw YAML data, like
  the loader's other cross-file checks, so it reports alongside schema errors.
- ``readiness`` (used by ``tetsuzuki check``): the same facts counted for any town, plus the ``ask_locally``
  questions the town has not answered yet (these do not block publishing: the page then says whom to ask).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.errors import Problem
from generator.model import Catalog

_SAMPLE_FALSE = "公開用（sample: false）には"


def publish_blockers(data: dict[str, Any], procedure_ids: Iterable[str], source: Any) -> list[Problem]:
    """Every value a published town must give and does not (``source`` is the file's ``SourceMap``)."""
    if data.get("sample") is True:
        return []
    problems: list[Problem] = []
    departments = data.get("departments") if isinstance(data.get("departments"), dict) else {}
    local = data.get("procedures") if isinstance(data.get("procedures"), dict) else {}
    used = {data.get("default_department")}
    unset = []
    for procedure_id in sorted(procedure_ids):
        entry = local.get(procedure_id)
        if not isinstance(entry, dict):
            unset.append(procedure_id)
            continue
        used.add(entry.get("department"))
        if entry.get("online", "unknown") == "unknown":
            where = ("procedures", procedure_id, "online") if "online" in entry else ("procedures", procedure_id)
            message = f"{_SAMPLE_FALSE} 手続き {procedure_id} を オンラインで 申請 できるか（online: yes か no）が 必要です。"
            problems.append(source.problem(where, message))
    if unset:
        where = ("procedures",) if "procedures" in data else ("sample",)
        message = f"{_SAMPLE_FALSE} 手続きごとの 設定（department と online）が 必要です。ない 手続き: {'、'.join(unset)}。"
        problems.append(source.problem(where, message))
    for key in sorted(k for k in used if isinstance(k, str) and isinstance(departments.get(k), dict)):
        for name, label in (("phone", "電話番号（phone）"), ("hours", "受付時間（hours）")):
            if not departments[key].get(name):
                message = f"{_SAMPLE_FALSE} 問い合わせ先「{key}」の {label}が 必要です。"
                problems.append(source.problem(("departments", key), message))
    return problems


@dataclass
class Readiness:
    """What is still unknown for one town (ids in national order)."""

    town: str
    sample: bool
    online_unknown: list[str] = field(default_factory=list)
    department_unset: list[str] = field(default_factory=list)
    hours_missing: list[str] = field(default_factory=list)
    phone_missing: list[str] = field(default_factory=list)
    unanswered: dict[str, list[str]] = field(default_factory=dict)
    """Procedure id → keys of its ``ask_locally`` questions without a town answer."""
    questions: int = 0
    procedures: int = 0

    @property
    def blocking(self) -> bool:
        return bool(self.online_unknown or self.department_unset or self.hours_missing or self.phone_missing)

    def lines(self) -> list[str]:
        """The summary ``check`` prints, one line per kind of missing fact."""
        unanswered = sum(len(keys) for keys in self.unanswered.values())
        state = "見本" if self.sample else "公開用"
        lines = [f"{self.town}（{state}）:"]
        if not self.blocking and not unanswered:
            return lines + ["  公開に 必要な ことは すべて 書いて あります。"]
        lines.append(_line("オンライン申請が できるか わからない 手続き", self.online_unknown, self.procedures))
        lines.append(_line("担当の 課が 決まって いない 手続き", self.department_unset, self.procedures))
        lines.append(_line("受付時間が ない 問い合わせ先", self.hours_missing))
        lines.append(_line("電話番号が ない 問い合わせ先", self.phone_missing))
        lines.append(f"  自治体の 答えが まだ ない 質問（ページには「窓口に おたずねください」と 出ます）: {unanswered} / {self.questions}")
        return lines


_LISTED = 10
"""Ids are listed up to this many; more are counted only (the workbook shows them all)."""


def _line(label: str, ids: list[str], total: int | None = None) -> str:
    count = f"{len(ids)} / {total}" if total is not None else f"{len(ids)}"
    if total is not None and len(ids) == total and ids:
        return f"  {label}: {count}（すべて）"
    listed = "、".join(ids[:_LISTED]) + ("、…" if len(ids) > _LISTED else "")
    return f"  {label}: {count}" + (f"（{listed}）" if ids else "")


def readiness(catalog: Catalog) -> Readiness:
    municipality = catalog.municipality
    result = Readiness(municipality.name, municipality.sample, procedures=len(catalog.procedures))
    used = {municipality.default_department}
    for procedure in catalog.procedures:
        entry = municipality.procedures.get(procedure.id)
        if entry is None:
            result.department_unset.append(procedure.id)
        else:
            used.add(entry.department)
        if entry is None or entry.online == "unknown":
            result.online_unknown.append(procedure.id)
        open_keys = [q.key for q in procedure.ask_locally if not entry or q.key not in entry.answers]
        result.questions += len(procedure.ask_locally)
        if open_keys:
            result.unanswered[procedure.id] = open_keys
    for key in sorted(used):
        department = municipality.departments[key]
        if not department.hours:
            result.hours_missing.append(key)
        if not department.phone:
            result.phone_missing.append(key)
    return result
