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
from dataclasses import dataclass

QUIET_ZONE = 4
"""White border around the symbol, in modules (ISO/IEC 18004 asks for at least 4)."""

ERROR_CORRECTION = "M"
PIXELS_PER_MODULE = 20
"""PNG resolution: 20 pixels a module stays sharp when staff enlarge the PNG for a poster (the flyers draw it
without smoothing at ≈ 1.2 mm a module)."""


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
    import qrcode.image.svg
    from qrcode.image.pil import PilImage

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE, box_size=PIXELS_PER_MODULE
    )
    code.add_data(url)
    code.make(fit=True)
    # SvgPathFillImage paints the white background too: the code must also scan on a coloured poster.
    svg = code.make_image(image_factory=qrcode.image.svg.SvgPathFillImage).to_string(encoding="unicode")
    png = io.BytesIO()
    code.make_image(image_factory=PilImage).save(png, format="PNG")
    return QrCode(url=url, version=code.version, modules=code.modules_count, svg=svg.encode("utf-8"), png=png.getvalue())
