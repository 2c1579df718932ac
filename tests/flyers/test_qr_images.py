"""``make_qr`` draws its SVG and PNG itself from the library's modules (issue #23: a town draws ≈ 56 codes, and
qrcode's per-module loop was ≈ 40 % of each): the images must be byte for byte what ``qrcode``'s own
``make_image`` gives with ``SvgPathFillImage`` and ``PilImage``, for every size of code a town can need."""

from __future__ import annotations

import io
import random

import pytest
import qrcode
import qrcode.image.svg
from qrcode.image.pil import PilImage

from generator.qr import PIXELS_PER_MODULE, QUIET_ZONE, make_qr


def library_images(url: str) -> tuple[int, bytes, bytes]:
    """(version, SVG, PNG) as ``qrcode`` makes them."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE, box_size=PIXELS_PER_MODULE)
    code.add_data(url)
    code.make(fit=True)
    svg = code.make_image(image_factory=qrcode.image.svg.SvgPathFillImage).to_string(encoding="unicode")
    png = io.BytesIO()
    code.make_image(image_factory=PilImage).save(png, format="PNG")
    return code.version, svg.encode("utf-8"), png.getvalue()


def _addresses() -> list[str]:
    chosen = random.Random(23)
    letters = "abcdefghijklmnopqrstuvwxyz0123456789/-._~?=&%"
    made = [f"https://town{number:04d}.example/tetsuzuki/{edition}p/k{item:02d}/"
            for number in (0, 1741) for edition in ("", "yasashii/") for item in (1, 27)]
    made += ["https://" + "".join(chosen.choice(letters) for _ in range(length)) for length in range(0, 330, 11)]
    return made + ["", "https://例え.jp/日本語の/ページ/"]


@pytest.mark.parametrize("url", _addresses())
def test_the_images_are_the_librarys_images(url: str) -> None:
    version, svg, png = library_images(url)
    code = make_qr.__wrapped__(url)  # (not the process's memory of an earlier call)
    assert (code.version, code.modules) == (version, 17 + 4 * version)
    assert code.svg == svg
    assert code.png == png


def test_the_addresses_cover_the_code_sizes_a_town_needs() -> None:
    versions = {library_images(url)[0] for url in _addresses()}
    assert set(range(1, 14)) <= versions  # (versions 7+ carry version information, drawn in other places)


@pytest.mark.parametrize("url", _addresses()[::3])
def test_the_mask_is_the_one_the_library_chooses(url: str) -> None:
    from generator.qr import _best_mask

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE, box_size=PIXELS_PER_MODULE)
    code.add_data(url)
    code.best_fit(start=code.version)
    assert _best_mask(code) == code.best_mask_pattern()
