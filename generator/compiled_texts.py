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

Regular expressions likewise (2026-12-08): ``re`` parses a pattern's text and compiles it to the code its matcher
runs (``re._compiler.compile``: ``_parser.parse``, then ``_code``) in every process, ~320 patterns a rebuild
(YAML's reader, Markdown's, Babel's, MkDocs', ours), ~0.04 s of CPU — a character class is built one code point
at a time. ``install`` gives ``re._compiler`` a ``compile`` that takes, for a text and flags seen before, what
that step made — the matcher's code, the final flags, the groups and their names — from
``__pycache__/compiled-patterns.<tag>.marshal`` and hands exactly that to ``_sre.compile``, as ``re`` does
itself. That code is a function of the text, the flags and the interpreter alone (its version and its Unicode
tables, named in the file's header with ``_sre``'s magic number; ``re.LOCALE`` acts when matching, not here). A
pattern that does not compile raises as before and is not kept; stored code ``_sre`` refuses is compiled again.
"""

from __future__ import annotations

import atexit
import builtins
import importlib.util
import marshal
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType

import _sre

LIMIT = 10_000
"""Texts kept in the file at most (a build meets ~1,600): past it, the file starts again from one process's."""

_CODES: dict[str, CodeType] = {}
"""Compiled code by ``mode`` and text (``"exec\\0def …"``)."""
_NEW: dict[str, CodeType] = {}
_USED: set[str] = set()

Pattern = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What ``re._compiler.compile`` hands ``_sre.compile`` besides the text: the final flags, the matcher's code, the
number of groups (less one), the group index and the group names by number."""

FEW_PATTERNS = 3
"""Fewer new patterns than this are not written: a process compiles a couple that no other process will — made
from a set, in its hash order (Babel's plural rules, ``tokenize``'s prefixes) — so every rebuild would write the
file again (~0.005 s) for nothing. (A few new ones in earnest, a new word's reading: compiled again next time.)"""

_PATTERNS: dict[tuple[str | bytes, int], Pattern] = {}
"""By text and flags (as ``re`` gives them: an ``int``)."""
_NEW_PATTERNS: dict[tuple[str | bytes, int], Pattern] = {}
_USED_PATTERNS: set[tuple[str | bytes, int]] = set()
_FILES: list[Path] = []
"""The two files ``save`` writes (the texts', the patterns'), when ``install`` found them writable."""


def _file(kind: str = "texts") -> Path | None:
    try:
        return Path(importlib.util.cache_from_source(__file__)).with_name(
            f"compiled-{kind}.{sys.implementation.cache_tag}.marshal"
        )
    except (NotImplementedError, ValueError):  # (no cache tag: no bytecode cache either)
        return None


def _header() -> bytes:
    return importlib.util.MAGIC_NUMBER + b"%d\n" % sys.flags.optimize


def _patterns_header() -> bytes:
    # (sys.version names the interpreter to its patch level, so its Unicode tables too)
    return _header() + f"{_sre.MAGIC} {_sre.CODESIZE} {sys.version}\n".encode()


# re's own step and its two halves (private: if a later Python has them no more, patterns are compiled as before)
_re_compile = getattr(getattr(re, "_compiler", None), "compile", None)
_re_parse = getattr(getattr(re, "_parser", None), "parse", None)
_re_code = getattr(getattr(re, "_compiler", None), "_code", None)


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


def _compile_pattern(pattern: object, flags: object = 0) -> re.Pattern:
    """``re._compiler.compile``: a pattern's text and flags compiled by ``_sre.compile`` from what ``re`` made of
    them in this process or in an earlier one (``_PATTERNS``); ``re``'s own step for anything else."""
    if type(pattern) not in (str, bytes) or type(flags) is not int or flags & re.DEBUG:
        return _re_compile(pattern, flags)
    key = (pattern, flags)
    made = _PATTERNS.get(key)
    if made is not None:
        try:
            compiled = _sre.compile(pattern, *made)
        except (RuntimeError, TypeError, ValueError, OverflowError):  # (code _sre refuses: made again below)
            del _PATTERNS[key]
        else:
            _USED_PATTERNS.add(key)
            return compiled
    parsed = _re_parse(pattern, flags)  # (raises for a text that is no pattern: nothing kept)
    code = [int(item) for item in _re_code(parsed, flags)]  # (its opcodes are named ints, which marshal refuses)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    made = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    compiled = _sre.compile(pattern, *made)
    _PATTERNS[key] = _NEW_PATTERNS[key] = made
    _USED_PATTERNS.add(key)
    return compiled


def install() -> None:
    """From now on, dataclasses' methods, typing's forward references and regular expressions are compiled once."""
    import dataclasses
    import typing

    if getattr(dataclasses, "exec", None) is _exec:
        return
    path, patterns = _file(), _file("patterns")
    if path is not None and patterns is not None:
        _CODES.update(_read(path))
        _PATTERNS.update(_read(patterns, _patterns_header(), _valid_patterns))
        if not sys.dont_write_bytecode:
            _FILES[:] = [path, patterns]
            atexit.register(save)
    # (module globals: found before the builtins of the same name)
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]
    if _re_compile is not None and _re_parse is not None and _re_code is not None:
        re._compiler.compile = _compile_pattern  # type: ignore[attr-defined]  (looked up by re at each compile)


def save() -> None:
    """Add what this process compiled to the files (at exit; ``install`` registers it). A process that ends
    without exit handlers — a worker of a ``multiprocessing`` pool (``build --all``'s towns), which ends with
    ``os._exit`` — calls it when its work is done. Nothing when bytecode is not written or nothing is new."""
    if _FILES:
        _save(_FILES[0])
        _save_patterns(_FILES[1])


def _valid_codes(codes: object) -> bool:
    return type(codes) is dict and all(type(text) is str and type(code) is CodeType for text, code in codes.items())


def _valid_patterns(patterns: object) -> bool:
    return type(patterns) is dict and all(
        type(key) is tuple and len(key) == 2 and type(key[0]) in (str, bytes) and type(key[1]) is int
        and type(made) is tuple and len(made) == 5 and type(made[1]) is list and type(made[3]) is dict
        for key, made in patterns.items()
    )


def _read(path: Path, header: bytes | None = None, valid: Callable[[object], bool] = _valid_codes) -> dict:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    header = _header() if header is None else header
    if not data.startswith(header):
        return {}
    try:
        codes = marshal.loads(data[len(header):])
    except (EOFError, ValueError, TypeError):
        return {}
    if not valid(codes):
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
    _write(path, _header(), codes)
    _NEW.clear()


def _save_patterns(path: Path) -> None:
    """Add this process's new patterns to their file (as ``_save``), when there are ``FEW_PATTERNS`` or more."""
    if len(_NEW_PATTERNS) < FEW_PATTERNS:
        return
    patterns = _read(path, _patterns_header(), _valid_patterns)
    patterns.update(_NEW_PATTERNS)
    if len(patterns) > LIMIT:
        patterns = {key: _PATTERNS[key] for key in _USED_PATTERNS if key in _PATTERNS}
    _write(path, _patterns_header(), patterns)
    _NEW_PATTERNS.clear()


def _write(path: Path, header: bytes, content: dict) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # (readable as the bytecode beside it is: the mode the umask leaves of 0o666)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(header + marshal.dumps(content))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:  # (a read-only installation: compiled again next time, as without the file)
        return
