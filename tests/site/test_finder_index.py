"""The 「手続きを さがす」 page carries a complete, normalised search index and needs no script to be useful."""

from __future__ import annotations

from pathlib import Path

from generator.model import Catalog
from generator.site import urls
from generator.site.search_text import normalize, reading
from tests.site.conftest import read_page


def test_normalize_folds_width_kana_and_case_like_the_page_script() -> None:
    assert normalize("ｼﾞﾄﾞｳﾃｱﾃ") == normalize("ジドウテアテ") == "じどうてあて"
    assert normalize("１５日　ＡＢＣ") == "15日abc"
    assert normalize("親の 介護") == "親の介護"


def test_reading_turns_kanji_into_hiragana() -> None:
    assert reading("介護保険証") == "かいごほけんしょう"
    assert reading("赤ちゃん") == "あかちゃん"


def test_finder_lists_every_procedure_with_its_words_and_readings(example_site: Path, example_catalog: Catalog) -> None:
    soup = read_page(example_site, "sagasu/")
    items = {li["data-id"]: li for li in soup.select("li[data-search]")}
    events = {f"kurashi-{event.value}" for event in example_catalog.life_events}
    assert set(items) == {procedure.id for procedure in example_catalog.procedures} | events
    for procedure in example_catalog.procedures:
        index = items[procedure.id]["data-search"]
        for text in (procedure.title, procedure.official_name, *procedure.keywords):
            assert normalize(text) in index
        link = items[procedure.id].find("a")["href"]
        assert link == urls.relative("sagasu/", urls.procedure_url(procedure))
    assert "かいご" in items["c01"]["data-search"]


def test_only_the_finder_loads_the_finder_script(example_site: Path) -> None:
    for path in sorted(example_site.rglob("*.html")):
        has_script = "finder.js" in path.read_text(encoding="utf-8")
        assert has_script == (path.parent.name == "sagasu"), path
    script = example_site / "assets" / "javascripts" / "finder.js"
    assert script.stat().st_size < 4096


def test_the_box_is_hidden_until_the_script_runs(example_site: Path) -> None:
    form = read_page(example_site, "sagasu/").select_one("form[data-finder]")
    assert form.has_attr("hidden")
