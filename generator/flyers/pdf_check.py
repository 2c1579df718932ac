"""After rendering: prove a PDF prints its Japanese, instead of empty boxes (tofu).

WeasyPrint never fails when no font has a character: it draws the glyph ``.notdef`` (glyph 0, an empty box)
from whatever font it fell back to. So the build reads back every PDF it wrote (pypdf) and follows each
text-drawing operator: the bytes drawn → character code → CID (the font's encoding CMap) → glyph id (its
CIDToGIDMap) → character (its ToUnicode map). A PDF passes when

* no character is drawn as glyph 0 in any font, and
* every kana and kanji is drawn with the Japanese fonts the build ships (``SHIPPED_FONTS``).

Otherwise the build stops (``PdfFontError``) with a Japanese message naming the PDF, the characters, the
font that was used instead and the fix. The previous site stays, as for any build error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, NameObject

from generator.errors import BuildError

SHIPPED_FONTS = ("BIZ-UDPGothic-tetsuzuki", "BIZ-UDGothic-tetsuzuki")
"""How the shipped fonts are named inside a PDF: WeasyPrint names an embedded ``@font-face`` font after its
family in ``flyer-pdf.css`` (plus ``-Bold``). An installed copy of BIZ UD would be ``BIZ-UDPGothic``."""

TYPST_FONTS = ("BIZUDPGothic-", "BIZUDGothic-")
"""How Typst names the same shipped fonts inside a PDF (their PostScript names). Accepted only in a PDF that
Typst made (its ``/Creator``): the Typst engine is given these font files and no other font
(``typst_engine.py``), so there these names can only be the shipped files."""

JAPANESE_FONT_LABEL = "BIZ UDPゴシック・BIZ UDゴシック"

FONT_FIX = (
    "直し方: フォントは generator/flyers/fonts/ に あります（tetsuzuki と いっしょに 配布して います）。"
    "ファイルが ない・こわれて いる ときは `git checkout -- generator/flyers/fonts` で もとに もどし、"
    "もう一度 ビルドして ください。"
)
CHARACTER_FIX = (
    "直し方: その 文字は BIZ UD ゴシックに ない 文字です。手続きや 設定の YAML で、ほかの 文字"
    "（絵文字や 機種依存文字を 使わない 書き方）に かえて ください。"
)

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


class PdfFontError(BuildError):
    """A PDF would print characters as empty boxes, or without the Japanese font. Message in Japanese."""


@dataclass
class FontUse:
    """What one PDF draws, per font (PostScript name without the subset prefix ``ABCDEF+``)."""

    drawn: dict[str, set[str]] = field(default_factory=dict)
    """Font → characters drawn with a real glyph."""
    missing: dict[str, set[str]] = field(default_factory=dict)
    """Font → characters drawn as glyph 0 (.notdef): an empty box on paper."""
    embedded: set[str] = field(default_factory=set)
    """Fonts whose program is inside the PDF."""
    shipped_names: tuple[str, ...] = SHIPPED_FONTS
    """Name prefixes of the shipped fonts as the engine that made this PDF writes them."""

    def _shipped(self, font: str) -> bool:
        return font.startswith(self.shipped_names)

    def problems(self, name: str) -> list[tuple[bool, str]]:
        """(caused by the font setup?, sentence for the webmaster) for each problem; empty when all is well.

        A character missing from the shipped font is the text's fault (fix the YAML); anything else means
        the shipped font was not used (fix the fonts)."""
        problems = []
        for font, characters in sorted(self.missing.items()):
            problems.append((
                not self._shipped(font),
                f"{name}: 「{_shown(characters)}」が 空の 四角に なります（フォント {font} に その 文字が ありません）。",
            ))
        for font, characters in sorted(self.drawn.items()):
            japanese = {c for c in characters if _JAPANESE.match(c)}
            if japanese and not self._shipped(font):
                problems.append((
                    True,
                    f"{name}: 日本語の 文字「{_shown(japanese)}」が 日本語の フォント（{JAPANESE_FONT_LABEL}）で なく "
                    f"{font} で 書かれて います。",
                ))
        if not any(self._shipped(font) for font in self.embedded):
            problems.append((True, f"{name}: 日本語の フォント（{JAPANESE_FONT_LABEL}）が PDF に 入って いません。"))
        return problems


def font_use(pdf: bytes) -> FontUse:
    """Every character each font draws in ``pdf``, split into real glyphs and glyph 0."""
    reader = PdfReader(BytesIO(pdf))
    creator = str((reader.metadata or {}).get("/Creator", ""))
    use = FontUse(shipped_names=TYPST_FONTS if creator.startswith("Typst ") else SHIPPED_FONTS)
    for page in reader.pages:
        resources = page.get("/Resources")
        contents = page.get_contents()
        if contents is not None and resources is not None:
            _visit(ContentStream(contents, reader), resources.get_object(), reader, use, set())
    return use


def check_pdfs(pdfs: Mapping[str, bytes]) -> None:
    """Raise ``PdfFontError`` listing every problem of every PDF (name → bytes), with the fix."""
    problems = [problem for name, pdf in pdfs.items() for problem in font_use(pdf).problems(name)]
    if not problems:
        return
    lines = [sentence for _, sentence in problems]
    shown = lines[:12] + ([f"…ほかに {len(lines) - 12} 件"] if len(lines) > 12 else [])
    fix = FONT_FIX if any(font_setup for font_setup, _ in problems) else CHARACTER_FIX
    raise PdfFontError(
        "チラシの PDF に 日本語が 正しく 印刷されない ところが あるので、サイトを 作りませんでした。\n"
        + "\n".join(f"  {line}" for line in shown)
        + f"\n{fix}"
    )


# ---- Reading the content streams ----------------------------------------------------------------------------


@dataclass
class _Font:
    name: str
    embedded: bool
    two_bytes: bool
    code_to_cid: dict[int, int] | None
    """``None``: identity (Identity-H)."""
    cid_to_gid: bytes | None
    """``None``: identity."""
    to_unicode: dict[int, str]

    def glyphs(self, data: bytes) -> Iterator[tuple[int, str]]:
        """(glyph id, character) for each code in a drawn string."""
        if self.two_bytes:
            codes = [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]
        else:
            codes = list(data)
        for code in codes:
            cid = code if self.code_to_cid is None else self.code_to_cid.get(code, 0)
            if self.cid_to_gid is None:
                gid = cid
            else:
                gid = int.from_bytes(self.cid_to_gid[2 * cid : 2 * cid + 2], "big") if 2 * cid + 1 < len(self.cid_to_gid) else 0
            yield gid, self.to_unicode.get(code, f"U+{code:04X}?")


def _visit(stream: ContentStream, resources: DictionaryObject, reader: PdfReader, use: FontUse, seen: set[int]) -> None:
    fonts_dict = resources.get("/Font")
    fonts_dict = fonts_dict.get_object() if fonts_dict is not None else {}
    cache: dict[str, _Font] = {}
    current: _Font | None = None
    for operands, operator in stream.operations:
        if operator == b"Tf":
            key = str(operands[0])
            if key not in cache and key in fonts_dict:
                cache[key] = _read_font(fonts_dict[key].get_object())
            current = cache.get(key)
            if current and current.embedded:
                use.embedded.add(current.name)
        elif operator in (b"Tj", b"'", b'"', b"TJ") and current is not None:
            items = operands[0] if operator == b"TJ" else [operands[-1]]
            for item in items:
                if isinstance(item, (bytes, str)) or hasattr(item, "original_bytes"):
                    data = item.original_bytes if hasattr(item, "original_bytes") else bytes(item, "latin-1")
                    _record(current, data, use)
        elif operator == b"Do":
            xobjects = resources.get("/XObject")
            if xobjects is None:
                continue
            reference = xobjects.get_object().get(operands[0])
            if reference is None:
                continue
            xobject = reference.get_object()
            identity = id(xobject)
            if xobject.get("/Subtype") == "/Form" and identity not in seen:
                seen.add(identity)
                inner = xobject.get("/Resources")
                _visit(ContentStream(xobject, reader), (inner or resources).get_object(), reader, use, seen)


def _record(font: _Font, data: bytes, use: FontUse) -> None:
    for gid, character in font.glyphs(data):
        if _invisible(character):
            continue
        target = use.missing if gid == 0 else use.drawn
        target.setdefault(font.name, set()).add(character)


def _invisible(character: str) -> bool:
    return all(unicodedata.category(c) in ("Zs", "Cc", "Cf", "Zl", "Zp") for c in character)


def _read_font(font: DictionaryObject) -> _Font:
    name = str(font.get("/BaseFont", "?")).lstrip("/")
    name = name.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", name) else name
    to_unicode = _to_unicode(font)
    if font.get("/Subtype") != "/Type0":
        descriptor = font.get("/FontDescriptor")
        return _Font(name, _has_program(descriptor), False, None, None, to_unicode)
    descendant = font["/DescendantFonts"][0].get_object()
    encoding = font.get("/Encoding")
    code_to_cid = None
    if encoding is not None and not isinstance(encoding.get_object(), NameObject):
        code_to_cid = _cid_map(encoding.get_object().get_data().decode("latin-1"))
    gid_map = descendant.get("/CIDToGIDMap")
    cid_to_gid = None
    if gid_map is not None and not isinstance(gid_map.get_object(), NameObject):
        cid_to_gid = gid_map.get_object().get_data()
    return _Font(name, _has_program(descendant.get("/FontDescriptor")), True, code_to_cid, cid_to_gid, to_unicode)


def _has_program(descriptor: object) -> bool:
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _cid_map(cmap: str) -> dict[int, int]:
    """Code → CID from an embedded CMap (``cidchar`` and ``cidrange`` sections)."""
    result: dict[int, int] = {}
    for block in re.findall(r"begincidchar(.*?)endcidchar", cmap, re.S):
        for code, cid in re.findall(r"<([0-9a-fA-F]+)>\s+(\d+)", block):
            result[int(code, 16)] = int(cid)
    for block in re.findall(r"begincidrange(.*?)endcidrange", cmap, re.S):
        for low, high, cid in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s+(\d+)", block):
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                result[code] = int(cid) + offset
    return result


def _to_unicode(font: DictionaryObject) -> dict[int, str]:
    """Code → text from the font's ToUnicode CMap (``bfchar`` and ``bfrange`` sections)."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    cmap = stream.get_object().get_data().decode("latin-1")
    result: dict[int, str] = {}

    def text(hexadecimal: str) -> str:
        raw = bytes.fromhex(hexadecimal)
        return raw.decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, target in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            result[int(code, 16)] = text(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            first = int(start, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                result[code] = chr(first + offset)
    return result


def _shown(characters: set[str], limit: int = 20) -> str:
    ordered = sorted(characters)
    return "".join(ordered[:limit]) + ("…" if len(ordered) > limit else "")
