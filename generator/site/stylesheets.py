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
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import cssselect2
import rcssmin
import tinycss2

from generator.cache.pages import PageMemo, key_of
from generator.cache.stored import stored

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
    written: Mapping[str, str] | None = None,
) -> int:
    """Write ``MATERIAL_CSS`` into the built ``site``: the rules of ``material_css`` its pages use.

    The pages are every HTML file that links it; every other stylesheet, script and page of the site may
    refer to Material's custom properties. Matches are kept in ``cache_folder`` when there is one. Returns
    the number of pages matched. With a ``memo`` (``generator/cache/pages.py``), a page whose text is the same
    as in the last build of this site is not parsed again. ``written``: the text of files this build wrote, by path
    inside ``site`` (the pages as MkDocs wrote them), used instead of reading them back.
    """
    pages, others, scripts = [], [], []
    written = written or {}
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".css", ".js") and path.is_file():
            known = written.get(path.relative_to(site).as_posix())
            text = known if known is not None else path.read_text(encoding="utf-8")
            others.append(text)
            if path.suffix == ".html" and MATERIAL_CSS in text:
                pages.append(text)
            if path.suffix == ".js":
                scripts.append(text)
    pages.append(script_document(scripts))
    used = used_stylesheet(material_css, pages, others, cache_folder, memo)
    target = site / MATERIAL_CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(used, encoding="utf-8")
    return len(pages)


def used_stylesheet(
    css: str, pages: Iterable[str], other_sources: Iterable[str] = (), cache_folder: Path | None = None,
    memo: PageMemo | None = None,
) -> str:
    """``css`` without the rules, custom properties and keyframes that none of ``pages`` can use.

    ``other_sources`` is every other text that may refer to a custom property of ``css`` (the site's own
    stylesheets, scripts and inline styles): a ``var(--md-…)`` there keeps that property.
    """
    css_key = hashlib.sha256(css.encode()).digest()
    used: set[int] = set()
    for page in pages:
        if memo is None:
            used |= _matched(css_key, css, page, cache_folder)
        else:  # the rule numbers are a function of the stylesheet and the page's text
            key = key_of(css_key.hex(), page)
            numbers = memo.value("used-css", key, lambda: _numbers(_matched(css_key, css, page, cache_folder)))
            used |= {int(number) for number in numbers.split()}
    references = set(_VAR.findall(" ".join(other_sources)))

    def written() -> bytes:
        sheet = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        rules: list[_Rule] = []
        _collect(sheet, rules)
        kept = _keep(sheet, iter(range(len(rules))), used)
        return _serialize(_drop_unused_names(kept, references)).encode("utf-8")

    # The stylesheet written is a function of Material's, the rules used and the custom properties named
    # elsewhere: kept under them, so a rebuild whose pages use the same rules does not parse Material's again.
    source = b"\0".join([css_key, _numbers(used).encode(), " ".join(sorted(references)).encode("utf-8")])
    return stored("used-css-sheet", source, written, cache_folder).decode("utf-8")


def _collect(nodes: list, rules: list[_Rule]) -> None:
    """Every style rule in document order (inside @media and @supports too), numbered as ``_keep`` walks them."""
    for node in nodes:
        if node.type == "qualified-rule":
            rules.append(_Rule(len(rules), tuple(_split_selectors(node.prelude))))
        elif node.type == "at-rule" and _is_group(node):
            _collect(_children(node), rules)


def _matched(css_key: bytes, css: str, page: str, cache_folder: Path | None) -> set[int]:
    """Numbers of the rules that match some element of ``page``.

    Kept in memory and in the build cache under the page's *shape*: its elements and the attributes a
    selector can look at, without the text. Every town's pages have the same shape where only names, phone
    numbers and addresses differ, so ``build --all`` matches each shape once.
    """
    tree = _tree(page)
    key = css_key + _shape(tree, _named_attributes(css)).encode("utf-8")
    if key not in _MATCHES:
        numbers = stored("used-css", key, lambda: _match(css, tree).encode(), cache_folder)
        _MATCHES[key] = frozenset(int(number) for number in numbers.split())
    return set(_MATCHES[key])


_MATCHES: dict[bytes, frozenset[int]] = {}
"""Rule numbers by the stylesheet and a page's shape (``build --all``: each shape is matched once)."""


def _numbers(rules: set[int]) -> str:
    return " ".join(str(number) for number in sorted(rules))


@functools.lru_cache(maxsize=4)
def _named_attributes(css: str) -> frozenset[str]:
    """Attributes whose values a selector of ``css`` may test (``[type=checkbox]``, ``:lang()``, classes, ids)."""
    named = {name.lower() for name in re.findall(r"\[\s*([\w-]+)", css)}
    return frozenset(named | {"class", "id", "lang", "dir"})


def _shape(element: ElementTree.Element, attributes: frozenset[str]) -> str:
    """The element tree as matching sees it: tags, attribute names, the values of ``attributes``, and
    whether an element has text (``:empty``)."""
    parts = [element.tag]
    for name in sorted(element.attrib):
        parts.append(f" {name}={element.attrib[name]!r}" if name in attributes else f" {name}")
    if element.text:
        parts.append(" text")
    return "<" + "".join(parts) + ">" + "".join(_shape(child, attributes) for child in element) + "</>"


def _match(css: str, tree: ElementTree.Element) -> str:
    root = cssselect2.ElementWrapper.from_html_root(tree)
    elements = list(root.iter_subtree())
    present = _vocabulary(elements)
    # Why a matcher per page with only the selectors whose names all occur on it: most of Material's
    # selectors name its own frame (.md-header, .md-nav …) and cannot match; leaving them out makes matching
    # several times faster than one matcher with every selector.
    matcher = cssselect2.Matcher()
    found = set()
    for needs, selector, number in _selectors(css):
        if needs <= present:
            compiled = _compile(selector)
            if compiled is None:
                found.add(number)
            for one in compiled or ():
                matcher.add_selector(one, number)
    for element in elements:
        found.update(match[3] for match in matcher.match(element))
    return " ".join(str(number) for number in sorted(found))


VOID_ELEMENTS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
})


class _TreeBuilder(HTMLParser):
    """An ElementTree of a page's elements and attributes, for matching only.

    Why not tinyhtml5 (WeasyPrint's spec-complete parser): it took 2 of the 3 seconds this step needed for
    a town's ~110 pages; the standard library's tokenizer is several times faster. The pages are the
    build's own output, with end tags written out; an end tag a page leaves out only nests the next
    element deeper, which can keep a rule more, never drop one a page uses.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = ElementTree.Element("html")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.root.attrib.update((name, value or "") for name, value in attrs)
            return
        element = ElementTree.SubElement(self.stack[-1], tag, {name: value or "" for name, value in attrs})
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ElementTree.SubElement(self.stack[-1], tag, {name: value or "" for name, value in attrs})

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if data.strip():  # only :empty looks at text
            self.stack[-1].text = (self.stack[-1].text or "") + data


def _tree(page: str) -> ElementTree.Element:
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    return builder.root


def _vocabulary(elements: list) -> frozenset[str]:
    """Every tag (``a``), class (``.t-card``), id (``#main``) and attribute (``[hidden``) on a page."""
    names = set()
    for element in elements:
        names.add(element.local_name)
        names.update("." + name for name in element.classes)
        if element.id:
            names.add("#" + element.id)
        names.update("[" + attribute for attribute in element.etree_element.keys())
    return frozenset(names)


@functools.lru_cache(maxsize=4)
def _selectors(css: str) -> tuple[tuple[frozenset[str], str, int], ...]:
    """Every selector of ``css`` as matched, with the names it needs and its rule's number (kept for
    ``build --all``: every town matches against the same stylesheet)."""
    rules: list[_Rule] = []
    _collect(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), rules)
    return tuple((_needed_names(selector), selector, rule.index) for rule in rules for selector in rule.selectors)


@functools.lru_cache(maxsize=4096)
def _compile(selector: str) -> tuple | None:
    """The compiled selector, or None when cssselect2 cannot read it (its rule is then kept)."""
    try:
        return tuple(cssselect2.compile_selector_list(selector))
    except cssselect2.SelectorError:
        return None


def _needed_names(selector: str) -> frozenset[str]:
    """Names a selector requires outside any function (``:not(.x)`` requires nothing), in ``_vocabulary`` form."""
    names = set()
    tokens = tinycss2.parse_component_value_list(selector)
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else None
        if token.type == "ident" and before is not None and before.type == "literal" and before.value == ".":
            names.add("." + token.value)
        elif token.type == "hash":
            names.add("#" + token.value)
        elif token.type == "[] block":
            attribute = next((t for t in token.content if t.type == "ident"), None)
            if attribute is not None:
                names.add("[" + attribute.lower_value)
        elif token.type == "ident" and (before is None or before.type == "whitespace" or (
                before.type == "literal" and before.value in (">", "+", "~"))):
            names.add(token.lower_value)
    return frozenset(names)


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
