"""The declared editions: ``editions.yml`` read, validated and checked against the string tables.

A project may put its own ``editions.yml`` beside ``mkdocs.yml``; without one, the package's declaration
(``generator/editions/editions.yml``: the standard edition and やさしい日本語) is used. Every problem is reported
like every other input problem (file:line, all at once).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generator.errors import InputError, Problem
from generator.layout import DEFAULT_INPUTS
from generator.loading.messages import explain
from generator.loading.validated import validated
from generator.loading.strings import string_table
from generator.loading.yaml_source import load_yaml
from generator.model.edition import Edition, EditionList

DEFAULT_EDITIONS = Path(__file__).resolve().parent.parent / "editions" / "editions.yml"
"""The package's declaration, used when a project has no ``editions.yml`` of its own."""


def editions_file(root: Path) -> Path:
    """The declaration a project under ``root`` is built with: its own file, else the package's."""
    own = root / DEFAULT_INPUTS.editions
    return own if own.is_file() else DEFAULT_EDITIONS


def load_editions(path: Path) -> tuple[Edition, ...]:
    """The editions declared in ``path``, with each ``strings`` given as a table name (``ja``) or, for a table
    file of the project (``strings/en.yml``), its absolute path. Raises ``InputError``."""
    document = load_yaml(path)
    problems = list(document.problems)
    if document.data is None:
        raise InputError(problems or [Problem(path, 1, 1, "", "版の 一覧が 空です。")])
    try:
        declared = validated(EditionList, document.data, decoded_from=document.content)
    except ValidationError as error:
        for detail in error.errors():
            problems.append(document.source.problem(tuple(detail["loc"]), explain(detail)))
        raise InputError(problems) from None
    if problems:
        raise InputError(problems)
    editions = []
    for index, edition in enumerate(declared.editions):
        where = ("editions", index)
        strings = edition.strings
        if strings.endswith(".yml"):
            table_path = (path.parent / strings).resolve()
            folder = (path.parent / DEFAULT_INPUTS.strings).resolve()
            if not table_path.is_relative_to(folder):
                # Only there is it an input of the build (copied, confined, in the build cache's key: generator/layout.py).
                problems.append(document.source.problem((*where, "strings"), f"文字の 表は {DEFAULT_INPUTS.strings}/ の 中に 置いて ください（{strings}）。"))
                continue
            if not table_path.is_file():
                problems.append(document.source.problem((*where, "strings"), f"文字の 表 {strings} が ありません（{table_path}）。"))
                continue
            strings = str(table_path)
        try:
            table = string_table(strings)
        except InputError as error:
            problems += error.problems
            continue
        if edition.link not in table.entries:
            problems.append(document.source.problem((*where, "link"), f"文字の 表 {table.name}.yml に この キーが ありません。"))
        editions.append(edition.model_copy(update={"strings": strings}))
    if problems:
        raise InputError(problems)
    return tuple(editions)
