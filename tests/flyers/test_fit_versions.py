"""The A4 fit check tries a one-sheet page's shorter versions in order (``feature.py``: normal, compact, tight);
the PDF engine lays a version out before it writes its PDF (``pdf_pool.render_fitting``, Typst's ``measure``),
so a sheet tried three times is written once. The version kept, and its bytes, are the ones rendering every
version would give; the cache remembers a version it only measured.

Real Typst layouts of the example town's standard edition (27 flyers, some too tall in normal type), so slow.
"""

from __future__ import annotations

import dataclasses

import pytest

from generator.cache.pdfs import CachedPdfRenderer
from generator.environment import CACHE_ENV
from generator.flyers import build_flyers
from generator.flyers.feature import fits_one_sheet
from generator.flyers.pdf_pool import Batch, SheetPool
from generator.flyers.typst_engine import TypstRenderer
from generator.loading import load_catalog
from generator.mkdocs_plugin.plugin import hand_written_pages
from tests.conftest import ROOT
from tests.flyers.conftest import BUILD_DATE_EPOCH


@pytest.fixture(scope="module")
def tried() -> tuple[list[list[tuple[str, str]]], list]:
    """What the flyers feature asked the PDF pool for (each page's versions) and what it kept, for the example town."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)
        monkeypatch.setenv(CACHE_ENV, "0")
        catalog = load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")
        catalog = dataclasses.replace(catalog, docs_pages=hand_written_pages(ROOT / "docs"))
        asked: list = []
        original = Batch.results

        def spy(self, done=None):  # noqa: ANN001, ANN202
            results = original(self, done)
            asked.append((self.pages, self.fits, [(version, rendered) for version, rendered, _ in results]))
            return results

        monkeypatch.setattr(Batch, "results", spy)
        build_flyers(catalog, make_pdfs=True, pdf_workers=1)
    [(pages, fits, kept)] = asked
    assert fits is fits_one_sheet
    return pages, kept


def test_the_version_kept_is_the_first_that_fits_as_rendering_every_version_would_choose(tried) -> None:
    pages, kept = tried
    engine = TypstRenderer()
    several = [(versions, result) for versions, result in zip(pages, kept, strict=True) if len(versions) > 1]
    assert several, "no page with shorter versions: the test would check nothing"
    for versions, (index, rendered) in several:
        every = [engine.render_measured(html, url) for html, url in versions]
        fitting = [i for i, (_, pages_, tallest) in enumerate(every) if fits_one_sheet(pages_, tallest)]
        expected = fitting[0] if fitting else len(versions) - 1
        assert index == expected, versions[0][1]
        assert rendered == every[expected], f"{versions[0][1]}: not the bytes and measure of the version kept"
    # The example town has flyers that fit in normal type and flyers that need the compact one.
    assert {index for _, (index, _) in several} >= {0, 1}


class _Counting(TypstRenderer):
    def __init__(self) -> None:
        super().__init__()
        self.written = 0

    def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
        self.written += 1
        return super().render_measured(html, url)


def test_only_the_version_kept_is_written_as_a_pdf(tried) -> None:
    pages, kept = tried
    shortened = [(versions, result) for versions, result in zip(pages, kept, strict=True) if result[0] > 0]
    assert shortened, "no page needed a shorter version: the test would check nothing"
    engine = _Counting()
    pool = SheetPool(lambda: engine, 1)
    again = pool.render_all([versions for versions, _ in shortened], fits_one_sheet)
    assert again == [result for _, result in shortened]
    assert engine.written == len(shortened)  # one PDF a page, however many versions were laid out


def test_the_cache_keeps_a_measured_version_without_its_pdf(tried, tmp_path) -> None:
    pages, kept = tried
    versions, (index, _) = next((v, r) for v, r in zip(pages, kept, strict=True) if r[0] > 0)
    html, url = versions[0]  # too tall: measured, never written
    measured = TypstRenderer().measure(html, url)
    assert not fits_one_sheet(*measured)
    assert CachedPdfRenderer(TypstRenderer, tmp_path, {}).measure(html, url) == measured
    assert not list(tmp_path.rglob("*.pdf"))

    def no_engine() -> TypstRenderer:
        raise AssertionError("the cache held this measure: no engine needed")

    assert CachedPdfRenderer(no_engine, tmp_path, {}).measure(html, url) == measured


def test_an_engine_without_a_layout_only_measure_renders_each_version_once() -> None:
    # WeasyPrint (a kind Typst has no layout for) can only measure by rendering: the PDF it made to measure the
    # version kept is the one written, not made a second time.
    from generator.flyers.pdf_pool import render_fitting
    from generator.flyers.typst_engine import EngineByKind

    made: list[str] = []
    heights = {"normal": 290.0, "compact": 270.0, "tight": 250.0}

    class Rendering:
        def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
            made.append(html)
            return html.encode(), 1, heights[html.split(">")[1].split("<")[0]]

    engine = EngineByKind(Rendering, Rendering)
    versions = [(f'<article class="f-sheet f-other">{name}</article>', "x/") for name in heights]
    index, (pdf, pages, tallest) = render_fitting(engine, versions, fits_one_sheet)
    assert (index, pages, tallest) == (1, 1, 270.0) and b"compact" in pdf
    assert made == [versions[0][0], versions[1][0]]  # normal measured (too tall), compact measured and kept
