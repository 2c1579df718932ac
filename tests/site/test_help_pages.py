"""The shared help pages (docs/help/*.md): built, sourced, linked from every procedure, and free of unverified facts."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.model import Catalog
from generator.vocabulary_words import vocabulary
from generator.site import urls
from tests.conftest import ROOT
from tests.site.conftest import read_page
from generator.editions.spacing import respace as natural  # the standard edition's text

ALL_HELP = (urls.HELP, *urls.HELP_PAGES)
REVIEWED = re.compile(r"内容を たしかめた 日: (\d{4})年(\d{1,2})月(\d{1,2})日")

# Facts the reference marks UNVERIFIED (or as future plans) that the help pages deliberately leave out.
# Compared with all spaces removed, so 分かち書き cannot hide them.
LEFT_OUT = {
    "a file-size limit for Mynaportal uploads (only Yokohama's own 9 MB is known)": re.compile(r"\d+(\.\d+)?[MＭ][BＢ]"),
    "the planned autumn-2026 'Android no My Number Card' (a future plan, not current)": re.compile(
        r"2026年秋|Androidのマイナンバーカード"
    ),
    "the exact App Store / Google Play name of the app": re.compile(r"AppStore|GooglePlay"),
    "that a public-funds bank account is required to apply online": re.compile(r"公金受取口座"),
}


def _text(soup: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", soup.select_one("article").get_text(" "))


def _resolve(page_url: str, href: str) -> tuple[str, str]:
    """(site-relative directory URL, fragment) that a relative link on ``page_url`` points to."""
    parts = urlsplit(href)
    joined = posixpath.normpath(posixpath.join("/" + page_url, unquote(parts.path)))
    target = (joined.strip("/") + "/") if joined != "/" else ""
    return (target if parts.path else page_url), unquote(parts.fragment)


def _internal_links(soup: BeautifulSoup, page_url: str) -> list[tuple[str, str]]:
    return [
        _resolve(page_url, a["href"]) for a in soup.select("article a[href]")
        if not urlsplit(a["href"]).scheme
    ]


def _assert_link_target_exists(site: Path, source: str, target: tuple[str, str]) -> None:
    url, fragment = target
    assert (site / url / "index.html").is_file(), f"{source}: broken link to {url!r}"
    if fragment:
        assert read_page(site, url).find(id=fragment) is not None, f"{source}: no #{fragment} on {url!r}"


def test_every_help_page_is_written_and_built(example_site: Path) -> None:
    for url in ALL_HELP:
        assert (ROOT / "docs" / urls.help_source(url)).is_file(), urls.help_source(url)
        soup = read_page(example_site, url)
        assert soup.select_one("article h1").get_text(strip=True)


def test_help_index_lists_every_topic_and_sits_in_every_footer(example_site: Path, example_catalog: Catalog) -> None:
    listed = {url for url, _ in _internal_links(read_page(example_site, urls.HELP), urls.HELP)}
    assert set(urls.HELP_PAGES) <= listed
    for url in (urls.HOME, urls.procedure_url(example_catalog.procedures[0]), urls.HELP_PIN):
        footer = read_page(example_site, url).select_one("footer")
        targets = {_resolve(url, a["href"])[0] for a in footer.select("a[href]") if not urlsplit(a["href"]).scheme}
        assert urls.HELP in targets, url


@pytest.mark.parametrize("url", urls.HELP_PAGES)
def test_each_help_page_ends_with_its_sources(example_site: Path, url: str) -> None:
    soup = read_page(example_site, url)
    headings = soup.select("article h2")
    assert headings and headings[-1].get("id") == "出典", f"{url}: the sources must be the last section"
    reviewed = headings[-1].find_next_sibling("p", class_="t-reviewed")
    assert reviewed is not None
    shown = REVIEWED.fullmatch(re.sub(r"\s+", " ", reviewed.get_text(" ", strip=True)))
    assert shown, reviewed.get_text()
    year, month, day = (int(part) for part in shown.groups())
    assert reviewed.time["datetime"] == f"{year:04d}-{month:02d}-{day:02d}" >= "2026-11-23"
    sources = headings[-1].find_next_sibling("ul").select("a")
    assert sources, f"{url}: no sources"
    for link in sources:
        assert link["href"].startswith("https://") and urlsplit(link["href"]).netloc, link
        assert link.get_text(strip=True), f"{url}: a source without a title"


def test_procedure_pages_link_to_existing_help_pages(example_site: Path, example_catalog: Catalog) -> None:
    for procedure in example_catalog.procedures:
        url = urls.procedure_url(procedure)
        links = _internal_links(read_page(example_site, url), url)
        help_links = {target for target in links if target[0].startswith(urls.HELP)}
        assert {urls.HELP_PREPARE, urls.HELP_CARD_READING, urls.HELP_PIN, urls.HELP_ATTACHMENTS,
                urls.HELP_AFTER_SENDING} <= {target for target, _ in help_links}, url
        for target in help_links:
            _assert_link_target_exists(example_site, url, target)


def test_help_pages_have_no_broken_links(example_site: Path) -> None:
    for url in ALL_HELP:
        for target in _internal_links(read_page(example_site, url), url):
            _assert_link_target_exists(example_site, url, target)


def test_prepare_page_states_the_pin_rules(example_site: Path) -> None:
    soup = read_page(example_site, urls.HELP_PREPARE)
    text = _text(soup)
    for fact in ("6〜16", "5回", "4けた", "3回"):
        assert fact in text, fact
    # Each PIN's section says the same length and lock count as the checklists on procedure pages.
    sections = {"signature": "署名用", "login": "利用者証明用", "card_info": "券面事項入力補助用"}
    for kind, anchor in sections.items():
        heading = soup.find(id=anchor)
        section = re.sub(r"\s+", " ", heading.find_next_sibling("ul").get_text(" "))
        pin = vocabulary().pins[kind]
        assert natural(pin.form) in natural(section), (anchor, pin.form)
        assert pin.lock in section, (anchor, pin.lock)
    resident_register = re.sub(r"\s+", " ", soup.find(id="住民基本台帳用").find_next_sibling("ul").get_text(" "))
    assert "数字 4けた" in resident_register  # get_text(" ") puts a space at the <wbr> and "3回" in resident_register


def test_pin_page_says_which_pin_the_convenience_store_cannot_reset(example_site: Path) -> None:
    text = _text(read_page(example_site, urls.HELP_PIN))
    assert natural("どちらか 1つを おぼえて いる") in natural(text)
    section = read_page(example_site, urls.HELP_PIN).find(id="券面事項入力補助用").find_next_sibling("p")
    assert natural("コンビニでは 設定し直せません") in section.get_text()


@pytest.mark.parametrize("what", sorted(LEFT_OUT))
def test_unverified_facts_stay_out_of_the_help_pages(example_site: Path, what: str) -> None:
    for url in ALL_HELP:
        text = re.sub(r"\s+", "", read_page(example_site, url).select_one("article").get_text())
        assert not LEFT_OUT[what].search(text), f"{url} states {what}"


def test_help_pages_hard_code_no_municipal_phone_number() -> None:
    """A town's own contact comes from its settings file (footer, procedure pages), never from docs/help/."""
    for path in sorted((ROOT / "docs" / "help").glob("*.md")):
        numbers = set(re.findall(r"\d{2,5}-\d{2,4}-\d{3,4}", path.read_text(encoding="utf-8")))
        assert numbers <= {"0120-95-0178"}, f"{path.name}: {numbers}"
