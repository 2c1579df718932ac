"""Rendered templates kept between builds, keyed by every value the render is given (issue #23 item 4).

A rebuild after a one-procedure edit rendered every print page and review sheet of both editions again, although
most of them read nothing that changed. A render here is a pure function of: the template (the package's
templates are in the code fingerprint), the page's address, the environment (its string table — hashed here,
since a project may bring its own — and filters that are code), and the values it is given. ``rendered`` keys
the HTML by exactly that: ``data`` is walked value by value (``value_digest``) — strings, numbers, dates,
enums, bytes, lists, mappings, dataclasses and pydantic models, each with its type — and a value of any other
kind (a function, a module, an object of unknown shape) makes the page unkeyable: it is simply rendered.

Why not a dependency map per page: which pages a procedure edit touches is the bookkeeping that goes wrong
silently (``decisions/2026-12-06-rebuild-page-reuse.md``); a key made of the render's own arguments cannot
miss one. The caller passes in ``data`` everything the template reads, and keeps out of it only what is a
function of the address, the environment or the code (``link``, the ``urls`` module, a filter).

The results go into the build's kept steps (``generator/kept.py``: the cache folder, with the code
fingerprint); outside a build every page is rendered.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import enum
import functools
import hashlib
import itertools
from collections.abc import Callable, Iterator, Mapping

from markupsafe import Markup
from pydantic import BaseModel

from generator.kept import kept, keeping, source_digest
from generator.loading.strings import StringTable


class Unkeyable(TypeError):
    """A value whose content the key cannot state (the page is rendered, not kept)."""


_ATOMS: dict[type, bytes] = {
    str: b"s", Markup: b"m", int: b"i", bool: b"b", float: b"f", type(None): b"n", bytes: b"y",
    datetime.date: b"d", datetime.datetime: b"t",
}


class _Digests:
    """Digests of the frozen objects of one build (models and dataclasses, shared by many pages), by identity;
    each object is held, so its identity cannot pass to another object while this lives."""

    def __init__(self, sources: bool = False) -> None:
        self.known: dict[int, tuple[object, bytes]] = {}
        self.sources = sources
        """Whether an object a kept step made (``generator/kept.py``, ``remember_source``: a validated input file)
        is keyed by what it was made of instead of being walked. The key of a render must only be complete, not
        the same for equal objects: the walk gives equal objects one digest, a source gives objects made of one
        source one digest (``value_digest`` walks, so that it can compare objects however they were made)."""

    def of(self, value: object) -> bytes:
        """The digest of ``value``; raises ``Unkeyable``."""
        parts: list[bytes] = []
        self._feed(value, parts.append)
        return hashlib.sha256(b"".join(parts)).digest()

    def _feed(self, value: object, out: Callable[[bytes], object]) -> None:
        kind = type(value)
        if kind is str:
            data = str.encode(value, "utf-8", "surrogatepass")  # type: ignore[arg-type]
            out(b"s%d:" % len(data) + data)
        elif kind is list or kind is tuple or kind is dict:
            out((b"l%d:" if kind is list else b"u%d:" if kind is tuple else b"D%d:") % len(value))  # type: ignore[arg-type]
            # A mapping's keys and values in turn (key, value, key, value …).
            items = itertools.chain.from_iterable(value.items()) if kind is dict else value  # type: ignore[attr-defined]
            for item in items:  # type: ignore[attr-defined]
                if type(item) is str:  # (as above, without a call per string: most items and every field name are)
                    data = str.encode(item, "utf-8", "surrogatepass")
                    out(b"s%d:" % len(data) + data)
                else:
                    self._feed(item, out)
        elif kind in _ATOMS:
            data = value if kind is bytes else str.encode(value, "utf-8", "surrogatepass") if kind is Markup else repr(value).encode()  # type: ignore[assignment,arg-type]
            out(_ATOMS[kind] + b"%d:" % len(data) + data)  # type: ignore[arg-type]
        elif isinstance(value, enum.Enum):
            out(b"e" + _name(kind))
            self._feed(value.value, out)
        elif _frozen(kind):
            # A frozen model or dataclass: its own digest, made once per build (a procedure is on many pages).
            out(b"o" + self._object(value))
        else:
            raise Unkeyable(f"{_name(kind).decode()} has no key")

    def _object(self, value: object) -> bytes:
        known = self.known.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        made_of = source_digest(value) if self.sources else None
        if made_of is not None:
            self.known[id(value)] = (value, made_of)
            return made_of
        parts: list[bytes] = [_name(type(value))]
        out = parts.append
        if isinstance(value, BaseModel):
            # Every field, private attribute (WeeklyHours' closed dates), extra and which fields were set: all a
            # template, or a method it calls, can see (the methods are code).
            self._feed(value.__dict__, out)
            self._feed(value.__pydantic_private__ or {}, out)
            self._feed(value.__pydantic_extra__ or {}, out)
            self._feed(sorted(value.model_fields_set), out)
        else:
            state = getattr(value, "__dict__", None)
            if state is None:  # a dataclass with slots
                state = {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}  # type: ignore[arg-type]
            self._feed(state, out)
        result = hashlib.sha256(b"".join(parts)).digest()
        self.known[id(value)] = (value, result)
        return result


@functools.cache
def _frozen(kind: type) -> bool:
    """Whether objects of ``kind`` cannot change after they are made (their lists are not changed either: the
    features build them once and only read them)."""
    if issubclass(kind, BaseModel):
        return bool(kind.model_config.get("frozen"))
    params = getattr(kind, "__dataclass_params__", None)
    return bool(params is not None and params.frozen)


def _name(kind: type) -> bytes:
    name = f"{kind.__module__}.{kind.__qualname__}".encode()
    return len(name).to_bytes(2, "big") + name


def table_digest(table: StringTable) -> bytes:
    """The string table as a render reads it: its name and every entry (a project's own table is not code).

    Made once per table object (a table is frozen, and its entries are never changed after loading): every
    ``Renders`` states its table, and a feature may make one per page (``render_content``); the digest of the
    ~1,300 entries each time was ~0.1 s of a rebuild."""
    known = _TABLE_DIGESTS.get(id(table))
    if known is not None and known[0] is table:
        return known[1]
    digest = hashlib.sha256(repr((table.ref, sorted(table.entries.items()))).encode("utf-8", "surrogatepass")).digest()
    _TABLE_DIGESTS[id(table)] = (table, digest)
    return digest


_TABLE_DIGESTS: dict[int, tuple[StringTable, bytes]] = {}
"""``table_digest`` by table identity (each table is held, so its identity cannot pass to another table)."""


class Renders:
    """The renders of one environment (one per feature and string table) in one build."""

    def __init__(self, environment: str, table: StringTable):
        self.environment = environment.encode()
        self.table = table_digest(table)
        self.digests = _SHARED[-1] if _SHARED else _Digests(sources=True)
        self.counts = Counts(self.environment)
        RECENT.append(self.counts)
        del RECENT[:-RECENT_LIMIT]

    def rendered(self, template: str, url: str, data: Mapping[str, object], render: Callable[[], str]) -> str:
        """``render()`` — the HTML of ``template`` at ``url`` given ``data`` and nothing else the key does not hold —
        or what it gave for the same key in an earlier build."""
        self.counts.asked += 1
        if not keeping():
            return self._make(render)
        try:
            digest = self.digests.of(dict(data))
        except Unkeyable:
            return self._make(render)
        source = b"\0".join([b"render", self.environment, self.table, template.encode(), url.encode(), digest])
        return kept(source, lambda: self._make(render).encode("utf-8", "surrogatepass")).decode("utf-8", "surrogatepass")

    def _make(self, render: Callable[[], str]) -> str:
        self.counts.made += 1
        return render()


@dataclasses.dataclass
class Counts:
    """How many pages one ``Renders`` was asked for and how many it rendered (the rest were kept)."""

    environment: bytes
    asked: int = 0
    made: int = 0


_SHARED: list[_Digests] = []


@contextlib.contextmanager
def one_site() -> Iterator[None]:
    """While inside, every ``Renders`` shares one memory of object digests: a procedure given to its page, its flyer,
    its review sheet and the lists is walked once (``compose.assemble_site``; dropped when the site is made)."""
    _SHARED.append(_Digests(sources=True))
    try:
        yield
    finally:
        _SHARED.pop()


RECENT: list[Counts] = []
"""The counts of the last few ``Renders`` made in this process (tests read how many pages a build rendered)."""
RECENT_LIMIT = 64
"""(The flyers' print pages are rendered first, before the other features make their renders: a build of both
editions makes a few dozen.)"""


def value_digest(value: object) -> bytes:
    """The key of one value (for tests and callers that key something else by the same rules)."""
    return _Digests().of(value)


def site_digest(value: object) -> bytes:
    """``value_digest(value)``, with the frozen objects' digests shared with the site's renders inside
    ``one_site`` (a procedure or the town that its pages were given is not walked again); raises ``Unkeyable``."""
    return (_SHARED[-1] if _SHARED else _Digests(sources=True)).of(value)
