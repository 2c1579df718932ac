"""Build the flyers once per test session (real WeasyPrint PDFs) for the example and the test municipality."""

from __future__ import annotations

import dataclasses
import resource
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from generator.flyers import FlyerOutput, build_flyers
from generator.loading import load_catalog
from generator.mkdocs_plugin.plugin import hand_written_pages
from generator.model import Catalog
from tests.conftest import FIXTURES, ROOT, as_built

BUILD_DATE_EPOCH = "1790000000"
"""A fixed SOURCE_DATE_EPOCH (2026-09-21 UTC), so the printed 作成日 is known to the tests."""

ARTIFACTS = ROOT / "test-artifacts" / "flyers"
"""Rendered PNGs are kept here after a run, for a person to look at (git-ignored)."""


@dataclass
class Built:
    catalog: Catalog
    output: FlyerOutput
    folder: Path
    """The output files written to disk (site paths), for pdftoppm."""
    seconds: float
    """CPU time of ``build_flyers`` (QR codes, pages and every PDF, in this process and its PDF workers): what it
    costs on an idle machine. Wall
    time is also kept, but on a shared, loaded CI machine it measures the neighbours."""
    wall_seconds: float = 0.0

    def file(self, path: str) -> bytes:
        return next(item.content for item in self.output.files if item.path == path)

    def page(self, url: str):  # noqa: ANN201
        return next(page for page in self.output.pages if page.url == url)

    def short_url(self, procedure_id: str) -> str:
        """The address a printed code must open, written out independently of the code under test."""
        return f"{self.catalog.municipality.base_url}p/{procedure_id}/"


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the PDF worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _build(catalog: Catalog, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)
    # As a build does: the environment read once (the fixed date, the session's PDF cache), passed as options.
    catalog = as_built(catalog)
    started, started_cpu = time.perf_counter(), _cpu_seconds()
    output = build_flyers(catalog, make_pdfs=True)
    seconds, wall = _cpu_seconds() - started_cpu, time.perf_counter() - started
    for item in output.files:
        target = folder / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.content)
    return Built(catalog, output, folder, seconds, wall)


@pytest.fixture(scope="session")
def example_flyers(tmp_path_factory: pytest.TempPathFactory) -> Built:
    with pytest.MonkeyPatch.context() as monkeypatch:
        catalog = load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")
        # As the MkDocs plugin does: the hand-written pages decide where the practice sheet's code points.
        catalog = dataclasses.replace(catalog, docs_pages=hand_written_pages(ROOT / "docs"))
        return _build(catalog, tmp_path_factory.mktemp("example-flyers"), monkeypatch)


@pytest.fixture(scope="session")
def fixture_flyers(tmp_path_factory: pytest.TempPathFactory) -> Built:
    with pytest.MonkeyPatch.context() as monkeypatch:
        valid = FIXTURES / "valid"
        catalog = load_catalog(valid / "procedures", valid / "municipalities" / "testtown.yml")
        return _build(catalog, tmp_path_factory.mktemp("fixture-flyers"), monkeypatch)


@pytest.fixture(params=["example", "fixture"])
def built(request: pytest.FixtureRequest) -> Built:
    return request.getfixturevalue(f"{request.param}_flyers")


def render_pages(pdf: Path, dpi: int = 150, keep_as: str | None = None, png: bool = False) -> list[Path]:
    """Every page of ``pdf`` as an image made by poppler's pdftoppm: greyscale PGM for a decoder to read, PNG for
    a person to look at (``png``, and always when kept in test-artifacts/ as ``keep_as``). Why PGM: pdftoppm
    spends nine tenths of a page's time compressing the PNG (0.40 s against 0.03 s for an A4 page at 150 dpi),
    and a QR decoder reads the grey levels either way."""
    assert shutil.which("pdftoppm"), "pdftoppm is missing: bash scripts/test.sh installs poppler-utils"
    prefix = pdf.with_suffix("")
    png = png or keep_as is not None
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png" if png else "-gray", str(pdf), str(prefix)], check=True)
    pages = sorted(pdf.parent.glob(f"{prefix.name}-*.{'png' if png else 'pgm'}"))
    if keep_as:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for page in pages:
            shutil.copy2(page, ARTIFACTS / f"{keep_as}-{page.name.rsplit('-', 1)[1]}")
    return pages


def pdf_page_texts(pdf: bytes) -> list[str]:
    """The text of each page of ``pdf`` as poppler's pdftotext reads it (in content order, ``-raw``). Why not
    pypdf's ``extract_text``: the same words on every shipped PDF, ten times the CPU (pure Python), which made
    the text comparison of every Typst sheet the slowest PDF test."""
    assert shutil.which("pdftotext"), "pdftotext is missing: bash scripts/test.sh installs poppler-utils"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")[:-1]  # (a form feed ends each page)


def decode(image: Path):  # noqa: ANN201 (zxingcpp.Barcode)
    """Every QR code a real decoder (zxing-cpp) finds in the image."""
    with Image.open(image) as picture:
        return zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode)


def pdf_reader(data: bytes) -> PdfReader:
    from io import BytesIO

    return PdfReader(BytesIO(data))
