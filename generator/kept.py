"""Results of pure steps kept between builds: the input files' parses, the walk of the question flow, the public
holidays of the build's years (a neutral module: the loading and the features both use it).

A rebuild after one edit used to compute these again in every fresh process although their input had not
changed. While ``kept_in(store)`` is active (``build_site`` gives a store backed by the cache folder,
``generator/cache/stored.py``, whose key adds the code fingerprint: this code and the libraries' versions),
``kept(source, compute)`` returns what ``compute()`` gave for the same ``source`` in an earlier build. ``source``
must name the step and hold everything the step reads. Outside a build (``check``, tests, ``mkdocs serve``)
there is no store and every step is computed.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator

Store = Callable[[bytes, Callable[[], bytes]], bytes]
"""``store(source, compute)``: the bytes ``compute()`` gave for ``source`` in an earlier build, or ``compute()``."""

_STORES: list[Store] = []


@contextlib.contextmanager
def kept_in(store: Store | None) -> Iterator[None]:
    """While inside, ``kept`` uses ``store`` (``None``: nothing is kept)."""
    if store is None:
        yield
        return
    _STORES.append(store)
    try:
        yield
    finally:
        _STORES.remove(store)


def kept(source: bytes, compute: Callable[[], bytes]) -> bytes:
    """``compute()``, or what it gave for the same ``source`` in an earlier build (see the module's docstring)."""
    return _STORES[-1](source, compute) if _STORES else compute()


def keeping() -> bool:
    """Whether a store is active (a step may then encode its result for it; otherwise it need not)."""
    return bool(_STORES)


_SOURCES: dict[int, tuple[object, bytes]] = {}
"""``source_digest``'s objects by identity (each held, so its identity cannot pass to another object while it is
here); the oldest go first past ``_SOURCES_MAX`` (a preview server builds again and again in one process)."""
_SOURCES_MAX = 1024


def remember_source(value: object, source: bytes) -> None:
    """Note that ``value`` (a frozen object) is exactly what a kept step made of ``source`` with this code: a step
    keyed by it may then be keyed by ``source`` instead of by walking it (``source_digest``). Only while a store is
    active: ``source`` must hold everything the object was made of, as a kept step's source does."""
    if not _STORES:
        return
    _SOURCES[id(value)] = (value, hashlib.sha256(b"made of\0" + source).digest())
    while len(_SOURCES) > _SOURCES_MAX:
        del _SOURCES[next(iter(_SOURCES))]


def source_digest(value: object) -> bytes | None:
    """The digest of what ``value`` was made of (``remember_source``), or ``None`` when it was not noted."""
    known = _SOURCES.get(id(value))
    return known[1] if known is not None and known[0] is value else None
