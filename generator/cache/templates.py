"""Compiled Jinja templates, kept between builds: a fresh process does not compile the ~70 templates again.

Jinja turns each template into Python code the first time an environment loads it; in a rebuild after a
one-procedure edit that was about 0.4 s of CPU (the features' environments and MkDocs' theme environment,
each compiling its templates anew in every process). ``COMPILED`` is a ``jinja2.BytecodeCache`` given to every
environment of the build (``generator/templating.py``, and the theme's in the plugin's ``on_env``).

What makes a kept template safe to use:

- Jinja stores with it the SHA-1 of the template's source and compiles again when the source differs (an
  edited template, the project's own ``theme/`` as well as the package's);
- the key holds the template's name and file (Jinja's ``get_cache_key``), the code fingerprint (Jinja's and
  MkDocs' versions, all of ``generator/``) and the environment's settings that shape the compiled code
  (delimiters, whitespace control, autoescape, extensions, and how each filter and test is called), because
  Jinja itself keys only by name and source;
- an environment whose autoescape or finalize is a function (it could decide anything per template) keeps
  nothing on disk.

Like the rest of the cache, the folder is trusted like the code (compiled templates are Python code that runs;
``deploy/github-actions-matrix.example.yml`` says whose cache a publishing job may restore).

In the process the compiled code is kept in memory as well (every environment with the same settings shares
it). On disk it lives in ``templates/`` of the cache folder, only while ``kept_in(folder)`` is active
(``build_site``); pruned like the other entries after unused days.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket
from jinja2.utils import _PassArg

from generator.cache.entries import keep, read_used
from generator.cache.fingerprint import code_fingerprint

_SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
    "autoescape",
)


def environment_key(environment: jinja2.Environment) -> str | None:
    """What of ``environment`` shapes the code Jinja compiles a template into; ``None``: not known, keep nothing."""
    if callable(environment.autoescape) or environment.finalize is not None:
        return None
    parts = [repr(getattr(environment, name)) for name in _SETTINGS]
    parts += sorted(f"{type(extension).__module__}.{type(extension).__qualname__}"
                    for extension in environment.extensions.values())
    for kind, functions in (("filter", environment.filters), ("test", environment.tests)):
        parts += sorted(f"{kind} {name} {_PassArg.from_obj(function)}" for name, function in functions.items())
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update("\n".join(parts).encode("utf-8"))
    return digest.hexdigest()[:32]


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates by environment settings and template (see the module's docstring)."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.memory: dict[tuple[str, str], bytes] = {}

    def _where(self, bucket: Bucket) -> tuple[tuple[str, str], Path | None] | None:
        settings = environment_key(bucket.environment)
        if settings is None:
            return None
        return (settings, bucket.key), (None if self.folder is None else self.folder / settings / bucket.key)

    def load_bytecode(self, bucket: Bucket) -> None:
        where = self._where(bucket)
        if where is None:
            return
        key, path = where
        data = self.memory.get(key)
        if data is None and path is not None:
            try:
                data = read_used(path)
            except OSError:
                return
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)  # resets the bucket when the source's checksum differs
        except Exception:  # noqa: BLE001 (a damaged entry of any kind: compile the template again)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        where = self._where(bucket)
        if where is None:
            return
        key, path = where
        stream = io.BytesIO()
        bucket.write_bytecode(stream)
        self.memory[key] = stream.getvalue()
        if path is not None:
            keep(path, self.memory[key])

    def clear(self) -> None:
        self.memory.clear()


COMPILED = CompiledTemplates()
"""The one store of compiled templates of this process (in memory; on disk while ``kept_in`` is active)."""


@contextlib.contextmanager
def kept_in(folder: Path | None) -> Iterator[None]:
    """While inside, compiled templates are also read from and written to ``templates/`` of ``folder``."""
    before = COMPILED.folder
    COMPILED.folder = None if folder is None else folder / "templates"
    try:
        yield
    finally:
        COMPILED.folder = before
