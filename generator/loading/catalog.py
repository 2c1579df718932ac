"""Load every procedure and one municipality settings file, and report every problem at once."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.errors import InputError, Problem
from generator.loading.flow import load_flow
from generator.loading.messages import explain
from generator.loading.yaml_source import LoadedYaml, SourceMap, load_yaml
from generator.model.audit import AuditReport
from generator.model.catalog import Catalog
from generator.model.guide import LifeEventGuide
from generator.model.municipality import Municipality
from generator.model.procedure import Procedure

Model = TypeVar("Model", bound=BaseModel)
_NATIONAL_ID = re.compile(r"k(0[1-9]|1[0-5])|c(0[1-9]|1[01])|d01")


def load_catalog(
    procedures_dir: Path,
    settings_path: Path,
    guides_dir: Path | None = None,
    audit_path: Path | None = None,
    flow_path: Path | None = None,
) -> Catalog:
    """Read and check everything; raise ``InputError`` listing every problem, or return the catalog.

    Cross-file checks run on the raw data of every file that parsed as YAML, even when its schema check
    failed, so one run reports every problem at once. Life-event guides (``guides_dir``, by default
    ``life_events/`` beside the procedures folder), the published accessibility test results
    (``audit_path``, by default ``accessibility/audit.json``) and the questions of 「わたしの 手続き」
    (``flow_path``, by default ``questions/flow.yml``) are optional.
    """
    problems: list[Problem] = []
    procedures = [_load_model(path, Procedure, problems) for path in procedure_files(procedures_dir)]
    if not procedures:
        problems.append(Problem(procedures_dir, 1, 1, "", "手続きの YAML ファイルが 1つも ありません。"))
    municipality, settings = _load_model(settings_path, Municipality, problems)
    documents = [document for _, document in procedures if isinstance(document.data, dict)]
    problems += _check_catalog(documents)
    known_ids = {str(d.data.get("id")) for d in documents}
    if isinstance(settings.data, dict):
        problems += _check_settings(settings, known_ids, _question_keys(documents))
    guides_dir = guides_dir if guides_dir is not None else procedures_dir.parent / "life_events"
    guides = [_load_model(path, LifeEventGuide, problems) for path in procedure_files(guides_dir)]
    problems += _check_guides([document for _, document in guides if isinstance(document.data, dict)], known_ids)
    flow = load_flow(flow_path if flow_path is not None else procedures_dir.parent / "questions" / "flow.yml", procedures, problems)
    audit = _load_audit(audit_path if audit_path is not None else procedures_dir.parent / "accessibility" / "audit.json", problems)
    if problems:
        raise InputError(problems)
    assert municipality is not None
    ordered = tuple(sorted((p for p, _ in procedures if p is not None), key=lambda p: p.id))
    by_event = {guide.event: guide for guide, _ in guides if guide is not None}
    return Catalog(municipality=municipality, procedures=ordered, guides=by_event, audit=audit, flow=flow)


def procedure_files(procedures_dir: Path) -> list[Path]:
    """The procedure YAML files of a folder (``*.yml`` and ``*.yaml``), in name order."""
    return sorted([*procedures_dir.glob("*.yml"), *procedures_dir.glob("*.yaml")])


def _load_model(path: Path, model: type[Model], problems: list[Problem]) -> tuple[Model | None, LoadedYaml]:
    """Parse one file into ``model``; on failure add its problems and return ``None`` with the raw data."""
    if not path.is_file():
        problems.append(Problem(path, 1, 1, "", "ファイルが 見つかりません。"))
        return None, LoadedYaml(None, SourceMap(path), [])
    document = load_yaml(path)
    problems += document.problems
    if document.data is None:
        return None, document
    try:
        result = model.model_validate(document.data)
    except ValidationError as error:
        for detail in error.errors():
            location = tuple(part for part in detail["loc"] if part != "[key]")
            problems.append(document.source.problem(location, explain(detail)))
        return None, document
    return (None if document.problems else result), document


def _check_catalog(documents: list[LoadedYaml]) -> list[Problem]:
    """Checks across files: unique ids and slugs, related ids that exist."""
    problems: list[Problem] = []
    for attribute in ("id", "slug"):
        seen: dict[str, list[LoadedYaml]] = defaultdict(list)
        for document in documents:
            if isinstance(document.data.get(attribute), str):
                seen[document.data[attribute]].append(document)
        for value, owners in seen.items():
            if len(owners) > 1:
                names = "、".join(owner.source.path.name for owner in owners)
                message = f"{attribute}「{value}」が 複数の ファイルで 使われて います（{names}）。1つの 手続きに 1つに して ください。"
                problems += [owner.source.problem((attribute,), message) for owner in owners]
    known = {document.data.get("id") for document in documents}
    for document in documents:
        related = document.data.get("related")
        for index, related_id in enumerate(related if isinstance(related, list) else []):
            if related_id not in known:
                message = f"手続き「{related_id}」の ファイルが ありません。ある 手続きの ID を 書いて ください。"
                problems.append(document.source.problem(("related", index), message))
            elif related_id == document.data.get("id"):
                problems.append(document.source.problem(("related", index), "自分自身の ID は 書けません。"))
    return problems


def _question_keys(documents: list[LoadedYaml]) -> dict[str, list[str]]:
    """The ``ask_locally`` keys of each procedure id, from the raw data (so broken files still count)."""
    keys: dict[str, list[str]] = {}
    for document in documents:
        questions = document.data.get("ask_locally")
        keys[str(document.data.get("id"))] = [
            str(question["key"]) for question in (questions if isinstance(questions, list) else [])
            if isinstance(question, dict) and "key" in question
        ]
    return keys


def _check_settings(settings: LoadedYaml, known_ids: set[str], question_keys: dict[str, list[str]]) -> list[Problem]:
    """Settings must point at departments, procedures and ``ask_locally`` questions that exist."""
    problems: list[Problem] = []
    data = settings.data
    departments = data.get("departments") if isinstance(data.get("departments"), dict) else {}
    choices = "、".join(sorted(departments)) or "（departments が 空です）"
    unknown_department = f"departments に ない キーです。使える キー: {choices}。"
    if "default_department" in data and data["default_department"] not in departments:
        problems.append(settings.source.problem(("default_department",), unknown_department))
    local = data.get("procedures") if isinstance(data.get("procedures"), dict) else {}
    for procedure_id, entry in local.items():
        if procedure_id not in known_ids:
            message = f"手続き「{procedure_id}」の ファイルが procedures に ありません。"
            problems.append(settings.source.problem(("procedures", procedure_id), message))
        if isinstance(entry, dict) and "department" in entry and entry["department"] not in departments:
            problems.append(settings.source.problem(("procedures", procedure_id, "department"), unknown_department))
        answers = entry.get("answers") if isinstance(entry, dict) else None
        keys = question_keys.get(str(procedure_id), [])
        for key in answers if isinstance(answers, dict) and procedure_id in known_ids else ():
            if key not in keys:
                message = f"手続き「{procedure_id}」の ask_locally に ない key です。使える key: {'、'.join(keys) or '（ありません）'}。"
                problems.append(settings.source.problem(("procedures", procedure_id, "answers", key), message))
    return problems


def _check_guides(documents: list[LoadedYaml], known_ids: set[str]) -> list[Problem]:
    """A guide is named after its event (``life_events/birth.yml``) and links procedures that exist."""
    problems: list[Problem] = []
    for document in documents:
        event = document.data.get("event")
        stem = document.source.path.stem
        if isinstance(event, str) and event != stem:
            message = f"event「{event}」と ファイル名「{stem}」が 合いません。ファイル名を {event}.yml に して ください。"
            problems.append(document.source.problem(("event",), message))
        steps = document.data.get("steps")
        for index, step in enumerate(steps if isinstance(steps, list) else []):
            linked = step.get("procedures") if isinstance(step, dict) else None
            for position, procedure_id in enumerate(linked if isinstance(linked, list) else []):
                # Ids of the wrong form are already reported by the schema check.
                if isinstance(procedure_id, str) and _NATIONAL_ID.fullmatch(procedure_id) and procedure_id not in known_ids:
                    message = f"手続き「{procedure_id}」の ファイルが procedures に ありません。ある 手続きの ID を 書いて ください。"
                    problems.append(document.source.problem(("steps", index, "procedures", position), message))
    return problems


def _load_audit(path: Path, problems: list[Problem]) -> AuditReport | None:
    """The browser suite's published results, or ``None`` when the site has not been audited yet."""
    if not path.is_file():
        return None
    try:
        return AuditReport.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, ValidationError) as error:
        message = (
            "アクセシビリティ試験の 結果ファイルが 読めません。手で 直さず、"
            f"bash scripts/audit.sh で 作り直して ください（{str(error).splitlines()[0]}）。"
        )
        problems.append(Problem(path, 1, 1, "", message))
        return None
