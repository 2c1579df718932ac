"""A content-addressed store for town-independent results (the minified scripts, the used-CSS matches)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from generator.cache.entries import keep, used
from generator.cache.fingerprint import code_fingerprint


def stored(namespace: str, source: bytes, compute: Callable[[], bytes], folder: Path | None) -> bytes:
    """``compute()``, kept in the cache ``folder`` under the hash of ``source`` and the code fingerprint.

    For results that depend only on ``source`` and the code (``compute`` must not read anything else). With
    no cache folder (the cache off, or a plain ``mkdocs build``), this is simply ``compute()``.
    """
    if folder is None:
        return compute()
    key = hashlib.sha256(code_fingerprint().encode() + b"\0" + namespace.encode() + b"\0" + source).hexdigest()
    path = folder / "stored" / namespace / key
    try:
        result = path.read_bytes()
        used(path)
        return result
    except OSError:
        pass
    result = compute()
    keep(path, result)
    return result
