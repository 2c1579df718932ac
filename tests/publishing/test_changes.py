"""更新履歴: newest review first with the change notes, and an Atom feed that parses and is reproducible."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from generator.model import Catalog
from generator.site import urls
from generator.site.changes import render_feed
from generator.editions.spacing import respace as natural  # the standard edition's text

ATOM = "{http://www.w3.org/2005/Atom}"


def test_page_lists_procedures_newest_review_first_with_their_notes(site: Path, catalog: Catalog) -> None:
    soup = BeautifulSoup((site / urls.CHANGES / "index.html").read_text(encoding="utf-8"), "html.parser")
    sections = soup.select("section.t-change")
    dates = [s.find("time")["datetime"] for s in sections]
    assert len(sections) == len(catalog.procedures)
    assert dates == sorted(dates, reverse=True)
    for section in sections:
        procedure = next(p for p in catalog.procedures if natural(p.title) == section.h2.get_text(strip=True))
        notes = [li.get_text(" ", strip=True) for li in section.select("li")]
        assert [re.sub(r"^.*?: ", "", n) for n in notes] == [c.note for c in sorted(procedure.changes, key=lambda c: c.date, reverse=True)]
    feed_link = soup.find("a", type="application/atom+xml")
    assert feed_link and feed_link["href"] == "atom.xml"


def test_feed_is_atom_with_one_absolute_entry_per_procedure(site: Path, catalog: Catalog) -> None:
    root = ET.fromstring((site / urls.CHANGES_FEED).read_bytes())
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(catalog.procedures)
    base = catalog.municipality.base_url
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith(base)
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00\+09:00", entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}summary").text
    newest = max(p.reviewed for p in catalog.procedures)
    assert root.find(f"{ATOM}updated").text.startswith(max(newest, catalog.municipality.reviewed).isoformat())
    assert render_feed(catalog) == (site / urls.CHANGES_FEED).read_bytes()


def test_every_resident_page_points_feed_readers_at_the_feed(site: Path) -> None:
    checked = 0
    for page in site.rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if not soup.select_one(".t-header"):
            continue  # not a resident page in the site frame (short-link redirects, print-only pages)
        link = soup.find("link", rel="alternate", type="application/atom+xml")
        assert link is not None, page
        assert (page.parent / link["href"]).resolve() == (site / urls.CHANGES_FEED).resolve()
        checked += 1
    assert checked >= 8


def test_the_characters_kept_out_of_the_feed_are_those_xml_1_0_cannot_carry() -> None:
    # The pattern lists what XML 1.0's Char leaves out (cheap to compile); the allowed set, as the standard writes it,
    # must match exactly the same characters: every code point is tried.
    from generator.site.changes import _NOT_XML, xml_text

    allowed = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    every = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in _NOT_XML.finditer(every)] == [m.start() for m in allowed.finditer(every)]
    assert xml_text("a\x00b\ud800c\uffff\U0001f600\t") == "a\ufffdb\ufffdc\ufffd\U0001f600\t"
