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


def test_the_late_flyers_finish_into_exactly_the_site_that_waits_for_them(catalog) -> None:
    """``compose.assemble_late`` (the plugin's: MkDocs writes the other pages while the PDFs render) gives the
    flyers' pages and files by address only, and each part, finished when asked, gives the very pages, files and
    notices ``assemble_site`` gives waiting for the PDFs — both editions, in the same order."""
    catalog = dataclasses.replace(catalog, options=dataclasses.replace(catalog.options, pdfs=True, pdf_workers=2))
    waited = assemble_site(catalog)
    early, late = compose.assemble_late(catalog)
    try:
        late_pages = [page.src_uri for page in early.pages if late.owns(page.src_uri)]
        late_files = [item.path for item in early.files if late.owns(item.path)]
        assert "chirashi/index.md" in late_pages and "yasashii/chirashi/k01/index.md" in late_pages
        # (the guide pages are made at once)
        assert not late.owns("index.md") and not late.owns("p/k01/index.md") and not late.owns("yasashii/p/k01/index.md")
        assert sum(path.endswith(".pdf") for path in late_files) >= 20
        assert all(not item.content for item in early.files if late.owns(item.path))  # (the PDFs are still to come)
        finished = [late.part(first) for first in late.firsts()]
    finally:
        late.close()
    pages = {page.src_uri: page for part in finished for page in part.pages}
    files = {item.path: item.content for part in finished for item in part.files}
    assert set(pages) == set(late_pages) and set(files) == set(late_files)
    assert [pages.get(page.src_uri, page) for page in early.pages] == waited.pages
    assert [(item.path, files.get(item.path, item.content)) for item in early.files] == [
        (item.path, item.content) for item in waited.files
    ]
    assert sorted(early.notices + [n for part in finished for n in part.notices]) == sorted(waited.notices)


def test_a_late_part_that_gives_other_pages_than_its_outline_stops_the_build() -> None:
    """The pages MkDocs was told of (address, title, metadata) are the ones written: a finished part that differs
    from its outline is an error, never a page published with another title or a file left out."""
    from contextlib import ExitStack

    from generator.output import GeneratedFile, GeneratedPage, SiteOutput

    page = GeneratedPage(url="chirashi/", title="チラシ", html="")
    outline = SiteOutput(pages=[page], files=[GeneratedFile("chirashi/pdf/k01.pdf", b"")])
    finishes = [
        SiteOutput(pages=[dataclasses.replace(page, html="<p>できた</p>")], files=[GeneratedFile("chirashi/pdf/k01.pdf", b"%PDF")]),
        SiteOutput(pages=[dataclasses.replace(page, title="ちがう")], files=[GeneratedFile("chirashi/pdf/k01.pdf", b"%PDF")]),
        SiteOutput(pages=[page], files=[]),
    ]
    for number, finish in enumerate(finishes):
        late = compose.LateOutput(ExitStack(), {(0, 0): compose._LatePart(lambda f=finish: f, lambda same: same, outline)})
        if number == 0:
            assert late.part("chirashi/pdf/k01.pdf").pages[0].html == "<p>できた</p>"
        else:
            with pytest.raises(RuntimeError, match="outline"):
                late.part("chirashi/index.md")


def test_the_other_pages_are_written_while_the_pdfs_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The flyers come late (``compose.assemble_late``): MkDocs writes the guide pages while the PDF workers render,
    and waits for an edition's PDFs only when it reaches the first of its flyer pages; every flyer page and PDF is
    written after its sheets were made (real PDFs: the test town's 18 sheets, both editions)."""
    from click.testing import CliRunner

    from generator.cli import main
    from generator.environment import PDF_ENV
    from generator.mkdocs_plugin.plugin import TetsuzukiPlugin
    from tests.commands.conftest import small_project

    project = small_project(tmp_path / "project")
    monkeypatch.setenv(PDF_ENV, "1")
    monkeypatch.delenv("TETSUZUKI_SETTINGS", raising=False)
    monkeypatch.chdir(project)
    events: list[tuple[str, str]] = []
    part, post_page = compose.LateOutput.part, TetsuzukiPlugin.on_post_page

    def finished(self, path):  # noqa: ANN001, ANN202
        events.append(("finished", path))
        return part(self, path)

    def written(self, output, page, config):  # noqa: ANN001, ANN202
        events.append(("written", page.file.src_uri))
        return post_page(self, output, page, config)

    monkeypatch.setattr(compose.LateOutput, "part", finished)
    monkeypatch.setattr(TetsuzukiPlugin, "on_post_page", written)
    assert CliRunner().invoke(main, ["build", "--pdf-workers", "2"], catch_exceptions=False).exit_code == 0
    first = events.index(next(event for event in events if event[0] == "finished"))
    before = [uri for kind, uri in events[:first] if kind == "written"]
    assert "index.md" in before and "p/k01/index.md" in before  # the guide was written before any PDF was waited for
    assert not [uri for uri in before if "chirashi/" in uri]
    assert (project / "site" / "chirashi" / "pdf" / "k01.pdf").read_bytes().startswith(b"%PDF-")
    assert (project / "site" / "yasashii" / "chirashi" / "pdf" / "bundle-saigai.pdf").read_bytes().startswith(b"%PDF-")
