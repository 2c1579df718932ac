"""``tetsuzuki new``: starter YAML files whose comments explain every field, generated from the models.

The comments are the ``Field`` descriptions of the pydantic models, so they never drift from the schema.
Required values are left as YAML blanks marked ``# ← 書いて ください（…）``: until the webmaster fills them,
``tetsuzuki check`` reports each blank with its line. Optional fields are written commented out.
"""

from __future__ import annotations

import datetime
import enum
import json
import types
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.model import Municipality, Procedure, patterns
from generator.model.vocabulary import ID_PREFIXES

PLACEHOLDER = "# ← 書いて ください"
OPTIONAL_NOTE = "（書かなくても かまいません）"


class ScaffoldExists(FileExistsError):
    """The file (or a procedure with the same id) is already there; ``new`` never overwrites."""


def procedure_scaffold(procedure_id: str, slug: str) -> str:
    """The text of a new procedure file with ``id``, ``slug`` and ``category`` filled in."""
    category = next(c for c, prefix in ID_PREFIXES.items() if procedure_id.startswith(prefix))
    header = [
        "# yaml-language-server: $schema=../schema/procedure.schema.json",
        "#",
        f"# 手続き {procedure_id} の ファイルです（tetsuzuki new で 作りました）。",
        f"# 「{PLACEHOLDER}」の ところに 値を 書いて、`tetsuzuki check` で たしかめて ください。",
        "# 行頭が「# 」の 項目は 書かなくても かまいません。使う ときは「# 」を 消して ください。",
        "# 出典で 確かめられない ことは 書かずに、ask_locally に 書いて ください。",
        "",
    ]
    values = {("id",): procedure_id, ("slug",): slug, ("category",): category.value}
    return "\n".join(header + _fields(Procedure, values, (), 0)) + "\n"


def municipality_scaffold(name: str | None) -> str:
    """The text of a new municipality settings file (``name`` filled in when given)."""
    header = [
        "# yaml-language-server: $schema=../schema/municipality.schema.json",
        "#",
        "# 自治体の 設定ファイルです（tetsuzuki new で 作りました）。",
        f"# 「{PLACEHOLDER}」の ところに 値を 書いて、`tetsuzuki check` で たしかめて ください。",
        "# 行頭が「# 」の 項目は 書かなくても かまいません。使う ときは「# 」を 消して ください。",
        "# 電話番号や URL は、自治体が 公開して いる ものだけを 書いて ください。",
        "",
    ]
    values: dict[tuple[str, ...], str] = {("default_department",): "yakuba"}
    if name:
        values[("name",)] = name
    return "\n".join(header + _fields(Municipality, values, (), 0)) + "\n"


def write_new(path: Path, text: str) -> Path:
    """Create ``path`` with ``text``; refuse to overwrite anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        raise ScaffoldExists(path) from None
    return path


# Example keys for dict fields, so the scaffold shows the shape (departments: {yakuba: {...}}).
_DICT_KEYS = {"departments": "yakuba", "procedures": "k01"}


def _fields(model: type[BaseModel], values: dict[tuple[str, ...], str], path: tuple[str, ...], indent: int) -> list[str]:
    lines: list[str] = []
    for name, info in model.model_fields.items():
        block = _field(name, info, values, path + (name,), indent)
        if not info.is_required() and (path + (name,)) not in values:
            block = [_comment_out(line, indent) for line in block]
        lines += block
    return lines


def _field(name: str, info: FieldInfo, values: dict, path: tuple[str, ...], indent: int) -> list[str]:
    pad = " " * indent
    annotation, metadata = _unwrap(info.annotation, list(info.metadata))
    # A field typed with a described alias (phone: Phone | None) carries the description in the alias.
    described = [m.description for m in metadata if isinstance(m, FieldInfo) and m.description]
    description = info.description or (described[0] if described else "")
    optional = not info.is_required()
    lines = [f"{pad}# {description}{OPTIONAL_NOTE if optional else ''}"] if description else []
    origin = typing.get_origin(annotation)
    if path in values:
        return lines + [f"{pad}{name}: {yaml_value(values[path])}"]
    if origin is list:
        (item,) = typing.get_args(annotation)
        item, item_metadata = _unwrap(item, [])
        lines.append(f"{pad}{name}:")
        if _is_model(item):
            lines += _list_item(item, values, path, indent + 2)
        else:
            lines.append(f"{pad}  - {PLACEHOLDER}（{_kind(item, item_metadata)}）")
        return lines
    if origin is dict:
        _, value_type = typing.get_args(annotation)
        key = _DICT_KEYS.get(name, "key")
        lines.append(f"{pad}{name}:")
        lines.append(f"{pad}  {key}:")
        lines += _fields(value_type, values, path + (key,), indent + 4)
        return lines
    if _is_model(annotation):
        return lines + [f"{pad}{name}:"] + _fields(annotation, values, path, indent + 2)
    default = info.get_default(call_default_factory=True)
    if optional and default not in (None, [], {}):
        return lines + [f"{pad}{name}: {_yaml_scalar(default)}"]
    return lines + [f"{pad}{name}: {PLACEHOLDER}（{_kind(annotation, metadata)}）"]


def _list_item(model: type[BaseModel], values: dict, path: tuple[str, ...], indent: int) -> list[str]:
    """One example item of a list of objects: ``- first: …`` then the other fields under it."""
    lines = _fields(model, values, path, indent + 2)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("#"):
            # The comments above the first field describe it: align them with the dash.
            head = [" " * indent + comment.strip() for comment in lines[:index]]
            return head + [" " * indent + "- " + stripped] + lines[index + 1:]
    return [" " * indent + "-"] + lines


def _comment_out(line: str, indent: int) -> str:
    stripped = line.lstrip()
    if stripped.startswith("# ") and not stripped.startswith(PLACEHOLDER):
        return line  # already a description comment
    return line[:indent] + "# " + line[indent:]


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """Strip ``Optional[...]`` and ``Annotated[...]``, keeping the constraints (patterns) found on the way."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata = metadata + extra
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0]
        else:
            return annotation, metadata


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _kind(annotation: Any, metadata: list[Any]) -> str:
    """What to write, in words a webmaster knows."""
    if typing.get_origin(annotation) is typing.Literal:
        return "、".join(str(a) for a in typing.get_args(annotation)) + " の どれか"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "、".join(str(member.value) for member in annotation) + " の どれか"
    if annotation is bool:
        return "true か false"
    if annotation is datetime.date:
        return "日付 YYYY-MM-DD"
    for item in metadata:
        hint = PATTERN_HINTS.get(patterns.code_of(str(getattr(item, "pattern", "") or "")) or "")
        if hint:
            return hint
    return "文章"


PATTERN_HINTS = {
    "https_url": "https:// で 始まる URL",
    "phone": "電話番号 例: 0178-88-2111",
    "procedure_id": "手続き ID 例: k01",
    "key": "英小文字・数字・- の 名前 例: post-originals",
    "slug": "英小文字・数字・- の 名前 例: jidou-teate-nintei-seikyu",
    "statement_ref": "summary、important.1、steps.6 など",
    "email": "メールアドレス 例: kosodate@town.example.lg.jp",
    "time_range": "あける 時刻と しめる 時刻 例: 8:30-17:15",
    "edition_key": "版の 名前 例: en",
    "edition_prefix": "アドレスの 頭 例: en/",
    "string_table": "文字の 表 例: ja、strings/en.yml",
    "string_key": "文字の 表の キー 例: edition.to_standard",
}
"""What to write in a field of each pattern (generator/model/patterns.py), keyed by the pattern's code."""


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def yaml_value(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly ``text``: plain when that is safe, else quoted.

    A name typed on the command line may hold what YAML treats as syntax: ``みどり町 #2`` (a comment),
    ``みどり町: 子育て`` (a mapping), ``*みどり町`` (an alias), ``"みどり町``. JSON's double-quoted string is
    also YAML's, escapes included.
    """
    try:
        if yaml.safe_load(f"key: {text}") == {"key": text} and text == text.strip():
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)
