"""Load every procedure and one municipality settings file, and report every problem at once."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.errors import InputError, Problem
from generator.loading.messages import explain
from generator.loading.yaml_source import LoadedYaml, SourceMap, load_yaml
from generator.model.catalog import Catalog
from generator.model.municipality import Municipality
from generator.model.procedure import Procedure

Model = TypeVar("Model", bound=BaseModel)


def load_catalog(procedures_dir: Path, settings_path: Path) -> Catalog:
    """Read and check everything; raise ``InputError`` listing every problem, or return the catalog."""
    problems: list[Problem] = []
    procedures = _load_procedures(procedures_dir, problems)
    municipality, settings_source = _load_model(settings_path, Municipality, problems)
    if municipality is not None:
        problems += _check_settings(municipality, settings_source, {p.id for p, _ in procedures})
    problems += _check_catalog(procedures)
    if problems:
        raise InputError(problems)
    assert municipality is not None
    ordered = tuple(sorted((p for p, _ in procedures), key=lambda p: p.id))
    return Catalog(municipality=municipality, procedures=ordered)


def procedure_files(procedures_dir: Path) -> list[Path]:
    """The procedure YAML files of a folder (``*.yml`` and ``*.yaml``), in name order."""
    return sorted([*procedures_dir.glob("*.yml"), *procedures_dir.glob("*.yaml")])


def _load_procedures(procedures_dir: Path, problems: list[Problem]) -> list[tuple[Procedure, SourceMap]]:
    files = procedure_files(procedures_dir)
    if not files:
        problems.append(Problem(procedures_dir, 1, 1, "", "手続きの YAML ファイルが 1つも ありません。"))
    loaded = []
    for path in files:
        procedure, source = _load_model(path, Procedure, problems)
        if procedure is not None:
            loaded.append((procedure, source))
    return loaded


def _load_model(path: Path, model: type[Model], problems: list[Problem]) -> tuple[Model | None, SourceMap]:
    """Parse one file into ``model``; on failure add its problems and return ``None``."""
    if not path.is_file():
        problems.append(Problem(path, 1, 1, "", "ファイルが 見つかりません。"))
        return None, SourceMap(path)
    document: LoadedYaml = load_yaml(path)
    problems += document.problems
    if document.data is None:
        return None, document.source
    try:
        result = model.model_validate(document.data)
    except ValidationError as error:
        for detail in error.errors():
            location = tuple(part for part in detail["loc"] if part != "[key]")
            problems.append(document.source.problem(location, explain(detail)))
        return None, document.source
    return (None if document.problems else result), document.source


def _check_catalog(procedures: list[tuple[Procedure, SourceMap]]) -> list[Problem]:
    """Checks across files: unique ids and slugs, related ids that exist."""
    problems: list[Problem] = []
    for attribute in ("id", "slug"):
        seen: dict[str, list[SourceMap]] = defaultdict(list)
        for procedure, source in procedures:
            seen[getattr(procedure, attribute)].append(source)
        for value, sources in seen.items():
            if len(sources) > 1:
                names = "、".join(str(s.path.name) for s in sources)
                for source in sources:
                    problems.append(source.problem((attribute,), f"{attribute}「{value}」が 複数の ファイルで 使われて います（{names}）。1つの 手続きに 1つに して ください。"))
    known = {procedure.id for procedure, _ in procedures}
    for procedure, source in procedures:
        for index, related in enumerate(procedure.related):
            if related not in known:
                problems.append(source.problem(("related", index), f"手続き「{related}」の ファイルが ありません。ある 手続きの ID を 書いて ください。"))
            elif related == procedure.id:
                problems.append(source.problem(("related", index), "自分自身の ID は 書けません。"))
    return problems


def _check_settings(municipality: Municipality, source: SourceMap, known_ids: set[str]) -> list[Problem]:
    """Settings must point at departments and procedures that exist."""
    problems: list[Problem] = []
    departments = sorted(municipality.departments)
    if municipality.default_department not in municipality.departments:
        problems.append(source.problem(("default_department",), f"departments に ない キーです。使える キー: {', '.join(departments)}。"))
    for procedure_id, local in municipality.procedures.items():
        if procedure_id not in known_ids:
            problems.append(source.problem(("procedures", procedure_id), f"手続き「{procedure_id}」の ファイルが procedures に ありません。"))
        if local.department not in municipality.departments:
            problems.append(source.problem(("procedures", procedure_id, "department"), f"departments に ない キーです。使える キー: {', '.join(departments)}。"))
    return problems
