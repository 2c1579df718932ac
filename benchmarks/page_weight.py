"""Benchmark: build time, site size and what a phone downloads, tetsuzuki next to plain Material for MkDocs.

Not a test: it prints numbers to compare, side by side, in one run on the same machine.

    .venv/bin/python benchmarks/page_weight.py [--runs 5]

What it measures
- build time of the example municipality (median of ``--runs`` atomic builds) and of the plain Material site;
- total size of each output folder;
- for one procedure page: every request real Chromium makes on a first visit (cold cache), and on a second
  page in the same tab (warm cache), each body compressed with gzip -9 as a server would send it; and
  whether any request went to another origin;
- for every page of both sites, what it loads (tests/site/page_weights.py, the same measure as the budget
  test tests/site/test_page_weight.py): first visit and second page, median and largest, per kind of page.

The plain Material site is the reference from issue #2: two pages carrying the same Japanese text as our
procedure page, ``theme.font: false``, ``language: ja`` and the search plugin (``lang: ja``).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

from generator.build import build_site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.site.page_weights import PageWeight, page_weights, shared_parts  # noqa: E402

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@dataclass
class Visit:
    requests: list[tuple[str, int, int]] = field(default_factory=list)  # url, raw bytes, gzip bytes

    @property
    def gzip_total(self) -> int:
        return sum(g for _, _, g in self.requests)

    @property
    def raw_total(self) -> int:
        return sum(r for _, r, _ in self.requests)


def timed(action, runs: int) -> float:
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        durations.append(time.perf_counter() - start)
    return statistics.median(durations)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def make_plain_material_site(work: Path, page_text: str) -> Path:
    """Two Markdown pages with the same text as our procedure page, built by plain Material."""
    docs = work / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# ホーム\n\n" + page_text[:400] + "\n", encoding="utf-8")
    (docs / "page.md").write_text("# 手続き\n\n" + page_text + "\n", encoding="utf-8")
    (work / "mkdocs.yml").write_text(
        "site_name: 比較用\ntheme:\n  name: material\n  language: ja\n  font: false\n"
        "plugins:\n  - search:\n      lang: ja\n",
        encoding="utf-8",
    )
    return work / "mkdocs.yml"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` like a plain static host (no Cache-Control: the browser revalidates with 304s)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def visit_two_pages(browser, base: str, first: str, second: str) -> tuple[Visit, Visit, set[str]]:
    """Load ``first`` with a cold cache, then ``second`` in the same tab; record what came over the network."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    current = Visit()
    origins: set[str] = set()

    def record(response) -> None:
        origins.add(f"{urlsplit(response.url).scheme}://{urlsplit(response.url).netloc}")
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        current.requests.append((response.url, len(body), len(gzip.compress(body, 9))))

    page.on("response", record)
    page.goto(base + first, wait_until="networkidle")
    first_visit = current
    current = Visit()
    page.goto(base + second, wait_until="networkidle")
    # Why filter by URL instead of trusting Chromium's cache flags: a static host without Cache-Control
    # makes the browser revalidate (304) or not depending on heuristics, and workers report sizes unevenly.
    # "Second page" = what a browser with a working HTTP cache must still download.
    seen = {url for url, _, _ in first_visit.requests}
    second_visit = Visit([request for request in current.requests if request[0] not in seen])
    context.close()
    return first_visit, second_visit, origins


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per side (median reported)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        ours = work / "ours"
        ours_time = timed(lambda: build_site(ROOT / "mkdocs.yml", site_dir=ours), args.runs)
        page_url = "kosodate/jidou-teate-nintei-seikyu/"
        second_url = "kaigo/kaigo-nintei-shinsei/"
        article = BeautifulSoup((ours / page_url / "index.html").read_text(encoding="utf-8"), "html.parser").article
        text = "\n\n".join(line.strip() for line in article.get_text("\n").splitlines() if line.strip())

        config_file = make_plain_material_site(work / "plain", text)
        plain = work / "plain" / "site"
        plain_time = timed(lambda: mkdocs_build(load_config(str(config_file), site_dir=str(plain))), args.runs)

        sizes = {"ours": folder_size(ours), "plain": folder_size(plain)}
        every_page = {"tetsuzuki": page_weights(ours), "plain Material": page_weights(plain)}
        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            for name, folder, first, second in (
                ("tetsuzuki", ours, page_url, second_url),
                ("plain Material", plain, "page/", ""),
            ):
                server, base = serve(folder)
                try:
                    results[name] = visit_two_pages(browser, base, first, second)
                finally:
                    server.shutdown()
            browser.close()

    print(f"{'':28}{'tetsuzuki':>16}{'plain Material':>18}")
    print(f"{'build (median of ' + str(args.runs) + ')':28}{ours_time:>15.2f}s{plain_time:>17.2f}s")
    print(f"{'output size':28}{_kb(sizes['ours'][0]):>16}{_kb(sizes['plain'][0]):>18}")
    for label, index in (("first visit (gzip)", 0), ("second page (gzip)", 1)):
        values = [results[name][index] for name in ("tetsuzuki", "plain Material")]
        print(f"{label:28}{_kb(values[0].gzip_total):>16}{_kb(values[1].gzip_total):>18}")
        print(f"{'  requests':28}{len(values[0].requests):>16}{len(values[1].requests):>18}")
    print("\nEvery page, from the files (gzip -9; HTML + the stylesheets, scripts and images it loads):")
    print(f"  {'':34}{'pages':>6}{'first median':>14}{'first max':>11}{'2nd median':>12}{'2nd max':>9}")
    for name, weights in every_page.items():
        shared = shared_parts(weights)
        for kind, chosen in _kinds(weights).items():
            first = [weight.first_visit for weight in chosen]
            second = [weight.second_page(shared) for weight in chosen]
            print(f"  {name + ': ' + kind:34}{len(chosen):>6}{_kb(statistics.median(first)):>14}{_kb(max(first)):>11}"
                  f"{_kb(statistics.median(second)):>12}{_kb(max(second)):>9}")
        heaviest = max((weight for weight in weights if not weight.print_only), key=lambda weight: weight.first_visit)
        print(f"    heaviest first visit: {heaviest.describe()}")
    for name, (first, second, origins) in results.items():
        other = sorted(o for o in origins if "127.0.0.1" not in o)
        print(f"\n{name}: origins other than 127.0.0.1: {other or 'none'}")
        for label, visit in (("first visit", first), ("second page", second)):
            print(f"  {label}: {_kb(visit.raw_total)} raw, {_kb(visit.gzip_total)} gzip")
            for url, raw, packed in visit.requests:
                print(f"    {packed:>7,} B gzip {raw:>8,} B  {urlsplit(url).path}")


def _kinds(weights: list[PageWeight]) -> dict[str, list[PageWeight]]:
    """Guide pages and print documents."""
    kinds = {"guide pages": [weight for weight in weights if not weight.print_only]}
    printed = [weight for weight in weights if weight.print_only]
    if printed:
        kinds["print documents"] = printed
    return kinds


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


if __name__ == "__main__":
    main()
