"""Open data: procedures.json validates against the published schema; the CSV has one row per procedure."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.model import Catalog
from generator.schema import SCHEMA_DIR
from generator.site import urls
from generator.site.open_data import COLUMNS
from generator.editions.spacing import respace as natural  # the standard edition's text


def test_json_validates_against_the_published_schema(site: Path, catalog: Catalog) -> None:
    published = json.loads((SCHEMA_DIR / "open-data.schema.json").read_text(encoding="utf-8"))
    assert (site / urls.OPEN_DATA_SCHEMA).read_text(encoding="utf-8") == (SCHEMA_DIR / "open-data.schema.json").read_text(encoding="utf-8")
    data = json.loads((site / urls.OPEN_DATA_JSON).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(published).validate(data)
    assert data["licence"] == catalog.municipality.licence
    assert [row["id"] for row in data["procedures"]] == [p.id for p in catalog.procedures]
    # The schema really constrains: a row without its id, or with a made-up online value, is refused.
    broken = json.loads(json.dumps(data))
    del broken["procedures"][0]["id"]
    broken["procedures"][1]["online"] = "maybe"
    assert len(list(jsonschema.Draft202012Validator(published).iter_errors(broken))) == 2


def test_csv_has_documented_columns_and_one_row_per_procedure(site: Path, catalog: Catalog) -> None:
    raw = (site / urls.OPEN_DATA_CSV).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel on Windows reads the Japanese correctly
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0].keys()) == COLUMNS
    assert len(rows) == len(catalog.procedures)
    by_id = {row["id"]: row for row in rows}
    k01 = catalog.get("k01")
    assert by_id["k01"] == {
        "municipality": "テスト町", "prefecture": "テスト県", "id": "k01", "category": "kosodate",
        "official_name": k01.official_name, "title": k01.title, "online": "yes",
        "mynaportal_url": "https://app.oss.myna.go.jp/Application/procdetail/initGet?test",
        "guide_url": "https://testtown.example/guide/" + urls.procedure_url(k01),
        "contact_name": "こども課", "contact_phone": "0123-45-0001", "reviewed": k01.reviewed.isoformat(),
        "limitation_years": "", "limitation": "", "notices": "",
    }
    assert by_id["d01"]["online"] == "no" and by_id["d01"]["mynaportal_url"] == ""


def test_open_data_page_documents_every_column_and_the_licence(site: Path, catalog: Catalog) -> None:
    soup = BeautifulSoup((site / urls.OPEN_DATA / "index.html").read_text(encoding="utf-8"), "html.parser")
    documented = [th.get_text(strip=True) for th in soup.select("tbody th")]
    assert documented == COLUMNS
    text = soup.get_text(" ")
    assert "CC BY 4.0" in text
    links = {a["href"] for a in soup.find_all("a", href=True)}
    assert {"procedures.csv", "procedures.json", "procedures.schema.json"} <= links
    footer = [a.get_text(strip=True) for a in soup.select("footer a")]
    assert "オープンデータ" in footer and "更新履歴" in footer


def test_licence_comes_from_the_settings_and_links_are_relative_without_base_url(tmp_path: Path, project: Path, catalog: Catalog) -> None:
    import shutil

    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))
    settings = copy / "municipalities" / "testtown.yml"
    text = settings.read_text(encoding="utf-8").replace("base_url: https://testtown.example/guide/\n", "licence: CC0 1.0\n")
    settings.write_text(text, encoding="utf-8")
    site = build_site(copy / "mkdocs.yml", site_dir=tmp_path / "site")
    data = json.loads((site / urls.OPEN_DATA_JSON).read_text(encoding="utf-8"))
    assert data["licence"] == "CC0 1.0"
    assert all(not row["guide_url"].startswith("http") and (site / row["guide_url"] / "index.html").is_file() for row in data["procedures"])
    page = (site / urls.OPEN_DATA / "index.html").read_text(encoding="utf-8").replace("<wbr>", "")
    assert "CC0 1.0" in page and "相対URL" in page
    # The feed and the JSON-LD resolve their relative links against their own address.
    feed = site / urls.CHANGES_FEED
    hrefs = re.findall(r'<link rel="alternate" type="text/html" href="([^"]+)"', feed.read_text(encoding="utf-8"))
    assert hrefs and all((feed.parent / href / "index.html").is_file() for href in hrefs)
    k01 = site / urls.procedure_url(catalog.get("k01")) / "index.html"
    ld = json.loads(BeautifulSoup(k01.read_text(encoding="utf-8"), "html.parser").find("script", type="application/ld+json").string)
    assert ld["url"] == "./"
