"""Read one YAML file into plain Python data plus a map from each field to its line and column.

PyYAML does the parsing (it keeps a mark on every node); this module only adds what PyYAML will not do
for us: refuse duplicate keys (PyYAML keeps the last one silently), report bytes that are not UTF-8 with
their line, and remember where every value stands so that schema errors can name a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem

FieldPath = tuple[str | int, ...]


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style scalars.

    Why: YAML 1.1 turns ``yes``/``no``/``on``/``off`` into booleans and ``2026-13-01`` into a crash in the
    date constructor. Here only ``true``/``false`` are booleans and dates stay strings, so the schema
    parses them and reports a bad date with its line like any other mistake.
    """


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class SourceMap:
    """Where each field of a loaded document stands in its file (1-based line and column)."""

    path: Path
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, field_path: FieldPath) -> tuple[int, int]:
        """The position of ``field_path``, or of its nearest parent that exists (for missing fields)."""
        for end in range(len(field_path), -1, -1):
            position = self.positions.get(tuple(field_path[:end]))
            if position is not None:
                return position
        return (1, 1)

    def problem(self, field_path: FieldPath, message: str) -> Problem:
        line, column = self.locate(field_path)
        return Problem(self.path, line, column, format_field(field_path), message)


@dataclass
class LoadedYaml:
    """A document read from disk: its data (``None`` when unreadable), where things are, what was wrong."""

    data: Any
    source: SourceMap
    problems: list[Problem]


def format_field(field_path: FieldPath) -> str:
    """``("steps", 2, "title")`` → ``steps[3].title`` (list items counted from 1, as people count)."""
    text = ""
    for part in field_path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def load_yaml(path: Path) -> LoadedYaml:
    """Read ``path``; never raises for bad input, every problem is returned instead."""
    source = SourceMap(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = (
            "UTF-8 ではない 文字が あります（Shift_JIS などで 保存されて いませんか）。"
            "エディタで 文字コードを UTF-8 にして 保存し直して ください。"
        )
        return LoadedYaml(None, source, [Problem(path, line, column, "", message)])
    text = text.removeprefix("\ufeff")
    try:
        node = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (error.context, error.problem) if part)
        message = (
            f"YAML の 書き方に 誤りが あります（{what}）。"
            "この 行か その 前の 行の 字下げ（スペースの 数）、「:」の 後ろの 空白、かっこの 閉じ忘れを 確かめて ください。"
        )
        return LoadedYaml(None, source, [Problem(path, line, column, "", message)])
    if node is None:
        return LoadedYaml(None, source, [Problem(path, 1, 1, "", "ファイルが 空です。")])
    problems: list[Problem] = []
    data = _Builder(source, problems).build(node, ())
    return LoadedYaml(data, source, problems)


class _Builder:
    """Turns a composed node tree into Python data, recording positions and duplicate keys."""

    def __init__(self, source: SourceMap, problems: list[Problem]):
        self.source = source
        self.problems = problems
        self.constructor = _StrictLoader("")

    def build(self, node: yaml.Node, field_path: FieldPath) -> Any:
        self.source.positions[field_path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._build_mapping(node, field_path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, field_path + (index,)) for index, item in enumerate(node.value)]
        return self.constructor.construct_object(node, deep=True)

    def _build_mapping(self, node: yaml.MappingNode, field_path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(self.source.problem(field_path, "項目名（キー）には 文字だけを 書いて ください。"))
                continue
            key = str(self.constructor.construct_object(key_node))
            if key in result:
                line = key_node.start_mark.line + 1
                first_line = self.source.positions[field_path + (key,)][0]
                self.problems.append(
                    Problem(
                        self.source.path,
                        line,
                        key_node.start_mark.column + 1,
                        format_field(field_path + (key,)),
                        f"同じ 項目が 2回 書かれて います（{first_line} 行目にも あります）。1つに まとめて ください。",
                    )
                )
                continue
            result[key] = self.build(value_node, field_path + (key,))
            # A problem about a field points at its key ("title:"), not at a value on the next line.
            self.source.positions[field_path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result
