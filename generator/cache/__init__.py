"""Build caching: outputs are reused only when exactly what they are made from is unchanged.

Two levels, both keyed by a SHA-256 of their inputs, never by dates or file times:

- **PDFs** (``pdfs.py``; the slow part: about three quarters of a town's build). A PDF is made from the print
  page's HTML (which already holds the template, the data, the QR code and the dates), its address, the print
  stylesheets and fonts, and the code and libraries that render it. The key hashes all of these
  (``fingerprint.code_fingerprint`` covers every file of the ``generator`` package — templates, CSS, fonts —
  and the versions of the libraries that shape the output), so a hit is byte-for-byte the PDF a clean build
  makes.
- **Whole towns** in ``build --all`` (``towns.py``): a town whose inputs (its settings file, the shared
  project inputs, the code, the build options that change output) hash to the value stored for its output
  folder (in ``towns/`` of the cache) **and** whose folder still holds exactly what that build wrote (a
  manifest of SHA-256 digests, ``town_state``) is left as it is; a folder changed since is built again,
  saying why. Any edit to a shared input (a procedure, a template) rebuilds every town — whose PDFs then
  mostly come from the PDF cache.

- **Town-independent steps** (``stored.py``): the minified scripts are the same for every town and every
  build until their source or the code changes; they are kept by the hash of that source and the code
  fingerprint, so a fresh process (each ``tetsuzuki build``, each CI shard job with a restored cache) does not
  parse JavaScript again.

- **Pages inside a town** (``pages.py``, issue #23): the per-page work after MkDocs rendered a page — the
  editions' finishing and the match against Material's stylesheet — is reused from the last good build of the
  same output folder when the page as rendered (and what the step reads besides) hashes to the same key; the
  finished page is read back from the previous site and used only if its bytes are still the ones that build
  wrote. QR codes (``qr.py``) are kept by address. What the features render is not cached: knowing which page
  an edit touches (navigation, journeys, finder, open data all read every procedure) would be the riskiest
  bookkeeping in the build; keys are taken after rendering instead, where the input is the page itself
  (``decisions/2026-12-06-rebuild-page-reuse.md``).

- **Pure steps and compiled templates** (``generator/kept.py`` with ``stored.py``, ``templates.py``): the input
  files' parses (problem-free files), their validated models (``generator/loading/validated.py``), the question flow's walk, the holidays of the build's years, the written
  part of Material's stylesheet, and Jinja's compiled templates (keyed by template, source checksum and the
  environment's settings) are kept so that a fresh process does not compute them again
  (``decisions/2026-12-07-rebuild-kept-steps.md``). Compiled templates are Python code: the cache folder is
  trusted like the code.

The cache lives in ``.tetsuzuki-cache/`` next to ``mkdocs.yml`` (``TETSUZUKI_CACHE_DIR`` to move it,
``TETSUZUKI_CACHE=0`` to switch caching off). The variables are read at the edges
(``generator/environment.py``); here the folder is an argument (``BuildOptions.cache_folder``; ``None``: no
cache). Deleting it is always safe. Each build deletes the PDFs, stored results, page memos and compiled templates that no build has used for
``TETSUZUKI_CACHE_DAYS`` (30) days (``pruning.py``; a hit refreshes an entry's modification time), so the cache
does not grow with every edit and every code change. ``entries.py`` writes and touches the cache's files for
all of them.

One job per module; this package's door re-exports the names the rest of the generator uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from generator.cache.fingerprint import code_fingerprint
from generator.cache.pruning import prune
from generator.cache.stored import stored
from generator.model.options import DEFAULT_CACHE_DIR as DEFAULT_DIR
from generator.model.options import KEEP_DAYS

if TYPE_CHECKING:
    from generator.cache.pdfs import CachedPdfRenderer
    from generator.cache.towns import (
        TownState, mark_built, output_manifest, shared_fingerprint, stamp_path, town_fingerprint, town_state, up_to_date,
    )

_ON_FIRST_USE = {
    "CachedPdfRenderer": "pdfs", "TownState": "towns", "mark_built": "towns", "output_manifest": "towns",
    "shared_fingerprint": "towns", "stamp_path": "towns", "town_fingerprint": "towns", "town_state": "towns",
    "up_to_date": "towns",
}
"""Names whose module is imported when first asked for: a one-town build without PDFs uses neither the PDF cache
nor the towns' stamps, and every fresh process paid for importing them (≈ 0.002 s)."""


def __getattr__(name: str) -> object:
    if name not in _ON_FIRST_USE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_ON_FIRST_USE[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_DIR", "KEEP_DAYS", "CachedPdfRenderer", "TownState", "code_fingerprint",
    "mark_built", "output_manifest", "prune", "shared_fingerprint", "stamp_path", "stored", "town_fingerprint",
    "town_state", "up_to_date",
]
