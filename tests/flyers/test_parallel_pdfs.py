"""PDFs rendered in worker processes are byte for byte the ones one process makes (issue #23).

Real PDFs, so slow: the two-procedure test town (one edition, 10 sheets) with the cache off, once
in this process and once in two forked workers; and two sheets in workers started with ``spawn`` and with a
fork server (the ways a process with other threads, or another platform, starts them: the engine pickled).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import tempfile
from pathlib import Path

import pytest

from generator import compose
from generator.compose import assemble_site
from generator.editions import declared
from generator.environment import CACHE_ENV
from generator.flyers.pdf_check import PdfFontError
from generator.flyers import build_flyers
from generator.flyers.feature import pdf_engine
from generator.flyers.pdf_pool import Batch, SheetPool
from generator.loading import load_catalog
from tests.conftest import FIXTURES
from tests.flyers.conftest import BUILD_DATE_EPOCH


@pytest.fixture
def catalog(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)
    monkeypatch.setenv(CACHE_ENV, "0")  # every PDF really rendered, in both builds
    valid = FIXTURES / "valid"
    return load_catalog(valid / "procedures", valid / "municipalities" / "testtown.yml")


def test_two_workers_make_the_same_files_and_pages_as_one_process(
    catalog, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("CI", raising=False)
    # (each worker's Typst engine keeps a scratch folder: here, so that the test sees it removed as the worker ends)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv("TETSUZUKI_QUIET", raising=False)
    in_workers = []
    original = Batch.submit

    def spy(self, *args):  # noqa: ANN001, ANN002, ANN202
        in_workers.append(self.pool.workers)
        return original(self, *args)

    monkeypatch.setattr(Batch, "submit", spy)
    parallel = build_flyers(catalog, make_pdfs=True, pdf_workers=2)
    assert len(in_workers) >= 10 and set(in_workers) == {2}  # every sheet handed to a worker
    assert not list(tmp_path.glob("tetsuzuki-typst-*")), "a worker left its engine's folder behind"
    handed = len(in_workers)
    progress = capsys.readouterr().err
    sequential = build_flyers(catalog, make_pdfs=True, pdf_workers=1)
    assert len(in_workers) == handed

    files = {item.path: item.content for item in sequential.files}
    assert sum(path.endswith(".pdf") for path in files) >= 10
    # Same PDFs in the same order, and the same pages: the class kit prints the compact sheets the fit check chose.
    assert [item.path for item in parallel.files] == [item.path for item in sequential.files]
    assert {item.path: item.content for item in parallel.files} == files
    assert [(page.url, page.html) for page in parallel.pages] == [(page.url, page.html) for page in sequential.pages]
    assert parallel.notices == sequential.notices == []
    # Progress counts the sheets rendered (the topic bundles and class kits are joined from them afterwards).
    rendered = [path for path in files if path.endswith(".pdf") and not path.rsplit("/", 1)[1].startswith(("bundle-", "kit-"))]
    assert f"チラシの PDF {len(rendered)}/{len(rendered)}" in progress


@pytest.mark.parametrize("method", ["spawn", "forkserver"])  # forkserver: a process with threads (mkdocs serve)
def test_workers_started_without_fork_make_the_same_bytes(catalog, method: str) -> None:
    pages = [page for page in build_flyers(catalog, make_pdfs=False).pages if "f-sheet" in page.html][:2]
    engine = functools.partial(pdf_engine, None)
    here = SheetPool(engine, 1).render_all([[(page.html, page.url)] for page in pages])
    started = SheetPool(engine, 2, method=method).render_all([[(page.html, page.url)] for page in pages])
    assert started == here
    assert all(version == 0 and pdf.startswith(b"%PDF-") and count == 1 for version, (pdf, count, _) in here)


def test_once_typst_compiled_in_this_process_workers_are_not_forked() -> None:
    # Typst keeps a pool of native threads after a compile (Python's threading does not see them): a worker
    # forked then waited forever for them (the test run hung). The pool starts its workers another way.
    from generator.flyers.pdf_pool import single_threaded, start_method
    from generator.flyers.typst_engine import TypstRenderer

    TypstRenderer().render_measured('<article class="f-sheet f-flyer"><h1 class="f-title">児童手当</h1></article>', "x/")
    assert not single_threaded()
    assert start_method() in ("forkserver", "spawn")


def test_the_site_hands_every_editions_sheets_over_first_and_comes_out_as_feature_by_feature(
    catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``assemble_site`` starts every edition's PDFs before it runs the other features (so this process builds
    the rest of the site while the workers render) and collects them after: the pages, files and notices, in
    their order, are the ones running each feature in turn gives."""
    catalog = dataclasses.replace(catalog, options=dataclasses.replace(catalog.options, pdfs=True, pdf_workers=2))
    events: list[str] = []
    submit = Batch.submit
    monkeypatch.setattr(Batch, "submit", lambda self, *args: events.append("pdfs") or submit(self, *args))

    def guide(each):  # noqa: ANN001, ANN202
        events.append("guide")
        return compose._guide(each)

    monkeypatch.setattr(compose, "FEATURES", [guide if f is compose._guide else f for f in compose.FEATURES])
    monkeypatch.setattr(compose, "EDITION_FEATURES", [guide if f is compose._guide else f for f in compose.EDITION_FEATURES])
    editions = len(declared(catalog))
    assert editions >= 2
    side_by_side = assemble_site(catalog)
    runs = [name for name, _ in itertools.groupby(events)]
    assert runs == ["pdfs", "guide"] and events.count("guide") == editions

    monkeypatch.setattr(compose, "STARTED_FIRST", {})  # each feature in turn, each edition's PDFs waited for
    events.clear()
    in_turn = assemble_site(catalog)
    assert [name for name, _ in itertools.groupby(events)] == ["guide", "pdfs"] * editions
    assert sum(item.path.endswith(".pdf") for item in in_turn.files) >= 20
    assert [(item.path, item.content) for item in side_by_side.files] == [(item.path, item.content) for item in in_turn.files]
    assert [(page.url, page.html) for page in side_by_side.pages] == [(page.url, page.html) for page in in_turn.pages]
    assert side_by_side.notices == in_turn.notices


def test_the_glyph_check_read_in_the_workers_still_stops_a_sheet_with_an_empty_box(catalog) -> None:
    """The workers run the glyph check on each sheet (``pdf_check.sheet_font_use``); a character no shipped font has stops the build
    with the sheet and the character named, as when the build process read them."""
    procedure = catalog.procedures[0]
    broken = procedure.model_copy(update={"title": procedure.title + "🙂"})
    catalog = dataclasses.replace(catalog, procedures=[broken, *catalog.procedures[1:]])
    with pytest.raises(PdfFontError) as raised:
        build_flyers(catalog, make_pdfs=True, pdf_workers=2)
    assert f"chirashi/pdf/{procedure.id}.pdf: 「🙂」が 空の 四角に なります" in str(raised.value)
