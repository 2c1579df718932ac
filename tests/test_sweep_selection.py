"""The pages CI's browser sweeps visit (``tests/browser/site_pages.representative``): fewer than all, but every
part of every page's structure, and the text extremes of each collection of pages made alike."""

from __future__ import annotations

from pathlib import Path

from tests.browser.site_pages import SitePage, collection, discover_pages, markup_cover, representative, shape_of, structure

EDITIONS = ("", "yasashii/")


def _page(site: Path, path: str, body: str) -> None:
    file = site / path / "index.html"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"<!doctype html><html lang='ja'><head><title>t</title></head><body>{body}</body></html>", "utf-8")


def _procedure(words: str, extra: str = "") -> str:
    return f"<main><h1>{words}</h1><p class='t-lead'>{words}</p>{extra}<a class='t-button' href='/x/'>でんわ</a></main>"


def test_every_part_of_every_example_page_is_on_a_swept_page(example_site: Path) -> None:
    pages = discover_pages(example_site)
    swept = representative(pages, editions=EDITIONS)
    parts = {page.path: shape_of(page).parts for page in pages}
    seen = set().union(*(parts[page.path] for page in swept))
    missing = {page.path: sorted(parts[page.path] - seen) for page in pages if parts[page.path] - seen}
    assert not missing, f"parts of these pages are on no swept page: {missing}"
    assert len(swept) < len(pages) / 2, "the selection no longer saves anything: is every page alone in its collection?"


def test_every_part_and_nesting_of_every_example_page_is_on_a_markup_page(example_site: Path) -> None:
    """The pages of axe-core and the keyboard walk (``markup_cover``): every part of every page, and every element
    inside every other kind of element, is on one of them — and they are fewer than the layout sweeps' pages."""
    pages = discover_pages(example_site)
    chosen = markup_cover(pages, editions=EDITIONS)
    shapes = {page.path: shape_of(page) for page in pages}
    seen = set().union(*(shapes[page.path].parts | shapes[page.path].nesting for page in chosen))
    missing = {path: sorted((shape.parts | shape.nesting) - seen) for path, shape in shapes.items()
               if (shape.parts | shape.nesting) - seen}
    assert not missing, f"parts or nestings of these pages are on no markup page: {missing}"
    assert {collection(page, EDITIONS) for page in chosen} == {collection(page, EDITIONS) for page in pages}
    assert len(chosen) < len(representative(pages, editions=EDITIONS)), "the markup cover saves nothing any more"


def test_a_page_whose_link_alone_sits_in_its_text_is_in_the_markup_cover(tmp_path: Path) -> None:
    """A nesting no other page of the collection has (here a link inside a paragraph's text, what axe's
    ``link-in-text-block`` judges) brings its page into the cover, though its parts are all seen elsewhere."""
    for index in range(6):
        _page(tmp_path, f"kosodate/p{index}", _procedure("児童手当の申請" * (index + 1), "<p>くわしく</p><a href='/y/'>ほかの 手続き</a><ul><li>書類</li></ul>"))
    _page(tmp_path, "kosodate/linked", _procedure("児童手当の申請", "<p>くわしくは <a href='/y/'>ほかの 手続き</a></p>"))
    pages = discover_pages(tmp_path)
    assert structure((tmp_path / "kosodate/linked/index.html").read_text("utf-8")).parts <= structure(
        (tmp_path / "kosodate/p0/index.html").read_text("utf-8")).parts, "the test page must differ in nesting only"
    chosen = {page.path for page in markup_cover(pages, editions=EDITIONS)}
    assert chosen == {"kosodate/p0/", "kosodate/linked/"}, chosen


def test_a_procedure_page_with_a_part_no_other_has_is_swept(tmp_path: Path) -> None:
    for index in range(8):
        _page(tmp_path, f"kosodate/p{index}", _procedure("児童手当の申請" * (index + 1)))
    _page(tmp_path, "kosodate/rare", _procedure("児童手当の申請" * 3, "<div class='t-money' role='note'>返す お金</div>"))
    swept = {page.path for page in representative(discover_pages(tmp_path), editions=EDITIONS)}
    assert "kosodate/rare/" in swept
    assert "kosodate/p7/" in swept and "kosodate/p0/" in swept, "the longest and the shortest text are swept"
    assert len(swept) < 9


def test_the_page_with_the_widest_unbreakable_text_is_swept(tmp_path: Path) -> None:
    for index in range(8):
        _page(tmp_path, f"help/h{index}", _procedure("カードの 暗証番号 " * (20 - index)))
    _page(tmp_path, "help/url", _procedure("https://example.jp/" + "a" * 90))
    swept = {page.path for page in representative(discover_pages(tmp_path), editions=EDITIONS)}
    assert "help/url/" in swept


def test_an_empty_link_or_a_resource_from_elsewhere_is_a_part_of_its_own(tmp_path: Path) -> None:
    plain = structure("<body><a href='/a/'>申請</a><img src='/logo.png' alt=''></body>").parts
    empty = structure("<body><a href='/a/'> </a><img src='/logo.png' alt=''></body>").parts
    remote = structure("<body><a href='/a/'>申請</a><img src='https://cdn.example/logo.png' alt=''></body>").parts
    assert "a:empty" in empty - plain
    assert "img[src from cdn.example]" in remote - plain


def test_collections_never_mix_editions_and_top_level_pages_stay_alone() -> None:
    def page(path: str) -> SitePage:
        return SitePage(Path("x"), path, False, False)

    assert collection(page("kosodate/ninshin-todoke/"), EDITIONS) == "category/*/"
    assert collection(page("kaigo/kaigo-nintei-koushin/"), EDITIONS) == "category/*/"  # the same template
    assert collection(page("hisai/"), EDITIONS) == collection(page("kosodate/"), EDITIONS) == "category/"
    assert collection(page("yasashii/kosodate/ninshin-todoke/"), EDITIONS) == "yasashii/category/*/"
    assert collection(page("fb/birth/no/"), EDITIONS) == "fb/*/*/"
    assert collection(page("sagasu/"), EDITIONS) == "sagasu/"
    assert collection(page("yasashii/sagasu/"), EDITIONS) == "yasashii/sagasu/"
