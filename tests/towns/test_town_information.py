"""The town's own answers and dated notices reach residents: on the guide page, on the flyer, in the change
feed and in the open data — and a town that has not answered shows the question to ask instead."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.build import build_site
from generator.flyers import build_flyers
from generator.loading import load_catalog
from generator.mkdocs_plugin.plugin import hand_written_pages
from generator.output import GeneratedFile
from generator.project import copy_build_inputs
from generator.site import urls
from tests.text import shows, squash
from tests.conftest import as_built
from tests.towns.conftest import ROOT

ANSWER = "申し込みから 2週間ほどで 通知が 届きます。"
PAUSE_NOTE = "システムの 入れかえの ためです。"
SITE_DATE_EPOCH = "1796094000"  # 2026-12-01 12:00 in Japan
BUSY_NOTE = "3月と 4月は 申し込みが 多く、通知が 届くまで 時間が かかります"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """階上町 with one answer (k01), a pause notice on k01, a town-wide notice and one that has run out — and,
    for the flyers' worst case, a notice and an answer on every other procedure except k02."""
    project = copy_build_inputs(ROOT, tmp_path_factory.mktemp("towninfo") / "project")
    settings_path = project / "municipalities" / "hashikami.yml"
    settings = yaml.safe_load(settings_path.read_text(encoding="utf-8"))
    for path in sorted((project / "procedures").glob("*.yml")):
        procedure = yaml.safe_load(path.read_text(encoding="utf-8"))
        if procedure["id"] in ("k01", "k02"):
            continue
        local = settings["procedures"].setdefault(procedure["id"], {})
        local["notices"] = [{"kind": "info", "text": BUSY_NOTE, "since": "2026-11-20"}]
        if procedure.get("ask_locally"):
            local["answers"] = {procedure["ask_locally"][0]["key"]: {"text": ANSWER, "checked": "2026-11-29"}}
    k01 = settings["procedures"]["k01"]
    k01["answers"] = {"processing-time": {"text": ANSWER, "checked": "2026-11-29"}}
    k01["notices"] = [
        {"kind": "paused", "text": PAUSE_NOTE, "since": "2026-11-20", "until": "2026-12-03"},
        {"kind": "counter_only", "since": "2026-10-01", "until": "2026-10-31"},  # ran out before the site's date
    ]
    settings["notices"] = [{"kind": "info", "text": "12月29日から 1月3日までは 役場が 休みです", "since": "2026-11-23"}]
    settings_path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    """The project's site as a build makes it, without PDFs (the flyers' PDFs are ``printed`` below)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        # The site's date decides which notices are current. Fixed at 2026-12-01 (within the pause above), not
        # the newest `reviewed` date of the data, which moves whenever a procedure is reviewed again.
        monkeypatch.setenv("SOURCE_DATE_EPOCH", SITE_DATE_EPOCH)
        return build_site(project / "mkdocs.yml", site_dir=project / "site")


@pytest.fixture(scope="module")
def printed(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The standard edition's flyer outputs with real PDFs, written as the site holds them. Why not the whole
    site with PDFs: the checks below read the standard flyers, and a site build would also print the other
    edition (twice the PDFs, the slowest fixture of the suite)."""
    folder = tmp_path_factory.mktemp("towninfo-printed")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", SITE_DATE_EPOCH)
        catalog = load_catalog(project / "procedures", project / "municipalities" / "hashikami.yml")
        # As a build does: the environment read once (the fixed date, the session's PDF cache), passed as options.
        catalog = as_built(dataclasses.replace(catalog, docs_pages=hand_written_pages(project / "docs")))
        output = build_flyers(catalog, make_pdfs=True)
    assert not [notice for notice in output.notices if "PDF" in notice and "作れません" in notice], output.notices
    for item in [*output.files, *(GeneratedFile(f"{page.url}index.html", page.html.encode()) for page in output.pages)]:
        target = folder / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.content)
    return folder


def _page(site: Path, slug_prefix: str) -> BeautifulSoup:
    [page] = [p for p in (site / "kosodate").glob(f"{slug_prefix}*/index.html")]
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def _k01(site: Path) -> BeautifulSoup:
    return _page(site, "jidou-teate-nintei")


def test_answered_question_shows_the_towns_answer_labelled_with_its_date(site: Path) -> None:
    section = _k01(site).find(id="窓口でたしかめること").find_next("ul")
    items = [li.get_text(" ", strip=True) for li in section.find_all("li")]
    answered = [text for text in items if ANSWER in text]
    assert len(answered) == 1
    assert "階上町の 情報" in answered[0] and "2026年11月29日 確認" in answered[0]
    # The other questions of k01 are still there to ask.
    assert any(text.startswith("郵送で 申し込めるか") for text in items)


def test_page_without_answers_shows_the_questions_to_ask(site: Path) -> None:
    soup = _page(site, "jidou-teate-gaku-kaitei")  # k02: the town answered nothing
    section = soup.find(id="窓口でたしかめること")
    assert shows("窓口に おたずねください", section.find_next("p").get_text())
    assert not shows("の 情報", section.find_next("ul").get_text())


def test_notices_are_on_the_page_with_their_dates(site: Path) -> None:
    box = _k01(site).select_one(".t-notices")
    text = box.get_text(" ", strip=True)
    assert shows("マイナポータルからの 申請は 一時 止まって います（2026年11月20日から 2026年12月3日まで）", text)
    assert shows(PAUSE_NOTE, text)
    assert shows("12月29日から 1月3日までは 役場が 休みです", text)
    assert "窓口だけ" not in text  # the notice that ran out on 2026-10-31 is gone
    other = _page(site, "jidou-teate-gaku-kaitei").select_one(".t-notices").get_text(" ", strip=True)
    assert shows("役場が 休みです", other) and not shows("一時 止まって", other)


def _printed(site: Path, name: str) -> tuple[int, str]:
    """Sheets and text (spaces removed) of a flyer PDF as it prints."""
    reader = PdfReader(site / urls.flyer_pdf(name))
    return len(reader.pages), re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def test_flyer_prints_the_notices_and_the_answer_on_one_sheet(printed: Path) -> None:
    sheets, text = _printed(printed, "k01")
    assert sheets == 1
    for line in (
        "お知らせ:マイナポータルからの申請は一時止まっています", ANSWER, "階上町の情報、2026年11月29日確認",
        "0178-88-2111", "/p/k01/", "何度もためさずに窓口へ",
    ):
        assert re.sub(r"\s+", "", line) in text, line
    k01 = BeautifulSoup((printed / urls.flyer_url("k01") / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "窓口だけ" not in k01.get_text()
    # k02: no answer of its own, only the town-wide notice; no town label on anything.
    k02 = BeautifulSoup((printed / urls.flyer_url("k02") / "index.html").read_text(encoding="utf-8"), "html.parser")
    town = k02.select_one(".f-town").get_text(" ", strip=True)
    assert shows("役場が 休みです", town) and not shows("の 情報、", town)


def test_every_flyer_still_fits_one_sheet_when_the_town_adds_a_notice_and_an_answer(printed: Path) -> None:
    # A full sheet first gets smaller type, then leaves out lines its guide page repeats (PIN details, the
    # first QR hint); what the town says and how to reach it stay.
    for path in sorted((ROOT / "procedures").glob("*.yml")):
        name = path.name[:3]
        sheets, text = _printed(printed, name)
        assert sheets == 1, f"{name}.pdf prints on {sheets} sheets"
        if name not in ("k01", "k02"):
            assert re.sub(r"\s+", "", BUSY_NOTE) in text, name
    k01 = (printed / urls.flyer_url("k01") / "index.html").read_text(encoding="utf-8")
    assert "正式には" not in k01  # the trimmed version was printed …
    assert "正式には" in (printed / urls.flyer_url("k07") / "index.html").read_text(encoding="utf-8")  # … only where needed


def test_feed_and_open_data_carry_the_notices(site: Path) -> None:
    feed = (site / urls.CHANGES_FEED).read_text(encoding="utf-8")
    titles = [squash(title) for title in re.findall(r"<title>(.*?)</title>", feed)]
    assert squash("お知らせ: 児童手当を はじめて もらう ときの 申請") in titles
    assert squash("お知らせ: すべての 手続き") in titles
    assert squash(feed).count(squash("一時 止まって います")) == 1
    assert "<updated>2026-11-23T00:00:00+09:00</updated>" in feed  # the town-wide notice's date
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO((site / urls.OPEN_DATA_CSV).read_text(encoding="utf-8-sig")))}
    assert shows("一時 止まって います", rows["k01"]["notices"]) and shows("役場が 休みです", rows["k01"]["notices"])
    assert not shows("一時 止まって", rows["k02"]["notices"])
