"""Benchmark of 「手続きを さがす」 (issue #12): how often residents' queries find the right page, what the page
weighs, and how fast results follow a keystroke.

    .venv/bin/python benchmarks/finder_benchmark.py hits [--approach shipped --approach substring …] [--misses] [--tuning]
    .venv/bin/python benchmarks/finder_benchmark.py weight
    .venv/bin/python benchmarks/finder_benchmark.py timing [--runs 5] [--latency 300]

``hits`` builds the example site (without PDFs), reads the items from the built 「さがす」 page and runs each
approach in Node over them (``benchmarks/finder/<approach>.js``; ``shipped`` is the built finder.js itself).
The queries are ``tests/browser/finder_queries.py``; hit@k counts a query when any of its answers is among the
first k results. ``--site DIR`` uses an existing build instead (e.g. one made from an older commit).

``weight`` loads the page in Chromium with a cold cache and sums every response gzip -9 (as
benchmarks/page_weight.py does). ``timing`` types queries with real key events into the page with the CPU
slowed 4× (DevTools ``Emulation.setCPUThrottlingRate``) and reports the time from each key event to a frame
after the results list changed (median per run, then the median of the runs), and the longest input-to-paint
duration the browser itself reports (Event Timing API, the measure behind INP).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.finder_queries import BATCH_5, BATCH_6, BATCH_7, BATCH_8, BATCH_9, BATCH_10, BATCH_11, BATCH_12, BATCH_13, BATCH_14, BATCH_15, BATCH_16, HELD_OUT, NOT_COVERED, NOT_COVERED_TUNING, SPENT_FRESH, TUNING, Query  # noqa: E402

FINDER = "sagasu/"
KS = (1, 3, 5)


def build(site: Path) -> Path:
    from generator.build import build_site

    os.environ.setdefault("TETSUZUKI_FLYER_PDFS", "0")
    build_site(ROOT / "mkdocs.yml", site_dir=site)
    return site


def entries(site: Path) -> list[dict[str, str]]:
    """The items of the built finder page, as finder.js reads them."""
    soup = BeautifulSoup((site / FINDER / "index.html").read_text(encoding="utf-8"), "html.parser")
    for wbr in soup.select(".t-card__title wbr"):  # the title's word breaks, read as spaces (as finder.js does)
        wbr.replace_with(" ")
    return [
        {
            "id": li["data-id"],
            "title": li.select_one(".t-card__title").get_text(),
            "name": name.get_text() if (name := li.select_one("[data-name]")) else "",
            "words": li["data-search"],
            "more": li.get("data-more", ""),
        }
        for li in soup.select("li[data-search]")
    ]


def run_approach(name: str, site: Path, items: list[dict[str, str]], queries: list[Query]) -> list[dict]:
    """Per query: ``{"ids": [...], "exact": bool}`` (exact: the approach found a good match)."""
    prepare = ROOT / "benchmarks" / "finder" / f"{name}.py"
    if prepare.is_file():  # a build-time step of that approach (e.g. a tokenizer adding base forms)
        python = os.environ.get("FINDER_SUDACHI_PYTHON", "/tmp/sudachi-venv/bin/python")
        items = json.loads(
            subprocess.run([python, str(prepare)], input=json.dumps(items), capture_output=True, text=True, check=True).stdout
        )
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as data:
        json.dump({"entries": items, "queries": [q.text for q in queries]}, data, ensure_ascii=False)
    env = dict(os.environ, FINDER_JS=str(site / "assets" / "javascripts" / "finder.js"))
    approach = ROOT / "benchmarks" / "finder" / f"{name}.js"
    done = subprocess.run(
        ["node", str(ROOT / "benchmarks" / "finder" / "run.js"), str(approach), data.name],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )
    Path(data.name).unlink()
    if done.returncode != 0:
        raise SystemExit(f"{name}: {done.stderr.strip()}")
    return json.loads(done.stdout)


def hit_rates(queries: list[Query], ranked: list[list[str]]) -> dict[int, float]:
    return {k: sum(bool(q.answers & set(r[:k])) for q, r in zip(queries, ranked)) / len(queries) for k in KS}


def report_hits(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as temp:
        site = Path(args.site) if args.site else build(Path(temp) / "site")
        items = entries(site)
        present = {item["id"] for item in items}
        # --tuning: while tuning, measure (and list the misses of) the tuning queries only, so the held-out ones
        # stay unread until the one final measurement.
        # BATCH_9, BATCH_15 and BATCH_16 check a round's changes: measured with the tuning queries, their misses never listed.
        checks = BATCH_9 + BATCH_15 + BATCH_16
        queries = [q for q in (TUNING + checks if args.tuning else TUNING + checks + HELD_OUT) if q.answers & present]
        splits = {
            "tuning": [q for q in queries if q in TUNING],
            "batch 5": [q for q in queries if q in BATCH_5],
            "batch 6": [q for q in queries if q in BATCH_6],
            "batch 7": [q for q in queries if q in BATCH_7],
            "batch 8": [q for q in queries if q in BATCH_8],
            "batch 9 (check)": [q for q in queries if q in BATCH_9],
            "batch 10": [q for q in queries if q in BATCH_10],
            "batch 11": [q for q in queries if q in BATCH_11],
            "batch 12": [q for q in queries if q in BATCH_12],
            "batch 13": [q for q in queries if q in BATCH_13],
            "batch 14": [q for q in queries if q in BATCH_14],
            "batch 15 (check)": [q for q in queries if q in BATCH_15],
            "batch 16 (check)": [q for q in queries if q in BATCH_16],
            "spent fresh": [q for q in queries if q in SPENT_FRESH],
            "held-out": [q for q in queries if q in HELD_OUT],
            "sentences": [q for q in queries if q.sentence],
            "all": queries,
        }
        splits = {name: split for name, split in splits.items() if split}
        # --tuning lists no held-out text at all: the fresh set's errands stay out of the not-covered check too.
        not_covered = NOT_COVERED_TUNING if args.tuning else NOT_COVERED
        held_out = sum(q in HELD_OUT for q in queries)
        print(f"{len(items)} items, {len(queries)} queries ({sum(q.sentence for q in queries)} sentences, {held_out} held out)")
        if not args.tuning and not held_out:
            print("held-out: none (HELD_OUT is empty until a new blind set is wired in)")
        print(f"{'approach':14}" + "".join(f"{name + ' @1/@3/@5':>26}" for name in splits))
        for name in args.approach:
            found = dict(zip([q.text for q in queries], run_approach(name, site, items, queries)))
            ranked = {text: result["ids"] for text, result in found.items()}
            cells = []
            for split in splits.values():
                rates = hit_rates(split, [ranked[q.text] for q in split])
                cells.append(" / ".join(f"{rates[k] * 100:5.1f}" for k in KS))
            inexact = [q.text for q in queries if not found[q.text]["exact"] and q not in checks]
            uncovered = run_approach(name, site, items, [Query(text, frozenset(), False) for text in not_covered])
            honest = sum(not result["exact"] for result in uncovered)
            print(f"{name:14}" + "".join(f"{cell:>26}" for cell in cells) + f"   'no exact match': {len(inexact)} answered, {honest}/{len(not_covered)} not covered")
            if any("sure" in result for result in found.values()):
                # Enter opens the first result only when the finder is sure (issue #20): how often, and how often wrongly.
                opened = [q for q in queries if found[q.text].get("sure")]
                wrong = [q.text for q in opened if not q.answers & set(ranked[q.text][:1])]
                stray = [text for text, result in zip(not_covered, uncovered) if result.get("sure")]
                # A held-out query or errand is counted, never printed: its text must stay unread while tuning.
                hidden = {q.text for q in HELD_OUT} | (set(NOT_COVERED) - set(NOT_COVERED_TUNING))
                wrong = [text if text not in hidden else "(held out)" for text in wrong]
                stray = [text if text not in hidden else "(held out)" for text in stray]
                print(f"{'':14}Enter opens result 1 for {len(opened)}/{len(queries)} answered queries ({len(wrong)} wrong: {'、'.join(wrong) or '-'}),"
                      f" {len(stray)}/{len(not_covered)} not covered ({'、'.join(stray) or '-'})")
            if args.misses:
                for q in queries:
                    if q in checks:
                        continue
                    if args.tuning and not q.answers & set(ranked[q.text][:1]):
                        print(f"   miss@1 T 「{q.text}」 want {sorted(q.answers)} got {ranked[q.text][:5]}")
                    elif not q.answers & set(ranked[q.text][:3]):
                        tag = "H" if q in HELD_OUT else "T"
                        print(f"   miss@3 {tag} 「{q.text}」 want {sorted(q.answers)} got {ranked[q.text][:5]}")
                print("   'no exact match': " + "、".join(inexact))


def report_weight(args: argparse.Namespace) -> None:
    from playwright.sync_api import sync_playwright

    from benchmarks.page_weight import CHROMIUM_FLAGS, serve

    with tempfile.TemporaryDirectory() as temp:
        site = Path(args.site) if args.site else build(Path(temp) / "site")
        server, base = serve(site)
        rows = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
                page = browser.new_page(viewport={"width": 390, "height": 844})
                page.on("response", lambda response: rows.append((response.url, response.body())))
                page.goto(base + FINDER, wait_until="networkidle")
                browser.close()
        finally:
            server.shutdown()
    total = 0
    for url, body in rows:
        packed = len(gzip.compress(body, 9))
        total += packed
        print(f"{packed:>8,} B gzip {len(body):>9,} B  {url.removeprefix(base)}")
    print(f"first visit of {FINDER}: {total:,} B gzip ({total / 1024:.1f} KB), {len(rows)} requests")


TIMING_QUERIES = ("ほいくえん", "たいふうでいえがこわれた", "かいごほけんしょうをなくした")

def report_timing(args: argparse.Namespace) -> None:
    from playwright.sync_api import sync_playwright

    from benchmarks.page_weight import CHROMIUM_FLAGS, serve
    from tests.browser.test_finder import WATCH_UPDATES

    with tempfile.TemporaryDirectory() as temp:
        site = Path(args.site) if args.site else build(Path(temp) / "site")
        server, base = serve(site)
        medians, longest, firsts = [], [], []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
                for _ in range(args.runs):
                    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
                    cdp = page.context.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                    if args.latency:
                        cdp.send("Network.enable")
                        cdp.send("Network.emulateNetworkConditions", {
                            "offline": False, "latency": args.latency, "downloadThroughput": 400 * 1024 / 8, "uploadThroughput": 400 * 1024 / 8,
                        })
                    page.goto(base + FINDER)
                    page.evaluate(WATCH_UPDATES)
                    for query in TIMING_QUERIES:
                        page.fill("#finder-query", "")
                        page.click("#finder-query")
                        page.keyboard.type(query, delay=120)
                        page.keyboard.press("Backspace")
                        page.wait_for_timeout(300)
                    times = page.evaluate("window.__finderTimes")
                    events = page.evaluate("window.__finderEvents")
                    # The first update of a fresh page (its first results, after the box was tapped), measured from the
                    # first key it answers: what a script that loads something when the box is first used would delay.
                    first = times[0]
                    medians.append(statistics.median(times))
                    longest.append(max(events, default=0))
                    firsts.append(first)
                    print(
                        f"run: {len(times)} updates, key → list changed → next frame: median {statistics.median(times):.1f} ms,"
                        f" max {max(times):.1f} ms; first update of the page {first:.1f} ms;"
                        f" Event Timing input → paint: {len(events)} of ≥ 16 ms, max {max(events, default=0):.0f} ms"
                    )
                    page.close()
                browser.close()
        finally:
            server.shutdown()
    print(
        f"CPU 4× slower{f', network {args.latency} ms latency and 400 kbit/s' if args.latency else ''}, {args.runs} runs:"
        f" median per run {statistics.median(medians):.1f} ms (median of the medians);"
        f" first update of the page: median {statistics.median(firsts):.1f} ms, max {max(firsts):.1f} ms;"
        f" longest input → paint (Event Timing) per run: {', '.join(f'{value:.0f}' for value in longest)} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("hits", "weight", "timing"))
    parser.add_argument("--site", help="an already built site folder (default: build the example site)")
    parser.add_argument("--approach", action="append", help="benchmarks/finder/<name>.js (default: shipped)")
    parser.add_argument("--misses", action="store_true", help="list the queries missing from the first 3 (with --tuning: from the first)")
    parser.add_argument("--tuning", action="store_true", help="the tuning queries only (the held-out ones stay unread while tuning)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--latency", type=int, default=0, help="timing: emulate a network with this latency (ms) and 400 kbit/s")
    args = parser.parse_args()
    args.approach = args.approach or ["shipped"]
    {"hits": report_hits, "weight": report_weight, "timing": report_timing}[args.what](args)


if __name__ == "__main__":
    main()
