"""Each procedure page describes itself as a schema.org GovernmentService, and YAML text cannot break out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from generator.build import build_site
from generator.model import Catalog
from generator.site import urls
from generator.editions.spacing import respace as natural  # the standard edition's text


def json_ld(site: Path, url: str) -> list[dict]:
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def test_every_procedure_page_has_government_service_json_ld(site: Path, catalog: Catalog) -> None:
    municipality = catalog.municipality
    for procedure in catalog.procedures:
        (data,) = json_ld(site, urls.procedure_url(procedure))
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "GovernmentService"
        assert data["name"] == natural(procedure.title) and data["alternateName"] == procedure.official_name
        assert data["url"] == municipality.base_url + urls.procedure_url(procedure)
        for role in ("provider", "serviceOperator"):
            assert data[role]["@type"] == "GovernmentOrganization" and data[role]["name"] == municipality.name
        department = municipality.department_for(procedure.id)
        phones = [c["servicePhone"]["telephone"] for c in data["availableChannel"] if "servicePhone" in c]
        assert phones == [department.phone]
    (k01,) = json_ld(site, urls.procedure_url(catalog.get("k01")))
    assert {"@type": "ServiceChannel", "name": "マイナポータル", "serviceUrl": catalog.municipality.local("k01").mynaportal_url} in k01["availableChannel"]
    assert not json_ld(site, urls.HOME)


def test_a_closing_script_tag_in_yaml_stays_inside_the_json(tmp_path: Path, project: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))
    k01 = copy / "procedures" / "k01-test.yml"
    hostile = '</script><script>alert(1)</script> & <!--'
    k01.write_text(k01.read_text(encoding="utf-8").replace("title: テストの 手続き いち", f"title: '{hostile}'"), encoding="utf-8")
    site = build_site(copy / "mkdocs.yml", site_dir=tmp_path / "site")
    html = (site / "kosodate" / "test-jidou-teate" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert html.count("<script") == 1  # only the JSON-LD element itself
    (data,) = json_ld(site, "kosodate/test-jidou-teate/")
    assert data["name"] == hostile  # the escapes read back as the same text
