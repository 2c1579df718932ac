"""Where the time of one town's rebuild goes: CPU seconds per phase of one ``build_site`` in this process.

Not a test. Run it in a built project (after an edit, to see a rebuild), e.g. in the scratch project of
``benchmarks/rebuild.py`` or a copy of this one:

    cd PROJECT && NO_MKDOCS_2_WARNING=1 TETSUZUKI_FLYER_PDFS=0 TETSUZUKI_QUIET=1 \\
        python -X importtime PATH/benchmarks/rebuild_phases.py sites/town0000 2> imports.txt

CPU time (``time.process_time``), not wall time: on a shared machine the wall time mostly says how busy it is.
Phases nest where indented. A function that one module imported by name from another is wrapped where it is
called from (``plugin.assemble_site``), so the figures add up.
"""

from __future__ import annotations

import time

STARTED = time.process_time()

import functools  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import mkdocs.commands.build as mkdocs_build  # noqa: E402
import mkdocs.structure.files as mkdocs_files  # noqa: E402

import generator.build as build  # noqa: E402
import generator.cache.pages as page_memo  # noqa: E402
import generator.cli  # noqa: E402, F401  (what the command imports)
import generator.flyers.feature as flyers  # noqa: E402
import generator.mkdocs_plugin.plugin as plugin  # noqa: E402

IMPORTS = time.process_time() - STARTED

# (a build without PDFs does not import these: tests/towns/test_rebuild_imports.py; imported here after the imports
# were measured, to wrap their functions)
import generator.flyers.pdf_check as pdf_check  # noqa: E402
import generator.flyers.pdf_pool as pdf_pool  # noqa: E402
spent: dict[str, float] = {}


def measure(owner: object, name: str, label: str) -> None:
    function = getattr(owner, name)

    @functools.wraps(function)
    def measured(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.process_time() - started

    setattr(owner, name, measured)


PHASES = [
    (build, "load_mkdocs_config", "MkDocs configuration (once a build since 2026-12-07f)"),
    (plugin.TetsuzukiPlugin, "load_catalog", "load and validate all YAML (catalog)"),
    (plugin, "assemble_site", "features: every page and file, both editions"),
    # With PDFs (TETSUZUKI_FLYER_PDFS=1), in this process only with TETSUZUKI_PDF_WORKERS=1: else the workers'
    # CPU is not this process's, and the wait is not work.
    (pdf_pool.Batch, "results", "  of which: PDFs rendered, and read back for the glyph check (or waited for)"),
    (pdf_check, "check_font_uses", "  of which: the glyph and font check's verdict"),
    (flyers, "_bundles", "  of which: topic bundles and class kits joined (pypdf)"),
    (plugin.TetsuzukiPlugin, "on_files", "on_files (theme files, generated files)"),
    (mkdocs_build, "_populate_page", "MkDocs: pages' Markdown"),
    (mkdocs_build, "_build_page", "MkDocs: pages through the theme, then finished"),
    (plugin.TetsuzukiPlugin, "on_post_page", "  of which: finishing (editions)"),
    (page_memo.PageMemo, "write_or_link", "  of which: pages written, or linked to the previous site's files"),
    (plugin.TetsuzukiPlugin, "on_post_build", "used part of Material's stylesheet"),
    (mkdocs_build, "get_files", "MkDocs: docs/ files listed"),
    (mkdocs_files.Files, "add_files_from_theme", "MkDocs: theme files listed"),
    (mkdocs_files.Files, "copy_static_files", "MkDocs: static files copied"),
    (mkdocs_build, "_build_theme_template", "MkDocs: theme templates (404, sitemap)"),
    (build, "mkdocs_build", "MkDocs build in all (from on_config to on_post_build)"),
    (build, "staging_folder", "staging folder (the emptied folders of the site before last)"),
    (build, "drop_unused", "kept folders the new site does not use removed"),
    (build, "swap_in", "swap into place (and empty the old site's folders, or remove it)"),
    (page_memo.PageMemo, "save", "page memo saved"),
    (build, "prune_cache", "cache pruned"),
]


def main() -> None:
    for owner, name, label in PHASES:
        measure(owner, name, label)
    started = time.process_time()
    build.build_site(Path("mkdocs.yml"), site_dir=Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    total = time.process_time() - started
    print(f"imports: {IMPORTS:.2f} s CPU")
    for _owner, _name, label in PHASES:
        print(f"{label}: {spent.get(label, 0.0):.2f} s CPU")
    print(f"build_site in all: {total:.2f} s CPU")


if __name__ == "__main__":
    main()
