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
