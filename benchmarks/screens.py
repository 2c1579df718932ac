"""Measure every procedure page as a resident sees it on a phone: where the first action is, how long the page is.

Not a test: it prints a table (and can save it as JSON) so a change can be compared with the build before it.

    .venv/bin/python benchmarks/screens.py [--site site/] [--json out.json] [--compare before.json]

For each of the procedure pages, in real Chromium at 390×844 (one screen = 844 CSS px; the sample banner of the
example town is shown, as residents of a sample build see it):

- ``action``: the screen (1 = the first) on which the first start-or-call action begins — a ``tel:`` link or a
  start link to Mynaportal (``a[data-action=start]`` or an ``https://`` button) inside the page body;
- ``screens``: the page length in screens (document height / 844);
- ``number on one line``: whether every phone number in a ``tel:`` link of the body sits on one line
  (the characters of the number are measured with a DOM Range; more than one line box means it wraps).

``--text-200`` repeats the measurement with the browser's text size doubled, ``--width`` changes the width.
Without ``--site`` the example municipality is built into a temporary folder first (PDFs off).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
SCREEN_HEIGHT = 844

MEASURE = (ROOT / "tests" / "browser" / "screens_measure.js").read_text(encoding="utf-8")


@dataclass
class PageResult:
    id: str
    path: str
    action_screen: int | None
    action_top_px: float | None
    screens: float
    number_one_line: bool | None
    numbers: list[str]
    first_action: str | None
    title_end: float | None = None
    """Where the title (h1) ends, in screens (0.5 = half way down the first screen)."""
    start_line_end: float | None = None
    """Where the start panel's first line (the first line of its title 「〇〇町で 申し込む には」) ends, in screens."""


def serve(site: Path, prefix: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                return str(site / "__outside__")
            return super().translate_path("/" + path[len(prefix):])

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def procedure_pages(site: Path) -> list[tuple[str, str]]:
    """(id, path) of every procedure page, found through the short links /p/<id>/ (the id is in the refresh)."""
    pages = []
    for short in sorted((site / "p").glob("*/index.html")):
        if short.parent.name != short.parent.name.lower():
            continue  # the same short link in capitals (p/K01/)
        match = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', short.read_text(encoding="utf-8"))
        if not match:
            continue
        target = (Path("p") / short.parent.name / match.group(1)).as_posix()
        parts: list[str] = []
        for part in target.split("/"):
            if part == "..":
                parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        pages.append((short.parent.name, "/".join(parts) + "/"))
    return pages


def measure(site: Path, prefix: str, width: int, height: int, text_200: bool) -> list[PageResult]:
    server, base = serve(site, prefix)
    results = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS, headless=True)
            context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP", device_scale_factor=1)
            page = context.new_page()
            if text_200:
                session = context.new_cdp_session(page)
                session.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
            for procedure_id, path in procedure_pages(site):
                page.goto(base + path, wait_until="load")
                data = page.evaluate(MEASURE, height)
                top = data["firstActionTop"]
                lines = [n["lines"] for n in data["numbers"]]
                results.append(PageResult(
                    id=procedure_id,
                    path=path,
                    action_screen=None if top is None else int(top // height) + 1,
                    action_top_px=top,
                    screens=round(data["height"] / height, 1),
                    number_one_line=None if not lines else all(count == 1 for count in lines),
                    numbers=sorted({n["number"] for n in data["numbers"]}),
                    first_action=data["kinds"][0] if data["kinds"] else None,
                    title_end=None if data["titleBottom"] is None else round(data["titleBottom"] / height, 2),
                    start_line_end=None if data["startLineBottom"] is None else round(data["startLineBottom"] / height, 2),
                ))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


HOME = """(screen) => [...document.querySelectorAll('main a.t-card')].map((a) => ({
  title: a.querySelector('.t-card__title').textContent.trim(),
  bottom: a.getBoundingClientRect().bottom + window.scrollY,
}))"""


def measure_home(site: Path, prefix: str, width: int, height: int, text_200: bool) -> list[tuple[str, float]]:
    """Where each card of the home page ends, in screens: the life events and 「わたしの 手続き」 (issue #20 wants
    them all on the first screen at 390×844)."""
    server, base = serve(site, prefix)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS, headless=True)
            context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP", device_scale_factor=1)
            page = context.new_page()
            if text_200:
                context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
            page.goto(base, wait_until="load")
            cards = page.evaluate(HOME, height)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return [(card["title"], round(card["bottom"] / height, 2)) for card in cards]


def build(folder: Path) -> Path:
    os.environ.setdefault("TETSUZUKI_FLYER_PDFS", "0")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from generator.build import build_site

    return build_site(ROOT / "mkdocs.yml", site_dir=folder / "site")


def table(results: list[PageResult], before: dict[str, dict] | None) -> str:
    head = "| page | action on screen | screens | number on one line |"
    if before:
        head = "| page | action on screen (before → after) | screens (before → after) | number on one line (before → after) |"
    rows = [head, "|---|---|---|---|"]

    def yes(value: bool | None) -> str:
        return "—" if value is None else ("yes" if value else "NO")

    for r in results:
        if before and r.id in before:
            b = before[r.id]
            rows.append(f"| {r.id} | {b['action_screen']} → {r.action_screen} | {b['screens']} → {r.screens} | "
                        f"{yes(b['number_one_line'])} → {yes(r.number_one_line)} |")
        else:
            rows.append(f"| {r.id} | {r.action_screen} | {r.screens} | {yes(r.number_one_line)} |")
    screens = sorted(r.screens for r in results)
    actions = sorted(r.action_screen or 99 for r in results)
    rows.append("")
    titles = sorted(r.title_end or 99 for r in results)
    starts = sorted(r.start_line_end or 99 for r in results)
    rows.append(f"title ends at {titles[0]}–{titles[-1]} screens (median {titles[len(titles) // 2]}), start panel's first line "
                f"at {starts[0]}–{starts[-1]} (median {starts[len(starts) // 2]})")
    rows.append(f"{len(results)} pages: action screen {actions[0]}–{actions[-1]} (median {actions[len(actions) // 2]}), "
                f"length {screens[0]}–{screens[-1]} screens (median {screens[len(screens) // 2]}), "
                f"number on one line on {sum(1 for r in results if r.number_one_line)} of {len(results)}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build the example into a temporary folder)")
    parser.add_argument("--prefix", default="/tetsuzuki/", help="the path the site is served under (that of base_url)")
    parser.add_argument("--width", type=int, default=390)
    parser.add_argument("--height", type=int, default=SCREEN_HEIGHT)
    parser.add_argument("--text-200", action="store_true", help="double the browser's text size")
    parser.add_argument("--json", type=Path, help="save the results here")
    parser.add_argument("--compare", type=Path, help="a JSON file saved by an earlier run, shown as 'before'")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 unless every page has its action on screen 1–2, ≤ 8 screens and every number on one line")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        site = args.site or build(Path(temporary))
        results = measure(site, args.prefix, args.width, args.height, args.text_200)
        home = measure_home(site, args.prefix, args.width, args.height, args.text_200)
    before = None
    if args.compare:
        before = {row["id"]: row for row in json.loads(args.compare.read_text(encoding="utf-8"))["pages"]}
    print(f"{args.width}×{args.height}{' at 200 % text' if args.text_200 else ''}")
    print(table(results, before))
    print("home page, where each card ends (screens): " + "、".join(f"{title} {end}" for title, end in home))
    if args.json:
        args.json.write_text(json.dumps({"width": args.width, "height": args.height, "text_200": args.text_200,
                                         "pages": [asdict(r) for r in results], "home": home}, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    if args.check:
        bad = [r.id for r in results if not (r.action_screen and r.action_screen <= 2 and r.screens <= 8 and r.number_one_line)]
        if bad:
            print("not yet: " + ", ".join(bad))
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
