"""Text variants of the YAML content: an edition's own text for the text fields of a procedure, a guide or the questions.

A declared edition (``editions.yml``) may have variant files beside the base files, in a folder named by its
key: ``procedures/<key>/k01-….yml``, ``life_events/<key>/birth.yml``, ``questions/<key>/flow.yml``, and the
town's ``municipalities/<key>/hashikami.yml`` (same file name as the base file). A variant gives the edition's
text for the fields listed in ``PROCEDURE_TEXT`` / ``GUIDE_TEXT`` / ``FLOW_TEXT`` / ``MUNICIPALITY_TEXT``;
everything else
— ids, categories, dates, URLs, phone numbers, PIN kinds, deadlines' rules, sources, related ids — is a fact and
comes from the base file only. A variant may repeat a fact (a translator can start from a copy of the base
file), but never change it, nor change how many items a list has: each is an error at the variant's file:line.
``keywords`` are the edition's own search words, any number (``PROCEDURE_OWN``).

For an edition with ``copy_missing: true`` (the same language: やさしい日本語) variants are optional, and a text a
variant leaves out is the base file's. For another language (``copy_missing: false``) every base file needs its
variant and every text field its text; what is missing is an error naming the field and the base file's line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Problem
from generator.loading.messages import explain
from generator.loading.validated import validated
from generator.loading.yaml_source import LoadedYaml, load_yaml
from generator.model.edition import Edition
from generator.model.hours import WeeklyHours
from generator.model.municipality import Municipality

PROCEDURE_TEXT = frozenset({
    "title", "summary", "important.*", "for_whom.*", "when.*", "who_can_apply.*", "deadline.text",
    "limitation.text", "prepare.*.item", "prepare.*.note", "steps.*.title", "steps.*.detail", "steps.*.caution",
    "other_ways.*.text", "after.*", "ask_locally.*.text", "changes.*.note",
})
"""The text fields of a procedure (``generator/model/procedure.py``): ``*`` is any item of a list."""

PROCEDURE_OWN = frozenset({"keywords"})
"""Lists an edition writes in full, with as many items as it needs (its own search words)."""

GUIDE_TEXT = frozenset({"intro", "steps.*.title", "steps.*.text", "steps.*.counter"})
"""The text fields of a life-event guide (``generator/model/guide.py``)."""

FLOW_TEXT = frozenset({
    "questions.*.text", "questions.*.hint", "questions.*.ask", "questions.*.options.*.label",
    "questions.*.options.*.hint", "questions.*.options.*.ask", "rules.*.because", "rules.*.only_if",
})
"""The text fields of the questions of 「わたしの 手続き」 (``generator/model/flow.py``): the ids, option values,
conditions, rules' procedures, deadlines and the order are facts (the rules and addresses refer to them)."""

MUNICIPALITY_TEXT = frozenset({
    "site_name", "sample_note", "departments.*.name", "departments.*.phone_note", "departments.*.hours",
    "departments.*.hours.closed.*", "departments.*.hours.note", "procedures.*.note", "procedures.*.answers.*.text",
    "procedures.*.notices.*.text", "notices.*.text",
})
"""The text fields of a town's settings (``generator/model/municipality.py``): here ``*`` is also any key of a
mapping (a department's or a procedure's key). ``departments.*.hours`` is text only in its one-line form; in
the weekly form its ``closed`` days and ``note`` are, and the dates the page reads from ``closed`` stay the
base file's (``with_base_closed_days``). Facts: the town's name and reading (``name``, ``name_kana``: proper names and
the ふりがな), the prefecture, phone numbers, addresses, URLs, e-mail, opening times, online status, dates,
notice kinds, sources and every key."""

_ABSENT = object()


@dataclass(frozen=True)
class TextFields:
    text: frozenset[str]
    own: frozenset[str] = frozenset()


PROCEDURE_FIELDS = TextFields(PROCEDURE_TEXT, PROCEDURE_OWN)
GUIDE_FIELDS = TextFields(GUIDE_TEXT)
FLOW_FIELDS = TextFields(FLOW_TEXT)
MUNICIPALITY_FIELDS = TextFields(MUNICIPALITY_TEXT)


def variant_folder(base_dir: Path, edition: Edition) -> Path:
    """Where ``edition``'s variants of the files in ``base_dir`` live: ``base_dir/<key>/``."""
    return base_dir / edition.key


def load_variants(
    edition: Edition, base_dir: Path, bases: list[tuple[BaseModel, LoadedYaml]], model: type[BaseModel],
    fields: TextFields, problems: list[Problem], *, whole_folder: bool = True,
) -> list[BaseModel]:
    """The edition's models of every base file in ``base_dir`` (in the order of ``bases``): the base model itself
    where the edition has no variant (``copy_missing``), else the base file's facts with the variant's texts.
    Adds every problem to ``problems``. ``whole_folder``: ``bases`` are all the folder's files, so a variant
    without a base file is an error (not so for a town's settings: the other towns' variants share the folder)."""
    folder = variant_folder(base_dir, edition)
    names = {document.source.path.name for _, document in bases}
    if folder.is_dir() and whole_folder:
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.suffix in (".yml", ".yaml") and not path.name.startswith(".") and path.name not in names:
                problems.append(Problem(path, 1, 1, "", f"元の ファイル {base_dir.name}/{path.name} が ないので、この 言いかえは 使えません。"))
    result = []
    for base, document in bases:
        path = folder / document.source.path.name
        if not path.is_file():
            if not edition.copy_missing:
                problems.append(Problem(
                    path, 1, 1, "",
                    f"「{edition.label}」の 版には {base_dir.name}/{edition.key}/{path.name} が 要ります"
                    f"（{document.source.path} の 文章の 言いかえ）。",
                ))
            result.append(base)
            continue
        variant = load_yaml(path)
        if variant.problems or variant.data is None:
            problems += variant.problems or [Problem(path, 1, 1, "", "ファイルが 空です。")]
            result.append(base)
            continue
        merged_problems: list[Problem] = []
        merged = _merge(document.data, variant.data, (), _Merge(fields, edition, document, variant, merged_problems))
        if merged_problems:
            problems += merged_problems
            result.append(base)
            continue
        try:
            result.append(validated(model, merged, context={"text_variant": True}))
        except ValidationError as error:
            for detail in error.errors():
                location = tuple(part for part in detail["loc"] if part != "[key]" and not str(part).startswith("<"))
                problems.append(variant.source.problem(location, explain(detail)))
            result.append(base)
    return result


@dataclass(frozen=True)
class _Merge:
    fields: TextFields
    edition: Edition
    base: LoadedYaml
    variant: LoadedYaml
    problems: list[Problem]

    def problem(self, path: tuple, message: str) -> None:
        self.problems.append(self.variant.source.problem(path, message))

    def base_place(self, path: tuple) -> str:
        line, _ = self.base.source.locate(path)
        return f"{self.base.source.path}:{line}"


def _matches(path: tuple, patterns: frozenset[str]) -> bool:
    """Whether ``path`` (keys and list indexes) is one of ``patterns``, where ``*`` stands for any one part."""
    parts = [str(part) for part in path]
    return any(
        len(pattern_parts) == len(parts) and all(p in ("*", part) for p, part in zip(pattern_parts, parts))
        for pattern_parts in (pattern.split(".") for pattern in patterns)
    )


def _merge(base: Any, variant: Any, path: tuple, merge: _Merge) -> Any:  # noqa: ANN401 (YAML data)
    if _matches(path, merge.fields.own):
        return base if variant is _ABSENT else variant  # the model checks its form
    # A text field holds text (a one-line form); the same field's mapping form is read part by part.
    if _matches(path, merge.fields.text) and not isinstance(base, (dict, list)):
        if variant is _ABSENT:
            if not merge.edition.copy_missing and base is not None:
                merge.problem(path, f"この 文の 言いかえが ありません（元: {merge.base_place(path)}）。")
            return base
        if base is None:
            merge.problem(path, f"元の ファイルに ない 文です（{merge.base_place(path)}）。言いかえは 元に ある 文だけに 書けます。")
            return base
        return variant
    if isinstance(base, dict):
        if variant is not _ABSENT and not isinstance(variant, dict):
            merge.problem(path, "元の ファイルと 同じ 形（「項目名: 値」）で 書いて ください。")
            return base
        given = {} if variant is _ABSENT else variant
        for key in given:
            if key not in base:
                merge.problem((*path, key), f"元の ファイルに ない 項目です（{merge.base_place(path)}）。")
        return {key: _merge(value, given.get(key, _ABSENT), (*path, key), merge) for key, value in base.items()}
    if isinstance(base, list):
        if variant is not _ABSENT and (not isinstance(variant, list) or len(variant) != len(base)):
            count = len(variant) if isinstance(variant, list) else 1
            merge.problem(path, f"元の ファイルと 同じ {len(base)}個を 同じ 順に 書いて ください（いまは {count}個。元: {merge.base_place(path)}）。")
            return base
        return [_merge(item, _ABSENT if variant is _ABSENT else variant[index], (*path, index), merge) for index, item in enumerate(base)]
    if variant is not _ABSENT and variant != base:
        merge.problem(path, f"ここは 事実なので 元の ファイルの 値しか 使えません（元は「{base}」、{merge.base_place(path)}）。消すか、元と 同じに して ください。")
    return base


def with_base_closed_days(base: Municipality, variant: Municipality) -> Municipality:
    """The settings variant with each weekly counter's closed dates read from the base file (「12月29日」 in its
    ``closed`` texts): the dates are a fact the page's 「きょうの 受付」 uses, and another language's text cannot
    be read for them (as a guide step's deadline is read from the base file's ``counter``)."""
    if variant is base:
        return variant
    departments = {}
    for key, department in variant.departments.items():
        hours, original = department.hours, base.departments[key].hours
        if isinstance(hours, WeeklyHours) and isinstance(original, WeeklyHours):
            department = department.model_copy(update={"hours": hours.with_closed_days(original.closed_days())})
        departments[key] = department
    return variant.model_copy(update={"departments": departments})
