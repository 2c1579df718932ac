"""End-to-end: the example municipality builds into a site a resident can use (checked by parsing the HTML)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from generator.model import Catalog
from generator.site import urls
from tests.conftest import ParsedPage
from tests.site.conftest import read_page
from generator.editions.spacing import respace as natural  # the standard edition's text


def _text(soup: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", soup.get_text(" "))


def _resolve(page_url: str, href: str) -> str:
    """The site-relative directory URL a relative link on ``page_url`` points to."""
    path = urlsplit(href).path
    joined = posixpath.normpath(posixpath.join("/" + page_url, unquote(path)))
    return (joined.strip("/") + "/") if joined != "/" else ""


def _links(soup: BeautifulSoup, page_url: str) -> set[str]:
    return {
        _resolve(page_url, a["href"]) for a in soup.find_all("a", href=True)
        if not urlsplit(a["href"]).scheme and not a["href"].startswith("#")
    }


def test_each_procedure_page_shows_what_a_resident_needs(example_site: Path, example_catalog: Catalog) -> None:
    municipality = example_catalog.municipality
    for procedure in example_catalog.procedures:
        soup = read_page(example_site, urls.procedure_url(procedure))
        text = _text(soup)
        assert soup.h1.get_text(strip=True) == natural(procedure.title)
        assert procedure.official_name in text
        deadline = soup.select_one(".t-start .t-start__deadline").get_text(" ", strip=True)
        if procedure.deadline.kind == "fixed":
            assert re.sub(r"\s+", "", procedure.deadline.text) in re.sub(r"\s+|期限に ついて くわしく", "", deadline)
        elif procedure.deadline.kind == "local":
            # The town's own name or its counter: never a date nobody has checked (issue #21's template sentences).
            assert "たずねて ください" in deadline and ("窓口" in deadline or example_catalog.municipality.name in deadline)
        else:  # no deadline: never a warning to ask about one
            assert "決まった 期限は ありません" in deadline
            assert "たずね" not in deadline
        checklist = soup.select("ul.t-checklist > li")
        assert [li.select_one(".t-checklist__item").get_text(strip=True) for li in checklist] == [
            natural(item.item) for item in procedure.prepare
        ]
        steps = soup.select("ol.t-steps > li")
        assert len(steps) == len(procedure.steps)
        assert f"手順3／{len(procedure.steps)}" in steps[2].get_text() if len(steps) >= 3 else True
        department = municipality.department_for(procedure.id)
        tel = soup.find("a", href="tel:" + department.phone.replace("-", ""))
        assert tel is not None and department.phone in tel.get_text()
        sources = [a["href"] for a in soup.select("ul.t-sources a")]
        assert sources == [source.url for source in procedure.sources]
        assert all(href.startswith("https://") for href in sources)
        assert procedure.reviewed.isoformat() == soup.select_one(".t-reviewed time")["datetime"]


def test_procedure_page_sections_come_in_the_promised_order(example_site: Path, example_catalog: Catalog) -> None:
    order = ["start-title", "どんな手続き", "用意するもの", "スマートフォンでの手順", "ほかの方法", "申請したあと",
             "問い合わせ先", "出典"]
    for procedure in example_catalog.procedures:
        soup = read_page(example_site, urls.procedure_url(procedure))
        ids = [h2.get("id") for h2 in soup.select("article h2")]
        assert [i for i in ids if i in order] == order, ids
        assert ids[0] == "start-title", "the start panel comes right after the title and summary"


def test_home_reaches_every_procedure_in_two_taps(example_site: Path, example_catalog: Catalog) -> None:
    home = read_page(example_site, urls.HOME)
    first_tap = _links(home, urls.HOME)
    for category in example_catalog.categories:
        assert urls.category_url(category) in first_tap
        listed = _links(read_page(example_site, urls.category_url(category)), urls.category_url(category))
        for procedure in example_catalog.in_category(category):
            assert urls.procedure_url(procedure) in listed
    by_event: set[str] = set()
    for event in example_catalog.life_events:
        assert urls.life_event_url(event) in first_tap
        by_event |= _links(read_page(example_site, urls.life_event_url(event)), urls.life_event_url(event))
    for procedure in example_catalog.procedures:
        if procedure.life_events:
            assert urls.procedure_url(procedure) in by_event


def test_short_link_sends_the_reader_to_the_guide_page(example_site: Path, example_catalog: Catalog) -> None:
    for procedure in example_catalog.procedures:
        soup = read_page(example_site, urls.short_url(procedure.id))
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
        target = refresh.split("url=", 1)[1]
        assert _resolve(urls.short_url(procedure.id), target) == urls.procedure_url(procedure)
        assert urls.procedure_url(procedure) in _links(soup, urls.short_url(procedure.id))


def test_nothing_loads_from_another_origin(example_site: Path, example_soup: ParsedPage) -> None:
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        soup = example_soup(path)
        for tag in soup.find_all(["script", "img", "iframe", "source", "audio", "video", "embed", "object"]):
            for attribute in ("src", "data", "srcset"):
                value = tag.get(attribute)
                assert not value or not urlsplit(value).netloc, f"{path}: {tag}"
        for tag in soup.find_all("link", href=True):
            assert not urlsplit(tag["href"]).netloc or tag.get("rel") == ["canonical"], f"{path}: {tag}"
        assert "@import" not in "".join(style.get_text() for style in soup.find_all("style"))
    for css in example_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_pages_are_japanese_with_readable_anchors(example_site: Path, example_soup: ParsedPage) -> None:
    for path in sorted(example_site.rglob("*.html")):
        soup = example_soup(path)
        assert soup.html["lang"] == "ja", path
        numbered = [tag["id"] for tag in soup.find_all(id=True) if re.fullmatch(r"_\d+", tag["id"])]
        assert not numbered, f"{path}: {numbered}"


def test_every_page_has_a_skip_link_to_the_main_content(example_site: Path, example_soup: ParsedPage) -> None:
    for path in sorted(example_site.rglob("index.html")):
        soup = example_soup(path)
        first_link = soup.body.find("a")
        assert first_link["href"] == "#main" and soup.find(id="main").name == "main", path


def test_sample_settings_are_labelled_as_a_sample_on_every_page(example_site: Path, example_catalog: Catalog, example_soup: ParsedPage) -> None:
    assert example_catalog.municipality.sample
    for path in sorted(example_site.rglob("index.html")):
        banner = example_soup(path).select_one(".t-sample")
        assert banner is not None and "見本" in banner.get_text(), path


def test_every_page_title_names_the_site_once(example_site: Path, example_soup: ParsedPage) -> None:
    # A browser tab, a bookmark and a screen reader's first words: 「階上町 手続きガイド - 階上町 手続きガイド」 on an
    # edition's home page read as a mistake.
    repeated = []
    for page in sorted(example_site.rglob("*.html")):
        title = example_soup(page).title
        if title is None:
            continue
        parts = [re.sub(r"\s+", "", part) for part in title.get_text().split(" - ")]
        if len(parts) != len(set(parts)):
            repeated.append(f"{page.relative_to(example_site)}: {title.get_text()}")
    assert not repeated, "titles that say the same thing twice:\n" + "\n".join(repeated)
