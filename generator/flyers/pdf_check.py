"""After rendering: prove a PDF prints its Japanese, instead of empty boxes (tofu).

WeasyPrint never fails when no font has a character: it draws the glyph ``.notdef`` (glyph 0, an empty box)
from whatever font it fell back to. So the build reads back every PDF it wrote (pypdf) and follows each
text-drawing operator: the bytes drawn → character code → CID (the font's encoding CMap) → glyph id (its
CIDToGIDMap) → character (its ToUnicode map). A PDF passes when

* no character is drawn as glyph 0 in any font, and
* every kana and kanji is drawn with the Japanese fonts the build ships (``SHIPPED_FONTS``).

Otherwise the build stops (``PdfFontError``) with a Japanese message naming the PDF, the characters, the
font that was used instead and the fix. The previous site stays, as for any build error.

A sheet Typst drew is checked without reading its PDF back, from its text (``sheet_font_use``): Typst is given the shipped
fonts and no other (``typst_engine.py``, which also stops when it cannot load them), and draws every character
one of them maps to a real glyph, falling back from one to another; a character none of them has is an empty
box. So the sheet's printed text against the fonts' character maps gives the same verdict as reading the PDF
back, at ≈ 1 ms a sheet instead of ≈ 15 (decisions/2026-12-07-pdf-cpu-per-sheet.md). ``font_use``
stays for the PDFs of any other engine, and as the tests' independent reading of what a PDF draws.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import BuildError

if TYPE_CHECKING:  # pypdf is imported where a PDF is read: a build without PDFs does not load it (0.2 s)
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

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


def unreadable_fonts(families: list[str], folder: Path) -> PdfFontError:
    """The error when the PDF engine cannot read the shipped font families (the engines' words are the
    webmaster's, kept here with the other font messages)."""
    return PdfFontError(f"チラシの PDF に 使う 日本語の フォント（{'、'.join(families)}）を 読めませんでした（{folder}）。\n{FONT_FIX}")


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
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    creator = str((reader.metadata or {}).get("/Creator", ""))
    use = FontUse(shipped_names=TYPST_FONTS if creator.startswith("Typst ") else SHIPPED_FONTS)
    for page in reader.pages:
        resources = page.get("/Resources")
        contents = page.get_contents()
        if contents is not None and resources is not None:
            _visit(contents.get_data(), resources.get_object(), reader, use, set())
    return use


def check_pdfs(pdfs: Mapping[str, bytes], pages: Mapping[str, str] | None = None) -> None:
    """Raise ``PdfFontError`` listing every problem of every PDF (name → bytes), with the fix. ``pages``: as
    ``check_font_uses``."""
    check_font_uses({name: font_use(pdf) for name, pdf in pdfs.items()}, pages)


def check_font_uses(uses: Mapping[str, FontUse], pages: Mapping[str, str] | None = None) -> None:
    """``check_pdfs`` for PDFs already read (``font_use``, which the build's PDF workers run on each PDF they
    make). ``pages`` (name → the print page's HTML the PDF was made from) lets a message name the characters
    Typst drew as an empty box: Typst writes no character for them (「U+0000?」), so they are found in the
    page's text, as the ones no shipped font has."""
    problems = [problem for name, use in uses.items() for problem in use.problems(name)]
    if not problems:
        return
    if pages:
        problems = [(setup, _named(sentence, pages)) for setup, sentence in problems]
    lines = [sentence for _, sentence in problems]
    shown = lines[:12] + ([f"…ほかに {len(lines) - 12} 件"] if len(lines) > 12 else [])
    fix = FONT_FIX if any(font_setup for font_setup, _ in problems) else CHARACTER_FIX
    raise PdfFontError(
        "チラシの PDF に 日本語が 正しく 印刷されない ところが あるので、サイトを 作りませんでした。\n"
        + "\n".join(f"  {line}" for line in shown)
        + f"\n{fix}"
    )


@dataclass
class TextUse:
    """What a sheet Typst drew will print (``sheet_font_use``): the characters of its text no shipped font has,
    and the fonts its PDF names. Judged like a ``FontUse`` (``check_font_uses``)."""

    missing: set[str] = field(default_factory=set)
    fonts: set[str] = field(default_factory=set)
    """The PDF's fonts (PostScript names without the subset prefix)."""

    def problems(self, name: str) -> list[tuple[bool, str]]:
        problems = []
        if self.missing:
            problems.append((False, f"{name}: 「{_shown(self.missing)}」が 空の 四角に なります"
                                    f"（フォント {JAPANESE_FONT_LABEL} に その 文字が ありません）。"))
        for font in sorted(font for font in self.fonts if not font.startswith(TYPST_FONTS)):
            problems.append((True, f"{name}: 日本語の フォント（{JAPANESE_FONT_LABEL}）で なく {font} が 使われて います。"))
        if not any(font.startswith(TYPST_FONTS) for font in self.fonts):
            problems.append((True, f"{name}: 日本語の フォント（{JAPANESE_FONT_LABEL}）が PDF に 入って いません。"))
        return problems


_TYPST = b"/Creator(Typst "
_BASE_FONTS = re.compile(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9_.-]+)")


def sheet_font_use(pdf: bytes, html: str) -> FontUse | TextUse:
    """The glyph and font check's reading of one sheet, ``pdf`` made from the print page ``html``.

    A PDF Typst made (its ``/Creator``): its text against the shipped fonts' character maps (``text_use``), and
    the fonts its font dictionaries name, read from the file's plain bytes (Typst writes them uncompressed; a
    PDF where none is found is read back in full). Any other PDF: read back (``font_use``)."""
    if _TYPST not in pdf:
        return font_use(pdf)
    fonts = {name.decode("latin-1") for name in _BASE_FONTS.findall(pdf)}
    if not fonts:
        return font_use(pdf)
    return TextUse(text_use(html), fonts)


def text_use(html: str) -> set[str]:
    """The characters of the print page ``html``'s text that no shipped font maps to a glyph (white space and
    other characters that draw nothing left aside). Every character a Typst sheet draws is in its print page's
    text (the translation adds none: ``typst_markup.py``); text the sheet does not draw can only add a
    character here, never hide one."""
    return _not_in_the_fonts(html, _draws_nothing)


def _not_in_the_fonts(html: str, draws_nothing: Callable[[str], bool]) -> set[str]:
    """The characters of the print page ``html``'s text that no shipped font maps to a glyph, but those
    ``draws_nothing`` sets aside."""
    covered = _shipped_characters()
    return {c for c in set(_printed_text(html)) if ord(c) not in covered and not draws_nothing(c)}


def _printed_text(html_page: str) -> str:
    return html.unescape(re.sub(r"<head.*?</head>|<[^>]+>", "", html_page, flags=re.S))


def _draws_nothing(character: str) -> bool:
    """White space, controls and format characters, and variation selectors (which select a glyph of the
    character before them and are dropped when the font has no such variant)."""
    code = ord(character)
    return _invisible(character) or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180D


_UNKNOWN = re.compile(r"「(?:U\+0000\?)+」")


def _named(sentence: str, pages: Mapping[str, str]) -> str:
    """The sentence with Typst's unnamed empty boxes replaced by the characters no shipped font has."""
    name = sentence.split(": ", 1)[0]
    if not _UNKNOWN.search(sentence) or name not in pages:
        return sentence
    missing = _not_in_the_fonts(pages[name], _invisible)
    return _UNKNOWN.sub(f"「{_shown(missing)}」", sentence) if missing else sentence


def read_font_maps() -> None:
    """Read the shipped fonts' character maps now (a PDF worker as it starts, ``feature.warm_pdf_worker``), not on
    the first sheet checked."""
    _shipped_characters()


@functools.cache
def _shipped_characters() -> frozenset[int]:
    """Every code point the shipped fonts map to a real glyph (not glyph 0, ``.notdef``): their character maps,
    read once a process (0.08 s for the three files)."""
    from fontTools.ttLib import TTFont

    from generator.flyers.pdf import shipped_font_files

    covered: set[int] = set()
    for path in shipped_font_files():  # a missing file: the fonts' own message
        try:
            font = TTFont(path, lazy=True)
            # Glyphs named by their index: the shipped fonts carry no glyph names, and fontTools would otherwise
            # make them up from the character maps first (0.25 → 0.08 s for the three files, the same set).
            # Glyph 0 is .notdef in every TrueType font.
            order = [f"glyph{index}" for index in range(font["maxp"].numGlyphs)]
            font.setGlyphOrder(order)
            cmap = font.getBestCmap() or {}
        except Exception as error:  # noqa: BLE001 (fontTools: any error of a damaged file)
            raise PdfFontError(
                f"チラシの PDF に 使う 日本語の フォント {path.name} を 読めませんでした（{type(error).__name__}: {error}）。\n{FONT_FIX}"
            ) from error
        covered |= {code for code, glyph in cmap.items() if glyph != order[0]}
    return frozenset(covered)


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

    def codes(self, data: bytes) -> Iterator[int]:
        """The character codes of a drawn string."""
        if self.two_bytes:
            return (int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2))
        return iter(data)

    def glyph(self, code: int) -> tuple[int, str]:
        """(glyph id, character) a code draws."""
        cid = code if self.code_to_cid is None else self.code_to_cid.get(code, 0)
        if self.cid_to_gid is None:
            gid = cid
        else:
            gid = int.from_bytes(self.cid_to_gid[2 * cid : 2 * cid + 2], "big") if 2 * cid + 1 < len(self.cid_to_gid) else 0
        return gid, self.to_unicode.get(code, f"U+{code:04X}?")


def _visit(data: bytes, resources: DictionaryObject, reader: PdfReader, use: FontUse, seen: set[int]) -> None:
    fonts_dict = resources.get("/Font")
    fonts_dict = fonts_dict.get_object() if fonts_dict is not None else {}
    cache: dict[str, _Font] = {}
    current: _Font | None = None
    drawn: dict[str, set[bytes]] = {}
    """Font key → every string drawn with it (each string once: its codes are read once below)."""
    for operands, operator in _operations(data):
        if operator == b"Tf" and len(operands) >= 2:
            key = str(operands[-2])
            if key not in cache and key in fonts_dict:
                cache[key] = _read_font(fonts_dict[key].get_object())
            current = cache.get(key)
            current_key = key
            if current and current.embedded:
                use.embedded.add(current.name)
        elif operator in (b"Tj", b"'", b'"', b"TJ") and current is not None and operands:
            items = operands[-1] if operator == b"TJ" and isinstance(operands[-1], list) else [operands[-1]]
            drawn.setdefault(current_key, set()).update(item for item in items if isinstance(item, bytes))
        elif operator == b"Do" and operands:
            xobjects = resources.get("/XObject")
            if xobjects is None:
                continue
            reference = xobjects.get_object().get(str(operands[-1]))
            if reference is None:
                continue
            xobject = reference.get_object()
            identity = id(xobject)
            if xobject.get("/Subtype") == "/Form" and identity not in seen:
                seen.add(identity)
                inner = xobject.get("/Resources")
                _visit(xobject.get_data(), (inner or resources).get_object(), reader, use, seen)
    for key, strings in drawn.items():
        _record(cache[key], strings, use)


# The operations that draw text, read from a content stream with one regular expression: pypdf's parser of the
# whole stream took 0.2–0.3 s a sheet, longer than Typst takes to make it. Only what the check needs is read —
# font changes (Tf), strings drawn (Tj, TJ, ' and "), forms (Do); a string inside a TJ array is matched whole,
# so the scan never starts inside one. A literal string may hold balanced parentheses unescaped (Typst writes
# them so): up to four levels are read; a stream with a text operator the expression did not read is read
# again with pypdf's parser, so nothing drawn is ever skipped.
def _nested(levels: int) -> bytes:
    pattern = rb"\((?:\\.|[^\\()])*\)"
    for _ in range(levels - 1):
        pattern = rb"\((?:\\.|[^\\()]|" + pattern + rb")*\)"
    return pattern


_LITERAL = _nested(4)
_TEXT_OPERATIONS = re.compile(
    rb"(?P<font>/[^\s/\[\]()<>{}%]+)\s+[-+]?[\d.]+\s+Tf"
    rb"|\[(?P<array>(?:" + _LITERAL + rb"|<[0-9A-Fa-f\s]*>|[^\]\(<])*)\]\s*TJ"
    rb"|(?:(?P<literal>" + _LITERAL + rb")|<(?P<hex>[0-9A-Fa-f\s]*)>)\s*(?:Tj|'|\")"
    rb"|/(?P<form>[^\s/\[\]()<>{}%]+)\s+Do",
    re.S,
)
_ARRAY_STRINGS = re.compile(rb"(?P<literal>" + _LITERAL + rb")|<(?P<hex>[0-9A-Fa-f\s]*)>", re.S)
_TEXT_OPERATORS = re.compile(rb"(?:TJ|Tj|[)>\s]'|[)>\s]\")(?![A-Za-z])")
_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}


def _operations(data: bytes) -> list[tuple[list, bytes]]:
    """(operands, operator) for each text-drawing operation of a content stream (strings as bytes, names as str)."""
    operations: list[tuple[list, bytes]] = []
    for match in _TEXT_OPERATIONS.finditer(data):
        if match["font"] is not None:
            operations.append(([match["font"].decode("latin-1"), 0.0], b"Tf"))
        elif match["array"] is not None:
            operations.append(([[_string(item) for item in _ARRAY_STRINGS.finditer(match["array"])]], b"TJ"))
        elif match["form"] is not None:
            operations.append((["/" + match["form"].decode("latin-1")], b"Do"))
        else:
            operations.append(([_string(match)], b"Tj"))
    drawn = sum(1 for _, operator in operations if operator in (b"Tj", b"TJ"))
    if drawn != len(_TEXT_OPERATORS.findall(data)):
        return _parsed(data)
    return operations


def _parsed(data: bytes) -> list[tuple[list, bytes]]:
    """The same, read by pypdf's parser (slow, complete)."""
    from pypdf.generic import ContentStream, StreamObject

    stream = StreamObject()
    stream.set_data(data)
    operations: list[tuple[list, bytes]] = []
    for operands, operator in ContentStream(stream, None).operations:
        if operator == b"TJ":
            operands = [[_raw(item) for item in operands[0] if _raw(item) is not None]]
        elif operator in (b"Tj", b"'", b'"'):
            operands = [_raw(operands[-1])]
            operator = b"Tj"
        elif operator == b"Tf":
            operands = [str(operands[0]), 0.0]  # (the size is not needed)
        elif operator == b"Do":
            operands = [str(operands[0])]
        else:
            continue
        operations.append((operands, operator))
    return operations


def _raw(item: object) -> bytes | None:
    if hasattr(item, "original_bytes"):
        return item.original_bytes
    if isinstance(item, (bytes, str)):
        return item if isinstance(item, bytes) else item.encode("latin-1")
    return None


def _string(match: re.Match[bytes]) -> bytes:
    if match["hex"] is not None:
        digits = re.sub(rb"\s", b"", match["hex"])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    return _unescaped(match["literal"])


@functools.lru_cache(maxsize=4096)
def _unescaped(literal: bytes) -> bytes:
    """A literal string's bytes (a sheet draws the same few strings many times)."""
    return _literal(literal, 1)[0]  # after its opening parenthesis


def _literal(data: bytes, position: int) -> tuple[bytes, int]:
    """A literal string's bytes (escapes resolved, nested parentheses kept) and the position after it."""
    out = bytearray()
    nesting = 1
    while position < len(data):
        byte = data[position]
        position += 1
        if byte == 0x5C:  # backslash
            if position >= len(data):
                break
            following = data[position]
            if 0x30 <= following <= 0x37:  # up to three octal digits
                digits = re.match(rb"[0-7]{1,3}", data[position:position + 3])[0]
                out.append(int(digits, 8) & 0xFF)
                position += len(digits)
            elif following in (0x0A, 0x0D):  # a line continuation
                position += 2 if data[position:position + 2] == b"\r\n" else 1
            else:
                out.append(_ESCAPES.get(following, following))
                position += 1
        elif byte == 0x28:
            nesting += 1
            out.append(byte)
        elif byte == 0x29:
            nesting -= 1
            if nesting == 0:
                return bytes(out), position
            out.append(byte)
        else:
            out.append(byte)
    return bytes(out), position


def _record(font: _Font, strings: set[bytes], use: FontUse) -> None:
    codes = {code for data in strings for code in font.codes(data)}
    for code in codes:
        gid, character = font.glyph(code)
        if _invisible(character):
            continue
        target = use.missing if gid == 0 else use.drawn
        target.setdefault(font.name, set()).add(character)


def _invisible(character: str) -> bool:
    return all(unicodedata.category(c) in ("Zs", "Cc", "Cf", "Zl", "Zp") for c in character)


def _read_font(font: DictionaryObject) -> _Font:
    from pypdf.generic import NameObject

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
