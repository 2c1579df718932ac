"""Code that the standard library compiles from text in every process, compiled once (issue #23 item 4).

Python 3.11 makes each method of a dataclass (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, a frozen
class's ``__setattr__`` and ``__delattr__``) by writing its source text and compiling it, class by class, every
time the class's module is imported; and ``typing.ForwardRef`` compiles every annotation written as text (all
of ours: ``from __future__ import annotations``) when pydantic reads a model's fields. The ~130 dataclasses and
~1,000 annotations a ``tetsuzuki build`` meets (ours, pydantic's, annotated_types', pathspec's) cost ~0.05 s of
CPU in every fresh process, most of it the compiler. The bytecode cache (``__pycache__``) holds the modules'
code, not these texts' code.

``install`` gives the ``dataclasses`` module an ``exec``, and ``typing`` a ``compile``, that take the compiled
code of a text seen before from a file beside the package's bytecode
(``__pycache__/compiled-texts.<tag>.marshal``) and run exactly that: the code a text compiles to is a function
of the text, the mode and the interpreter alone (the file is read only when written by the same interpreter at
the same optimisation level; compiled without the caller's ``__future__`` flags, as neither module has any).
Classes, methods, forward references and their globals are made as before; only the compiling is skipped. A
text that does not compile raises as before (and is not kept). New texts are added to the file when the process
ends, unless bytecode is not written (``PYTHONDONTWRITEBYTECODE``, ``-B``), as for ``__pycache__``.
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

LIMIT = 10_000
"""Texts kept in the file at most (a build meets ~1,600): past it, the file starts again from one process's."""

_CODES: dict[str, CodeType] = {}
"""Compiled code by ``mode`` and text (``"exec\\0def …"``)."""
_NEW: dict[str, CodeType] = {}
_USED: set[str] = set()


def _file() -> Path | None:
    try:
        return Path(importlib.util.cache_from_source(__file__)).with_name(
            f"compiled-texts.{sys.implementation.cache_tag}.marshal"
        )
    except (NotImplementedError, ValueError):  # (no cache tag: no bytecode cache either)
        return None


def _header() -> bytes:
    return importlib.util.MAGIC_NUMBER + b"%d\n" % sys.flags.optimize


def compiled(source: str, mode: str) -> CodeType:
    """``compile(source, "<string>", mode)`` without inherited ``__future__`` flags, compiled in this process or in
    an earlier one."""
    key = f"{mode}\0{source}"
    code = _CODES.get(key)
    if code is None:
        code = compile(source, "<string>", mode, dont_inherit=True)
        _CODES[key] = _NEW[key] = code
    _USED.add(key)
    return code


def _exec(source: object, globals: dict | None = None, locals: object = None, /) -> None:
    """``exec`` for the ``dataclasses`` module: a text's code taken from ``compiled``."""
    if type(source) is str:
        source = compiled(source, "exec")
    builtins.exec(source, globals, locals)  # type: ignore[arg-type]


def _compile(source: object, filename: str, mode: str, *args: object, **options: object) -> CodeType:
    """``compile`` for the ``typing`` module (``ForwardRef``): a text's code taken from ``compiled``."""
    if type(source) is str and filename == "<string>" and not args and not options:
        return compiled(source, mode)
    return builtins.compile(source, filename, mode, *args, **options)  # type: ignore[call-overload]


def install() -> None:
    """From now on, dataclasses' methods and typing's forward references are compiled once."""
    import dataclasses
    import typing

    if getattr(dataclasses, "exec", None) is _exec:
        return
    path = _file()
    if path is not None:
        _CODES.update(_read(path))
        if not sys.dont_write_bytecode:
            atexit.register(_save, path)
    # (module globals: found before the builtins of the same name)
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]


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
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
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
