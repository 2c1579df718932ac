"""Staff prepare a real class: one or two sheets per participant, chosen on a print page, counted for 20."""

from __future__ import annotations

import re
from collections import Counter

from bs4 import BeautifulSoup

from generator.flyers.topics import topic_groups
from generator.site import urls
from tests.flyers.conftest import Built, pdf_reader


def _soup(built: Built, url: str) -> BeautifulSoup:
    return BeautifulSoup(built.page(url).html, "html.parser")


def test_a_jidou_teate_class_gets_two_sheets_each_not_fourteen(example_flyers: Built) -> None:
    kit = pdf_reader(example_flyers.file(urls.flyer_pdf("kit-jidou-teate")))
    assert len(kit.pages) == 2
    assert "はじめる前にたしかめましょう" in kit.pages[0].extract_text().replace(" ", "").replace("\n", "")
    assert "児童手当をはじめてもらう" in kit.pages[1].extract_text().replace(" ", "").replace("\n", "")
    plus = pdf_reader(example_flyers.file(urls.flyer_pdf("kit-jidou-teate-plus")))
    assert len(plus.pages) == 4  # practice, k01, k02, k10


def test_the_kit_page_ticks_the_core_sheets_and_counts_for_a_class(example_flyers: Built) -> None:
    soup = _soup(example_flyers, urls.class_kit_url("jidou-teate"))
    boxes = {box["id"]: box.has_attr("checked") for box in soup.select("input.f-pick__box")}
    assert boxes["pick-practice"] and boxes["pick-k01"]
    assert not any(boxes[f"pick-{pid}"] for pid in ("k02", "k10", "k06", "k08"))
    assert len(boxes) == 1 + 10
    # Every sheet sits under its own box; ids stay unique with eleven sheets on one page.
    assert len(soup.select(".f-pick > .f-sheet")) == 11
    ids = Counter(tag["id"] for tag in soup.select("[id]"))
    assert [name for name, count in ids.items() if count > 1] == []
    text = re.sub(r"\s+", "", soup.get_text())  # phrase spaces may be printed as <wbr> (editions)
    assert "ひとり2まい、20人で40まい" in text and "講師用" in text
    cards = _soup(example_flyers, urls.class_kit_url("jidou-teate", cards=True))
    checked = [box["id"] for box in cards.select("input.f-pick__box[checked]")]
    assert checked == ["pick-cards-k01"]
    assert len(cards.select(".f-pick")[0].select(".f-card")) == 4
    assert "4人に1まい" in re.sub(r"\s+", "", cards.get_text())


def test_every_topic_has_a_kit(example_flyers: Built) -> None:
    for group in topic_groups(example_flyers.catalog):
        assert example_flyers.page(urls.class_kit_url(group.key))
        assert len(pdf_reader(example_flyers.file(urls.flyer_pdf(f"kit-{group.key}"))).pages) == 1 + len(group.core)
