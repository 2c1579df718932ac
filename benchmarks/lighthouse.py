"""Benchmark: Lighthouse performance (mobile, simulated slow 4G) of the four kinds of page, served with gzip.

Not a test: it prints each run and the medians, and can write them as Markdown.

    npm ci --prefix benchmarks/lighthouse --no-audit --no-fund      # once: Lighthouse 12.2.3, pinned
    .venv/bin/python benchmarks/lighthouse.py [--runs 5] [--site DIR --label NAME]... [--markdown FILE]

Without ``--site`` it builds the example municipality (no PDFs) into a temporary folder. Several
``--site``/``--label`` pairs measure several builds in one run, side by side (a build of an older commit
for "before"). Each site is served by a small server that compresses HTML, CSS, JS, JSON and SVG with gzip
(level 6, as nginx and Apache are usually set up) and sends no cache headers; Lighthouse drives Debian's
Chromium (/usr/bin/chromium) headless. For each run: the performance score and its metrics, and the elements
Lighthouse reports as moving (cumulative layout shift).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "home": "",
    "procedure (k01)": "kosodate/jidou-teate-nintei-seikyu/",
    "さがす": "sagasu/",
    "わたしの 手続き": "watashi/",
}
METRICS = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI ms",
}
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (a real server's default for text)."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):  # noqa: ANN201 (stdlib signature)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        pass


def serve(folder: Path, prefix: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(type("Handler", (_GzipHandler,), {"prefix": prefix}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def lighthouse(url: str, work: Path) -> dict:
    """One Lighthouse run (performance only, its default mobile settings); the parts of its report we use."""
    report = work / "report.json"
    subprocess.run(
        [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", f"--output-path={report}",
         "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"],
        check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, cwd=work, timeout=300,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    moved = []
    for item in (audits.get("layout-shifts", {}).get("details") or {}).get("items", []):
        node = item.get("node") or {}
        moved.append(f"{node.get('selector', '?')} ({item.get('score', 0):.3f})")
    return {
        "score": round(data["categories"]["performance"]["score"] * 100),
        **{label: audits[key]["numericValue"] for key, label in METRICS.items()},
        "moved": moved,
    }


def measure(site: Path, prefix: str, runs: int) -> dict[str, list[dict]]:
    server, base = serve(site, prefix)
    results: dict[str, list[dict]] = {name: [] for name in PAGES}
    try:
        with tempfile.TemporaryDirectory() as temp:
            for run in range(runs):
                for name, path in PAGES.items():
                    result = lighthouse(base + path, Path(temp))
                    results[name].append(result)
                    moved = "; ".join(result["moved"]) or "nothing"
                    metrics = ", ".join(f"{label} {result[label]:.3f}" if label == "CLS" else f"{label} {result[label]:.0f}"
                                        for label in METRICS.values())
                    print(f"  run {run + 1} {name}: {result['score']} ({metrics}; moved: {moved})", flush=True)
    finally:
        server.shutdown()
    return results


def summary_rows(label: str, results: dict[str, list[dict]]) -> list[str]:
    rows = []
    for name, runs in results.items():
        scores = [run["score"] for run in runs]
        cells = [f"{statistics.median(run[metric] for run in runs):.3f}" if metric == "CLS"
                 else f"{statistics.median(run[metric] for run in runs):.0f}" for metric in METRICS.values()]
        rows.append(f"| {label} | {name} | {statistics.median(scores):.0f} | {min(scores)}–{max(scores)} | " + " | ".join(cells) + " |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, action="append", default=[], help="a built site (default: build one)")
    parser.add_argument("--label", action="append", default=[], help="a name for each --site")
    parser.add_argument("--prefix", default="/tetsuzuki/", help="the path the site is served under (its base URL's)")
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: npm ci --prefix benchmarks/lighthouse --no-audit --no-fund")

    with tempfile.TemporaryDirectory() as temp:
        sites = list(zip(args.site, args.label or [site.name for site in args.site], strict=False))
        if not sites:
            os.environ["TETSUZUKI_FLYER_PDFS"] = "0"
            sys.path.insert(0, str(ROOT))
            from generator.build import build_site

            sites = [(build_site(ROOT / "mkdocs.yml", site_dir=Path(temp) / "site"), "this commit")]
        table = [
            "| site | page | score (median) | scores | " + " | ".join(METRICS.values()) + " |",
            "|---|---|---:|---|" + "---:|" * len(METRICS),
        ]
        for site, label in sites:
            print(f"{label}: {site}", flush=True)
            table += summary_rows(label, measure(site, args.prefix, args.runs))
    print("\n".join(table))
    if args.markdown:
        args.markdown.write_text("\n".join(table) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
