"""QR codes for flyers, cards and the memo of わたしの 手続き, made with the ``qrcode`` library: one SVG and one PNG
per address (a neutral module: the flyers and the site features both use it).

Fixed choices, because printed codes must scan in a dim kitchen from a shaky hand:
error correction M (15 % of the symbol may be damaged or dirty), a quiet zone of 4 modules (the standard's
minimum) drawn as part of the image, black on white.
"""

from __future__ import annotations

import base64
import functools
import io
import re
from dataclasses import dataclass

QUIET_ZONE = 4
"""White border around the symbol, in modules (ISO/IEC 18004 asks for at least 4)."""

ERROR_CORRECTION = "M"
PIXELS_PER_MODULE = 20
"""PNG resolution: 20 pixels a module stays sharp when staff enlarge the PNG for a poster (the print pages draw it
without smoothing at ≈ 1.2 mm a module; their PDFs draw its modules as squares, ``vector_of_png``)."""


@dataclass(frozen=True)
class QrCode:
    """One address as a QR code, with the facts the print layout needs."""

    url: str
    version: int
    modules: int
    """Modules on one side of the symbol, without the quiet zone (21 for version 1, +4 per version)."""
    svg: bytes
    png: bytes

    @property
    def png_data_uri(self) -> str:
        """The PNG inline, so the print page and its PDF show the very same image without a request."""
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")

    def image_mm(self, symbol_mm: float) -> float:
        """Printed width of the whole image (quiet zone included) for a symbol ``symbol_mm`` wide."""
        return round(symbol_mm * (self.modules + 2 * QUIET_ZONE) / self.modules, 2)


@functools.lru_cache(maxsize=1024)  # an address gives the same code every time; both editions print the same ones
def make_qr(url: str) -> QrCode:
    """Encode ``url`` as it is (byte mode, the smallest version that fits at error correction M)."""
    # Imported here: a rebuild takes its codes from the cache (generator/cache/qr.py) and then never loads
    # qrcode and Pillow (0.1 s).
    import qrcode

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE, box_size=PIXELS_PER_MODULE
    )
    code.add_data(url)
    code.best_fit(start=code.version)  # (what code.make(fit=True) does, with the mask chosen by _best_mask)
    code.makeImpl(False, _best_mask(code))
    dark = [(row, column) for row, line in enumerate(code.modules) for column, module in enumerate(line) if module]
    return QrCode(url=url, version=code.version, modules=code.modules_count, svg=_svg(code, dark), png=_png(code, dark))


def _best_mask(code) -> int:  # noqa: ANN001 (a qrcode.QRCode)
    """The mask ``code.best_mask_pattern()`` chooses — the first of the eight with the fewest penalty points
    (``qrcode.util.lost_point``) on the layout ``makeImpl(True, mask)`` makes — with one layout made instead of
    eight: the eight differ only in the data modules, each flipped where its mask says (``_flips``).

    Why: qrcode placed every data module eight times in Python, ≈ a quarter of a code's time."""
    from qrcode import util

    code.makeImpl(True, 0)
    flips = _flips(code.version, code.error_correction)
    plain = [[module != flip for module, flip in zip(row, first)] for row, first in zip(code.modules, flips[0])]
    best, fewest = 0, 0
    for mask, flip in enumerate(flips):
        layout = [[module != change for module, change in zip(row, changes)] for row, changes in zip(plain, flip)]
        points = util.lost_point(layout)
        if mask == 0 or fewest > points:
            best, fewest = mask, points
    return best


@functools.lru_cache(maxsize=64)
def _flips(version: int, error_correction: int) -> list[list[list[bool]]]:
    """For each of the eight masks, the modules it flips in a test layout of a code of that version and error
    correction: the data modules (those ``map_data`` fills: empty once the patterns and the test layout's format and
    version cells are set) where the mask's function is true."""
    import qrcode
    from qrcode import util

    blank = qrcode.QRCode(version=version, error_correction=error_correction)
    blank.modules_count = version * 4 + 17
    blank.modules = [[None] * blank.modules_count for _ in range(blank.modules_count)]
    blank.setup_position_probe_pattern(0, 0)
    blank.setup_position_probe_pattern(blank.modules_count - 7, 0)
    blank.setup_position_probe_pattern(0, blank.modules_count - 7)
    blank.setup_position_adjust_pattern()
    blank.setup_timing_pattern()
    blank.setup_type_info(True, 0)
    if version >= 7:
        blank.setup_type_number(True)
    return [
        [[module is None and bool(function(row, column)) for column, module in enumerate(line)]
         for row, line in enumerate(blank.modules)]
        for function in map(util.mask_func, range(8))
    ]


# The two images are what ``code.make_image`` draws with ``SvgPathFillImage`` and ``PilImage`` — the same bytes
# (``tests/flyers/test_qr_codes.py`` compares them on addresses of every length a town has) — without its loop
# over every module: qrcode drew each dark module as a rectangle (Pillow) and as a path computed in ``Decimal``
# (SVG), ≈ 40 % of a code's ≈ 10 ms; a town draws ≈ 56 codes (issue #23, decisions/2026-12-08-towns-site-side.md).


def _svg(code, dark: list[tuple[int, int]]) -> bytes:  # noqa: ANN001 (a qrcode.QRCode)
    """The code as an SVG with one path (``SvgPathFillImage``: the white background painted too, so it also
    scans on a coloured poster): the library's image, given the subpath its drawer makes for each dark module."""
    import qrcode.image.svg

    image = qrcode.image.svg.SvgPathFillImage(QUIET_ZONE, code.modules_count, PIXELS_PER_MODULE, qrcode_modules=code.modules)
    subpath = functools.partial(_subpath, code.modules_count)
    image._subpaths = [subpath(row, column) for row, column in dark]
    image.process()
    return image.to_string(encoding="unicode").encode("utf-8")


@functools.lru_cache(maxsize=1 << 16)  # a module's place has the same path in every code of its size
def _subpath(modules: int, row: int, column: int) -> str:
    """The path qrcode's drawer (the eyes' or the other modules') makes for a dark module at ``row``, ``column``
    of a code ``modules`` wide."""
    image = _svg_image(modules)
    drawer = image.eye_drawer if image.is_eye(row, column) else image.module_drawer
    return drawer.subpath(image.pixel_box(row, column))


@functools.lru_cache(maxsize=64)
def _svg_image(modules: int):  # noqa: ANN202
    import qrcode.image.svg

    return qrcode.image.svg.SvgPathFillImage(QUIET_ZONE, modules, PIXELS_PER_MODULE, qrcode_modules=None)


def _png(code, dark: list[tuple[int, int]]) -> bytes:  # noqa: ANN001 (a qrcode.QRCode)
    """The code as a black-and-white PNG, ``PIXELS_PER_MODULE`` pixels a module: the image ``PilImage`` draws
    (mode ``1``, white, each dark module a black square), made as one pixel a module and enlarged by nearest
    neighbour — the same pixels — and saved by Pillow as ``PilImage`` saves it."""
    from PIL import Image

    side = code.modules_count + 2 * QUIET_ZONE
    pixels = bytearray(b"\xff" * (side * side))
    for row, column in dark:
        pixels[(row + QUIET_ZONE) * side + column + QUIET_ZONE] = 0
    small = Image.frombytes("L", (side, side), bytes(pixels)).convert("1", dither=Image.Dither.NONE)
    image = small.resize((side * PIXELS_PER_MODULE, side * PIXELS_PER_MODULE), Image.Resampling.NEAREST)
    png = io.BytesIO()
    image.save(png, format="PNG")
    return png.getvalue()


_DARK = re.compile(rb"\x00+")


@functools.lru_cache(maxsize=256)  # a code is on a flyer, its shorter versions and a card sheet: drawn once a process
def vector_of_png(png: bytes) -> bytes | None:
    """The same code as an SVG of squares, when ``png`` is one of ours: a grid of black and white modules of
    ``PIXELS_PER_MODULE`` pixels each (every pixel checked); ``None`` for any other image.

    Why (issue #23, decisions/2026-12-07-pdf-qr-vectors.md): a PDF engine decodes a 20-pixels-a-module PNG and
    compresses its ≈ 0.8 million pixels again in every PDF that shows it (≈ 0.3 CPU-s of a town's ≈ 2.5 of
    Typst work); the squares are drawn from ≈ 1 KB of path, exactly the PNG's modules, sharp at any size and on
    any printer (no image to smooth). Runs of dark modules in a row are one rectangle each; the light modules
    are the white square under them (the quiet zone included), as the PNG paints them."""
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(png))
        image.load()
    except Exception:  # noqa: BLE001 (not an image we can read: the caller keeps the PNG)
        return None
    width, height = image.size
    if image.mode != "1" or width != height or width % PIXELS_PER_MODULE:
        return None  # (qrcode's PNG is black and white, one bit a pixel)
    side = width // PIXELS_PER_MODULE
    # Each module's mean (box reduction, rounded): 0 or 255 exactly when its pixels are all dark or all light
    # (one pixel of 400 otherwise moves the mean ≥ 0.64 from either); a quicker exact test than reading every pixel.
    modules = image.convert("L").reduce(PIXELS_PER_MODULE).tobytes()
    if modules.translate(None, b"\x00\xff"):
        return None  # not a grid of whole modules
    runs = []
    for y in range(side):
        for dark in _DARK.finditer(modules, y * side, (y + 1) * side):
            x, run = dark.start() - y * side, dark.end() - dark.start()
            runs.append(f"M{x} {y}h{run}v1h-{run}z")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}">'
        f'<path d="M0 0h{side}v{side}h-{side}z" fill="#fff"/><path d="{"".join(runs)}" fill="#000"/></svg>'
    ).encode("ascii")
