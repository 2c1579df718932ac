"""「この ページは 役に 立ちましたか」: plain same-origin links to static answer pages on every procedure and life-event page."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.loading.strings import string_table
from generator.model import Catalog, LifeEvent
from generator.model.municipality import Department
from generator.site import urls
from generator.site.feedback_links import tell_link
from generator.editions.spacing import respace as natural  # the standard edition's text
from tests.site.conftest import read_page
from generator.editions.spacing import respace as natural  # the standard edition's text


def _asking_pages(catalog: Catalog) -> list[tuple[str, str]]:
    pages = [(urls.procedure_url(p), p.id) for p in catalog.procedures]
    pages += [(urls.life_event_url(e), e.value) for e in catalog.life_events]
    return pages


def test_every_procedure_and_life_event_page_asks_with_links_to_static_pages_of_this_site(
    example_site: Path, example_catalog: Catalog
) -> None:
    pages = _asking_pages(example_catalog)
    assert len(pages) == 27 + len(LifeEvent)
    for url, key in pages:
        soup = read_page(example_site, url)
        block = soup.select_one("section.t-feedback")
        assert block is not None, url
        assert block.h2.get_text(strip=True) == natural("この ページは 役に 立ちましたか")
        answers = block.select("a.t-feedback__answer")
        assert [a.get_text(strip=True) for a in answers] == ["はい", "いいえ"], url
        for link, answer in zip(answers, ("yes", "no"), strict=True):
            href = link["href"]
            # Same origin: a relative link (no scheme, no host), no query, no script.
            assert not urlsplit(href).scheme and not urlsplit(href).netloc and "?" not in href, href
            target = posixpath.normpath(posixpath.join(url, href)) + "/"
            assert target == f"fb/{key}/{answer}/", (url, href)
            assert (example_site / target / "index.html").is_file(), target
            assert "nofollow" in link["rel"]
        assert block.select("script, form, iframe, img") == []
        assert any(a.get_text(strip=True) == natural("わからなかった ことを 知らせる") for a in block.select("a"))


def test_the_answer_pages_thank_offer_the_next_step_and_stay_out_of_search_engines(
    example_site: Path, example_catalog: Catalog
) -> None:
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/fb/" not in sitemap
    assert "/kosodate/jidou-teate-nintei-seikyu/" in sitemap
    for url, key in _asking_pages(example_catalog):
        for answer in ("yes", "no"):
            soup = read_page(example_site, f"fb/{key}/{answer}/")
            assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
            assert soup.h1.get_text(strip=True) == natural("お答え ありがとう ございました")
            article = soup.select_one("article")
            # Works without JavaScript and stores nothing: no script in the content at all.
            assert article.select("script, form") == []
            back = [a for a in article.select("a") if a.get_text(strip=True).endswith(natural("に もどる"))]
            assert back and posixpath.normpath(posixpath.join(f"fb/{key}/{answer}/", back[0]["href"])) + "/" == url
            if answer == "no":
                assert any(a.get_text(strip=True) == natural("わからなかった ことを 知らせる") for a in article.select("a"))
                assert article.select_one(".t-contact") is not None


def test_no_theme_script_is_needed_on_the_answer_pages(example_site: Path) -> None:
    html = (example_site / "fb" / "k01" / "yes" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("script[src]") == []


DEPARTMENT = Department(name="子育て支援課", phone="0178-88-2111")


@pytest.mark.parametrize(
    ("extra", "expected", "kind"),
    [
        ({"form_url": "https://town.example.lg.jp/form/1", "email": "kosodate@town.example.lg.jp"}, "https://town.example.lg.jp/form/1", "form"),
        (
            {"email": "kosodate@town.example.lg.jp"},
            "mailto:kosodate@town.example.lg.jp?subject=%E3%80%8C%E5%85%90%E7%AB%A5%E6%89%8B%E5%BD%93%E3%80%8D%E3%81%A7%20%E3%82%8F%E3%81%8B%E3%82%89%E3%81%AA%E3%81%8B%E3%81%A3%E3%81%9F%20%E3%81%93%E3%81%A8",
            "email",
        ),
        ({}, "tel:0178882111", "phone"),
        ({"phone": None}, urls.HELP_CONTACT, "help"),
    ],
)
def test_the_tell_link_prefers_the_towns_form_then_mail_then_phone(extra: dict, expected: str, kind: str) -> None:
    department = DEPARTMENT.model_copy(update=extra)
    assert tell_link("児童手当", department, string_table()) == (expected, kind)


@pytest.mark.parametrize("bad", ["http://town.example/form", "javascript:alert(1)", "/form", "https://"])
def test_a_form_address_is_checked_like_every_url(bad: str) -> None:
    with pytest.raises(ValueError):
        Department(name="課", form_url=bad)


@pytest.mark.parametrize("bad", ["a?cc=x@town.example", "town.example", "a@b", "a b@town.example", "a@town.example&x"])
def test_a_mail_address_that_would_change_the_mailto_link_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        Department(name="課", email=bad)
