"""The print pages and the staff page, as a member of staff and a resident would meet them on the site."""

from __future__ import annotations

import dataclasses
import importlib.abc
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.build import build_site
from generator.flyers import FlyerOutput, build_flyers
from generator.flyers.feature import PDF_ENV
from generator.flyers.pdf import PdfRenderer
from generator.flyers.topics import topic_groups
from generator.site import urls
from tests.conftest import CHROMIUM, ROOT
from tests.flyers.conftest import ARTIFACTS, BUILD_DATE_EPOCH, Built
from tests.text import shows, squash

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(PDF_ENV, "1")  # the staff page links the PDFs only when they were made
            return build_site(ROOT / "mkdocs.yml", site_dir=tmp_path_factory.mktemp("flyer-site") / "site")


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_staff_page_is_linked_from_the_footer_only_and_lists_every_flyer(site: Path, example_flyers: Built) -> None:
    home = soup_of(site / "index.html")
    # Compared without phrase spaces: the standard edition writes them as <wbr> (generator/editions/spacing.py).
    footer_links = {re.sub(r"\s+", "", a.get_text()): a["href"] for a in home.select(".t-footer a")}
    assert footer_links.get("職員の方へ:チラシの印刷") == urls.FLYERS
    assert not home.select_one("main").find("a", href=re.compile(r"chirashi/"))  # not pushed to residents

    staff = soup_of(site / urls.FLYERS / "index.html")
    assert staff.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    targets = {a["href"] for a in staff.select("main a[href]")}
    for procedure in example_flyers.catalog.procedures:
        for path in (urls.flyer_url(procedure.id), urls.flyer_pdf(procedure.id),
                     urls.qr_image(procedure.id, "svg"), urls.qr_image(procedure.id, "png")):
            link = urls.relative(urls.FLYERS, path)
            assert link in targets, link
            assert (site / path / "index.html").is_file() if path.endswith("/") else (site / path).is_file()
    for name in ("cards-all", "practice", "bundle-jidou-teate", "koushi-k01"):
        assert urls.relative(urls.FLYERS, urls.flyer_pdf(name)) in targets
    assert urls.relative(urls.FLYERS, urls.instructor_url("k01")) in targets


def test_staff_page_is_built_for_preparing_a_class(site: Path, example_flyers: Built) -> None:
    staff = soup_of(site / urls.FLYERS / "index.html").select_one("main")
    jump = [a.get_text(strip=True) for a in staff.select("nav a[href^='#']")]
    assert jump[0].startswith("児童手当") and any(text.replace(" ", "").startswith("介護の認定") for text in jump)
    assert "赤ちゃんができた・うまれた" in [text.replace(" ", "") for text in jump], "life events too"
    for a in staff.select("nav a[href^='#']"):
        assert staff.find(id=a["href"][1:]) is not None, a["href"]
    topic = staff.find(id="テーマ-jidou-teate").find_parent("section")
    rows = topic.select("tbody tr")
    assert rows[0].th.get_text(strip=True) == example_flyers.catalog.get("k01").title.replace(" ", "")
    assert all("？" in row.select("td")[0].get_text() for row in rows)  # 階上町 has not said: unknown
    bundle = topic.find("a", href=urls.relative(urls.FLYERS, urls.flyer_pdf("bundle-jidou-teate")))
    assert bundle and "ぜんぶ" in bundle.get_text()
    assert "人数分印刷するものではありません" in re.sub(r"\s+", "", bundle.parent.get_text())
    kit = topic.find("a", href=urls.relative(urls.FLYERS, urls.class_kit_url("jidou-teate")))
    assert kit and "ひとり2まい、20人で40まい" in re.sub(r"\s+", "", kit.find_parent("li").get_text())


def test_print_pages_are_the_exact_html_the_pdf_is_made_from(site: Path, example_flyers: Built) -> None:
    for page in example_flyers.output.pages:
        if page.template == "flyer-print.html":
            written = (site / page.url / "index.html").read_text(encoding="utf-8")
            # The site adds one thing the PDF does not have: the link to the other edition, in the screen-only
            # toolbar (generator/editions: _switch), which the print stylesheet hides.
            toolbar = '<div class="f-toolbar">'
            switch = re.search(toolbar + r'(<p class="t-edition"><a [^>]*data-edition>[^<]*</a></p>)', written)
            assert switch, page.url
            assert written.replace(switch[1], "", 1).strip() == page.html.strip(), page.url
            soup = BeautifulSoup(written, "html.parser")
            assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
            assert soup.find("a")["href"] == "#main" and soup.find(id="main").name == "main"
    css = (site / urls.FLYERS / "flyer.css").read_text(encoding="utf-8")
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css)


def test_flyer_steps_have_the_numbers_of_the_web_page_without_gaps(site: Path, example_flyers: Built) -> None:
    # 「手順 4 です」 in class must find 手順 4 on the flyer: every step is listed, numbered as on the web page.
    for procedure in example_flyers.catalog.procedures:
        flyer = soup_of(site / urls.flyer_url(procedure.id) / "index.html")
        web = soup_of(site / urls.procedure_url(procedure) / "index.html")
        printed = [li.get_text(" ", strip=True) for li in flyer.select(".f-steps li")]
        numbers = []
        for text in printed:
            number = re.match(r"手順\s*(\d+)\s*／\s*(\d+)", text)
            assert number and int(number[2]) == len(procedure.steps), text
            numbers.append(int(number[1]))
            step = web.find(id=f"手順{number[1]}")
            assert step is not None and squash(text) == squash(step.select_one(".t-step__title").get_text(" ", strip=True))
        assert numbers == list(range(1, len(procedure.steps) + 1)), procedure.id
        bold = [int(re.match(r"手順\s*(\d+)", li.get_text(strip=True))[1]) for li in flyer.select(".f-steps li:not(.f-step--minor)")]
        assert bold == [n for n, step in enumerate(procedure.steps, start=1) if step.on_flyer]


def test_contact_hours_or_ask_the_town(fixture_flyers: Built) -> None:
    k01 = fixture_flyers.page(urls.flyer_url("k01")).html  # こども課: no hours in the settings
    d01 = fixture_flyers.page(urls.flyer_url("d01")).html  # テスト町役場: hours given
    assert "0123-45-0001" in k01 and shows("受付時間は テスト町に おたずねください。", k01)
    assert "0123-45-6789" in d01 and shows("受付時間: 平日 8時30分から 17時15分まで", d01)


def test_sample_settings_print_a_sample_label_and_real_ones_do_not(example_flyers: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = example_flyers.catalog
    print_pages = [page for page in example_flyers.output.pages if page.template == "flyer-print.html"]
    for page in print_pages:  # the staff page is framed by the theme, whose banner says 見本 already
        assert "見本" in BeautifulSoup(page.html, "html.parser").select_one(".t-sample").get_text(), page.url
    real = dataclasses.replace(catalog, municipality=catalog.municipality.model_copy(update={"sample": False}))
    output = build_flyers(real, make_pdfs=False)
    for page in output.pages:
        assert "見本" not in page.html, page.url


def test_practice_sheet_opens_the_prepare_help_page_when_it_exists(example_flyers: Built) -> None:
    catalog = example_flyers.catalog
    base = catalog.municipality.base_url
    assert (ROOT / "docs" / "help" / "prepare.md").is_file()
    # The printed address may carry <wbr> break points (after each slash); the text is the address itself.
    assert f">{base}{urls.HELP_PREPARE}<" in example_flyers.page(urls.PRACTICE).html.replace("<wbr>", "")
    without_help = dataclasses.replace(catalog, docs_pages=frozenset())
    page = next(p for p in build_flyers(without_help, make_pdfs=False).pages if p.url == urls.PRACTICE)
    assert f">{base}<" in page.html.replace("<wbr>", "") and shows("はじめの ページ", page.html)


class _NoPango(importlib.abc.MetaPathFinder):
    """Makes ``import weasyprint`` fail as it does on a machine without Debian's Pango library."""

    def find_spec(self, name, path, target=None):  # noqa: ANN001, ANN201
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': No such file or directory")
        return None


def test_without_the_pdf_engine_the_build_says_so_once_and_keeps_the_html(
    example_flyers: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)  # import raises ImportError, as without the package
    output = build_flyers(example_flyers.catalog, make_pdfs=True)
    assert len(output.notices) == 1
    notice = output.notices[0]
    assert "PDF は 作れませんでした" in notice and "HTML" in notice and "Typst" in notice and "Error" in notice
    assert not [item for item in output.files if item.path.endswith(".pdf")]
    assert [page.url for page in output.pages] == [page.url for page in example_flyers.output.pages]
    staff = next(page for page in output.pages if page.url == urls.FLYERS)
    assert "PDF は ありません" in staff.html and "Error" in staff.html
    assert all(".pdf" not in page.html for page in output.pages)


def test_without_pango_every_pdf_is_still_made(example_flyers: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every sheet kind has a Typst layout: WeasyPrint, and the Pango library it needs, are not asked for.
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    catalog = example_flyers.catalog
    uncached = dataclasses.replace(catalog, options=dataclasses.replace(catalog.options, cache=False))
    output = build_flyers(uncached, make_pdfs=True, pdf_workers=1)  # every PDF drawn again, in this process
    assert "weasyprint" not in sys.modules and not output.notices
    assert {item.path: item.content for item in output.files} == {item.path: item.content for item in example_flyers.output.files}


def test_the_layout_alone_counts_the_pages_a_render_would_give(example_flyers: Built) -> None:
    # What the 8 mm check below relies on: the layout without the PDF gives the render's numbers, and a sheet
    # that runs over counts more than one page.
    renderer = PdfRenderer({item.path: item.content for item in example_flyers.output.files})
    page = example_flyers.page(urls.flyer_url("k01"))
    _, pages, tallest = renderer.render_measured(page.html, page.url)
    assert renderer.pages_and_height(page.html, page.url) == (pages, tallest) and pages == 1
    longer = page.html.replace("</footer>", "</footer><p>" + "あ" * 6000 + "</p>", 1)
    assert renderer.pages_and_height(longer, page.url)[0] > 1


def test_one_page_sheets_keep_room_to_spare_for_other_browsers(example_flyers: Built, fixture_flyers: Built) -> None:
    # Chrome's line metrics differ a little from WeasyPrint's: every single sheet must still fit on a page
    # 8 mm shorter than A4, or a browser may print a second, nearly empty sheet. When this fails after a
    # content edit: shorten the title or the steps marked on_flyer of the procedure named.
    for built in (example_flyers, fixture_flyers):
        renderer = PdfRenderer({item.path: item.content for item in built.output.files})
        for page in built.output.pages:
            if (page.template == "flyer-print.html" and "/cards-" not in f"/{page.url}" and "/koushi/" not in page.url
                    and "/kyoushitsu-" not in f"/{page.url}"):  # a class kit holds many sheets
                shorter = page.html.replace("</head>", "<style>@page { size: 210mm 289mm; }</style></head>")
                assert renderer.pages_and_height(shorter, page.url)[0] == 1, f"{page.url} has less than 8 mm to spare"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is installed by scripts/test.sh")
@pytest.mark.parametrize("url", [urls.flyer_url("k01"), urls.handout_url("all"), urls.PRACTICE])
def test_chromium_prints_each_page_on_a4_with_default_settings(site: Path, tmp_path: Path, url: str) -> None:
    pdf = tmp_path / "printed.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", (site / url / "index.html").as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    reader = PdfReader(pdf)
    catalog_size = len(list((ROOT / "procedures").glob("*.yml")))
    expected = math.ceil(catalog_size / 4) if "cards-" in url else 1
    assert len(reader.pages) == expected
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((595.28, 841.89), abs=1.5)
        assert "file:" not in page.extract_text()  # no browser header or footer printed over the sheet


def test_all_27_flyers_are_made_with_every_pdf_and_the_time_is_recorded(example_flyers: Built) -> None:
    # The example is the real catalog: every one of the 27 national procedures, all PDFs made. The time is
    # recorded (test-artifacts/timing.json), not asserted: budgets belong to benchmarks/towns.py, which takes
    # medians of several runs; a shared machine's load moved this test's CPU seconds from 30 to 44.
    assert len(example_flyers.catalog.procedures) == 27
    pdfs = {item.path: len(item.content) for item in example_flyers.output.files if item.path.endswith(".pdf")}
    topics, categories = 8, 3
    kits = topics + sum(1 for group in topic_groups(example_flyers.catalog) if group.common)
    # flyers, 講師用, all cards, cards per category and per topic, practice, bundles, class kits
    assert len(pdfs) == 27 + 27 + 1 + categories + topics + 1 + topics + kits
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "timing.json").write_text(
        json.dumps({"build_flyers_cpu_seconds": round(example_flyers.seconds, 2),
                    "build_flyers_wall_seconds": round(example_flyers.wall_seconds, 2),
                    "pdf_seconds": round(example_flyers.output.pdf_seconds or 0, 2), "pdf_bytes": pdfs},
                   indent=1, ensure_ascii=False),
        encoding="utf-8",
    )


def test_live_preview_skips_the_pdfs_unless_asked(monkeypatch: pytest.MonkeyPatch, fixture_flyers: Built) -> None:
    from generator.mkdocs_plugin.plugin import TetsuzukiPlugin

    def flyers_under_serve() -> FlyerOutput:
        plugin = TetsuzukiPlugin()
        plugin.on_startup(command="serve", dirty=False)
        options = plugin._environment_options()  # what on_config hands the features under `mkdocs serve`
        catalog = dataclasses.replace(fixture_flyers.catalog, options=options)
        return build_flyers(catalog, make_pdfs=catalog.options.pdfs)  # as compose passes it

    monkeypatch.delenv(PDF_ENV, raising=False)
    output = flyers_under_serve()
    assert not [item for item in output.files if item.path.endswith(".pdf")]
    assert len(output.notices) == 1 and PDF_ENV in output.notices[0]
    assert PDF_ENV not in os.environ  # the plugin decided without writing the environment
    monkeypatch.setenv(PDF_ENV, "1")  # an explicit choice is kept
    assert [item for item in flyers_under_serve().files if item.path.endswith(".pdf")]


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is installed by scripts/test.sh")
def test_chromium_prints_only_the_ticked_sheets_of_a_class_kit(site: Path, tmp_path: Path, browser: Browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site / urls.class_kit_url("jidou-teate") / "index.html").as_uri())

        def printed() -> list[str]:
            pdf = tmp_path / "printed.pdf"
            page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
            return [p.extract_text().replace(" ", "").replace("\n", "") for p in PdfReader(pdf).pages]

        sheets = printed()
        assert len(sheets) == 2 and "はじめる前に" in sheets[0] and "児童手当をはじめてもらう" in sheets[1]
        assert "このシートを印刷する" not in "".join(sheets)
        page.check("#pick-k02")
        page.uncheck("#pick-practice")
        sheets = printed()
        assert len(sheets) == 2 and "児童手当をはじめてもらう" in sheets[0] and "子どもの人数がかわった" in sheets[1]
    finally:
        context.close()


def test_every_yasashii_flyer_and_practice_sheet_prints_on_one_a4_sheet(site: Path, example_flyers: Built) -> None:
    # ふりがな make every line taller: three やさしい sheets once ran onto a second sheet by their last line,
    # which only the build's notices said.
    names = [procedure.id for procedure in example_flyers.catalog.procedures] + ["practice"]
    longer = {name: len(PdfReader(site / "yasashii" / urls.flyer_pdf(name)).pages) for name in names}
    assert {name: count for name, count in longer.items() if count != 1} == {}
