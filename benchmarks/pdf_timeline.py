"""Benchmark: the time line of one clean build with PDFs — what the build process and each PDF worker do when.

Not a test. Runs ``tetsuzuki build`` of this project in this process (PDFs on, the cache off, the default number of
PDF workers), with the phases of the build process and every sheet a worker renders stamped with
``time.monotonic()`` (one clock for every process on Linux) and the process's CPU time, then prints a table:
each phase of the build process (start, end, wall, CPU), each worker's busy time and idle gaps, and how busy the
cores were over the build.

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/pdf_timeline.py [--site /tmp/site]

Run it in the tree to measure (``PYTHONPATH`` unset, started in the tree). The workers must be forked (a build
process that ran one thread: the default): the wrappers are set before they start.
"""

from __future__ import annotations

import time

T0 = time.monotonic()
CPU0 = time.process_time()

import argparse  # noqa: E402
import functools  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.update({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1765065600", "TETSUZUKI_QUIET": "1",
                   "TETSUZUKI_FLYER_PDFS": "1", "TETSUZUKI_CACHE": "0"})

import mkdocs.commands.build as mkdocs_build  # noqa: E402

import generator.cli as cli  # noqa: E402
import generator.compose as compose  # noqa: E402
import generator.flyers.feature as flyers  # noqa: E402
import generator.mkdocs_plugin.plugin as plugin  # noqa: E402
import generator.flyers.pdf_pool as pdf_pool  # noqa: E402

EVENTS: list[tuple[str, float, float, float, float]] = []
"""(label, start, end, CPU start, CPU end) of the build process."""
WORKER_LOG = Path(tempfile.mkdtemp(prefix="pdf-timeline-")) / "workers.txt"


def stamped_callable(function, label: str):  # noqa: ANN001, ANN201
    @functools.wraps(function)
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        started, cpu = time.monotonic(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            EVENTS.append((label, started, time.monotonic(), cpu, time.process_time()))
    return wrapper


def stamped(owner: object, name: str, label: str | None = None) -> None:
    setattr(owner, name, stamped_callable(getattr(owner, name), label or name))


def _worker_stamped(function):  # noqa: ANN001, ANN201
    def _render_in_worker(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        started, cpu = time.monotonic(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            versions = args[0]
            with WORKER_LOG.open("a") as log:
                log.write(f"{os.getpid()}\t{versions[0][1]}\t{len(versions)}\t{started}\t{time.monotonic()}\t"
                          f"{cpu}\t{time.process_time()}\n")
    _render_in_worker.__module__, _render_in_worker.__qualname__ = pdf_pool.__name__, "_render_in_worker"
    return _render_in_worker


def install() -> None:
    for name in ("on_config", "on_files", "on_nav", "on_env", "on_post_build"):
        stamped(plugin.TetsuzukiPlugin, name, f"plugin.{name}")
    stamped(plugin.TetsuzukiPlugin, "load_catalog", "load catalog")
    stamped(mkdocs_build, "_populate_page", "MkDocs: read pages")
    stamped(mkdocs_build, "_build_page", "MkDocs: write pages")
    stamped(pdf_pool.Batch, "results", "wait for the workers (Batch.results)")
    stamped(flyers, "_bundles", "joins (bundles, kits)")
    stamped(flyers, "_completed", "flyer pages after the PDFs")
    stamped(pdf_pool.Batch, "add", "hand a sheet over (Batch.add)")
    # Finer parts (CPU summed per label; they nest inside the phases above)
    import generator.editions as editions
    import generator.flyers.pages as print_pages
    import generator.qr as qr
    import generator.site.page_shape as page_shape
    import generator.site.scripts as scripts
    import generator.site.stylesheets as stylesheets
    stamped(editions.SitePages, "finish", "  part: finishing a published page (editions)")
    stamped(scripts, "_minify", "  part: minifying a script (calmjs)")
    stamped(qr, "make_qr", "  part: a QR code")
    stamped(flyers, "make_qr", "  part: a QR code") if hasattr(flyers, "make_qr") else None
    stamped(print_pages.PrintPages, "_render", "  part: a print page (template + finishing)")
    stamped(stylesheets, "_match", "  part: stylesheet: matching rules")
    stamped(page_shape, "shape", "  part: stylesheet: a page's shape")
    import jinja2
    stamped(jinja2.Environment, "compile", "  part: Jinja compiles a template")
    import generator.flyers.pdf_check as pdf_check
    stamped(pdf_check, "check_font_uses", "  part: glyph check verdicts")
    compose.FEATURES[:] = [stamped_callable(f, f"feature {getattr(f, '__name__', f)}") for f in compose.FEATURES]
    compose.EDITION_FEATURES[:] = [
        next(w for w in compose.FEATURES if w.__wrapped__ is f) if any(w.__wrapped__ is f for w in compose.FEATURES)
        else stamped_callable(f, f"feature {f.__name__}") for f in compose.EDITION_FEATURES]
    starters = dict(compose.STARTED_FIRST)
    compose.STARTED_FIRST.clear()
    for feature, start in starters.items():
        wrapped = next(w for w in compose.FEATURES if w.__wrapped__ is feature)

        def start_stamped(catalog, pdfs, start=start):  # noqa: ANN001, ANN202
            finish = stamped_callable(start, "start flyers (print pages, hand-over)")(catalog, pdfs)
            return stamped_callable(finish, "finish flyers (wait, joins, pages)")
        compose.STARTED_FIRST[wrapped] = start_stamped
    pdf_pool._render_in_worker = _worker_stamped(pdf_pool._render_in_worker)


def merged(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1] + 0.005:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def report(end: float, end_cpu: float) -> None:
    print(f"build process: wall {end - T0:.2f} s, CPU {end_cpu - CPU0:.2f} s (from the start of Python, "
          f"imports {EVENTS[0][1] - T0 if EVENTS else 0:.2f} s to the first phase)")
    grouped: dict[str, list[tuple[float, float, float, float]]] = {}
    for label, start, stop, cpu, cpu_end in EVENTS:
        grouped.setdefault(label, []).append((start, stop, cpu, cpu_end))
    print(f"{'phase of the build process':48} {'first start':>11} {'last end':>9} {'wall sum':>9} {'CPU sum':>8} {'calls':>6}")
    for label, items in sorted(grouped.items(), key=lambda item: min(i[0] for i in item[1])):
        print(f"{label:48} {min(i[0] for i in items) - T0:11.2f} {max(i[1] for i in items) - T0:9.2f} "
              f"{sum(i[1] - i[0] for i in items):9.2f} {sum(i[3] - i[2] for i in items):8.2f} {len(items):6}")
    rows = [line.split("\t") for line in WORKER_LOG.read_text().splitlines()] if WORKER_LOG.exists() else []
    workers: dict[str, list[tuple[float, float, float]]] = {}
    for pid, _url, _versions, start, stop, cpu, cpu_end in rows:
        workers.setdefault(pid, []).append((float(start), float(stop), float(cpu_end) - float(cpu)))
    for pid, items in workers.items():
        spans = merged([(a, b) for a, b, _ in items])
        gaps = [(spans[i][1], spans[i + 1][0]) for i in range(len(spans) - 1) if spans[i + 1][0] - spans[i][1] > 0.05]
        print(f"worker {pid}: {len(items)} sheets, first {spans[0][0] - T0:.2f}, last end {spans[-1][1] - T0:.2f}, "
              f"busy {sum(b - a for a, b in spans):.2f} s wall, CPU {sum(c for *_, c in items):.2f} s; idle gaps > 50 ms: "
              + (", ".join(f"{a - T0:.2f}–{b - T0:.2f}" for a, b in gaps) or "none"))
    print("build process, in order (phases > 30 ms):")
    for label, start, stop, cpu, cpu_end in sorted(EVENTS, key=lambda e: e[1]):
        if stop - start > 0.03 and not label.startswith("MkDocs"):
            print(f"  {start - T0:6.2f} – {stop - T0:6.2f}  {label}  (CPU {cpu_end - cpu:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path, default=Path(tempfile.mkdtemp(prefix="pdf-timeline-site-")))
    options = parser.parse_args()
    install()
    sys.argv = ["tetsuzuki", "build", "-q", "-d", str(options.site)]
    try:
        cli.main()
    except SystemExit as exit:
        if exit.code:
            raise
    report(time.monotonic(), time.process_time())
    import generator.site.stylesheets as stylesheets
    print("stylesheet selectors compiled:", stylesheets._compile.cache_info().currsize, "of",
          len(stylesheets._selectors.__wrapped__(Path(plugin_css()).read_text(encoding="utf-8"))))


def plugin_css() -> str:
    import glob
    import material
    return glob.glob(str(Path(material.__file__).parent / "templates/assets/stylesheets/main.*.min.css"))[0]


if __name__ == "__main__":
    main()
