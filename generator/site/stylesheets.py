"""The stylesheets the site publishes, made light (issue #23).

The theme's own stylesheets (theme/assets/stylesheets/) are published minified with rcssmin: their
comments explain each rule to developers and were half of what a phone downloaded.

Material's stylesheet is cut down to the rules the generated pages use.

The theme replaces Material's page frame (theme/base.html), so of Material's 22 KB (gzip) stylesheet a page
needs only the typography of ``.md-typeset`` and a few element defaults. At the end of a build every page
that links the stylesheet is matched against every rule with cssselect2 (the selector engine WeasyPrint
uses) and only the rules that match some element of some page are kept; custom properties and keyframes
that nothing kept refers to go too. Why not a hand-picked copy of the rules: Material's rules change with
its version, and a hand-written page in docs/ may use any Markdown element; this is recomputed on every
build from the Material that is installed and the pages that were written.

What a selector match cannot see, and how it is covered:
- states (``:hover``, ``:focus``, ``:checked`` …) and pseudo-elements (``::before``, ``::marker``) are taken
  off before matching, so ``a:hover`` is kept when the page has an ``a``;
- markup that the pages' scripts build (the question flow's screens, the finder's result list) is not in the
  HTML: every tag the site's scripts create is matched too, inside and outside lists (``script_document``);
- a selector cssselect2 cannot read is kept (never dropped on a guess).
``tests/browser/test_used_css.py`` compares each element's computed style under this file and under
Material's whole file, after the scripts ran.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import cssselect2
from cssselect2.compiler import split_whitespace
import rcssmin
import tinycss2

from generator.cache.fingerprint import code_fingerprint
from generator.cache.pages import PageMemo, key_of
from generator.cache.stored import stored
from generator.site import page_shape
from generator.site.page_shape import VOID_ELEMENTS

STATE_PSEUDO_CLASSES = frozenset({
    "hover", "focus", "focus-visible", "focus-within", "active", "visited", "link", "any-link", "checked",
    "target", "disabled", "enabled", "invalid", "valid", "placeholder-shown", "indeterminate", "read-only",
    "read-write", "required", "optional", "autofill", "-webkit-autofill", "default", "user-invalid",
})
"""Pseudo-classes that depend on what the reader does, not on the markup: true at some moment."""

LEGACY_PSEUDO_ELEMENTS = frozenset({"before", "after", "first-line", "first-letter", "marker", "selection"})
"""Pseudo-elements that CSS 2 wrote with one colon (Material's minified CSS still does)."""

_CREATED = re.compile(r"""\(\s*["']([a-z][a-z0-9]*)["']""")
"""A call whose first argument is a lower-case word: how the site's scripts make elements (flow.js's
``el("tag", …)``, ``document.createElement("tag")``). The published scripts are minified, so the helper's
name is not known; words that are not HTML elements (``HTML_ELEMENTS``) are ignored."""

HTML_ELEMENTS = frozenset(
    "a abbr address article aside b blockquote br button caption code dd del details dfn div dl dt em fieldset"
    " figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr i img input ins kbd label legend li main mark"
    " nav ol output p pre progress q s section select small span strong sub summary sup table tbody td"
    " textarea tfoot th thead time tr u ul".split()
)

_SCRIPT_ATTRIBUTES = {"input": ('type="radio"', 'type="checkbox"', 'type="date"', 'type="search"'),
                      "button": ('type="button"', 'type="submit"'), "a": ('href="#"',), "img": ('src="x.svg"',)}


def script_document(scripts: Iterable[str]) -> str:
    """A page of the elements the site's scripts create, as children of ``article.md-typeset`` directly and
    inside ``ol``/``ul`` lists (where flow.js puts most of them), so rules for them are kept."""
    tags = sorted({tag for script in scripts for tag in _CREATED.findall(script)} & HTML_ELEMENTS)
    markup = "".join(
        f"<{tag} {attributes}>" + ("" if tag in VOID_ELEMENTS else f"</{tag}>")
        for tag in tags for attributes in _SCRIPT_ATTRIBUTES.get(tag, ("",))
    )
    return (
        '<!doctype html><html lang="ja"><body><article class="md-typeset">'
        f"{markup}<ol><li>{markup}<ul><li>{markup}</li></ul></li></ol>"
        f"<ul><li>{markup}<ol><li>{markup}</li></ol></li></ul></article></body></html>"
    )


MATERIAL_CSS = "assets/stylesheets/material.css"
"""Where the site keeps the used part of Material's stylesheet (theme/base.html links it)."""

MATERIAL_SOURCE = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")
"""Material's stylesheet among the theme's files; the hash in its name changes with Material's version."""

_VAR = re.compile(r"var\(\s*(--[\w-]+)")


@dataclass(frozen=True)
class _Rule:
    """One style rule: its selector list as matched, and whether cssselect2 could read it."""

    index: int
    selectors: tuple[str, ...]


def minified(css: str) -> str:
    """``css`` without comments and needless spaces (the rules themselves unchanged)."""
    return rcssmin.cssmin(css)


def write_used_material_css(
    site: Path, material_css: str, cache_folder: Path | None = None, memo: PageMemo | None = None,
    written: Mapping[str, bytes] | None = None, digests: Mapping[str, str] | None = None,
) -> int:
    """Write ``MATERIAL_CSS`` into the built ``site``: the rules of ``material_css`` its pages use.

    The pages are every HTML file that links it; every other stylesheet, script and page of the site may
    refer to Material's custom properties. Matches are kept in ``cache_folder`` when there is one. Returns
    the number of pages matched. With a ``memo`` (``generator/cache/pages.py``), a page whose text is the same
    as in the last build of this site is not read again (its shape's digest is kept), and the rules the last
    build found for the same page shapes are taken from it. ``written``: the bytes of files this build wrote
    (UTF-8), by path inside ``site`` (the pages as MkDocs wrote them), used instead of reading them back;
    ``digests``: the SHA-256 of some of those bytes, known already (the page memo's), so they are not hashed again.
    """
    pages: list[str | bytes] = []
    page_digests: list[str | None] = []
    others, scripts = [], []
    written = written or {}
    digests = digests or {}
    marker = MATERIAL_CSS.encode()
    for relative in _site_files(site, (".html", ".css", ".js")):
        # A file this build wrote stays bytes: a search for ASCII in UTF-8 finds what it finds in the text (no
        # character's bytes hold an ASCII byte), and a page is made text only if its shape must be read.
        data = written.get(relative)
        text = (site / relative).read_text(encoding="utf-8") if data is None else None
        content: str | bytes = text if text is not None else data  # type: ignore[assignment]
        if relative.endswith(".html") and (MATERIAL_CSS in text if text is not None else marker in data):
            pages.append(content)
            page_digests.append(digests.get(relative) if data is not None else None)
        if (text is not None and "var(" in text) or (data is not None and b"var(" in data):  # (all used_stylesheet reads)
            others.append(text if text is not None else data.decode("utf-8"))  # type: ignore[union-attr]
        if relative.endswith(".js"):
            scripts.append(text if text is not None else data.decode("utf-8"))  # type: ignore[union-attr]
    pages.append(script_document(scripts))
    page_digests.append(None)
    used = used_stylesheet(material_css, pages, others, cache_folder, memo, page_digests)
    target = site / MATERIAL_CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(used, encoding="utf-8")
    return len(pages)


def _site_files(site: Path, suffixes: tuple[str, ...]) -> list[str]:
    """The files of ``site`` ending in ``suffixes`` (paths inside it, ``/``-separated), in the order of their
    paths' parts (as sorting ``Path`` objects gives). Walked with ``os.walk``: ``rglob`` and sorting ``Path``
    objects over a site's ~1,200 entries was ~0.015 s of a rebuild."""
    found = []
    for folder, _, names in os.walk(site):
        inside = os.path.relpath(folder, site).replace(os.sep, "/")
        found += [name if inside == "." else f"{inside}/{name}" for name in names if name.endswith(suffixes)]
    return sorted(found, key=lambda relative: relative.split("/"))


def used_stylesheet(
    css: str, pages: Iterable[str | bytes], other_sources: Iterable[str] = (), cache_folder: Path | None = None,
    memo: PageMemo | None = None, digests: Iterable[str | None] | None = None,
) -> str:
    """``css`` without the rules, custom properties and keyframes that none of ``pages`` can use.

    ``other_sources`` is every other text that may refer to a custom property of ``css`` (the site's own
    stylesheets, scripts and inline styles): a ``var(--md-…)`` there keeps that property. A page may be given
    as its UTF-8 bytes, and ``digests`` (in the pages' order) may give the SHA-256 of a page's UTF-8 bytes when
    it is known (``None``: not known).
    """
    css_key = hashlib.sha256(css.encode()).digest()
    used = _used_rules(css_key, css, pages, cache_folder, memo, digests)
    # (a reference is within one text: only texts that have "var(" are searched — a few of a site's ~460)
    references = {name for text in other_sources if "var(" in text for name in _VAR.findall(text)}

    def written() -> bytes:
        kept = _keep(_parsed(css), itertools.count(), used)  # (numbered in the order _collect numbers them)
        return _serialize(_drop_unused_names(kept, references)).encode("utf-8")

    # The stylesheet written is a function of Material's, the rules used and the custom properties named
    # elsewhere: kept under them, so a rebuild whose pages use the same rules does not parse Material's again.
    source = b"\0".join([css_key, _numbers(used).encode(), " ".join(sorted(references)).encode("utf-8")])
    if source not in _SHEETS:  # (kept in this process too: build --all's towns write the same sheet)
        _SHEETS[source] = stored("used-css-sheet", source, written, cache_folder).decode("utf-8")
    return _SHEETS[source]


_SHEETS: dict[bytes, str] = {}


def _collect(nodes: list, rules: list[_Rule]) -> None:
    """Every style rule in document order (inside @media and @supports too), numbered as ``_keep`` walks them."""
    for node in nodes:
        if node.type == "qualified-rule":
            rules.append(_Rule(len(rules), tuple(_split_selectors(node.prelude))))
        elif node.type == "at-rule" and _is_group(node):
            _collect(_children(node), rules)


def _used_rules(
    css_key: bytes, css: str, pages: Iterable[str | bytes], cache_folder: Path | None, memo: PageMemo | None = None,
    known: Iterable[str | None] | None = None,
) -> set[int]:
    """Numbers of the rules that match some element of some page.

    Kept in memory and in the build cache under the pages' *shapes* (``page_shape.py``: their elements and the
    attributes a selector can look at, without the text). Every town's pages have the same shapes where only
    names, phone numbers and addresses differ, and an edit to a procedure's words changes no shape: then
    ``build --all``'s next town, or the rebuild, reuses the numbers without matching.
    """
    values = AttributeValues.of(css)
    pages = list(pages)
    read: dict[str, tuple] = {}
    """The shapes read in this build, by digest."""
    unread = set(range(len(pages)))

    def digest(index: int) -> str:
        page = pages[index]
        shape = page_shape.shape(page if isinstance(page, str) else page.decode("utf-8"), values)
        unread.discard(index)
        found = _digest(shape)
        read[found] = shape
        return found

    # A page whose text is the one of the last build of this site is not read again: its shape's digest is in
    # the page memo under the SHA-256 of the page's UTF-8 bytes (a rebuild after one edit reads the pages that
    # changed; the memo already knows the digest of every page it reused, so those are not hashed again).
    known = list(known) if known is not None else [None] * len(pages)
    digests = {
        digest(index) if memo is None
        else memo.value("css-shape", key_of(css_key.hex(), "page bytes' sha256", known[index] or _page_sha256(page)),
                        functools.partial(digest, index))
        for index, page in enumerate(pages)
    }
    key = css_key + hashlib.sha256("\0".join(sorted(digests)).encode("ascii")).digest()
    if key in _MATCHES:
        if memo is not None:
            memo.value("used-css", key_of(key.hex()), lambda: _serial(_MATCHES[key]))
        return set(_MATCHES[key])

    def shapes(wanted: set[str]) -> list[tuple[str, tuple]]:
        """These shapes, fullest first (they use the most rules); pages the memo spared are read if need be."""
        if wanted - set(read):
            for index in list(unread):
                digest(index)
        return sorted(((one, read[one]) for one in wanted), key=lambda item: (-len(item[1]), item[0]))

    def full() -> bytes:
        return _serial(_match(css, shapes(digests))).encode()

    def since(previous: tuple[dict[int, str], set[str]]) -> bytes:
        # The last build's rules and the shape each was first found on. A rule whose shape is still here is
        # still used; a rule no page used then was tried on every shape then, so only the new shapes can use it
        # now; a rule whose shape went is looked for everywhere.
        witness, before = previous
        found = {number: shape for number, shape in witness.items() if shape in digests}
        lost = set(witness) - set(found)
        new = digests - before
        unused = {number for *_, number in _selectors(css)} - set(witness)
        if new and unused:
            found |= _match(css, shapes(new), unused)
        if lost:
            found |= _match(css, shapes(digests), lost)
        return _serial(found).encode()

    def computed() -> str:
        previous = _last_build(memo) if memo is not None else None
        work = full if previous is None else functools.partial(since, previous)
        return stored("used-css-rules", key, work, cache_folder).decode()

    serial = computed() if memo is None else memo.value("used-css", key_of(key.hex()), computed)
    _MATCHES[key] = _parsed_serial(serial)
    return set(_MATCHES[key])


_MATCHES: dict[bytes, dict[int, str]] = {}
"""Each rule used, with the digest of the shape it was found on, by the stylesheet and the pages' shapes
(``build --all``: each town's shapes matched once)."""


def _page_sha256(page: str | bytes) -> str:
    """The SHA-256 (hex) of a page's UTF-8 bytes (text that cannot be UTF-8 keeps its surrogates, one key each)."""
    return hashlib.sha256(page if isinstance(page, bytes) else page.encode("utf-8", "surrogatepass")).hexdigest()


def _digest(shape: tuple) -> str:
    """The SHA-256 (hex) of a page shape: of its tokens joined by NUL, their parts by SOH, when no part holds either
    (the counts show it: then the text reads back as one shape only); else of its ``repr`` (never the same text:
    a joined shape starts with a token kind, ``repr`` with ``((``). A quarter of the time of ``repr``."""
    joined = "\0".join(map("\1".join, shape))
    if joined.count("\0") == len(shape) - 1 and joined.count("\1") == sum(map(len, shape)) - len(shape):
        return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()
    return hashlib.sha256(repr(shape).encode("utf-8", "surrogatepass")).hexdigest()


def _serial(witness: dict[int, str]) -> str:
    """``fingerprint number:digest …``: the code that found them, each rule and its shape."""
    return " ".join([code_fingerprint()] + [f"{number}:{witness[number]}" for number in sorted(witness)])


def _parsed_serial(serial: str) -> dict[int, str]:
    return {int(number): shape for number, _, shape in (part.partition(":") for part in serial.split()[1:])}


def _last_build(memo: PageMemo) -> tuple[dict[int, str], set[str]] | None:
    """The rules the last build of this site found (with their shapes) and its pages' shapes, when the same code
    found them (a memo of another version, or of none, gives ``None``: everything is matched)."""
    entries = memo.previous.get("used-css", {})
    shapes = memo.previous.get("css-shape", {})
    if len(entries) != 1 or not shapes:
        return None
    serial = next(iter(entries.values()))
    if not isinstance(serial, str) or serial.split(" ", 1)[0] != code_fingerprint() or not all(
            isinstance(shape, str) for shape in shapes.values()):
        return None
    return _parsed_serial(serial), set(shapes.values())


def _numbers(rules: Iterable[int]) -> str:
    return " ".join(str(number) for number in sorted(rules))


_VALUE_TEST = re.compile(r"""\[\s*([\w-]+)\s*([~|^$*]?=)\s*("[^"]*"|'[^']*'|[^\]\s]+)\s*([iIsS])?\s*\]""")
"""An attribute selector that tests a value (``[type=checkbox]``, ``[src$="#only-dark"]``)."""
_ANY_VALUE_TEST = re.compile(r"\[\s*([\w-]+)[^\]]*=")


class AttributeValues:
    """``page_shape.Values`` for one stylesheet: an attribute value as far as its selectors can tell it apart.

    Classes, ids, ``lang`` and ``dir`` are kept as they are (class and id selectors, ``:lang()``, ``:dir()``).
    Another attribute's value is kept only when some selector tests it (``[type=checkbox]``) and the value
    answers those tests otherwise than an empty one does (cssselect2 asks them, on an element with that value);
    else it becomes ``""``. So a ``tel:`` link's number or a town's address in an ``href`` (Material tests
    only ``[href]``'s presence) leaves the shape alone. An attribute named in a value test this cannot read is
    kept as it is.
    """

    KEPT = frozenset({"class", "id", "lang", "dir"})

    def __init__(self, css: str):
        self.tests: dict[str, list] = {}
        for name, operator, value, flag in _VALUE_TEST.findall(css):
            compiled = _compile(f"[{name}{operator}{value}{' ' + flag if flag else ''}]")
            if compiled is not None:
                self.tests.setdefault(name.lower(), []).extend(part.test for part in compiled)
        unread = {name.lower() for name in _ANY_VALUE_TEST.findall(css)} - set(self.tests)
        self.kept = self.KEPT | unread

    @classmethod
    @functools.lru_cache(maxsize=4)
    def of(cls, css: str) -> AttributeValues:
        return cls(css)

    @functools.lru_cache(maxsize=1 << 14)  # noqa: B019 (one object per stylesheet, kept for the process)
    def __call__(self, name: str, value: str) -> str:
        if name in self.kept:
            return value
        tests = self.tests.get(name)
        if not tests or not value or self._answers(tests, name, value) == self._answers(tests, name, ""):
            return ""
        return value

    @staticmethod
    def _answers(tests: list, name: str, value: str) -> tuple[bool, ...]:
        element = cssselect2.ElementWrapper.from_html_root(ElementTree.Element("x", {name: value}))
        return tuple(bool(test(element)) for test in tests)


def _match(css: str, shapes: Iterable[tuple[str, tuple]], only: set[int] | None = None) -> dict[int, str]:
    """The rules of ``css`` (``only`` these, when given) that some element of some page matches (``shapes``: each
    page's shape with its digest), each with the digest of the first shape found to use it.

    The same answer as matching every element of every page against every rule, with less work:
    - a rule is looked for only until some page uses it (after the first pages most rules a site uses are
      found);
    - a selector is tried on a page only when every name it needs occurs there (``_needed_names``): most of
      Material's selectors name its own frame (.md-header, .md-nav …), which the theme replaced;
    - and only on the elements that carry every name of its last compound (``ul[type]``: the ``ul`` elements
      with a ``type``), until one matches. Each is tested with cssselect2's compiled test, in the element's
      place in the tree (``_Page.wrapper``), as cssselect2's ``Matcher`` tests it.
    """
    unknown: dict[int, list[tuple[frozenset[str], frozenset[str], str]]] = {}
    for needs, subject, selector, number in _selectors(css):
        if only is None or number in only:
            unknown.setdefault(number, []).append((needs, subject, selector))
    found: dict[int, str] = {}
    for name, one in shapes:
        if not unknown:
            break
        page = _Page(one)
        for number, selectors in list(unknown.items()):
            for needs, subject, selector in selectors:
                if needs <= page.names and page.matches(selector, subject):
                    found[number] = name
                    del unknown[number]
                    break
    return found


class _Page:
    """One page's elements, each with the names it carries (``a``, ``.t-card``, ``#main``, ``[hidden``) as
    cssselect2 reads them (classes split on ASCII whitespace, an empty id is none). Made from the page's shape
    in one pass (``page_shape.nested``); the names of elements made from the same start tag are worked out once."""

    def __init__(self, tokens: tuple[tuple[str, ...], ...]):
        root, made = page_shape.nested(tokens)
        self.root = root
        self.elements = [root]
        self.carries: dict[ElementTree.Element, frozenset[str]] = {root: _names(root)}
        self.place: dict[ElementTree.Element, tuple[ElementTree.Element, int]] = {}
        by_token: dict[tuple[str, ...], list[ElementTree.Element]] = {}
        carries, place, elements = self.carries, self.place, self.elements
        for element, token, parent, index in made:
            elements.append(element)
            place[element] = (parent, index)
            same = by_token.get(token)
            if same is None:
                by_token[token] = [element]
            else:
                same.append(element)
        self.by_name: dict[str, list[ElementTree.Element]] = {}
        for name in self.carries[root]:
            self.by_name.setdefault(name, []).append(root)
        for same in by_token.values():
            names = _names(same[0])
            for element in same:
                carries[element] = names
            for name in names:
                self.by_name.setdefault(name, []).extend(same)
        self.names = frozenset(self.by_name)
        self._wrappers: dict[ElementTree.Element, cssselect2.ElementWrapper] = {}

    def matches(self, selector: str, subject: frozenset[str]) -> bool:
        """Whether some element matches ``selector``, whose last compound needs the names ``subject``
        (a selector cssselect2 cannot read counts as matching: its rule is kept, never dropped on a guess)."""
        compiled = _compile(selector)
        if compiled is None:
            return True
        tests = [part.test for part in compiled if not part.never_matches]
        if not tests:
            return False
        if subject:
            rarest = min(subject, key=lambda name: len(self.by_name[name]))
            elements = [element for element in self.by_name[rarest] if subject <= self.carries[element]]
        else:
            elements = self.elements
        return any(test(self.wrapper(element)) for element in elements for test in tests)

    def wrapper(self, element: ElementTree.Element) -> cssselect2.ElementWrapper:
        """cssselect2's view of ``element``: made for it, its ancestors and earlier siblings only, exactly as
        ``ElementWrapper.iter_subtree`` would have made them."""
        known = self._wrappers.get(element)
        if known is not None:
            return known
        if element is self.root:
            made = cssselect2.ElementWrapper.from_html_root(element)
        else:
            parent, index = self.place[element]
            previous = None
            if index:  # the earlier siblings first, oldest first (no deep recursion along a long list)
                start = index - 1
                while start > 0 and parent[start - 1] not in self._wrappers:
                    start -= 1
                for earlier in range(start, index):
                    previous = self.wrapper(parent[earlier])
            made = cssselect2.ElementWrapper(
                element, parent=self.wrapper(parent), index=index, previous=previous, in_html_document=True
            )
        self._wrappers[element] = made
        return made


def _names(element: ElementTree.Element) -> frozenset[str]:
    """The names ``element`` carries, in ``_Page``'s form."""
    names = {element.tag, *("." + name for name in split_whitespace(element.get("class", "")))}
    if element.get("id"):
        names.add("#" + element.get("id"))
    names.update("[" + attribute for attribute in element.keys())
    return frozenset(names)


@functools.lru_cache(maxsize=4)
def _selectors(css: str) -> tuple[tuple[frozenset[str], frozenset[str], str, int], ...]:
    """Every selector of ``css`` as matched, with the names it needs (anywhere, and on the element it
    selects) and its rule's number (kept for ``build --all``: every town matches against the same
    stylesheet)."""
    rules: list[_Rule] = []
    _collect(_parsed(css), rules)
    return tuple((*_needed_names(selector), selector, rule.index) for rule in rules for selector in rule.selectors)


@functools.lru_cache(maxsize=4)
def _parsed(css: str) -> list:
    """``css``'s top-level rules as tinycss2 reads them (read once: the matching and the writing both walk them;
    nothing changes them)."""
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


@functools.lru_cache(maxsize=4096)
def _compile(selector: str) -> tuple | None:
    """The compiled selector, or None when cssselect2 cannot read it (its rule is then kept)."""
    try:
        return tuple(cssselect2.compile_selector_list(selector))
    except cssselect2.SelectorError:
        return None


def _needed_names(selector: str) -> tuple[frozenset[str], frozenset[str]]:
    """Names a selector requires outside any function (``:not(.x)`` requires nothing), in ``_Page`` form: on
    some element of the page, and on the element it selects (its last compound, ``ul[type]`` in
    ``.md-typeset ul[type]``)."""
    names: set[str] = set()
    subject: set[str] = set()
    tokens = tinycss2.parse_component_value_list(selector)
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else None
        name = None
        if token.type == "whitespace" or (token.type == "literal" and token.value in (">", "+", "~")):
            subject = set()  # a combinator: the compound before it is not the selected element
        elif token.type == "ident" and before is not None and before.type == "literal" and before.value == ".":
            name = "." + token.value
        elif token.type == "hash":
            name = "#" + token.value
        elif token.type == "[] block":
            attribute = next((t for t in token.content if t.type == "ident"), None)
            if attribute is not None:
                name = "[" + attribute.lower_value
        elif token.type == "ident" and (before is None or before.type == "whitespace" or (
                before.type == "literal" and before.value in (">", "+", "~"))):
            name = token.lower_value
        if name is not None:
            names.add(name)
            subject.add(name)
    return frozenset(names), frozenset(subject)


def _split_selectors(prelude: list) -> list[str]:
    """The selectors of a rule, without states and pseudo-elements (``a:hover:before`` → ``a``)."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [_structural(tokens).strip() for tokens in selectors]


def _structural(tokens: list) -> str:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "literal" and token.value == ":":
            colons = 1
            if i + 1 < len(tokens) and tokens[i + 1].type == "literal" and tokens[i + 1].value == ":":
                colons = 2
            name_token = tokens[i + colons] if i + colons < len(tokens) else None
            name = getattr(name_token, "lower_name", None) or getattr(name_token, "lower_value", "")
            vendor = name.startswith(("-webkit-", "-moz-", "-ms-"))
            if colons == 2 or vendor or name in STATE_PSEUDO_CLASSES or name in LEGACY_PSEUDO_ELEMENTS:
                if not out or out[-1].isspace() or out[-1] in (">", "+", "~", "("):
                    out.append("*")
                i += colons + 1
                continue
        if token.type == "function":
            out.append(f"{token.name}({_structural(token.arguments)})")
        else:
            out.append(tinycss2.serialize([token]))
        i += 1
    return "".join(out)


def _is_group(node) -> bool:
    return node.lower_at_keyword in ("media", "supports", "layer", "container") and node.content is not None


def _children(node) -> list:
    return tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True)


def _keep(nodes: list, numbers, used: set[int]) -> list:
    """``nodes`` with unused style rules taken out (and group rules left empty by that)."""
    kept = []
    for node in nodes:
        if node.type == "qualified-rule":
            if next(numbers) in used:
                kept.append(node)
        elif node.type == "at-rule" and _is_group(node):
            children = _keep(_children(node), numbers, used)
            if any(child.type in ("qualified-rule", "at-rule") for child in children):
                kept.append((node, children))
        else:
            kept.append(node)
    return kept


def _drop_unused_names(kept: list, references: set[str]) -> list:
    """Leave out custom properties and @keyframes that no kept declaration (or other source) refers to.

    A property is used when a kept value or another source names it with ``var()``, or when the value of a
    used property does (followed to the end).
    """
    definitions: dict[str, list[str]] = {}
    plain_values: list[str] = []
    for declaration in _declarations(kept):
        value = tinycss2.serialize(declaration.value)
        if declaration.name.startswith("--"):
            definitions.setdefault(declaration.name, []).append(value)
        else:
            plain_values.append(value)
    used = set(references)
    pending = [name for value in plain_values for name in _VAR.findall(value)]
    while pending:
        name = pending.pop()
        if name in used and name not in references:
            continue
        used.add(name)
        references.discard(name)
        for value in definitions.get(name, []):
            pending.extend(_VAR.findall(value))
    words = set(re.findall(r"[\w-]+", " ".join(plain_values)))
    return _filter(kept, used, words)


def _declarations(kept: list):
    for node in kept:
        if isinstance(node, tuple):
            yield from _declarations(node[1])
        elif node.type == "qualified-rule":
            yield from (d for d in _parse_declarations(node) if d.type == "declaration")


def _parse_declarations(rule) -> list:
    return tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)


def _filter(kept: list, used_properties: set[str], words: set[str]) -> list:
    result = []
    for node in kept:
        if isinstance(node, tuple):
            children = _filter(node[1], used_properties, words)
            if children:
                result.append((node[0], children))
        elif node.type == "qualified-rule":
            declarations = [
                d for d in _parse_declarations(node)
                if d.type == "declaration" and (not d.name.startswith("--") or d.name in used_properties)
            ]
            if declarations:
                result.append((node, declarations))
        elif node.type == "at-rule" and node.lower_at_keyword == "keyframes":
            name = tinycss2.serialize(node.prelude).strip()
            if name in words:
                result.append(node)
        else:
            result.append(node)
    return result


def _serialize(nodes: list) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, tuple):
            head, body = node
            if head.type == "qualified-rule":
                inner = ";".join(_declaration_text(d) for d in body)
                parts.append(f"{tinycss2.serialize(head.prelude).strip()}{{{inner}}}")
            else:
                parts.append(f"@{head.at_keyword}{tinycss2.serialize(head.prelude).rstrip()}{{{_serialize(body)}}}")
        else:
            parts.append(tinycss2.serialize([node]))
    return "".join(parts)


def _declaration_text(declaration) -> str:
    value = tinycss2.serialize(declaration.value).strip()
    important = "!important" if declaration.important else ""
    return f"{declaration.name}:{value}{important}"
