"""A print page's HTML, translated to Typst source for ``sheets.typ`` (the Typst PDF engine, issue #23).

Why the HTML and not ``content.py``'s objects (decisions/2026-12-07-typst-pdf-engine.md): the print page is
already the finished text of a sheet — the templates' wording, the edition's finishing (phrase spaces as
``<wbr>``, ruby), the compact and tight variants — so the PDF cannot say anything the print page does not.
The translator knows no wording: it maps each element, by its class, to a Typst function of the same name in
``sheets.typ`` (``<p class="f-kicker">`` → ``#f-kicker[…]``), and a class it does not know is an error, so a
new template class cannot silently drop out of the PDF.

Line breaking, as the print page intends it:

* A phrase (the text between two break opportunities: ``<wbr>``, a space, after 「。」「、」, before an opening
  bracket) is kept whole in a ``box``, like the guide pages' ``word-break: keep-all``; a phrase too long for
  that (more than ``LONGEST_KEPT`` characters, e.g. an official name in 「」) may break anywhere, by Typst's
  Japanese rules. Brackets and closing punctuation stand outside the box (see ``_kept``).
* ``.f-w`` and ``.t-rw`` (no-wrap spans) and ``<ruby>`` are one unbreakable piece.
* Typst adds no gap between Japanese and Latin letters (``cjk-latin-spacing: none`` in ``sheets.typ``): the
  HTML has none either.

Text goes into Typst as string literals, so nothing in the content can be read as Typst markup or code.
"""

from __future__ import annotations

import base64
import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator.qr import vector_of_png
from generator.start_tags import start_tag

_GAPS = re.compile(r"([ \t\r\n\f]+)")
"""White space as HTML collapses it (not U+3000, the ideographic space the sheets print as a gap)."""
_PUNCTUATION_BREAK = re.compile(r"(?<=[。、])(?=[^。、）」』】])|(?<=[^（「『【])(?=[（「『【])")
"""Where a line may break inside a phrase, as the guide pages allow it (``templating.py``): after 「。」「、」,
before an opening bracket."""

LONGEST_KEPT = 18
"""A phrase longer than this many characters is not kept whole: it would stick out of a narrow column."""

BLOCK_TAGS = frozenset({"article", "header", "section", "div", "p", "h1", "h2", "ul", "ol", "li", "footer", "main",
                        "dl", "dt", "dd", "table"})
"""Elements laid out as blocks: their inline content is one paragraph."""

URL_STYLES = {
    "f-noscan": "f-url-13", "f-koushi__official": "f-url-12", "f-card__url": "f-card__url", "f-url": "f-url-block",
}
"""The function an address is printed with, by the class of the block (or section) it stands in."""

RUN_IN = frozenset({"f-important", "f-noscan"})
"""Sections whose heading runs into the first line of their text."""

SECTIONS = (
    "f-koushi__status", "f-status", "f-important", "f-noscan", "f-qrcard", "f-contact", "f-town", "f-foot", "f-block",
)
"""Classes that give plain ``h2``/``p``/``ul``/``li`` inside them a look of their own (``f-status-h2``, …).
The first that matches names the context; ``f-block`` (a plain section) last."""

INLINE_CLASSES = frozenset({
    "f-sample", "f-step__number", "f-box", "f-url", "f-contact__phone", "f-contact__name", "f-step__title", "f-pin",
    "f-koushi__note", "f-pin-official",
})
"""Classes of inline elements that have a function in ``sheets.typ``."""

NOWRAP_CLASSES = frozenset({"f-w", "t-rw"})
"""No-wrap spans: their content is one unbreakable piece."""

ATOMIC_CLASSES = frozenset({"f-sample", "f-step__number", "f-box"})
"""Inline boxes drawn as one piece (a frame, a black label, a tick box)."""

BLOCK_CLASSES = frozenset({
    "f-sheet", "f-head", "f-kicker", "f-title", "f-status", "f-status__top", "f-important", "f-deadline",
    "f-limitation", "f-block", "f-check", "f-more", "f-row", "f-row__main", "f-steps", "f-step--minor", "f-list",
    "f-qrcard", "f-noscan", "f-contact", "f-foot", "f-foot__sample", "f-town", "f-town__notice", "f-town__answer",
    "f-contact__phone", "f-pin",
    # 講師用 (instructor's pages)
    "f-koushi__official", "f-koushi__status", "f-koushi__steps", "f-koushi__step", "f-koushi__caution", "f-koushi__stuck",
    # the class practice sheet
    "f-pins", "f-qr", "f-qr__text", "f-url",
    # QR card sheets
    "f-grid", "f-card", "f-card__kicker", "f-card__title", "f-card__hint", "f-card__url", "f-card__foot",
})
"""Classes of block elements that have a function in ``sheets.typ``."""

IGNORED_CLASSES = frozenset({
    "f-koushi", "f-cards", "f-practice", "f-flyer", "f-flyer--yes", "f-flyer--no", "f-flyer--unknown",
    "f-sheet--compact", "t-sample", "f-qr__image",
})
"""Classes that carry no look of their own here (read as attributes, or the same as another class)."""


class UnknownMarkup(ValueError):
    """The print page has an element the Typst layout does not know (a template changed): say which."""


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class _TreeBuilder(HTMLParser):
    VOID = frozenset({"wbr", "img", "br", "meta", "link", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    """The print page as a tree of ``Node``s, as ``HTMLParser`` reports it (``_TreeBuilder``). A page of plain
    markup (no character reference, script, style or comment, every ``<`` a tag: the build's print pages) is
    read by one regular expression (``_quick_parse``: ≈ 5× faster, the same tree, tested); any other page by
    ``HTMLParser``."""
    quick = _quick_parse(html)
    if quick is not None:
        return quick
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


_MARKUP = re.compile(
    r"<![^>]*>"  # the doctype
    r"|</([a-zA-Z][^\t\n\r\f />\x00]*)[^>]*>"  # an end tag
    r"""|<([a-zA-Z](?:[^>"']+|"[^"]*"|'[^']*')*)>"""  # a start tag (quoted values may hold ">")
    r"|([^<]+)"  # text
)
_NOT_PLAIN = re.compile(r"&|<!--|<!\[|<\?|<(?:script|style)\b", re.I)
"""What ``_quick_parse`` leaves to ``HTMLParser``: character references, comments, CDATA, processing instructions
and elements whose content is raw text."""


def _quick_parse(html: str) -> Node | None:
    """``parse(html)`` for a page of plain markup, or ``None`` when the page is not such a page. Tags, names and
    attribute values are read with ``HTMLParser``'s own expressions (``tagfind_tolerant``,
    ``attrfind_tolerant``), so they come out as it gives them; the nesting is ``_TreeBuilder``'s."""
    if _NOT_PLAIN.search(html):
        return None
    root = Node("#root", {})
    stack = [root]
    position = 0
    for found in _MARKUP.finditer(html):
        if found.start() != position:
            return None  # a "<" that starts no tag: HTMLParser reads it as text
        position = found.end()
        text, start, end = found.group(3), found.group(2), found.group(1)
        if text is not None:
            stack[-1].children.append(text)
        elif start is not None:
            tag, attributes = _start_tag(start)
            node = Node(tag, dict(attributes))
            stack[-1].children.append(node)
            if tag not in _TreeBuilder.VOID and not found.group(0).endswith("/>"):
                stack.append(node)
        elif end is not None:
            tag = end.lower()
            if tag in _TreeBuilder.VOID:
                continue
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].tag == tag:
                    del stack[depth:]
                    break
    return root if position == len(html) else None


@functools.lru_cache(maxsize=1 << 14)
def _start_tag(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A start tag's name and attributes (without ``<`` and ``>``), as ``_TreeBuilder`` gets them from
    ``HTMLParser`` (``start_tags.start_tag``; an attribute without a value as ""). Kept: a town's print pages
    repeat the same few hundred tags."""
    tag, attributes = start_tag(text)
    return tag, tuple((name, value or "") for name, value in attributes)


def find(node: Node, predicate) -> list[Node]:  # noqa: ANN001
    found = []
    for child in node.children:
        if isinstance(child, Node):
            if predicate(child):
                found.append(child)
            else:
                found += find(child, predicate)
    return found


def sheets(html: str) -> list[Node]:
    """The ``.f-sheet`` elements of a print page, in order."""
    return find(parse(html), lambda node: "f-sheet" in node.classes)


def string(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---- Inline content: pieces, then phrases ------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """One run of text (or one atomic box) with the inline functions it sits in, innermost last."""

    code: str
    """Typst code: a string literal, or a call drawing an atomic box."""
    wrappers: tuple[str, ...]
    length: int
    """Characters it prints (for ``LONGEST_KEPT``)."""
    text: str | None = None
    """The plain text of a text run (``None``: an atomic box or ruby)."""


_BREAK = object()
"""A break opportunity without a visible gap (``<wbr>``)."""
_SPACE = object()
"""A break opportunity with a visible space."""
_BREAK_AFTER = object()
"""A break opportunity after 「。」「、」 or before an opening bracket, inside a run of text (no gap)."""
_LINEBREAK = object()
"""A forced line break (a no-wrap block inside a line, ``.f-pin``)."""


class Translator:
    """Turns the sheets of one print page into Typst source."""

    def __init__(self) -> None:
        self.url = "f-url"
        """The function an address (``.f-url``) is printed with here: its size depends on the section."""
        self.variant = ""
        self.label_strong = False

    # -- blocks --

    def block(self, node: Node, context: str | None = None) -> str:
        if node.tag == "img":
            return self.image(node)
        name = self._block_name(node, context)
        classes = node.classes
        inner_context = next((c for c in SECTIONS if c in classes), context)
        # an address's size depends on where it stands (flyer.css: .f-noscan .f-url, .f-koushi__official .f-url)
        self.url = URL_STYLES.get(next((c for c in classes if c in URL_STYLES), inner_context or ""), "f-url")
        if node.tag in ("ul", "ol", "dl") and classes:
            inner_context = classes[0]  # a list's items are named after the list (f-check-li, f-steps-li)
        children = [child for child in node.children if isinstance(child, Node) and "f-hidden" not in child.classes]
        if node.tag == "table":  # the PIN table: its caption, then every cell in order (the first row: headings)
            return self.table(node)
        if "f-qr" in classes and len(children) == 2:  # the code beside its text
            return f"#f-qr-grid[{self.block(children[0], inner_context)}][{self.block(children[1], inner_context)}]"
        if "f-grid" in classes:  # the QR cards of a sheet: a 2 × 2 grid, each card a cell
            return "#f-grid(" + ", ".join("[" + self.block(child, inner_context) + "]" for child in children) + ")"
        if "f-row" in classes and len(children) == 2:
            # steps (or ways) beside the QR card: two columns
            return f"#f-row-grid[{self.block(children[0], inner_context)}][{self.block(children[1], inner_context)}]"
        if "f-contact" in classes and len(children) == 2:
            return f"#f-contact-grid[{self.block(children[0], inner_context)}][{self.block(children[1], inner_context)}]"
        if self._has_blocks(node):
            if inner_context in RUN_IN and children and children[0].tag == "h2" and len(children) > 1:
                # the heading starts the first line of the text that follows it
                heading, first, *rest = children
                run_in = "#f-runin[" + self.inline(heading.children) + "]"
                # (its lines keep the section's 14 pt line height, as an inline run-in does in CSS: "-first")
                parts = [self._wrap(self._block_name(first, inner_context) + "-first", first,
                                    "[" + run_in + self.inline(first.children) + "]")]
                parts += [self.block(child, inner_context) for child in rest]
            else:
                parts = [self.block(child, inner_context) for child in children]
            body = "[" + "".join(parts) + "]"
        else:
            variant = "-minor" if "f-step--minor" in classes else ""
            self.label_strong = "f-foot__sample" in classes  # 「見本」 framed before the footer's sentence
            body = "[" + self.inline(node.children, variant) + "]"
            self.label_strong = False
        return self._wrap(name, node, body)

    def table(self, node: Node) -> str:
        captions = find(node, lambda child: child.tag == "caption")
        rows = find(node, lambda child: child.tag == "tr")
        self.url = "f-url"
        caption = self.inline(captions[0].children) if captions else ""
        header = len([cell for cell in rows[0].children if isinstance(cell, Node)]) if rows else 0
        cells = [
            f"f-pins-{cell.tag}[{self.inline(cell.children)}]"
            for row in rows for cell in row.children if isinstance(cell, Node) and cell.tag in ("th", "td")
        ]
        return f"#f-pins([{caption}], {header}, " + ", ".join(cells) + ")"

    def _wrap(self, name: str | None, node: Node, body: str) -> str:
        arguments = self._arguments(node)
        if not name:
            return body
        return f"#{name}({arguments}){body}" if arguments else f"#{name}{body}"

    def _has_blocks(self, node: Node) -> bool:
        return any(isinstance(child, Node) and (child.tag in BLOCK_TAGS or child.tag == "img") for child in node.children)

    def _block_name(self, node: Node, context: str | None) -> str | None:
        known = [c for c in node.classes if c not in IGNORED_CLASSES]
        unknown = [c for c in known if c not in BLOCK_CLASSES]
        if unknown:
            raise UnknownMarkup(f"sheets.typ has no layout for <{node.tag} class=\"{' '.join(unknown)}\">")
        if known:
            name = known[-1]  # the most specific class comes last (「f-block f-town」)
            if name in INLINE_CLASSES:  # (a class styling a span and a block: named by where the block stands)
                return f"{context}-{name}" if context else f"{name}-{node.tag}"
            return name
        if node.tag in ("main", "#root"):
            return None
        if node.tag in ("h1", "h2", "p", "ul", "ol", "li", "header", "div", "section", "dt", "dd"):
            return f"{context}-{node.tag}" if context else f"f-{node.tag}"
        raise UnknownMarkup(f"sheets.typ has no layout for <{node.tag}>")

    def _arguments(self, node: Node) -> str:
        classes = node.classes
        arguments = []
        if "f-qrcard" in classes:
            arguments.append(f"width: {_style_mm(node, 'width')}mm")
        return ", ".join(arguments)

    def image(self, node: Node) -> str:
        """The QR code at the print page's size, written into the source (no file to read): the PNG's modules as
        squares (``qr.vector_of_png``: the same modules, a fraction of Typst's work), or the PNG's bytes when
        it is not a grid of whole modules."""
        source = node.attrs.get("src", "")
        match = re.fullmatch(r"data:image/png;base64,(.*)", source, re.S)
        if not match:
            raise UnknownMarkup("a print page image must be a PNG data URI (the QR code)")
        data = base64.b64decode(match[1])
        name = "f-card__qr" if "f-card__qr" in node.classes else "qr-code"
        width = _style_mm(node, "width")
        vector = vector_of_png(data)
        if vector is not None:
            return f'#{name}(bytes({string(vector.decode("ascii"))}), "svg", {width}mm)'
        return f'#{name}(bytes(({",".join(map(str, data))},)), "png", {width}mm)'

    # -- inline content --

    def inline(self, children: list[Node | str], variant: str = "") -> str:
        """``variant``: appended to the name of a step number's function (``-minor``: a step not on_flyer)."""
        items: list[object] = []
        self.variant = variant
        self._flatten(children, (), False, items)
        return self._phrases(_trim(items))

    def _flatten(self, children: list[Node | str], wrappers: tuple[str, ...], nowrap: bool, items: list[object]) -> None:
        for child in children:
            if isinstance(child, str):
                for part in _GAPS.split(child):
                    if not part:
                        continue
                    if _GAPS.fullmatch(part):
                        items.append(_Piece('" "', wrappers, 1) if nowrap else _SPACE)
                    elif nowrap or _is_url(wrappers) or self.url in ("f-card__url", "f-url-block"):
                        items.append(_Piece(string(part), wrappers, len(part), part))
                    else:
                        for index, piece in enumerate(_PUNCTUATION_BREAK.split(part)):
                            if index and piece:
                                items.append(_BREAK_AFTER)
                            if piece:
                                items.append(_Piece(string(piece), wrappers, len(piece), piece))
                continue
            tag, classes = child.tag, child.classes
            if tag == "wbr":
                if not nowrap:
                    items.append(_BREAK)
            elif tag == "ruby":
                items.append(self._ruby(child, wrappers))
            elif tag == "strong" and self.label_strong and not items:
                inner = []
                self._flatten(child.children, (), True, inner)
                items.append(_Piece(f"f-foot-label[{_codes(inner)}]", wrappers, 2))
            elif tag == "strong":
                self._flatten(child.children, wrappers + ("strong",), nowrap, items)
            elif tag == "span" and any(c in NOWRAP_CLASSES for c in classes):
                inner: list[object] = []
                self._flatten(child.children, wrappers, True, inner)
                items.append(("group", inner))
            elif tag == "span" and "f-box" in classes:
                continue  # the checklist's tick box: drawn by f-check-li (aria-hidden, no text)
            elif tag == "span" and ("f-pin" in classes or "f-koushi__note" in classes):
                items.append(_LINEBREAK)  # a block of its own under the line
                name = "f-pin" if "f-pin" in classes else "f-koushi__note"
                self._flatten(child.children, wrappers + (name,), nowrap, items)
            elif tag == "br":
                items.append(_LINEBREAK)
            elif tag == "span" and "f-pin-official" in classes:
                self._flatten(child.children, wrappers + ("f-pin-official",), nowrap, items)
            elif tag == "span" and "f-url" in classes:
                self._flatten(child.children, wrappers + (self.url,), nowrap, items)
            elif tag == "span" and any(c in ATOMIC_CLASSES for c in classes):
                name = next(c for c in classes if c in ATOMIC_CLASSES)
                if name == "f-step__number":
                    name += getattr(self, "variant", "")
                inner = []
                self._flatten(child.children, (), True, inner)
                text = _codes(inner)
                items.append(_Piece(f"{name}[{text}]", wrappers, sum(p.length for p in _pieces(inner)) or 1))
            elif tag == "span" and any(c in INLINE_CLASSES for c in classes):
                name = next(c for c in classes if c in INLINE_CLASSES)
                if name == "f-contact__phone":  # its left margin (flyer.css), once before the number
                    items.append(_Piece("h(3mm)", wrappers, 0))
                self._flatten(child.children, wrappers + (name,), nowrap, items)
            elif tag == "span" and not [c for c in classes if c not in IGNORED_CLASSES]:
                self._flatten(child.children, wrappers, nowrap, items)
            else:
                raise UnknownMarkup(f"sheets.typ has no inline layout for <{tag} class=\"{' '.join(classes)}\">")

    def _ruby(self, node: Node, wrappers: tuple[str, ...]) -> _Piece:
        base = "".join(child for child in node.children if isinstance(child, str))
        reading = "".join(
            text for child in node.children if isinstance(child, Node) and child.tag == "rt"
            for text in child.children if isinstance(text, str)
        )
        return _Piece(f"ruby({string(base.strip())}, {string(reading.strip())})", wrappers, len(base.strip()))

    def _phrases(self, items: list[object]) -> str:
        """Group the pieces between break opportunities into phrases; keep short phrases whole."""
        out: list[str] = []
        phrase: list[_Piece] = []

        def flush() -> None:
            if not phrase:
                return
            length = sum(piece.length for piece in phrase)
            whole = (length <= LONGEST_KEPT or self.url in ("f-card__url", "f-url-block")
                     or any(_is_url(piece.wrappers) for piece in phrase))
            out.append(_kept(phrase) if whole and len(phrase) + length > 1 else _joined(phrase))
            phrase.clear()

        for item in items:
            if item is _BREAK or item is _BREAK_AFTER:
                flush()  # two boxes side by side may break between them: no character needed (see _kept)
            elif item is _SPACE:
                flush()
                out.append("#\" \"")
            elif item is _LINEBREAK:
                flush()
                out.append("#linebreak()")
            elif isinstance(item, tuple):  # a no-wrap group: one piece, however long
                flush()
                out.append(_kept(_pieces(item[1])))
            else:
                phrase.append(item)
        flush()
        return "".join(out)


_OPENING = re.compile(r"^[（「『【〔［｛〈《]+")
_CLOSING = re.compile(r"[、。，．）」』】〕］｝〉》！？]+$")


def _kept(phrase: list[_Piece]) -> str:
    """A phrase that must not break: in a ``box``, with its opening brackets before the box and its closing
    punctuation after it. Inside a box, a bracket or 「、」 would stand at the start or end of the box's own
    line, where Typst's Japanese rules squeeze it to half width; outside, the line-breaking rules (UAX #14,
    which Typst follows) already forbid a break after an opening bracket and before 「、」「。」「）」.

    No character marks a break opportunity: Typst may break between two inline boxes (an inline box is an
    object, U+FFFC, to its line breaker), so the PDF's text has no zero-width spaces in it (a search for
    「はじめてもらう」 in a PDF viewer finds it)."""
    pieces = list(phrase)
    before = after = ""
    first, last = pieces[0], pieces[-1]
    if first.text is not None and (match := _OPENING.match(first.text)) and match.end() < len(first.text):
        before = _joined([_Piece(string(match[0]), first.wrappers, 0, match[0])])
        rest = first.text[match.end():]
        pieces[0] = first = _Piece(string(rest), first.wrappers, len(rest), rest)
        if len(pieces) == 1:
            last = first
    if last.text is not None and (match := _CLOSING.search(last.text)) and match.start() > 0:
        after = _joined([_Piece(string(match[0]), last.wrappers, 0, match[0])])
        rest = last.text[: match.start()]
        pieces[-1] = _Piece(string(rest), last.wrappers, len(rest), rest)
    if len(pieces) == 1 and pieces[0].text is not None and not pieces[0].wrappers:
        # A phrase of plain text (two in three): the string itself, not a content block holding it. The same
        # box and the same PDF bytes, ≈ 9 % less of Typst's work for a sheet (benchmarks/results/pdf-2026-12-08.md).
        return f"{before}#keep({pieces[0].code}){after}"
    return f"{before}#keep[{_joined(pieces)}]{after}"


def _is_url(wrappers: tuple[str, ...]) -> bool:
    return any(wrapper.startswith("f-url") for wrapper in wrappers)


def _pieces(items: list[object]) -> list[_Piece]:
    result = []
    for item in items:
        if isinstance(item, _Piece):
            result.append(item)
        elif isinstance(item, tuple):
            result += _pieces(item[1])
    return result


def _codes(items: list[object]) -> str:
    return _joined(_pieces(items))


def _joined(pieces: list[_Piece]) -> str:
    """Pieces as Typst markup, each inside its inline functions (neighbours with the same ones share them)."""
    out = []
    index = 0
    while index < len(pieces):
        wrappers = pieces[index].wrappers
        run = []
        while index < len(pieces) and pieces[index].wrappers == wrappers:
            run.append("#" + pieces[index].code)
            index += 1
        code = "".join(run)
        for wrapper in reversed(wrappers):
            code = f"#{wrapper}[{code}]"
        out.append(code)
    return "".join(out)


def _trim(items: list[object]) -> list[object]:
    """No break or space at the start or end of a paragraph (HTML drops that white space too)."""
    while items and items[0] in (_BREAK, _SPACE):
        items.pop(0)
    while items and items[-1] in (_BREAK, _SPACE):
        items.pop()
    merged: list[object] = []
    for item in items:
        if item is _SPACE and merged and merged[-1] in (_SPACE, _BREAK):
            merged[-1] = _SPACE
            continue
        if item is _BREAK and merged and merged[-1] is _SPACE:
            continue
        merged.append(item)
    return merged


def _style_mm(node: Node, prop: str) -> str:
    match = re.search(rf"(?:^|;)\s*{prop}\s*:\s*([0-9.]+)mm", node.attrs.get("style", ""))
    if not match:
        raise UnknownMarkup(f"<{node.tag} class=\"{node.attrs.get('class', '')}\"> has no {prop} in mm")
    return match[1]


def document(html: str) -> str:
    """Typst source of every sheet of the print page ``html``."""
    translator = Translator()
    parts = [translator.block(sheet) for sheet in sheets(html)]
    if not parts:
        raise UnknownMarkup("the print page has no sheet (.f-sheet)")
    return '#import "sheets.typ": *\n#show: page-setup\n' + "\n#pagebreak()\n".join(parts) + "\n"
