"""Dataclass methods compiled once, not again in every process (issue #23 item 4).

Python 3.11 makes each method of a dataclass (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, a frozen
class's ``__setattr__`` and ``__delattr__``) by writing its source text and compiling it, class by class, every
time the class's module is imported: the ~130 dataclasses a ``tetsuzuki build`` imports (ours, pydantic's,
annotated_types', pathspec's) cost ~0.045 s of CPU in every fresh process, most of it the compiler. The
bytecode cache (``__pycache__``) holds the modules' code, not these texts' code.

``install`` gives the ``dataclasses`` module an ``exec`` that takes the compiled code of a text it has seen
before from a file beside the package's bytecode (``__pycache__/dataclass-methods.<tag>.marshal``) and runs
exactly that: the code a text compiles to is a function of the text and the interpreter alone (the file is
read only when written by the same interpreter at the same optimisation level; ``compile`` without the
caller's ``__future__`` flags, as ``exec`` of a text in ``dataclasses`` compiles it). The class, its methods
and their globals are made as before; only the compiling is skipped. New texts are added to the file when the
process ends, unless bytecode is not written (``PYTHONDONTWRITEBYTECODE``, ``-B``), as for ``__pycache__``.
"""

from __future__ import annotations

import atexit
import builtins
import importlib.util
import marshal
import os
import sys
from pathlib import Path
from types import CodeType

LIMIT = 5_000
"""Texts kept in the file at most (a build imports ~450): past it, the file starts again from one process's."""

_CODES: dict[str, CodeType] = {}
_NEW: dict[str, CodeType] = {}
_USED: set[str] = set()


def _file() -> Path | None:
    try:
        return Path(importlib.util.cache_from_source(__file__)).with_name(
            f"dataclass-methods.{sys.implementation.cache_tag}.marshal"
        )
    except (NotImplementedError, ValueError):  # (no cache tag: no bytecode cache either)
        return None


def _header() -> bytes:
    return importlib.util.MAGIC_NUMBER + b"%d\n" % sys.flags.optimize


def compiled(source: str) -> CodeType:
    """The code ``exec(source)`` runs, compiled in this process or in an earlier one."""
    code = _CODES.get(source)
    if code is None:
        code = _CODES[source] = _NEW[source] = compile(source, "<string>", "exec", dont_inherit=True)
    _USED.add(source)
    return code


def _exec(source: object, globals: dict | None = None, locals: object = None, /) -> None:
    """``exec`` for the ``dataclasses`` module: a text's compiled code taken from ``compiled``."""
    if type(source) is str:
        source = compiled(source)
    builtins.exec(source, globals, locals)  # type: ignore[arg-type]


def install() -> None:
    """From now on, dataclasses' methods are compiled once (``dataclasses`` imported if it was not)."""
    import dataclasses

    if getattr(dataclasses, "exec", None) is _exec:
        return
    path = _file()
    if path is not None:
        _CODES.update(_read(path))
        if not sys.dont_write_bytecode:
            atexit.register(_save, path)
    dataclasses.exec = _exec  # type: ignore[attr-defined]  (a module global: found before the builtin)


def _read(path: Path) -> dict[str, CodeType]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    header = _header()
    if not data.startswith(header):
        return {}
    try:
        codes = marshal.loads(data[len(header):])
    except (EOFError, ValueError, TypeError):
        return {}
    if type(codes) is not dict or not all(type(text) is str and type(code) is CodeType for text, code in codes.items()):
        return {}
    return codes


def _save(path: Path) -> None:
    """Add this process's new texts to the file (written whole, then renamed into place: a reader sees the old
    file or the new one)."""
    if not _NEW:
        return
    codes = _read(path)
    codes.update(_NEW)
    if len(codes) > LIMIT:
        codes = {text: _CODES[text] for text in _USED}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        # (readable as the bytecode beside it is: the mode the umask leaves of 0o666)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_header() + marshal.dumps(codes))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:  # (a read-only installation: compiled again next time, as without the file)
        return
    _NEW.clear()
