"""Reading built pages for selector matching (generator/site/page_shape.py, issue #23: build time).

The fast reader must give the tree the standard library's HTMLParser gives, on every page the build writes:
the used part of Material's stylesheet is chosen from these trees, and a page read differently could drop a
rule it uses.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import material

from generator.site import page_shape
from generator.site.stylesheets import AttributeValues


class _Reference(HTMLParser):
    """The tree as HTMLParser reports it (the reader the stylesheet step used before page_shape)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = ElementTree.Element("html")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.root.attrib.update((name, value or "") for name, value in attrs)
            return
        element = ElementTree.SubElement(self.stack[-1], tag, {name: value or "" for name, value in attrs})
        if tag not in page_shape.VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ElementTree.SubElement(self.stack[-1], tag, {name: value or "" for name, value in attrs})

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.stack[-1].text = "T"


def reference_tree(page: str) -> bytes:
    parser = _Reference()
    parser.feed(page)
    parser.close()
    return ElementTree.tostring(parser.root)


def fast_tree(page: str) -> bytes:
    return ElementTree.tostring(page_shape.tree(page_shape.shape(page, None)))


def test_every_page_of_the_example_site_reads_as_htmlparser_reads_it(example_site: Path) -> None:
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 400
    different = [str(path.relative_to(example_site)) for path in pages
                 if fast_tree(path.read_text(encoding="utf-8")) != reference_tree(path.read_text(encoding="utf-8"))]
    assert not different, different[:5]


def test_markup_that_is_not_an_element_is_read_as_htmlparser_reads_it() -> None:
    page = ("<!doctype html><html lang=ja><!-- <div class=x> --><body class='a b'>"
            "<script>if (a<b && c) { x = '<p class=\"y\">' }</script><style>p>a{}</style>"
            '<p title="a > b" class=c data-x>text &amp; more<br/><img src=x.png>&nbsp;</p>'
            "<ul><li>one<li>two</ul></div><span>&#12354;</span><em>&nbsp; </em><input disabled/></body></html>")
    assert fast_tree(page) == reference_tree(page)


def test_the_shape_keeps_the_values_a_selector_can_test_and_not_the_text() -> None:
    values = AttributeValues(".a{color:red}[type=radio]{margin:0}")
    one = page_shape.shape('<p class="a" title="一">一</p><input type="radio" value="1">', values)
    other = page_shape.shape('<p class="a" title="二">二です</p><input type="radio" value="2">', values)
    assert one == other
    assert page_shape.shape('<p class="b">一</p>', values) != page_shape.shape('<p class="a">一</p>', values)
    assert page_shape.shape('<p class="a"></p>', values) != page_shape.shape('<p class="a">一</p>', values)
    assert page_shape.shape('<input type="text">', values) != page_shape.shape('<input type="radio">', values)
    assert page_shape.shape('<input>', values) != page_shape.shape('<input type="">', values), "a name stays"


def test_two_towns_pages_have_one_shape_under_materials_stylesheet() -> None:
    """What differs between towns (phone numbers in tel: links, addresses, QR images) is no value Material's
    selectors test (``[href]`` asks only whether there is one), so build --all matches one town's shapes once."""
    values = AttributeValues(next(
        (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")
    ).read_text(encoding="utf-8"))
    town = ('<a class="t-button" href="tel:{phone}">電話</a><link rel="canonical" href="https://{host}/p/">'
            '<img src="data:image/png;base64,{qr}" alt="QR"><img src="x.svg#only-dark">')
    first = page_shape.shape(town.format(phone="0178882111", host="a.example", qr="AAAA"), values)
    second = page_shape.shape(town.format(phone="0178100001", host="b.example", qr="BBBB"), values)
    assert first == second
    assert first != page_shape.shape(town.replace("#only-dark", "#only-light").format(
        phone="0178882111", host="a.example", qr="AAAA"), values), "Material tests [src$='#only-dark']"


def test_a_value_test_the_reader_cannot_follow_keeps_that_attributes_values() -> None:
    """Never a rule dropped on a guess: an attribute whose value test cssselect2 cannot read keeps its values."""
    values = AttributeValues('[data-x="a" q]{color:red}[type=radio]{margin:0}')
    assert values("data-x", "abc") == "abc"
    assert values("type", "text") == "" and values("type", "radio") == "radio"
    assert values("title", "一") == ""
