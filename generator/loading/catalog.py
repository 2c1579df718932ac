"""Load every procedure and one municipality settings file, and report every problem at once."""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.loading.editions import editions_file, load_editions
from generator.loading.readings import load_readings, settings_readings
from generator.loading.variants import (
    FLOW_FIELDS, GUIDE_FIELDS, MUNICIPALITY_FIELDS, PROCEDURE_FIELDS, load_variants, with_base_closed_days,
)
from generator.errors import InputError, Problem
from generator.layout import DEFAULT_INPUTS
from generator.loading.flow import load_flow
from generator.loading.messages import explain
from generator.loading.validated import validated
from generator.loading.yaml_source import LoadedYaml, SourceMap, load_yaml
from generator.model.audit import AuditReport
from generator.model.catalog import Catalog, EditionTexts
from generator.model.finder_words import FinderWords, QueryWords
from generator.model.flow import Flow
from generator.model.guide import LifeEventGuide
from generator.model.patterns import NATIONAL_IDS, PROCEDURE_ID_BODY
from generator.model.municipality import Municipality
from generator.model.procedure import Procedure
from generator.readiness import publish_blockers

Model = TypeVar("Model", bound=BaseModel)
_NATIONAL_ID = re.compile(PROCEDURE_ID_BODY)



_ID_PREFIX = re.compile(rf"^({PROCEDURE_ID_BODY})-")
_YAML_SUFFIXES = (".yml", ".yaml")


def load_catalog(
    procedures_dir: Path,
    settings_path: Path,
    guides_dir: Path | None = None,
    audit_path: Path | None = None,
    flow_path: Path | None = None,
    words_path: Path | None = None,
    editions_path: Path | None = None,
) -> Catalog:
    """Read and check everything; raise ``InputError`` listing every problem, or return the catalog.

    Cross-file checks run on the raw data of every file that parsed as YAML, even when its schema check
    failed, so one run reports every problem at once. A procedure file that cannot be read is the real
    cause of every "procedure k01 does not exist" elsewhere: those follow-on problems are grouped into one
    note on that file instead of burying it. Life-event guides (``guides_dir``, by default
    ``life_events/`` beside the procedures folder) and the published accessibility test results
    (``audit_path``, by default ``accessibility/audit.json``) are optional, and so is the finder's
    everyday-word dictionary (``words_path``, by default ``finder/synonyms.yml``) and the questions of
    「わたしの 手続き」 (``flow_path``, by default ``questions/flow.yml``). The editions are declared in
    ``editions_path`` (by default the project's ``editions.yml``, else the package's); an edition's text
    variants (``procedures/<key>/``, ``life_events/<key>/``, ``questions/<key>/`` and the town's
    ``<settings folder>/<key>/<settings file name>``) are read when every base file is valid.
    """
    problems: list[Problem] = []
    problems += misnamed_files(procedures_dir)
    procedures = [_load_model(path, Procedure, problems) for path in procedure_files(procedures_dir)]
    if not procedures:
        where = "" if procedures_dir.is_dir() else "（この フォルダが ありません。mkdocs.yml の procedures を 確かめて ください）"
        problems.append(Problem(procedures_dir, 1, 1, "", f"手続きの YAML ファイルが 1つも ありません{where}。"))
    municipality, settings = _load_model(settings_path, Municipality, problems)
    documents = [document for _, document in procedures if isinstance(document.data, dict)]
    unreadable = _unreadable_procedures(procedures_dir, procedures)
    if not procedures:  # every reference to a procedure follows from this one cause
        unreadable = {procedure_id: procedures_dir for procedure_id in NATIONAL_IDS} | unreadable
    references = _References(unreadable)
    problems += _check_catalog(documents, references)
    known_ids = {_normal(d.data.get("id")) for d in documents}
    if isinstance(settings.data, dict):
        problems += _check_settings(settings, known_ids, _question_keys(documents), references)
        if settings.data.get("sample") is not True:
            problems += _check_complete(procedures_dir, settings, known_ids | set(references.unreadable))
        problems += publish_blockers(settings.data, known_ids, settings.source)
    guides_dir = guides_dir if guides_dir is not None else procedures_dir.parent / DEFAULT_INPUTS.life_events
    problems += misnamed_files(guides_dir)
    guides = [_load_model(path, LifeEventGuide, problems) for path in procedure_files(guides_dir)]
    problems += _check_guides([document for _, document in guides if isinstance(document.data, dict)], known_ids, references)
    problems += references.grouped()
    by_event = {guide.event: guide for guide, _ in guides if guide is not None}
    flow_path = flow_path if flow_path is not None else procedures_dir.parent / DEFAULT_INPUTS.questions
    flow = load_flow(flow_path, procedures, by_event, problems)
    audit = _load_audit(audit_path if audit_path is not None else procedures_dir.parent / DEFAULT_INPUTS.audit, problems)
    words_path = words_path if words_path is not None else procedures_dir.parent / DEFAULT_INPUTS.finder_words
    words = _load_model(words_path, FinderWords, problems)[0] if words_path.is_file() else FinderWords()
    query_words_path = words_path.with_name(Path(DEFAULT_INPUTS.finder_query_words).name)
    query_words = _load_model(query_words_path, QueryWords, problems)[0] if query_words_path.is_file() else QueryWords()
    try:
        readings = load_readings(procedures_dir.parent / DEFAULT_INPUTS.readings)
    except InputError as error:
        problems += error.problems
    editions = ()
    try:
        editions = load_editions(editions_path or editions_file(procedures_dir.parent))
    except InputError as error:
        problems += error.problems
    if problems:
        raise InputError(problems)
    assert municipality is not None
    texts = {}
    for edition in editions[1:]:
        edition_procedures = load_variants(edition, procedures_dir, procedures, Procedure, PROCEDURE_FIELDS, problems)
        edition_guides = load_variants(edition, guides_dir, guides, LifeEventGuide, GUIDE_FIELDS, problems)
        flows = [(flow, load_yaml(flow_path))] if flow is not None else []
        edition_flows = load_variants(edition, flow_path.parent, flows, Flow, FLOW_FIELDS, problems)
        # The town's settings: municipalities/<key>/<town>.yml (the other towns' variants share that folder).
        towns = [(municipality, settings)]
        edition_town = load_variants(edition, settings_path.parent, towns, Municipality, MUNICIPALITY_FIELDS, problems, whole_folder=False)
        edition_town = [with_base_closed_days(municipality, edition_town[0])]
        bases = procedures + guides + flows + towns
        if any(variant is not base for variant, (base, _) in zip(edition_procedures + edition_guides + edition_flows + edition_town, bases)):
            texts[edition.key] = EditionTexts(
                procedures=tuple(sorted(edition_procedures, key=lambda p: p.id)),
                guides={guide.event: guide for guide in edition_guides},
                flow=edition_flows[0] if edition_flows else None,
                municipality=None if edition_town[0] is municipality else edition_town[0],
            )
    if problems:
        raise InputError(problems)
    ordered = tuple(sorted((p for p, _ in procedures if p is not None), key=lambda p: p.id))
    return Catalog(
        municipality=municipality, procedures=ordered, guides=by_event, audit=audit, finder_words=words or FinderWords(),
        finder_query_words=query_words or QueryWords(),
        flow=flow, readings=readings.with_words(settings_readings(municipality), "settings").words,
        editions=editions, edition_texts=texts,
    )


def procedure_files(procedures_dir: Path) -> list[Path]:
    """The YAML files a person made in a folder (``*.yml`` and ``*.yaml``, no leftovers), in name order."""
    return sorted(p for p in [*procedures_dir.glob("*.yml"), *procedures_dir.glob("*.yaml")] if not is_leftover(p))


_LEFTOVER_SUFFIXES = (".bak", ".backup", ".orig", ".old", ".sav", ".swp", ".swo", ".swx", ".tmp", ".temp", ".rej")


def is_leftover(path: Path) -> bool:
    """A file no person made as input: hidden (``.koge.x1y2.yml`` of a killed workbook read, ``.#koge.yml`` of
    Emacs, ``.koge.yml.swp`` of Vim), an Office lock (``~$koge.yml``), or a backup (``koge.yml~``, ``#koge.yml#``,
    ``koge.yml.bak``). Such files are never read as input, and no message suggests renaming one over the real
    file, which holds the approved data."""
    name = path.name
    return name.startswith((".", "~")) or name.endswith(("~", "#")) or path.suffix.lower() in _LEFTOVER_SUFFIXES


def misnamed_files(folder: Path) -> list[Problem]:
    """Files in an input folder that would be skipped: ``.YML`` (Windows), ``.yml.txt`` (Notepad), ``.md``, ….

    A skipped procedure loses its page and the short address printed on its flyer, so it must not pass
    silently. Leftovers (``is_leftover``: hidden, lock and backup files) and sub-folders are left alone.
    """
    if not folder.is_dir():
        return []
    problems = []
    for path in sorted(folder.iterdir()):
        if is_leftover(path) or not path.is_file() or path.suffix in _YAML_SUFFIXES:
            continue
        lowered = path.name.lower()
        cut = min((lowered.find(suffix) for suffix in _YAML_SUFFIXES if suffix in lowered), default=-1)
        if cut > 0 and (folder / f"{path.name[:cut]}.yml").exists():
            # Never advise a rename over an existing file: that one holds the data in use.
            advice = f"同じ 名前の 「{path.name[:cut]}.yml」が あります。いらなければ 消すか、{folder.name}/ の 外に 移して ください"
        elif cut > 0:
            advice = f"名前を 「{path.name[:cut]}.yml」に 変えて ください"
        else:
            advice = f"YAML の ファイルなら 名前を 「{path.stem}.yml」に、そうで なければ {folder.name}/ の 外に 移して ください"
        message = f"この ファイルは 拡張子が 「.yml」では ないため 読み込まれません。{advice}。"
        problems.append(Problem(path, 1, 1, "", message))
    return problems


def _normal(value: object) -> str:
    """An id or slug as the model will see it (surrounding spaces stripped), so "k01 " clashes with "k01"."""
    return str(value).strip()


def _unreadable_procedures(procedures_dir: Path, procedures: list[tuple[Procedure | None, LoadedYaml]]) -> dict[str, Path]:
    """Procedure id → file, for files named ``<id>-….yml`` whose id could not be read (or that are misnamed)."""
    unreadable: dict[str, Path] = {}
    for problem in misnamed_files(procedures_dir):
        match = _ID_PREFIX.match(problem.path.name)
        if match:
            unreadable.setdefault(match[1], problem.path)
    for _, document in procedures:
        match = _ID_PREFIX.match(document.source.path.name)
        data = document.data if isinstance(document.data, dict) else {}
        if match and not _NATIONAL_ID.fullmatch(_normal(data.get("id", ""))):
            unreadable.setdefault(match[1], document.source.path)
    return unreadable


class _References:
    """References to procedure ids that do not exist: reported at once, or grouped under their real cause."""

    def __init__(self, unreadable: dict[str, Path]):
        self.unreadable = unreadable
        self.follow_ons: dict[str, list[Problem]] = defaultdict(list)

    def missing(self, procedure_id: object, problem: Problem) -> list[Problem]:
        """``problem`` as a list to report now, or ``[]`` when it only follows from an unreadable file."""
        key = _normal(procedure_id)
        if key in self.unreadable:
            self.follow_ons[key].append(problem)
            return []
        return [problem]

    def grouped(self) -> list[Problem]:
        by_place: dict[Path, list[str]] = defaultdict(list)
        for procedure_id in self.follow_ons:
            by_place[self.unreadable[procedure_id]].append(procedure_id)
        notes = []
        for place, ids in by_place.items():
            if place.is_file() or len(ids) == 1:
                continue
            # No procedure files at all: one note for every id, not one per id.
            follow_ons = [problem for procedure_id in ids for problem in self.follow_ons.pop(procedure_id)]
            places = "、".join(f"{p.path.name}:{p.line}" for p in sorted(follow_ons)[:3])
            message = (
                f"手続きの ファイルが ないので、手続きを 使う {len(follow_ons)} か所（{places} ほか）も "
                "「見つかりません」に なります。この フォルダを 直せば 消えます。"
            )
            notes.append(Problem(place, 1, 1, "", message))
        for procedure_id, follow_ons in sorted(self.follow_ons.items()):
            places = "、".join(f"{p.path.name}:{p.line}" for p in sorted(follow_ons)[:3])
            more = f" ほか {len(follow_ons) - 3} か所" if len(follow_ons) > 3 else ""
            message = (
                f"この ファイルを 読めないので、手続き「{procedure_id}」を 使う {len(follow_ons)} か所（{places}{more}）も "
                "「見つかりません」に なります。この ファイルを 直せば 消えます。"
            )
            notes.append(Problem(self.unreadable[procedure_id], 1, 1, "", message))
        return notes


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
        result = validated(model, document.data, decoded_from=document.content)
    except ValidationError as error:
        # The loader already named a bad character precisely; the schema's own check of it adds nothing.
        already = {(p.line, p.field) for p in document.problems}
        for detail in error.errors():
            # "[key]" and the tags of a field with two forms (「<week>」 of hours) are pydantic's, not the file's.
            location = tuple(part for part in detail["loc"] if part != "[key]" and not str(part).startswith("<"))
            problem = document.source.problem(location, explain(detail))
            if (problem.line, problem.field) not in already:
                problems.append(problem)
        return None, document
    return (None if document.problems else result), document


def _check_catalog(documents: list[LoadedYaml], references: _References) -> list[Problem]:
    """Checks across files: unique ids and slugs, related ids that exist."""
    problems: list[Problem] = []
    for attribute in ("id", "slug"):
        seen: dict[str, list[LoadedYaml]] = defaultdict(list)
        for document in documents:
            if isinstance(document.data.get(attribute), str):
                seen[_normal(document.data[attribute])].append(document)
        for value, owners in seen.items():
            if len(owners) > 1:
                names = "、".join(owner.source.path.name for owner in owners)
                message = f"{attribute}「{value}」が 複数の ファイルで 使われて います（{names}）。1つの 手続きに 1つに して ください。"
                problems += [owner.source.problem((attribute,), message) for owner in owners]
    known = {_normal(document.data.get("id")) for document in documents}
    for document in documents:
        related = document.data.get("related")
        for index, related_id in enumerate(related if isinstance(related, list) else []):
            if _normal(related_id) not in known:
                message = f"手続き「{related_id}」の ファイルが ありません。ある 手続きの ID を 書いて ください。"
                problems += references.missing(related_id, document.source.problem(("related", index), message))
            elif _normal(related_id) == _normal(document.data.get("id")):
                problems.append(document.source.problem(("related", index), "自分自身の ID は 書けません。"))
    return problems


def _question_keys(documents: list[LoadedYaml]) -> dict[str, list[str]]:
    """The ``ask_locally`` keys of each procedure id, from the raw data (so broken files still count)."""
    keys: dict[str, list[str]] = {}
    for document in documents:
        questions = document.data.get("ask_locally")
        keys[_normal(document.data.get("id"))] = [
            str(question["key"]) for question in (questions if isinstance(questions, list) else [])
            if isinstance(question, dict) and "key" in question
        ]
    return keys


def _check_settings(
    settings: LoadedYaml, known_ids: set[str], question_keys: dict[str, list[str]], references: _References
) -> list[Problem]:
    """Settings must point at departments, procedures and ``ask_locally`` questions that exist."""
    problems: list[Problem] = []
    data = settings.data
    departments = data.get("departments") if isinstance(data.get("departments"), dict) else {}
    choices = "、".join(sorted(map(str, departments))) or "（departments が 空です）"
    unknown_department = f"departments に ない キーです。使える キー: {choices}。"
    if "default_department" in data and data["default_department"] not in departments:
        problems.append(settings.source.problem(("default_department",), unknown_department))
    local = data.get("procedures") if isinstance(data.get("procedures"), dict) else {}
    for procedure_id, entry in local.items():
        if _normal(procedure_id) not in known_ids:
            message = f"手続き「{procedure_id}」の ファイルが procedures に ありません。"
            problems += references.missing(procedure_id, settings.source.problem(("procedures", procedure_id), message))
        if isinstance(entry, dict) and "department" in entry and entry["department"] not in departments:
            problems.append(settings.source.problem(("procedures", procedure_id, "department"), unknown_department))
        answers = entry.get("answers") if isinstance(entry, dict) else None
        keys = question_keys.get(_normal(procedure_id), [])
        for key in answers if isinstance(answers, dict) and _normal(procedure_id) in known_ids else ():
            if key not in keys:
                message = f"手続き「{procedure_id}」の ask_locally に ない key です。使える key: {'、'.join(keys) or '（ありません）'}。"
                problems.append(settings.source.problem(("procedures", procedure_id, "answers", key), message))
    return problems


def _check_complete(procedures_dir: Path, settings: LoadedYaml, present: set[str]) -> list[Problem]:
    """A published town (not ``sample: true``) must offer every procedure: a missing one is a lost page."""
    missing = [procedure_id for procedure_id in NATIONAL_IDS if procedure_id not in present]
    if not missing:
        return []
    message = (
        f"公開用の 設定（sample: true では ない）には {len(NATIONAL_IDS)} の 手続きが すべて 必要ですが、"
        f"{'、'.join(missing)} の ファイルが {procedures_dir.name}/ に ありません。"
    )
    return [settings.source.problem(("sample",), message) if "sample" in settings.data else Problem(settings.source.path, 1, 1, "", message)]


def _check_guides(documents: list[LoadedYaml], known_ids: set[str], references: _References) -> list[Problem]:
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
                normal = _normal(procedure_id)
                if isinstance(procedure_id, str) and _NATIONAL_ID.fullmatch(normal) and normal not in known_ids:
                    message = f"手続き「{procedure_id}」の ファイルが procedures に ありません。ある 手続きの ID を 書いて ください。"
                    problem = document.source.problem(("steps", index, "procedures", position), message)
                    problems += references.missing(procedure_id, problem)
    return problems


def _load_audit(path: Path, problems: list[Problem]) -> AuditReport | None:
    """The browser suite's published results, or ``None`` when the site has not been audited yet."""
    if not path.is_file():
        return None
    try:
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
        return validated(AuditReport, data, decoded_from=hashlib.sha256(raw).digest())  # (SHA-256: in hardware here)
    except (ValueError, ValidationError) as error:
        message = (
            "アクセシビリティ試験の 結果ファイルが 読めません。手で 直さず、"
            f"bash scripts/audit.sh で 作り直して ください（{str(error).splitlines()[0]}）。"
        )
        problems.append(Problem(path, 1, 1, "", message))
        return None
