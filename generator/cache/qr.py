"""QR codes kept between builds: an address gives the same code every time, and drawing one (the mask
choice in pure Python, the SVG and the 20-pixels-a-module PNG) takes about 15 ms; a town has 30 of them and a
fresh process (every ``tetsuzuki build``) would draw them all again."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from generator.cache.stored import stored
from generator.qr import QrCode, make_qr


def cached_qr(url: str, folder: Path | None) -> QrCode:
    """``make_qr(url)``, kept in the cache ``folder`` under the address and the code fingerprint (which holds
    the versions of qrcode and Pillow); no folder: simply ``make_qr``."""
    if folder is None:
        return make_qr(url)

    def draw() -> bytes:
        code = make_qr(url)
        fields = {"version": code.version, "modules": code.modules, "svg": code.svg.decode("utf-8"),
                  "png": base64.b64encode(code.png).decode("ascii")}
        return json.dumps(fields, sort_keys=True).encode("utf-8")

    try:
        fields = json.loads(stored("qr", url.encode("utf-8"), draw, folder))
        return QrCode(url=url, version=int(fields["version"]), modules=int(fields["modules"]),
                      svg=fields["svg"].encode("utf-8"), png=base64.b64decode(fields["png"], validate=True))
    except (ValueError, KeyError, TypeError):  # a damaged entry: drawn again (and the build does not fail)
        return make_qr(url)
