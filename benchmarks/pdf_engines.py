"""Benchmark: PDF engines and ways of running them, side by side on one town's print pages (issue #23).

Not a test. It builds the example town (no PDFs) and times, in one run on the same machine:

- WeasyPrint, one renderer in this process (as the build does today): every print page of the town, with
  the build's A4 fit check (a page too tall is made again compact, then tight, like ``flyers/feature.py``);
- WeasyPrint in two long-lived worker processes (one renderer each, started once): the same pages;
- WeasyPrint, the 27 procedure flyers only;
- Typst (PyPI ``typst``, one ``Compiler`` reused): the same 27 flyers' text in the measuring prototype
  ``benchmarks/pdf_engines/flyer.typ`` with the same fonts and QR images. A prototype: it proves speed and
  Japanese text, not the product layout;
- the build's engine (``flyers.feature.pdf_engine``: Typst for the sheet kinds in ``typst_engine.TYPST_SHEETS``,
  WeasyPrint for the others): every print page of the town with the same A4 fit check, and the 27 flyers.

    .venv/bin/python benchmarks/pdf_engines.py [--runs 3] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["TETSUZUKI_CACHE"] = "0"

from generator.flyers.feature import CSS, SHEET_BUDGET_MM  # noqa: E402
from generator.flyers.pages import STYLESHEET  # noqa: E402
from generator.flyers.pdf import FONT_DIR, PdfRenderer  # noqa: E402

_WORKER: PdfRenderer | None = None


def _start_worker() -> None:
    global _WORKER
    _WORKER = PdfRenderer({STYLESHEET: CSS})


def _render_in_worker(page: tuple[str, str]) -> tuple[int, int, float]:
    assert _WORKER is not None
    pdf, pages, tallest = _WORKER.render_measured(*page)
    return len(pdf), pages, tallest


def print_pages(site: Path) -> list[tuple[str, str]]:
    """Every print page (HTML, site path) of a built site: flyers, QR cards, practice and instructor sheets."""
    pages = []
    for path in sorted((site / "chirashi").rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if "data-print-only" in html and 'class="f-sheet' in html:
            pages.append((html, path.parent.relative_to(site).as_posix() + "/"))
    return pages


def weasyprint_sequential(pages: list[tuple[str, str]], renderer=None) -> tuple[float, int]:  # noqa: ANN001
    """Every page in one process (WeasyPrint unless ``renderer`` is given), with the fit check's second try."""
    renderer = renderer or PdfRenderer({STYLESHEET: CSS})
    renders = 0
    started = time.perf_counter()
    for html, url in pages:
        _, count, tallest = renderer.render_measured(html, url)
        renders += 1
        if count == 1 and tallest > SHEET_BUDGET_MM:
            # the build's second try, same cost
            renderer.render_measured(html.replace("f-sheet ", "f-sheet f-sheet--compact ", 1), url)
            renders += 1
    return time.perf_counter() - started, renders


def weasyprint_two_processes(pages: list[tuple[str, str]], pool: ProcessPoolExecutor) -> float:
    started = time.perf_counter()
    list(pool.map(_render_in_worker, pages, chunksize=2))
    return time.perf_counter() - started


def typst_flyers(flyers: list[Path], work: Path) -> tuple[float, float, bool]:
    import typst
    from bs4 import BeautifulSoup

    template = ROOT / "benchmarks" / "pdf_engines" / "flyer.typ"
    (work / "flyer.typ").write_bytes(template.read_bytes())
    documents = []
    for path in flyers:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

        def text(selector: str, soup=soup) -> str:
            found = soup.select_one(selector)
            return found.get_text(" ", strip=True) if found else ""

        image = soup.select_one("img.f-qr__image")
        (work / f"{path.parent.name}.png").write_bytes(base64.b64decode(image["src"].split(",", 1)[1]))
        documents.append({
            "qr": f"{path.parent.name}.png", "kicker": text(".f-kicker"), "title": text(".f-title"),
            "status_title": text(".f-status h2"), "phone": text(".f-contact__phone"),
            "status": [p.get_text(" ", strip=True) for p in soup.select(".f-status > p")],
            "important": [p.get_text(" ", strip=True) for p in soup.select(".f-important p")],
            "prepare": [li.get_text(" ", strip=True) for li in soup.select(".f-check li")],
            "steps_title": text("#steps"), "steps": [li.get_text(" ", strip=True) for li in soup.select(".f-steps li")],
            "noscan": text(".f-noscan p"), "foot": text(".f-foot"),
        })
    started = time.perf_counter()
    compiler = typst.Compiler(work / "flyer.typ", root=work, font_paths=[str(FONT_DIR)], ignore_system_fonts=True)
    first = compiler.compile(sys_inputs={"data": json.dumps(documents[0], ensure_ascii=False)}, timestamp=0)
    start_up = time.perf_counter() - started
    started = time.perf_counter()
    for document in documents:
        compiler.compile(sys_inputs={"data": json.dumps(document, ensure_ascii=False)}, timestamp=0)
    warm = (time.perf_counter() - started) / len(documents)
    again = compiler.compile(sys_inputs={"data": json.dumps(documents[0], ensure_ascii=False)}, timestamp=0)
    (work / "first.pdf").write_bytes(first)
    return start_up, warm, first == again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    os.environ["TETSUZUKI_FLYER_PDFS"] = "0"
    from generator.build import build_site

    rows: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as temp:
        site = build_site(ROOT / "mkdocs.yml", site_dir=Path(temp) / "site")
        pages = print_pages(site)
        flyers = sorted((site / "chirashi").glob("[a-z][0-9][0-9]/index.html"))
        flyer_pages = [(path.read_text(encoding="utf-8"), path.parent.relative_to(site).as_posix() + "/") for path in flyers]
        started = time.perf_counter()
        with ProcessPoolExecutor(2, initializer=_start_worker) as pool:
            list(pool.map(_render_in_worker, pages[:2]))  # start both workers (import + fonts) before timing
            start_up = time.perf_counter() - started
            for run in range(args.runs):
                seconds, renders = weasyprint_sequential(pages)
                rows.setdefault(f"WeasyPrint, 1 process: {len(pages)} print pages ({renders} renders with the fit check)", []).append(seconds)
                rows.setdefault(f"WeasyPrint, 2 long-lived processes: {len(pages)} print pages (no second try)", []).append(
                    weasyprint_two_processes(pages, pool))
                seconds, _ = weasyprint_sequential(flyer_pages)
                rows.setdefault(f"WeasyPrint, 1 process: {len(flyer_pages)} flyers, per flyer", []).append(seconds / len(flyer_pages))
                from generator.flyers.feature import pdf_engine

                engine = pdf_engine(None)
                seconds, renders = weasyprint_sequential(pages, engine)
                rows.setdefault(f"Build's engine (Typst for every sheet kind), 1 process: {len(pages)} print pages ({renders} renders)", []).append(seconds)
                seconds, _ = weasyprint_sequential(flyer_pages, engine)
                rows.setdefault(f"Build's engine, 1 process: {len(flyer_pages)} flyers, per flyer (Typst)", []).append(seconds / len(flyer_pages))
                try:
                    typst_start, typst_warm, reproducible = typst_flyers(flyers, Path(temp))
                except ImportError:
                    continue
                rows.setdefault("Typst prototype, Compiler reused: per flyer", []).append(typst_warm)
                rows.setdefault("Typst prototype: first compile (fonts loaded)", []).append(typst_start)
                rows.setdefault("Typst prototype: same input gives the same bytes (1 = yes)", []).append(float(reproducible))
                print(f"run {run + 1} done", flush=True)
        rows["WeasyPrint worker start (2 processes, import + fonts), once"] = [start_up]
    table = ["| what | median s | runs |", "|---|---:|---|"]
    table += [f"| {name} | {statistics.median(values):.3f} | {', '.join(f'{v:.3f}' for v in values)} |" for name, values in rows.items()]
    print("\n".join(table))
    if args.markdown:
        args.markdown.write_text("\n".join(table) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
