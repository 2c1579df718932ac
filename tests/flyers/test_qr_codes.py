"""Every QR code the build emits opens exactly the address it should, and is big and clean enough to scan."""

from __future__ import annotations

import base64
import io
import math
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from generator.flyers.pdf import load_weasyprint
from generator.qr import PIXELS_PER_MODULE, QUIET_ZONE, make_qr, vector_of_png
from generator.flyers.topics import topic_groups
from generator.site import urls
from tests.flyers.conftest import Built, decode, render_pages

MM_PER_POINT = 25.4 / 72


def expected_codes(built: Built) -> dict[str, list[str]]:
    """PDF name → the addresses its codes must open, in reading order."""
    catalog = built.catalog
    expected = {p.id: [built.short_url(p.id)] for p in catalog.procedures}
    expected["cards-all"] = [built.short_url(p.id) for p in catalog.procedures]
    for category in catalog.categories:
        expected[f"cards-{category.value}"] = [built.short_url(p.id) for p in catalog.in_category(category)]
    for group in topic_groups(catalog):
        expected[f"cards-{group.key}"] = [built.short_url(p.id) for p in group.procedures]
    # The practice sheet opens the hand-written "prepare your card" page, or the home page without it.
    prepare = urls.HELP_PREPARE if urls.HELP_PREPARE in catalog.docs_pages else urls.HOME
    expected["practice"] = [catalog.municipality.base_url + prepare]
    return expected


def test_every_png_code_decodes_to_the_short_address(built: Built, tmp_path: Path) -> None:
    for procedure in built.catalog.procedures:
        png = tmp_path / f"{procedure.id}.png"
        png.write_bytes(built.file(urls.qr_image(procedure.id, "png")))
        assert [code.text for code in decode(png)] == [built.short_url(procedure.id)]


def test_every_svg_code_decodes_to_the_short_address(built: Built, tmp_path: Path) -> None:
    # An SVG has to be drawn to be scanned: WeasyPrint draws it into a PDF, poppler rasterises that.
    weasyprint = load_weasyprint()
    for procedure in built.catalog.procedures:
        svg = built.file(urls.qr_image(procedure.id, "svg"))
        assert svg.startswith(b"<svg") and b"<script" not in svg
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
        pdf = tmp_path / f"{procedure.id}-svg.pdf"
        weasyprint.HTML(string=f'<img src="{uri}" style="width: 60mm">').write_pdf(pdf)
        [image] = render_pages(pdf)
        assert [code.text for code in decode(image)] == [built.short_url(procedure.id)]


def test_every_code_inside_every_pdf_decodes_at_150_dpi(built: Built) -> None:
    for name, addresses in expected_codes(built).items():
        found: list[str] = []
        for image in render_pages(built.folder / urls.flyer_pdf(name)):
            codes = decode(image)
            # Reading order: top to bottom, then left to right (cards are 2 across, 2 down).
            codes.sort(key=lambda code: (round(code.position.top_left.y / 200), code.position.top_left.x))
            found += [code.text for code in codes]
            assert all(code.ec_level in ("M", "Q", "H") for code in codes), name
        assert found == addresses, name


def test_codes_use_error_correction_m_and_a_four_module_quiet_zone(built: Built) -> None:
    for procedure in built.catalog.procedures:
        address = built.short_url(procedure.id)
        image = Image.open(io.BytesIO(built.file(urls.qr_image(procedure.id, "png")))).convert("L")
        [code] = zxingcpp.read_barcodes(image)
        assert code.text == address and code.ec_level in ("M", "Q", "H")
        # The PNG is (modules + 2 × quiet zone) modules wide; the first dark pixel is 4 modules in from each edge.
        dark = image.point(lambda value: 255 if value < 128 else 0).getbbox()
        modules = make_qr(address).modules
        module_px = image.width / (modules + 2 * QUIET_ZONE)
        assert (dark[2] - dark[0]) == (dark[3] - dark[1]) == modules * module_px
        assert dark[0] == dark[1] == image.width - dark[2] == image.height - dark[3] == QUIET_ZONE * module_px


def _placed_codes(reader: PdfReader) -> list[tuple[float, float]]:
    """(width, height) in points of every QR code drawn, in drawing order, from the content streams' matrices:
    an image (``Do``), or a code drawn as squares (``qr.vector_of_png``), whose white ground is a filled square
    path at least 20 mm wide (nothing else on a sheet is a white square)."""
    sizes: list[tuple[float, float]] = []
    path: list[tuple[float, float]] = []
    white = False

    def visit(operator: bytes, operands: list, cm: list[float], tm: list[float]) -> None:
        nonlocal white
        if operator == b"Do":
            sizes.append((math.hypot(cm[0], cm[1]), math.hypot(cm[2], cm[3])))
        elif operator in (b"scn", b"sc", b"g", b"rg", b"k"):
            white = [float(value) for value in operands if not isinstance(value, str)] in ([1.0], [1.0] * 3, [0.0] * 4)
        elif operator in (b"m", b"l"):
            x, y = float(operands[0]), float(operands[1])
            path.append((cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]))
        elif operator in (b"f", b"f*", b"F") and white and len(path) == 4:
            xs, ys = [x for x, _ in path], [y for _, y in path]
            width, height = max(xs) - min(xs), max(ys) - min(ys)
            if width * MM_PER_POINT >= 20 and abs(width - height) < 0.5 and len(set(map(round, xs))) == len(set(map(round, ys))) == 2:
                sizes.append((width, height))
        if operator in (b"f", b"f*", b"F", b"n", b"S", b"s", b"B", b"B*", b"b", b"b*"):
            path.clear()

    for page in reader.pages:
        page.extract_text(visitor_operand_before=visit)
    return sizes


@pytest.mark.parametrize("name", ["k01", "cards-all", "practice"])
def test_printed_codes_are_at_least_35_mm_from_the_pdf_geometry(example_flyers: Built, name: str) -> None:
    pdf = example_flyers.folder / urls.flyer_pdf(name)
    addresses = expected_codes(example_flyers)[name]
    placed = _placed_codes(PdfReader(pdf))
    assert len(placed) == len(addresses), "one drawn QR code per address"
    for (width, height), address in zip(placed, addresses, strict=True):
        modules = make_qr(address).modules
        symbol_mm = width * MM_PER_POINT * modules / (modules + 2 * QUIET_ZONE)
        assert symbol_mm >= 35, f"{name}: QR symbol {symbol_mm:.1f} mm"
        assert width == pytest.approx(height)
    # The same size seen on paper: pdftoppm at 150 dpi, the decoder's corner points, pixels → mm.
    for image in render_pages(pdf, keep_as=name):
        for code in decode(image):
            side_px = code.position.top_right.x - code.position.top_left.x
            assert side_px / 150 * 25.4 >= 35, f"{name}: {side_px} px at 150 dpi"


def test_a_long_base_url_still_gives_a_scannable_code_size() -> None:
    # The layout fixes the symbol's printed side, so a longer address only makes the modules smaller.
    code = make_qr("https://www.town.example-long-name.aomori.jp/kurashi/tetsuzuki-guide/p/k15/")
    assert code.modules == 17 + 4 * code.version
    assert code.version <= 6
    assert 38 / code.modules >= 0.9, "modules stay ≥ 0.9 mm on a 38 mm flyer code"


def test_codes_on_a_card_sheet_stand_far_apart(example_flyers: Built) -> None:
    # An uncut sheet must not invite scanning the neighbour: ≥ 50 mm between the edges of two codes.
    [image] = render_pages(example_flyers.folder / urls.flyer_pdf("cards-jidou-teate"), dpi=72)[:1]
    codes = decode(image)
    assert len(codes) == 4
    boxes = [(c.position.top_left.x, c.position.top_left.y, c.position.bottom_right.x, c.position.bottom_right.y) for c in codes]
    for index, first in enumerate(boxes):
        for second in boxes[index + 1:]:
            gap_x = max(second[0] - first[2], first[0] - second[2])
            gap_y = max(second[1] - first[3], first[1] - second[3])
            assert max(gap_x, gap_y) / 72 * 25.4 >= 50, (first, second)


def test_a_png_is_drawn_as_squares_only_when_every_module_is_whole() -> None:
    # qr.vector_of_png: a 2 × 2 grid of modules, dark on the diagonal, as squares; with one pixel off its
    # module's colour (a light one in a dark module, or a dark one in a light module), not at all.
    def png(speck: tuple[int, int] | None = None) -> bytes:
        image = Image.new("1", (2 * PIXELS_PER_MODULE, 2 * PIXELS_PER_MODULE), 1)
        for corner in (0, PIXELS_PER_MODULE):
            image.paste(0, (corner, corner, corner + PIXELS_PER_MODULE, corner + PIXELS_PER_MODULE))
        if speck:
            image.putpixel(speck, 0 if image.getpixel(speck) else 1)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()

    assert vector_of_png(png()) == (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2">'
                                    b'<path d="M0 0h2v2h-2z" fill="#fff"/><path d="M0 0h1v1h-1zM1 1h1v1h-1z" fill="#000"/></svg>')
    assert vector_of_png(png((PIXELS_PER_MODULE - 1, 0))) is None  # light in the dark module
    assert vector_of_png(png((PIXELS_PER_MODULE, 0))) is None  # dark in the light module
