"""Read one YAML file into plain Python data plus a map from each field to its line and column.

PyYAML does the parsing (it keeps a mark on every node); this module only adds what PyYAML will not do
for us: refuse duplicate keys (PyYAML keeps the last one silently), report bytes that are not UTF-8 with
their line, and remember where every value stands so that schema errors can name a line.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem
from generator.kept import kept, keeping
from generator.loading.messages import syntax_problem
from generator.model.characters import describe, first_unsafe

FieldPath = tuple[str | int, ...]


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style scalars.

    Why: YAML 1.1 turns ``yes``/``no``/``on``/``off`` into booleans and ``2026-13-01`` into a crash in the
    date constructor. Here only ``true``/``false`` are booleans and dates stay strings, so the schema
    parses them and reports a bad date with its line like any other mistake.
    """


_StrictLoader.yaml_implicit_resolvers = {
    # "=" (YAML 1.1's value key) has no constructor in SafeLoader; here it is just a string, like "<<".
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value")
    ]
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
    content: bytes | None = None
    """A digest of the file's bytes (BLAKE2b, 16 bytes), which alone make ``data`` (the path only names the
    positions): what a step keyed by the data may be keyed by instead (``loading/validated.py``)."""


def format_field(field_path: FieldPath) -> str:
    """``("steps", 2, "title")`` → ``steps[3].title`` (list items counted from 1, as people count)."""
    text = ""
    for part in field_path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


MAX_FILE_BYTES = 256 * 1024
"""Largest input file. The biggest procedure is ~12 KB; a file 20 times that is a mistake (or an attack)."""

MAX_DEPTH = 12
"""Deepest nesting of lists and mappings. The data needs 4; PyYAML's composer recurses, so a 10,000-level
list would otherwise end in RecursionError."""


def load_yaml(path: Path) -> LoadedYaml:
    """Read ``path``; never raises for bad input, every problem is returned instead.

    This is the one door every input file comes through, so every way a file can be wrong ends here as a
    ``Problem`` with file, line and column: unreadable bytes, size, invisible characters, YAML syntax,
    YAML features the data never needs (anchors, aliases, tags, merge keys) and nesting depth.
    """
    source = SourceMap(path)

    def fail(line: int, column: int, message: str) -> LoadedYaml:
        return LoadedYaml(None, source, [Problem(path, line, column, "", message)])

    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block the read, a device would never end
            return fail(1, 1, "ふつうの ファイルでは ありません（名前付きパイプや デバイス など）。読みません。消して ください。")
        size = status.st_size
        if size > MAX_FILE_BYTES:
            return fail(1, 1, f"ファイルが 大きすぎます（{size // 1024:,} KB）。{MAX_FILE_BYTES // 1024} KB までに して ください。")
        raw = path.read_bytes()
    except OSError as error:
        return fail(1, 1, f"ファイルを 読めません（{error.strerror or type(error).__name__}）。")
    key = hashlib.blake2b(raw, digest_size=16).digest()
    cached = _PARSED.get(key)
    if cached is None:
        cached = _PARSED[key] = _parse_kept(path, raw)
        while len(_PARSED) > _PARSED_MAX:
            del _PARSED[next(iter(_PARSED))]
    if cached.source.path == path:
        return LoadedYaml(cached.data, cached.source, list(cached.problems), key)
    # The same bytes under another name (a copy of the project, a town's file read from another folder).
    return LoadedYaml(
        cached.data,
        SourceMap(path, cached.source.positions),
        [dataclasses.replace(problem, path=path) for problem in cached.problems],
        key,
    )


_PARSED: dict[bytes, LoadedYaml] = {}
"""Parsed files by content hash. ``check`` reads each procedure once per town and once more for dates, and a
copied project has the same bytes under other names. The content is the key, so an edited file is always read
again; the path a result names is the caller's. Callers must not modify ``data`` or the positions (nothing
does: models copy what they keep)."""
_PARSED_MAX = 512


def _parse_kept(path: Path, raw: bytes) -> LoadedYaml:
    """The parse of ``raw``, kept between builds (``generator/kept.py``) when it has no problem.

    Why: a rebuild after one edit read and composed every YAML file again (PyYAML's composer is pure Python:
    about 0.6 s of CPU for one town's 40 files). The key is the file's path and exact bytes (the store adds the
    code fingerprint, which covers this module and PyYAML's version), so an edited file is parsed again. A file
    with any problem is never kept: it is parsed again each time, and its messages come from this code.
    """
    if not keeping():
        return _parse(path, raw)
    made: list[LoadedYaml] = []

    def parse() -> bytes:
        made.append(_parse(path, raw))
        return _encoded(made[0])

    source = b"yaml\0" + str(path).encode("utf-8", errors="surrogatepass") + b"\0" + raw
    decoded = _decoded(path, kept(source, parse))
    if decoded is not None:
        return decoded
    return made[0] if made else _parse(path, raw)


def _encoded(loaded: LoadedYaml) -> bytes:
    """A problem-free parse in ``marshal``'s format (its data and every field's position, as they are: the same
    types, the positions' mapping whole); ``b""`` (not kept) otherwise, or when it would not give back exactly
    the same values (a date, which ``marshal`` cannot write). Why not JSON (until 2026-12-08): reading the ~40
    files' parses back and making their positions' mapping again was ~0.015 s of a rebuild; ``marshal`` reads them
    in about a third of that."""
    if loaded.data is None or loaded.problems:
        return b""
    try:
        encoded = marshal.dumps((loaded.data, loaded.source.positions))
    except ValueError:  # (a value marshal cannot write)
        return b""
    decoded = _decoded(loaded.source.path, encoded)
    if decoded is None or decoded.data != loaded.data or decoded.source.positions != loaded.source.positions:
        return b""
    return encoded


def _decoded(path: Path, encoded: bytes) -> LoadedYaml | None:
    try:
        data, positions = marshal.loads(encoded)
    except (EOFError, ValueError, TypeError):  # b"" (not kept) or a damaged entry: parse the file
        return None
    if type(positions) is not dict:
        return None
    return LoadedYaml(data, SourceMap(path, positions), [])


def _parse(path: Path, raw: bytes) -> LoadedYaml:
    source = SourceMap(path)

    def fail(line: int, column: int, message: str) -> LoadedYaml:
        return LoadedYaml(None, source, [Problem(path, line, column, "", message)])

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = (
            "UTF-8 ではない 文字が あります（Shift_JIS などで 保存されて いませんか）。"
            "エディタで 文字コードを UTF-8 にして 保存し直して ください。"
        )
        return fail(line, column, message)
    text = text.removeprefix("\ufeff")
    index = first_unsafe(text)
    if index is not None:
        line, column = _position(text, index)
        return fail(line, column, describe(text[index]))
    try:
        node = _compose(text)
        if node is None:
            return fail(1, 1, "ファイルが 空です。")
        problems: list[Problem] = []
        data = _Builder(source, problems).build(node, ())
    except _Refused as refused:
        return fail(refused.mark.line + 1, refused.mark.column + 1, refused.message)
    except yaml.YAMLError as error:
        return LoadedYaml(None, source, [syntax_problem(path, text, error)])
    except RecursionError:  # unreachable with MAX_DEPTH, kept so no input can ever show a traceback
        return fail(1, 1, f"入れ子が 深すぎます。{MAX_DEPTH} 段までに して ください。")
    return LoadedYaml(data, source, problems)


class _FastLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's parser and composer with the same scalar rules as ``_StrictLoader``."""


_FastLoader.yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers


def _compose(text: str) -> yaml.Node | None:
    """The file's node tree: composed by libyaml (C) when the file is plain YAML, else by ``_GuardedLoader``.

    Why two: PyYAML's composer in Python is most of what reading a project costs (about 5× libyaml's), but
    the guards (anchors, aliases, tags, depth) hook into it. So libyaml's event stream is checked first —
    cheap, and it never builds anything — and any file with one of those features, or any syntax error, is
    read again by the guarded Python composer, which refuses it or explains it exactly as before. Both give
    the same nodes, marks and values (``tests/loading/test_yaml_fast_path.py``)."""
    if not yaml.__with_libyaml__:
        return yaml.compose(text, Loader=_GuardedLoader)
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_FastLoader):
            if isinstance(event, yaml.AliasEvent) or (
                isinstance(event, yaml.NodeEvent) and (event.anchor is not None or getattr(event, "tag", None) is not None)
            ):
                break
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        else:
            return yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:
        pass
    return yaml.compose(text, Loader=_GuardedLoader)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class _Refused(Exception):
    """A YAML feature the data never needs, found while composing (carries the finished ``Problem``)."""

    def __init__(self, mark: yaml.Mark, message: str):
        super().__init__(message)
        self.mark = mark
        self.message = message


class _GuardedLoader(_StrictLoader):
    """Composes a document but stops at the first anchor, alias, tag or nesting level over ``MAX_DEPTH``.

    Anchors and aliases: an alias bomb expands 12 KB into gigabytes, a recursive alias loops; none of the
    data uses them (one procedure per file, written by hand). Tags: ``!!python/...`` must never mean
    anything; ``!foo`` would be ignored silently. Depth: PyYAML's composer recurses once per level, so the
    limit is checked before it goes down a level (the parser itself is not recursive).
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 (PyYAML's signature)
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"エイリアス（*{event.anchor}）は 使えません。同じ 内容を そのまま 書いて ください。")
        if event.anchor is not None:
            raise _Refused(event.start_mark, f"アンカー（&{event.anchor}）は 使えません。消して ください。")
        if event.tag is not None:
            raise _Refused(event.start_mark, f"タグ（{_short_tag(event.tag)}）は 使えません。消して ください。")
        if not isinstance(event, yaml.CollectionStartEvent):
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"入れ子が 深すぎます。{MAX_DEPTH} 段までに して ください。")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


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
        value = self.constructor.construct_object(node, deep=True)
        if isinstance(value, str):
            self._check_text(value, field_path)
        return value

    def _check_text(self, value: str, field_path: FieldPath) -> None:
        """Escaped controls (``"\\a"``, ``"\\u202e"``) pass the raw-text scan; the decoded value is checked here."""
        index = first_unsafe(value)
        if index is not None:
            self.problems.append(self.source.problem(field_path, describe(value[index])))

    def _build_mapping(self, node: yaml.MappingNode, field_path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(self.source.problem(field_path, "項目名（キー）には 文字だけを 書いて ください。"))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                message = "「<<:」（マージキー）は 使えません。項目を そのまま 書いて ください。"
                self.problems.append(Problem(self.source.path, line, column, format_field(field_path), message))
                continue
            key = str(self.constructor.construct_object(key_node))
            self.source.positions.setdefault(field_path + (key,), (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            self._check_text(key, field_path + (key,))
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
