"""The site's own scripts (the finder's, the question flow's), minified once per source.

calmjs.parse removes comments and spaces and shortens local names (finder.js 13 KB → 6 KB, 2.5 KB gzip;
rjsmin, which keeps the names, gave 3.0 KB), so the pages stay under their weight budget. Parsing the
JavaScript takes a few tenths of a second (≈ 0.4 CPU-s for the three scripts), and the result depends only on
the source and calmjs.parse's version:
- the minified text of each script as released is shipped beside it (``MINIFIED``, named by ``shipped_name``),
  so a first build, or a build with the cache off, does not parse them (issue #23: CPU per town); a source
  edited since is minified at build time as before, and ``tests/site/test_shipped_scripts.py`` says which file
  to write again (``python -m generator.site.scripts``);
- otherwise it is kept in memory for the next town of ``build --all`` and in the build cache for the next build
  (``generator.cache.stored``; the cache folder is the build's ``Catalog.options.cache_folder``, ``None`` for none).
"""

from __future__ import annotations

import functools
import hashlib
import sys
from importlib import metadata
from pathlib import Path

from generator.cache.stored import stored
from generator.output import GeneratedFile

SOURCES = tuple(sorted(Path(__file__).parent.glob("*.js")))
"""The site's scripts (``finder.js``, ``flow.js``, ``flow-start.js``)."""
MINIFIED = Path(__file__).with_name("minified")
"""Each script of ``SOURCES`` minified, as released: ``shipped_name(source)``."""


def minified_script(path: str, source: Path, cache_folder: Path | None = None) -> GeneratedFile:
    """``source`` minified, as the site file ``path``; kept in ``cache_folder`` when there is one."""
    return GeneratedFile(path, _minified(source.read_bytes(), cache_folder))


@functools.lru_cache(maxsize=8)
def _minified(source: bytes, folder: Path | None) -> bytes:
    """Kept in memory per build cache folder, so each cache it is used with gets its own copy."""
    try:
        return (MINIFIED / shipped_name(source)).read_bytes()
    except OSError:  # a source edited since the release: minified here
        pass
    return stored("minified-js", source, lambda: _minify(source.decode("utf-8")), folder)


def shipped_name(source: bytes) -> str:
    """The shipped file that holds ``source`` minified: the SHA-256 of the source and of the minifier's version,
    so neither an edited script nor another calmjs.parse finds a copy that is not its own."""
    version = metadata.version("calmjs.parse")
    return hashlib.sha256(f"calmjs.parse {version}\0".encode() + source).hexdigest()[:32] + ".js"


def _minify(source: str) -> bytes:
    from calmjs.parse import es5  # imported late: only needed when the cache has no copy
    from calmjs.parse.unparsers.es5 import minify_print

    return minify_print(es5(source), obfuscate=True, obfuscate_globals=False).encode("utf-8")


def write_shipped() -> list[Path]:
    """Write ``MINIFIED`` again for the scripts as they are now (and remove copies no script has): after an edit
    of a script or an update of calmjs.parse."""
    MINIFIED.mkdir(exist_ok=True)
    wanted = {shipped_name(source.read_bytes()): source for source in SOURCES}
    for old in MINIFIED.glob("*.js"):
        if old.name not in wanted:
            old.unlink()
    written = []
    for name, source in wanted.items():
        target = MINIFIED / name
        target.write_bytes(_minify(source.read_text(encoding="utf-8")))
        written.append(target)
    return written


if __name__ == "__main__":
    for path in write_shipped():
        sys.stdout.write(f"{path}\n")
