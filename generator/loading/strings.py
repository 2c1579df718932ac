"""The string tables: the words templates write themselves, one table per language (``generator/strings/*.yml``).

A table is a YAML mapping of areas to entries (``start: {title: "{town}で 申し込む には"}``); a template writes
an entry with ``t("start.title", town=...)`` (``generator/templating.py``). An entry is trusted markup (it may
hold ``<wbr>`` or a link to an anchor); the values put into its ``{name}`` slots are escaped.

``ja.yml`` is the reference: every other table must have exactly its keys, each with the same slots, so a new
language cannot silently miss a sentence. Problems are reported like every other input problem (file:line,
all at once). An edition names its table (``Catalog.strings``); both Japanese editions use ``ja``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import EscapeFormatter, Markup

from generator.errors import InputError, Problem
from generator.loading.yaml_source import load_yaml

TABLES = Path(__file__).resolve().parent.parent / "strings"
"""Where the tables live: inside the package, beside the templates that use them (and in the build cache's key)."""

REFERENCE = "ja"
"""The table every other one is checked against."""

_ESCAPING = EscapeFormatter(Markup.escape)
"""How ``Markup.format`` writes a value into a slot (``StringTable._format``)."""

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
"""How a key's part and a slot are written."""


@dataclass(frozen=True)
class StringTable:
    name: str
    """The table's name, its file's stem: ``ja``."""
    entries: Mapping[str, str]
    """Dotted key (``start.title``) → the entry's text."""
    places: Mapping[str, str]
    """Dotted key → where it is written (``generator/strings/ja.yml:12``), for error messages."""
    path: str = ""
    """For a project's own table, its absolute path (what ``string_table`` was given); empty for a package table."""
    _without_slots: dict[str, Markup] = dataclasses.field(default_factory=dict, init=False, compare=False, repr=False)
    """``text(key)`` of the entries asked for without values, made once (a town's pages ask ~20,000 times)."""
    _parsed: dict[str, list[tuple[str, str | None]]] = dataclasses.field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    """Each entry asked for with values, split once into (text, slot) pieces (``_format``)."""

    @property
    def ref(self) -> str:
        """What ``string_table`` takes to give this table again (``Catalog.strings``): ``ja`` or the path."""
        return self.path or self.name

    def text(self, key: str, **values: object) -> Markup:
        """The entry ``key`` with its slots filled, as markup; values are escaped unless they are already markup."""
        if not values:
            known = self._without_slots.get(key)
            if known is None:
                known = self._without_slots[key] = self._fill(key, lambda entry: Markup(entry).format())
            return known
        return self._fill(key, lambda entry: self._format(key, entry, values))

    def _format(self, key: str, entry: str, values: dict[str, object]) -> Markup:
        """``Markup(entry).format(**values)``, without parsing the entry again each time: an entry has only plain
        ``{name}`` slots (``slots`` refuses any other), so the pieces are its text and its slots, in order, and each
        value is written as MarkupSafe's own formatter writes it (escaped unless it is markup)."""
        pieces = self._parsed.get(key)
        if pieces is None:
            pieces = self._parsed[key] = [(text, name) for text, name, _, _ in string.Formatter().parse(entry)]
        written = []
        for text, name in pieces:
            written.append(text)
            if name is not None:
                written.append(_ESCAPING.format_field(values[name], ""))
        return Markup("".join(written))

    def plain(self, key: str, **values: object) -> str:
        """The entry ``key`` as plain text, for Python code (a page title, a line a template escapes itself):
        nothing is escaped, so an entry used this way holds no markup (``test_string_tables`` checks)."""
        return self._fill(key, lambda entry: entry.format(**values))

    def script(self, area: str) -> Markup:
        """The entries of ``area`` as one JSON object (``{"key": "words"}``, the key without its area) for a
        page's script, which fills the ``{slots}`` itself (``say`` in flow.js and finder.js): written into the
        page as ``<script type="application/json">``, so the edition's finishing treats them as the page's own
        words. Plain text (the script writes it with ``textContent``); ``<`` is escaped, so nothing can close
        the element."""
        prefix = f"{area}."
        words = {key.removeprefix(prefix): entry for key, entry in self.entries.items() if key.startswith(prefix)}
        if not words:
            raise KeyError(f"the string table {self.name}.yml has no area {area!r}")
        return Markup(json.dumps(words, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"))

    def _fill(self, key: str, fill):  # noqa: ANN001, ANN202 (a str → str or Markup function)
        if key not in self.entries:
            raise KeyError(f"the string table {self.name}.yml has no entry {key!r}")
        try:
            return fill(self.entries[key])
        except KeyError as missing:
            raise KeyError(f"{self.places[key]}: {key} needs a value for {missing}") from None


def slots(entry: str) -> frozenset[str]:
    """The names of the ``{name}`` slots of an entry. A slot with a format (``{count:>3}``, ``{town!r}``) is
    refused with ``ValueError``: how a value is written is the template's job, the same in every language."""
    names = []
    for _, name, spec, conversion in string.Formatter().parse(entry):
        if name is not None:
            if spec or conversion:
                raise ValueError(f"{{{name}}} だけを 書きます")
            names.append(name)
    return frozenset(names)


def load_table(path: Path, reference: StringTable | None = None) -> StringTable:
    """One table; with ``reference``, also checked against it (same keys, same slots). Raises ``InputError``."""
    loaded = load_yaml(path)
    problems = list(loaded.problems)
    entries: dict[str, str] = {}
    places: dict[str, str] = {}
    lines: dict[str, tuple[int, int]] = {}
    where = f"generator/strings/{path.name}" if path.parent == TABLES else str(path)

    def walk(node: object, field_path: tuple[str, ...]) -> None:
        if not isinstance(node, dict):
            problems.append(loaded.source.problem(field_path, "「見出し: ことば」の 形で 書いて ください。"))
            return
        for key, value in node.items():
            here = (*field_path, key)
            line, column = loaded.source.locate(here)
            dotted = ".".join(str(part) for part in here)
            if not isinstance(key, str) or not _NAME.match(key):
                problems.append(Problem(path, line, column, dotted, "キーは 英小文字・数字・_ で 書いて ください。"))
            elif isinstance(value, dict):
                walk(value, here)
            elif not isinstance(value, str):
                problems.append(Problem(path, line, column, dotted, "ことばは 文字列で 書いて ください。"))
            else:
                try:
                    names = slots(value)
                except ValueError as error:
                    problems.append(Problem(path, line, column, dotted, f"{{ }} の 書き方が ちがいます（{error}）。"))
                    continue
                bad = sorted(name for name in names if not _NAME.match(name))
                if bad:
                    message = f"{{{bad[0]}}} は 使えません。{{town}} のように 英小文字の 名前で 書いて ください。"
                    problems.append(Problem(path, line, column, dotted, message))
                    continue
                entries[dotted], places[dotted], lines[dotted] = value, f"{where}:{line}", (line, column)

    if loaded.data is not None:
        walk(loaded.data, ())
    if reference is not None and not problems:
        for key in sorted(set(reference.entries) - set(entries)):
            # At the area the key belongs to when the table has it, else at the top of the file.
            line, column = loaded.source.locate(tuple(key.split(".")))
            problems.append(Problem(path, line, column, key, f"この キーが ありません（{reference.places[key]} に あります）。"))
        for key in sorted(set(entries) - set(reference.entries)):
            line, column = lines[key]
            problems.append(Problem(path, line, column, key, f"{REFERENCE}.yml に ない キーです。"))
        for key in sorted(set(entries) & set(reference.entries)):
            if slots(entries[key]) != slots(reference.entries[key]):
                line, column = lines[key]
                expected = "、".join(f"{{{name}}}" for name in sorted(slots(reference.entries[key]))) or "なし"
                problems.append(Problem(path, line, column, key, f"{{ }} の 名前が {REFERENCE}.yml と ちがいます（{expected}）。"))
    if problems:
        raise InputError(problems)
    return StringTable(path.stem, entries, places)


def string_table(name: str = REFERENCE) -> StringTable:
    """The table ``name`` (``generator/strings/<name>.yml``), checked against the reference table. A name
    ending in ``.yml`` is the absolute path of a project's own table (an edition declared in the project's
    ``editions.yml``, ``generator/loading/editions.py``), checked against the package's reference table."""
    if name.endswith(".yml"):
        return _table_file(Path(name))
    return _table(name, TABLES)


@functools.cache
def _table_file(path: Path) -> StringTable:
    """A project's own table, loaded once per process."""
    if not path.is_file():
        raise InputError([Problem(path, 1, 1, "", f"文字の 表 {path.name} が ありません。")])
    return dataclasses.replace(load_table(path, _table(REFERENCE, TABLES)), path=str(path))


@functools.cache
def _table(name: str, folder: Path) -> StringTable:
    """Loaded once per process and folder."""
    path = folder / f"{name}.yml"
    if not path.is_file():
        raise InputError([Problem(path, 1, 1, "", f"文字の 表 {name}.yml が ありません。")])
    if name == REFERENCE:
        return load_table(path)
    return load_table(path, _table(REFERENCE, folder))
