"""The site's own scripts (the finder's, the question flow's), minified once per source.

calmjs.parse removes comments and spaces and shortens local names (finder.js 13 KB → 6 KB, 2.5 KB gzip;
rjsmin, which keeps the names, gave 3.0 KB), so the pages stay under their weight budget. Parsing the
JavaScript takes a few tenths of a second, and the result depends only on the source: it is kept in memory
for the next town of ``build --all`` and in the build cache for the next build (``generator.cache.stored``;
the cache folder is the build's ``Catalog.options.cache_folder``, ``None`` for none).
"""

from __future__ import annotations

import functools
from pathlib import Path

from generator.cache.stored import stored
from generator.output import GeneratedFile


def minified_script(path: str, source: Path, cache_folder: Path | None = None) -> GeneratedFile:
    """``source`` minified, as the site file ``path``; kept in ``cache_folder`` when there is one."""
    return GeneratedFile(path, _minified(source.read_bytes(), cache_folder))


@functools.lru_cache(maxsize=8)
def _minified(source: bytes, folder: Path | None) -> bytes:
    """Kept in memory per build cache folder, so each cache it is used with gets its own copy."""
    return stored("minified-js", source, lambda: _minify(source.decode("utf-8")), folder)


def _minify(source: str) -> bytes:
    from calmjs.parse import es5  # imported late: only needed when the cache has no copy
    from calmjs.parse.unparsers.es5 import minify_print

    return minify_print(es5(source), obfuscate=True, obfuscate_globals=False).encode("utf-8")
