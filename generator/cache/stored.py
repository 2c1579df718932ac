"""Content-addressed stores: on disk for town-independent results (the minified scripts, the used-CSS matches)
and a build's kept steps, in memory for the preview server (``InMemory``)."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from generator.cache.entries import keep, read_used
from generator.cache.fingerprint import code_fingerprint
from generator.kept import kept


def stored(namespace: str, source: bytes, compute: Callable[[], bytes], folder: Path | None) -> bytes:
    """``compute()``, kept in the cache ``folder`` under the hash of ``source`` and the code fingerprint.

    For results that depend only on ``source`` and the code (``compute`` must not read anything else). With
    no cache folder (the cache off, a plain ``mkdocs build``, the preview server) it is what the process keeps
    (``generator/kept.py``: the preview server's memory), and otherwise simply ``compute()``.
    """
    if folder is None:
        return kept(namespace.encode() + b"\0" + source, compute)
    key = hashlib.sha256(code_fingerprint().encode() + b"\0" + namespace.encode() + b"\0" + source).hexdigest()
    path = folder / "stored" / namespace / key
    try:
        return read_used(path)
    except OSError:
        pass
    result = compute()
    keep(path, result)
    return result


class InMemory:
    """A store for ``generator/kept.py`` in this process's memory, for a process that builds again and again: the
    preview server (``tetsuzuki serve``), whose rebuilds then keep what a fresh ``tetsuzuki build`` keeps on disk.

    Keyed like ``stored`` (the source and the code fingerprint, computed again for each build by the caller that
    clears ``code_fingerprint``'s memory); bounded, the least recently used entries first out.
    """

    def __init__(self, limit: int = 128 * 1024 * 1024):
        self.limit = limit
        self.size = 0
        self.entries: OrderedDict[bytes, bytes] = OrderedDict()

    def __call__(self, source: bytes, compute: Callable[[], bytes]) -> bytes:
        key = hashlib.sha256(code_fingerprint().encode() + b"\0" + source).digest()
        result = self.entries.get(key)
        if result is not None:
            self.entries.move_to_end(key)
            return result
        result = compute()
        if len(result) <= self.limit:
            self.entries[key] = result
            self.size += len(result)
            while self.size > self.limit:
                _, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped)
        return result
