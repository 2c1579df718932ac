"""Material's stylesheet as the site publishes it: only the rules the pages use (generator/site/stylesheets.py).

tests/browser/test_used_css.py proves in Chromium that pages look the same as with all of Material; these
tests pin the choosing itself on small stylesheets, and the built site's files.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import cssselect2
import material
import pytest

from generator.site import page_shape, stylesheets
from generator.site.stylesheets import MATERIAL_CSS, script_document, used_stylesheet
from tests.site.conftest import read_page

PAGE = """<!doctype html><html lang="ja"><head><title>t</title></head><body>
<article class="md-typeset"><h2>見出し</h2><ul><li><a href="#">リンク</a></li></ul>
<details><summary>ひらく</summary><p>中身</p></details></article></body></html>"""
MATERIAL_SOURCE_FILE = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))


def test_a_rule_is_kept_when_an_element_of_some_page_matches_it() -> None:
    css = ".md-typeset h2{margin:1em}.md-header{height:3rem}.md-typeset table{border:0}"
    assert used_stylesheet(css, [PAGE]) == ".md-typeset h2{margin:1em}"


def test_states_and_pseudo_elements_count_as_the_element_they_belong_to() -> None:
    css = (".md-typeset a:hover{color:red}.md-typeset a:focus-visible{outline:1px}.md-typeset summary:before{content:''}"
           ".md-typeset summary::marker{color:red}.md-nav__link:hover{color:blue}.md-typeset ::selection{color:red}")
    kept = used_stylesheet(css, [PAGE])
    for rule in (".md-typeset a:hover", ".md-typeset a:focus-visible", ".md-typeset summary:before",
                 ".md-typeset summary::marker", ".md-typeset ::selection"):
        assert rule in kept
    assert "md-nav" not in kept


def test_a_selector_list_is_kept_whole_when_one_of_its_selectors_matches() -> None:
    assert used_stylesheet(".md-typeset ul,.md-typeset dl{margin:0}", [PAGE]) == ".md-typeset ul,.md-typeset dl{margin:0}"


def test_rules_inside_media_queries_are_chosen_and_empty_queries_dropped() -> None:
    css = "@media print{.md-typeset h2{color:black}.md-sidebar{display:none}}@media screen{.md-header{top:0}}"
    assert used_stylesheet(css, [PAGE]) == "@media print{.md-typeset h2{color:black}}"


def test_custom_properties_stay_only_when_something_uses_them() -> None:
    css = (":root{--md-used:red;--md-chain:var(--md-used);--md-unused:blue;--md-theirs:green}"
           ".md-typeset h2{color:var(--md-chain)}")
    kept = used_stylesheet(css, [PAGE], other_sources=[".t-x{color:var(--md-theirs)}"])
    assert "--md-used:red" in kept and "--md-chain:var(--md-used)" in kept and "--md-theirs:green" in kept
    assert "--md-unused" not in kept


def test_keyframes_stay_only_when_a_kept_rule_animates_with_them() -> None:
    css = "@keyframes used{0%{opacity:0}}@keyframes unused{0%{opacity:1}}.md-typeset h2{animation:used 1s}"
    kept = used_stylesheet(css, [PAGE])
    assert "@keyframes used" in kept and "unused" not in kept


def test_elements_that_the_scripts_create_keep_their_rules() -> None:
    """flow.js builds its screens (fieldsets, radio buttons, images) only in the browser; the minified script names
    its helper anything, so every ("tag" call that names an HTML element counts."""
    script = 'function a(t){return document.createElement(t)}a("fieldset");x("img",{src:q});y("notatag")'
    css = ".md-typeset fieldset{border:0}.md-typeset img{max-width:100%}.md-typeset table{border:0}"
    assert used_stylesheet(css, [PAGE, script_document([script])]) == ".md-typeset fieldset{border:0}.md-typeset img{max-width:100%}"


def test_the_site_publishes_a_small_part_of_material_and_every_page_links_it(example_site: Path) -> None:
    stylesheets = example_site / "assets" / "stylesheets"
    assert not list(stylesheets.glob("main.*.css*")), "Material's whole stylesheet must not be published"
    used = (example_site / MATERIAL_CSS).read_bytes()
    whole = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    assert len(gzip.compress(used, 9)) < len(gzip.compress(whole.read_bytes(), 9)) / 4
    for url in ("", "kosodate/jidou-teate-nintei-seikyu/", "sagasu/", "watashi/", "help/"):
        links = [link["href"] for link in read_page(example_site, url).select("link[rel=stylesheet]")]
        assert any(href.endswith(MATERIAL_CSS) for href in links), (url, links)
        assert links.index(next(h for h in links if h.endswith(MATERIAL_CSS))) < links.index(
            next(h for h in links if h.endswith("tetsuzuki.css"))), "the theme's rules must come after Material's"


def test_the_theme_s_stylesheets_are_published_without_comments(example_site: Path) -> None:
    for name in ("tetsuzuki.css", "flow.css", "finder.css"):
        text = (example_site / "assets" / "stylesheets" / name).read_text(encoding="utf-8")
        assert "/*" not in text and "\n  " not in text, name


def _every_match(css: str, pages: list[str]) -> set[int]:
    """The plain way: every selector of ``css`` against every element of every page, by cssselect2's Matcher."""
    matcher = cssselect2.Matcher()
    kept = set()
    for _, _, selector, number in stylesheets._selectors(css):
        compiled = stylesheets._compile(selector)
        if compiled is None:
            kept.add(number)
        for part in compiled or ():
            matcher.add_selector(part, number)
    for page in pages:
        root = cssselect2.ElementWrapper.from_html_root(page_shape.tree(page_shape.shape(page, None)))
        for element in root.iter_subtree():
            kept.update(match[3] for match in matcher.match(element))
    return kept


def _the_rules_found_are_those_every_selector_on_every_element_finds(files: list[Path]) -> None:
    css = MATERIAL_SOURCE_FILE.read_text(encoding="utf-8")
    pages = [path.read_text(encoding="utf-8") for path in files]
    pages = [page for page in pages if MATERIAL_CSS in page]
    shapes = [page_shape.shape(page, stylesheets.AttributeValues.of(css)) for page in pages]
    found = set(stylesheets._match(css, [(str(number), shape) for number, shape in enumerate(shapes)]))
    assert found == _every_match(css, pages)
    assert 40 < len(found) < len(stylesheets._selectors(css)) / 4


def test_the_rules_found_are_those_every_selector_on_every_element_finds(example_site: Path) -> None:
    """The matching skips work (a rule found once is not looked for again, selectors whose names a page lacks,
    elements without the selected names): the result must be what matching everything gives. Every page of the
    example: 282 page shapes, about 6 s of brute force on a free core, so CI only (``SLOW``)."""
    _the_rules_found_are_those_every_selector_on_every_element_finds(sorted(example_site.rglob("*.html")))


def test_on_the_swept_pages_the_rules_found_are_those_every_selector_finds(example_site: Path, example_catalog) -> None:  # noqa: ANN001
    """The same on the pages the browser's markup sweeps visit (every page kind, every part of its markup and every
    element inside every other kind: ``tests/browser/site_pages.markup_cover``; selectors match markup, not words),
    for ``--quick`` (CI runs the test above on every page instead: ``SUBSUMED`` in tests/conftest.py)."""
    from generator.editions import declared
    from tests.browser.site_pages import discover_pages, markup_cover

    editions = tuple(edition.prefix for edition in declared(example_catalog))
    swept = markup_cover(discover_pages(example_site), editions=editions)
    assert len(swept) > 40
    _the_rules_found_are_those_every_selector_on_every_element_finds([page.file for page in swept])


def test_a_selector_is_kept_only_when_one_element_carries_its_last_compound() -> None:
    """``ul[type]`` needs a ul with a type attribute, not a ul and some other element with a type."""
    css = ".md-typeset ul[type]{margin:0}.md-typeset input[type]{border:0}"
    page = '<article class="md-typeset"><ul><li><input type="radio"></li></ul></article>'
    assert used_stylesheet(css, [page]) == ".md-typeset input[type]{border:0}"


def test_pages_of_the_same_shape_are_matched_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another town's pages (other names, phone numbers, words) reuse the rules found; a page whose elements
    differ is matched again."""
    calls = []
    real = stylesheets._match
    monkeypatch.setattr(stylesheets, "_match", lambda *args: calls.append(1) or real(*args))
    css = ".md-typeset h2{margin:1em}.md-typeset table{border:0}.t-new{color:red}"
    first = used_stylesheet(css, [PAGE])
    again = used_stylesheet(css, [PAGE.replace("見出し", "ほかの 町の 見出し").replace("中身", "べつの 中身")])
    assert first == again == ".md-typeset h2{margin:1em}" and len(calls) == 1
    changed = used_stylesheet(css, [PAGE.replace("<h2>", '<h2 class="t-new">')])
    assert changed == ".md-typeset h2{margin:1em}.t-new{color:red}" and len(calls) == 2


def test_two_page_shapes_never_share_a_digest_even_when_a_value_holds_the_separators() -> None:
    """A shape's digest hashes its tokens joined by NUL and SOH (quicker than ``repr``); a value holding one of them
    would make two shapes one text, and the second would take the first one's rules."""
    one = (("+", "p", "class", "a\0+"),)
    other = (("+", "p", "class", "a"), ("+",))
    assert stylesheets._digest(one) != stylesheets._digest(other)
    assert stylesheets._digest((("+", "p", "class", "a\1b"),)) != stylesheets._digest((("+", "p", "class", "a", "b"),))
    assert stylesheets._digest(other) == stylesheets._digest((("+", "p", "class", "a"), ("+",)))


def test_a_rebuild_looks_again_only_where_the_shapes_changed_and_finds_what_a_fresh_build_finds(tmp_path: Path) -> None:
    """The last build's rules, each with the shape that first used it, are kept in the page memo: a rule whose
    shape is still there stays, a rule no page used is tried only on new shapes, a rule whose shape went is
    looked for again everywhere — and the sheet is always the one a build without a memo writes."""
    from generator.cache.pages import PageMemo

    css = (".md-typeset h2{margin:1em}.md-typeset table{border:0}.md-typeset p{color:red}"
           ".md-typeset ol{margin:0}.md-typeset dl{margin:0}")
    frame = '<article class="md-typeset">{}</article>'
    builds = [
        [frame.format("<h2>a</h2><table><tr><td>1</td></tr></table>"), frame.format("<p>b</p>")],
        [frame.format("<h2>a</h2>"), frame.format("<p>b</p>")],  # the table's only page changed: its rule goes
        [frame.format("<h2>a</h2>"), frame.format("<p>b</p>"), frame.format("<ol><li>c</li></ol>")],  # a new page
        [frame.format("<h2>a</h2>"), frame.format("<p>b</p><dl><dt>d</dt></dl>")],
    ]
    calls = []
    real = stylesheets._match
    for number, pages in enumerate(builds):
        memo = PageMemo(tmp_path / "cache", tmp_path / "site")
        with pytest.MonkeyPatch.context() as monkeypatch:
            monkeypatch.setattr(stylesheets, "_match", lambda *args: calls.append(args[2:]) or real(*args))
            kept = used_stylesheet(css, pages, memo=memo)
        memo.save()
        assert kept == used_stylesheet(css, [page + " " for page in pages]), f"build {number}"  # (another key)
    assert ".md-typeset table" not in kept and ".md-typeset dl" in kept and ".md-typeset ol" not in kept
    # build 0 matched everything; 1: the table's rule looked for again (its shape went), nothing new to try;
    # 2: only the new page tried for the rules no page used; 3: the same, and nothing lost
    assert [sorted(only[0]) if only else None for only in calls[:1]] == [None]
    assert all(only for only in calls[1:4]), calls


def test_the_site_s_files_are_listed_in_the_order_sorted_paths_give(example_site: Path, tmp_path: Path) -> None:
    # The used-CSS step lists the site with os.walk (stylesheets._site_files); the pages' order is what sorting
    # Path objects gave (by their parts: "a/b" before "a-b/c"), so every key made from it stays the same.
    expected = [
        path.relative_to(example_site).as_posix() for path in sorted(example_site.rglob("*"))
        if path.suffix in (".html", ".css", ".js") and path.is_file()
    ]
    assert stylesheets._site_files(example_site, (".html", ".css", ".js")) == expected
    for name in ("a/b.html", "a-b/c.html", "a.b.html", "a/b/c.js", "a0.css", "A.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.html").mkdir()
    awkward = [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*")) if p.is_file()]
    assert stylesheets._site_files(tmp_path, (".html", ".css", ".js")) == awkward


def test_custom_properties_named_in_any_text_are_found_as_in_all_texts_joined() -> None:
    texts = ["p{color:var(--md-a)}", "<p style='x:var( --md-b)'>", "no reference", "var(--md-c) var(--md-a)", ""]
    css = ":root{--md-a:1;--md-b:2;--md-c:3;--md-d:4}"
    assert used_stylesheet(css, [PAGE], texts) == ":root{--md-a:1;--md-b:2;--md-c:3}"


def test_pages_given_as_their_bytes_with_their_digests_give_the_sheet_their_texts_give(tmp_path: Path) -> None:
    # The used-CSS step is given the pages a build wrote as bytes, with the SHA-256 the page memo knows (a rebuild
    # does not hash or decode them again); the memo keys each page's shape by that digest.
    import hashlib

    from generator.cache.pages import PageMemo

    css = ".md-typeset h2{margin:1em}.md-typeset table{border:0}.md-typeset p{color:red}"
    frame = '<article class="md-typeset">{}</article>'
    builds = [[frame.format("<h2>見出し</h2>"), frame.format("<p>中身</p>")],
              [frame.format("<h2>見出し</h2>"), frame.format("<table><tr><td>表</td></tr></table>")]]
    for number, pages in enumerate(builds):
        memo = PageMemo(tmp_path / "cache", tmp_path / "site")
        given = [page.encode() for page in pages]
        digests = [hashlib.sha256(data).hexdigest() for data in given]
        kept = used_stylesheet(css, given, memo=memo, digests=digests)
        memo.save()
        assert kept == used_stylesheet(css, pages), f"build {number}"
    assert ".md-typeset table" in kept and ".md-typeset p" not in kept
