"""The 「わたしの 手続き」 page as it ships: built by the real build, linked from home and finder, usable without
JavaScript, carrying the same rules the tests evaluate, with scannable QR codes, within its size budget."""

from __future__ import annotations

import dataclasses

import base64
import gzip
import json
import re
from pathlib import Path

import pytest

from generator.editions.spacing import standard_script
from generator.loading import load_catalog
from generator.model import Catalog
from generator.site import urls
from generator.site.my_procedures import flow_data
from tests.site.conftest import read_page

BUDGET_GZIP = 30 * 1024


@pytest.fixture(scope="module")
def catalog(example_catalog: Catalog) -> Catalog:
    return example_catalog


@pytest.fixture(scope="module")
def site(example_site: Path) -> Path:
    return example_site


def embedded(site: Path) -> dict:
    """The rules as the page loads them when the questions start (flow-start.js fetches watashi/flow.json)."""
    page = read_page(site, "watashi/")
    source = page.select_one("[data-flow]")["data-flow-src"]
    return json.loads((site / "watashi" / source).read_text(encoding="utf-8"))


def test_the_page_embeds_exactly_the_rules_that_the_tests_evaluate(site: Path, catalog: Catalog) -> None:
    assert catalog.flow is not None
    # As the standard edition publishes every text a script shows: the phrase spaces become U+200B.
    rules = json.dumps(flow_data(catalog, catalog.flow, with_qr=True), ensure_ascii=False).encode("utf-8")
    assert embedded(site) == json.loads(standard_script(rules))


def test_without_javascript_the_page_leads_to_every_life_event_guide(site: Path, catalog: Catalog) -> None:
    page = read_page(site, "watashi/")
    links = {a["href"] for a in page.select("#flow-intro a")}
    for event in catalog.life_events:
        assert urls.relative("watashi/", urls.life_event_url(event)) in links
    # The start button and the app need the script; they are hidden until it runs, the no-JS note is not.
    assert page.select_one("[data-flow-start]").has_attr("hidden")
    assert page.select_one("[data-flow]").has_attr("hidden")
    assert not page.select_one("[data-flow-nojs]").has_attr("hidden")
    assert page.find("script", src=re.compile(r"assets/javascripts/flow-start\.js$"))


def test_home_and_finder_link_to_it(site: Path) -> None:
    assert read_page(site, "").find("a", href="watashi/")
    assert read_page(site, "sagasu/").find("a", href="../watashi/")


def test_no_other_page_loads_the_flow_script_or_styles(site: Path) -> None:
    for path in site.rglob("index.html"):
        if path.parent.name == "watashi":
            continue
        text = path.read_text(encoding="utf-8")
        assert "flow.js" not in text and "flow.css" not in text and "flow-start.js" not in text, path


def test_the_page_loads_the_flow_only_when_the_questions_start(site: Path) -> None:
    """The page names the flow's script and rules for flow-start.js; it loads neither itself."""
    page = read_page(site, "watashi/")
    app = page.select_one("[data-flow]")
    for attribute, expected in (("data-flow-script", "flow.js"), ("data-flow-src", "flow.json")):
        target = (site / "watashi" / app[attribute]).resolve()
        assert target.name == expected and target.is_file(), attribute
    loaded = [tag.get("src") or tag.get("href") for tag in page.select("script[src], link[rel=stylesheet]")]
    assert not [url for url in loaded if url.endswith(("/flow.js", "flow.json"))], loaded
    assert [url for url in loaded if url.endswith("/flow.css")], "the introduction's start button is styled by flow.css"


def test_script_and_data_stay_within_30_kb_gzip(site: Path) -> None:
    data = (site / "watashi" / "flow.json").read_bytes()
    script = (site / "assets" / "javascripts" / "flow.js").read_bytes()
    total = len(gzip.compress(data, 9)) + len(gzip.compress(script, 9))
    assert total <= BUDGET_GZIP, f"flow script + data: {total} bytes gzip"


def test_every_qr_code_decodes_to_the_procedures_short_address(site: Path, catalog: Catalog, tmp_path: Path) -> None:
    # SVGs have to be drawn to be scanned: WeasyPrint draws all of them into one PDF, poppler rasterises it.
    from generator.flyers.pdf import load_weasyprint
    from tests.flyers.conftest import decode, render_pages

    data = embedded(site)
    base = catalog.municipality.base_url
    assert base
    expected, images = set(), []
    for procedure in catalog.procedures:
        item = data["procedures"][procedure.id]
        svg = (site / "watashi" / item["qr"]).read_bytes()
        assert svg.startswith(b"<svg") and b"<script" not in svg
        address = urls.absolute(base.rstrip("/") + "/", urls.short_url(procedure.id))
        assert item["short"] == address
        expected.add(address)
        uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
        images.append(f'<img src="{uri}" style="width:45mm;margin:8mm">')
    pdf = tmp_path / "codes.pdf"
    load_weasyprint().HTML(string="".join(images)).write_pdf(pdf)
    found = {code.text for page in render_pages(pdf) for code in decode(page)}
    assert found == expected


def test_a_town_that_takes_a_procedure_online_gets_its_apply_link_in_the_data(catalog: Catalog) -> None:
    from tests.conftest import FIXTURES

    town = load_catalog(FIXTURES / "valid" / "procedures", FIXTURES / "valid" / "municipalities" / "testtown.yml")
    town = dataclasses.replace(town, guides=catalog.guides)  # the flow names steps of the project's guides
    assert catalog.flow is not None
    data = flow_data(town, catalog.flow, with_qr=False)
    local = town.municipality.local("k01")
    assert local.online == "yes" and data["procedures"]["k01"]["apply"] == local.mynaportal_url
    assert all("apply" not in item for item in flow_data(catalog, catalog.flow, with_qr=True)["procedures"].values())
    assert "qr" not in data["procedures"]["k01"]
