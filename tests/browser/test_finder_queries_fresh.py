"""The fresh finder queries (``finder_queries_fresh.py``) are a usable benchmark set: big enough, every answer a
page of the built example site, and no query repeating one of the other sets.

The set was held out in rounds 9 to 12 and is tuning since (``SPENT_FRESH``); it must still not repeat the other
tuning queries, or its share of the benchmark would count those twice.

No browser: the file only has to be sound before the finder benchmark measures anything with it."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from tests.browser.finder_queries import TUNING
from tests.browser.finder_queries_fresh import FRESH, FRESH_NOT_COVERED


def _key(text: str) -> str:
    """A query as the resident's words: width and spacing do not make two queries different."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _page_of(answer: str, site: Path) -> Path | None:
    """The built page an answer id names: ``k01`` (through its stable ``p/k01/`` address), ``kurashi-birth``,
    ``help-pin``."""
    if answer.startswith("kurashi-"):
        return site / "kurashi" / answer.removeprefix("kurashi-") / "index.html"
    if answer.startswith("help-"):
        return site / "help" / answer.removeprefix("help-") / "index.html"
    if re.fullmatch(r"[kcd]\d\d", answer):
        redirect = (site / "p" / answer / "index.html")
        if not redirect.is_file():
            return None
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', redirect.read_text(encoding="utf-8"))
        return (redirect.parent / target.group(1) / "index.html").resolve() if target else None
    return None


def test_the_set_is_big_enough_and_mixes_words_and_sentences() -> None:
    assert len(FRESH) >= 60
    assert sum(q.sentence for q in FRESH) >= 20
    assert sum(not q.sentence for q in FRESH) >= 20
    assert len(FRESH_NOT_COVERED) >= 10
    assert all(q.answers for q in FRESH), [q.text for q in FRESH if not q.answers]


def test_every_answer_is_a_page_of_the_built_site(example_site: Path) -> None:
    missing = sorted({answer for q in FRESH for answer in q.answers
                      if not ((page := _page_of(answer, example_site)) and page.is_file())})
    assert not missing, f"answer ids with no page in the built example site: {missing}"


def test_no_query_is_repeated_or_taken_from_the_older_sets() -> None:
    fresh = [_key(q.text) for q in FRESH] + [_key(text) for text in FRESH_NOT_COVERED]
    assert len(fresh) == len(set(fresh)), sorted({k for k in fresh if fresh.count(k) > 1})
    # The other tuning queries (the set is tuning itself now): told apart by object, so that an older query with
    # the same words is still caught.
    own = {id(q) for q in FRESH}
    older = {_key(q.text) for q in TUNING if id(q) not in own}
    # Counted, not listed: the message must not show the older sets to whoever writes fresh queries.
    assert not older & set(fresh), f"{len(older & set(fresh))} fresh queries repeat an older one"


@pytest.mark.parametrize("answer, folder", [("k01", "jidou-teate-nintei-seikyu"), ("d01", "risai-shomeisho"),
                                            ("help-pin", "pin"), ("kurashi-care", "care")])
def test_an_answer_id_is_read_as_the_page_it_names(example_site: Path, answer: str, folder: str) -> None:
    page = _page_of(answer, example_site)
    assert page is not None and page.is_file() and page.parent.name == folder


@pytest.mark.parametrize("answer", ["k99", "help-nosuch", "kurashi-nosuch", "pin"])
def test_an_id_of_no_page_is_found_missing(example_site: Path, answer: str) -> None:
    page = _page_of(answer, example_site)
    assert page is None or not page.is_file()
