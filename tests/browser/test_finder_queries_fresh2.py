"""The second blind held-out finder set is well formed (fast, no browser).

Every answer names a page the site really has, no text appears twice, no text repeats one of the older sets
(which the finder has been tuned or measured on), and no errand that should open no page is also a query.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from tests.browser.finder_queries import BATCH_9, BATCH_15, BATCH_16, NOT_COVERED_TUNING, TUNING
from tests.browser.finder_queries_fresh import FRESH, FRESH_NOT_COVERED
from tests.browser.finder_queries_fresh2 import FRESH2, FRESH2_NOT_COVERED

ROOT = Path(__file__).resolve().parents[2]


def _same(text: str) -> str:
    """The form two texts are compared in: NFKC (full-width letters, digits and spaces folded), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _page_ids() -> set[str]:
    """The ids of the pages a query may answer: procedures, life-event guides and help pages."""
    procedures = {
        yaml.safe_load(path.read_text(encoding="utf-8"))["id"] for path in (ROOT / "procedures").glob("*.yml")
    }
    guides = {
        "kurashi-" + yaml.safe_load(path.read_text(encoding="utf-8"))["event"]
        for path in (ROOT / "life_events").glob("*.yml")
    }
    helps = {"help-" + path.stem for path in (ROOT / "docs" / "help").glob("*.md") if path.stem != "index"}
    return procedures | guides | helps


def test_the_page_ids_come_from_the_files() -> None:
    ids = _page_ids()
    assert {"k01", "k15", "c11", "d01", "kurashi-birth", "kurashi-disaster", "help-pin"} <= ids
    assert len([i for i in ids if re.fullmatch(r"[kcd]\d\d", i)]) == 27


def test_every_answer_is_a_page_of_the_site() -> None:
    ids = _page_ids()
    unknown = {(query.text, answer) for query in FRESH2 for answer in query.answers if answer not in ids}
    assert not unknown, f"answers that name no page: {sorted(unknown)}"
    assert all(query.answers for query in FRESH2), "a query without an answer"


def test_the_set_has_its_size_and_its_share_of_sentences() -> None:
    sentences = [query for query in FRESH2 if query.sentence]
    assert 90 <= len(FRESH2) <= 105
    assert len(FRESH2) // 4 <= len(sentences) <= len(FRESH2) // 2
    assert 15 <= len(FRESH2_NOT_COVERED) <= 20


def test_no_text_appears_twice_in_the_set() -> None:
    texts = [_same(query.text) for query in FRESH2] + [_same(errand) for errand in FRESH2_NOT_COVERED]
    twice = sorted({text for text in texts if texts.count(text) > 1})
    assert not twice, f"texts written twice: {twice}"


def test_no_text_repeats_an_older_set() -> None:
    # Every other set: the tuning queries (the spent held-out sets among them), the check batches and the errands.
    # (HELD_OUT and NOT_COVERED are this set itself now that it is wired in.)
    older = {_same(query.text) for queries in (TUNING, BATCH_9, BATCH_15, BATCH_16, FRESH) for query in queries}
    older |= {_same(errand) for errands in (NOT_COVERED_TUNING, FRESH_NOT_COVERED) for errand in errands}
    mine = [query.text for query in FRESH2] + list(FRESH2_NOT_COVERED)
    # counted, never listed: the message must not show a held-out text to whoever reads the failure
    repeated = [index for index, text in enumerate(mine) if _same(text) in older]
    assert not repeated, f"{len(repeated)} texts of this set repeat an older set (positions {repeated})"


def test_no_errand_is_also_a_query() -> None:
    queries = {_same(query.text) for query in FRESH2}
    both = [errand for errand in FRESH2_NOT_COVERED if _same(errand) in queries]
    assert not both, f"errands that are also queries: {both}"
