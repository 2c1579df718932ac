"""更新履歴: the procedures by reviewed date (newest first) with their ``changes`` notes, and an Atom feed.

The feed is built with ElementTree (escaping is the library's job) and contains no build time: its
``updated`` is the newest reviewed date, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from generator.loading.strings import string_table
from generator.model import Catalog, Procedure
from generator.notices import all_notice_lines
from generator.model.procedure import Change
from generator.site import urls
from generator.output import GeneratedFile, GeneratedPage, SiteOutput
from generator.site.pages import render_content
from generator.town_words import site_name

CHANGES_FOOTER = 60
"""Position of the 更新履歴 page in the footer links."""

ATOM = "http://www.w3.org/2005/Atom"
_JST = datetime.timezone(datetime.timedelta(hours=9))


@dataclass(frozen=True)
class Review:
    """One procedure's latest review and the change notes that came with it (newest first)."""

    procedure: Procedure
    changes: list[Change]

    @property
    def date(self) -> datetime.date:
        return self.procedure.reviewed


def reviews(catalog: Catalog) -> list[Review]:
    """Procedures ordered by reviewed date, newest first (then by id, so the order is stable)."""
    ordered = sorted(catalog.procedures, key=lambda p: (-p.reviewed.toordinal(), p.id))
    return [Review(p, sorted(p.changes, key=lambda c: c.date, reverse=True)) for p in ordered]


def _timestamp(day: datetime.date) -> str:
    return datetime.datetime.combine(day, datetime.time(), _JST).isoformat()


def _entry_id(catalog: Catalog, review: Review) -> str:
    # A name-based UUID: stable across builds, different per municipality, procedure and review date.
    name = f"{catalog.municipality.prefecture}{catalog.municipality.name}/{review.procedure.id}/{review.date}"
    return uuid.uuid5(uuid.NAMESPACE_URL, "tetsuzuki:" + name).urn


def render_feed(catalog: Catalog) -> bytes:
    """An Atom 1.0 feed: one entry per procedure review, links absolute when ``base_url`` is set."""
    assert urls.CHANGES_FEED == urls.CHANGES + "atom.xml"
    municipality = catalog.municipality
    words = string_table(catalog.strings)

    def href(target: str) -> str:
        # Without base_url, links are relative to the feed itself (koushin/atom.xml), as Atom resolves them.
        if municipality.base_url:
            return urls.public_url(municipality.base_url, target)
        return urls.relative(urls.CHANGES, target)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attributes.items()})
        element.text = xml_text(text) if text is not None else None
        return element

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": words.plain("frame.lang")})
    sub(feed, "title", words.plain("changes.feed_title", site=site_name(municipality, words)))
    sub(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"tetsuzuki:{municipality.prefecture}{municipality.name}/feed").urn)
    notices = all_notice_lines(catalog)
    sub(feed, "updated", _timestamp(max([catalog.last_reviewed, *(line.notice.since for line in notices)])))
    sub(feed, "link", rel="self", type="application/atom+xml", href=href(urls.CHANGES) + "atom.xml")
    sub(feed, "link", rel="alternate", type="text/html", href=href(urls.CHANGES))
    author = sub(feed, "author")
    sub(author, "name", municipality.name)
    for review in reviews(catalog):
        entry = sub(feed, "entry")
        sub(entry, "title", review.procedure.title)
        sub(entry, "id", _entry_id(catalog, review))
        sub(entry, "updated", _timestamp(review.date))
        sub(entry, "link", rel="alternate", type="text/html", href=href(urls.procedure_url(review.procedure)))
        notes = [c.note for c in review.changes if c.date == review.date] or [words.plain("changes.feed_checked")]
        sub(entry, "summary", " ".join(notes))
    for line in notices:
        # The town's dated notices (マイナポータル 一時停止, 窓口だけ, …): one entry each, dated when they start.
        procedure = catalog.get(line.procedure_id) if line.procedure_id else None
        entry = sub(feed, "entry")
        sub(entry, "title", words.plain("changes.feed_notice", title=procedure.title if procedure else words.plain("changes.feed_all")))
        key = f"{municipality.prefecture}{municipality.name}/notice/{line.procedure_id or 'all'}/{line.notice.kind}/{line.notice.since}"
        sub(entry, "id", uuid.uuid5(uuid.NAMESPACE_URL, "tetsuzuki:" + key).urn)
        sub(entry, "updated", _timestamp(line.notice.since))
        sub(entry, "link", rel="alternate", type="text/html", href=href(urls.procedure_url(procedure) if procedure else urls.HOME))
        sub(entry, "summary", line.text)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Every character outside XML 1.0's ``Char`` (``#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
[#x10000-#x10FFFF]``), listed as what is left out rather than as ``[^…]`` of what is allowed: the same set, but
Python's ``re`` builds a class by visiting each character of its ranges, and the allowed ranges' ~63,000 were
the costliest pattern of every build's imports (``tests/publishing/test_changes.py`` compares the two)."""


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (ElementTree escapes ``<&`` but writes these raw,
    and one of them makes every feed reader reject the whole feed). The loader already refuses them in
    input; this keeps the feed well-formed whatever reaches it."""
    return _NOT_XML.sub("\ufffd", text)


def changes(catalog: Catalog) -> SiteOutput:
    """The 更新履歴 page and its Atom feed."""
    words = string_table(catalog.strings)
    page = GeneratedPage(
        url=urls.CHANGES,
        title=words.plain("frame.feed_title"),
        html=render_content(catalog, "changes.html", urls.CHANGES, reviews=reviews(catalog)),
        description=words.plain("changes.description", site=site_name(catalog.municipality, words)),
        footer=CHANGES_FOOTER,
        updated=catalog.last_reviewed,
    )
    return SiteOutput(pages=[page], files=[GeneratedFile(urls.CHANGES_FEED, render_feed(catalog))])
