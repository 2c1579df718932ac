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
- ``title ends``, ``start panel's first line ends``, ``its answer's first line ends``: where the title (h1), the
  first line of the start panel's title (「〇〇町で 申し込む には」) and the first line of the panel's answer end,
  in screens (1.5 = half way down the second screen; issue #20 wants the first two within 2 at 200 % text).

Both editions are measured (``--edition ja`` or ``yasashii`` for one; the やさしい日本語 pages are ``yasashii/k01``),
and each edition's home page: where each of its cards ends (issue #20 wants the six life events and 「わたしの
手続き」 within the first screen at 390×844).

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
    answer_line_end: float | None = None
    """Where the first line of the panel's answer (「スマートフォンで 申し込めます」 / 「電話で たずねて ください」) ends."""


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


EDITIONS = {"ja": "", "yasashii": "yasashii/"}
"""The editions measured, by the folder each lives under (the standard one at the root)."""


def procedure_pages(site: Path, edition: str = "ja") -> list[tuple[str, str]]:
    """(id, path) of every procedure page of an edition, found through its short links <edition>/p/<id>/ (the
    target is in the refresh). The ids of the やさしい日本語 edition are prefixed (``yasashii/k01``)."""
    pages = []
    folder = EDITIONS[edition]
    for short in sorted((site / folder / "p").glob("*/index.html")):
        if short.parent.name != short.parent.name.lower():
            continue  # the same short link in capitals (p/K01/)
        match = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', short.read_text(encoding="utf-8"))
        if not match:
            continue
        target = (Path(folder or ".") / "p" / short.parent.name / match.group(1)).as_posix()
        parts: list[str] = []
        for part in target.split("/"):
            if part == "..":
                parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        pages.append((folder + short.parent.name, "/".join(parts) + "/"))
    return pages


def measure(site: Path, prefix: str, width: int, height: int, text_200: bool, editions: list[str]) -> list[PageResult]:
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
            for procedure_id, path in [page for edition in editions for page in procedure_pages(site, edition)]:
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
                    answer_line_end=None if data["answerLineBottom"] is None else round(data["answerLineBottom"] / height, 2),
                ))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


HOME = """(screen) => [...document.querySelectorAll('main a.t-card')].map((a) => {
  const title = a.querySelector('.t-card__title').cloneNode(true);
  title.querySelectorAll('rt, rp').forEach((reading) => reading.remove());
  return {title: title.textContent.trim(), bottom: a.getBoundingClientRect().bottom + window.scrollY};
})"""


def measure_home(site: Path, prefix: str, width: int, height: int, text_200: bool,
                 editions: list[str]) -> dict[str, list[tuple[str, float]]]:
    """Where each card of each edition's home page ends, in screens: the life events and 「わたしの 手続き」 (issue #20
    wants them all on the first screen at 390×844)."""
    server, base = serve(site, prefix)
    homes = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS, headless=True)
            context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP", device_scale_factor=1)
            page = context.new_page()
            if text_200:
                session = context.new_cdp_session(page)
                session.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
            for edition in editions:
                page.goto(base + EDITIONS[edition], wait_until="load")
                cards = page.evaluate(HOME, height)
                homes[edition] = [(card["title"], round(card["bottom"] / height, 2)) for card in cards]
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return homes


def build(folder: Path) -> Path:
    os.environ.setdefault("TETSUZUKI_FLYER_PDFS", "0")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from generator.build import build_site

    return build_site(ROOT / "mkdocs.yml", site_dir=folder / "site")


def table(results: list[PageResult], before: dict[str, dict] | None) -> str:
    """A Markdown table of the pages (before → after when an earlier run is given) and a summary per edition."""
    columns = [
        ("action on screen", "action_screen"), ("screens", "screens"), ("number on one line", "number_one_line"),
        ("title ends", "title_end"), ("start panel's first line ends", "start_line_end"),
        ("its answer's first line ends", "answer_line_end"),
    ]
    suffix = " (before → after)" if before else ""
    rows = ["| page | " + " | ".join(name + suffix for name, _ in columns) + " |", "|---" * (len(columns) + 1) + "|"]

    def show(value: object) -> str:
        if isinstance(value, bool):
            return "yes" if value else "NO"
        return "—" if value is None else str(value)

    for r in results:
        old = (before or {}).get(r.id)
        cells = [(f"{show(old.get(key))} → " if old else "") + show(getattr(r, key)) for _, key in columns]
        rows.append(f"| {r.id} | " + " | ".join(cells) + " |")
    rows.append("")

    def spread(values: list[float]) -> str:
        values = sorted(values)
        return f"{values[0]}–{values[-1]} (median {values[len(values) // 2]})"

    for edition, folder in EDITIONS.items():
        mine = [r for r in results if r.id.startswith(folder) and "/" not in r.id[len(folder):]]
        if not mine:
            continue
        rows.append(f"{edition}, {len(mine)} pages, in screens: title ends at {spread([r.title_end or 99 for r in mine])}, "
                    f"start panel's first line at {spread([r.start_line_end or 99 for r in mine])}, its answer's first line at "
                    f"{spread([r.answer_line_end or 99 for r in mine])}; action screen {spread([r.action_screen or 99 for r in mine])}, "
                    f"length {spread([r.screens for r in mine])}, number on one line on "
                    f"{sum(1 for r in mine if r.number_one_line)} of {len(mine)}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build the example into a temporary folder)")
    parser.add_argument("--prefix", default="/tetsuzuki/", help="the path the site is served under (that of base_url)")
    parser.add_argument("--width", type=int, default=390)
    parser.add_argument("--height", type=int, default=SCREEN_HEIGHT)
    parser.add_argument("--text-200", action="store_true", help="double the browser's text size")
    parser.add_argument("--edition", choices=[*EDITIONS, "all"], default="all",
                        help="the edition measured: standard Japanese (ja), やさしい日本語 (yasashii) or both (default)")
    parser.add_argument("--json", type=Path, help="save the results here")
    parser.add_argument("--compare", type=Path, help="a JSON file saved by an earlier run, shown as 'before'")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 unless every page has its action on screen 1–2, ≤ 8 screens and every number on one line")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        site = args.site or build(Path(temporary))
        editions = list(EDITIONS) if args.edition == "all" else [args.edition]
        results = measure(site, args.prefix, args.width, args.height, args.text_200, editions)
        home = measure_home(site, args.prefix, args.width, args.height, args.text_200, editions)
    before = None
    if args.compare:
        before = {row["id"]: row for row in json.loads(args.compare.read_text(encoding="utf-8"))["pages"]}
    print(f"{args.width}×{args.height}{' at 200 % text' if args.text_200 else ''}")
    print(table(results, before))
    for edition, cards in home.items():
        print(f"{edition} home page, where each card ends (screens): " + "、".join(f"{title} {end}" for title, end in cards))
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
