"""``tetsuzuki build --all``: one site per settings file, built in parallel, none leaking into another."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from generator.loading.strings import string_table
from generator.town_words import site_name
from generator.editions.spacing import respace
from generator.loading import load_catalog
from generator.model import Catalog
from generator.site import urls
from tests.commands.conftest import all_output, set_reviewed
from tests.conftest import ROOT
from tests.site.conftest import copy_project
from tests.text import squash

SETTINGS = sorted((ROOT / "municipalities").glob("*.yml"))


@pytest.fixture(scope="module")
def catalogs() -> dict[str, Catalog]:
    return {path.stem: load_catalog(ROOT / "procedures", path) for path in SETTINGS}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from generator.cli import main

    out = tmp_path_factory.mktemp("all") / "sites"
    # Without PDFs (the test session's default): a flyer PDF is made from its print page, byte for byte the HTML
    # this test reads (tests/flyers/test_print_pages.py), and its text is compressed, so reading its bytes for
    # another town's name found nothing that the print page had not shown already.
    result = CliRunner().invoke(main, ["build", "--config", str(ROOT / "mkdocs.yml"), "--all", str(out), "--jobs", "2"], catch_exceptions=False)
    assert result.exit_code == 0, all_output(result)
    return out


def identity(catalog: Catalog) -> list[str]:
    """What must only appear in this municipality's own site: names, phones, addresses, the site URL."""
    municipality = catalog.municipality
    values = [municipality.name, site_name(municipality, string_table()), municipality.base_url or ""]
    for department in municipality.departments.values():
        values += [department.name, department.phone or "", department.address or ""]
        if department.phone:
            values.append(department.phone.replace("-", ""))  # tel: links
    return [value for value in values if value]


def national_text(catalog: Catalog) -> list[str]:
    """Text of the national content that may name a town (a source title such as 「Yahoo!くらし 太子町 …」)."""
    return [source.title for procedure in catalog.procedures for source in procedure.sources]


def test_five_example_municipalities_give_five_sites(sites: Path, catalogs: dict[str, Catalog]) -> None:
    assert len(catalogs) == 5
    assert {p.name for p in sites.iterdir()} == set(catalogs)
    for stem, catalog in catalogs.items():
        home = (sites / stem / "index.html").read_text(encoding="utf-8")
        assert f"<title>{respace(site_name(catalog.municipality, string_table()))}</title>" in home  # the standard edition's title
        # Open data: one row per procedure of the national list, for each municipality.
        with (sites / stem / urls.OPEN_DATA_CSV).open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.DictReader(file))
        assert len(rows) == len(catalog.procedures) == 27
        assert {row["municipality"] for row in rows} == {catalog.municipality.name}
    assert not [p for p in sites.parent.iterdir() if p.name.startswith(".")]


def test_no_municipality_leaks_into_another_site(sites: Path, catalogs: dict[str, Catalog]) -> None:
    for stem, catalog in catalogs.items():
        # (each value squashed once per town, not once per file: that took nine tenths of this test's time)
        others = {other: [(value, _squashed(value)) for value in identity(c)] for other, c in catalogs.items() if other != stem}
        allowed = list(dict.fromkeys(_squashed(quote) for quote in national_text(catalog)))
        files = [p for p in (sites / stem).rglob("*") if p.is_file()]
        assert len(files) > 10
        # The comparison finds a name where the pages write it (through <wbr> and ふりがな): its own, here.
        assert _squashed(site_name(catalog.municipality, string_table())) in _comparable(sites / stem / "yasashii" / "index.html")
        for path in files:
            data = _comparable(path)
            for quote in allowed:
                data = data.replace(quote, b"")
            for other, values in others.items():
                for value, squashed in values:
                    assert squashed not in data, f"{other}'s {value!r} appears in {stem}/{path.relative_to(sites / stem)}"


def _squashed(text: str) -> bytes:
    return squash(text).encode("utf-8")


def _comparable(path: Path) -> bytes:
    """What a reader sees in a file, without phrase spaces: an HTML page's text without its tags and without
    ふりがな (<rt>), so a name split by <wbr> or <ruby> is still found; other files as raw bytes, spaces removed."""
    data = path.read_bytes()
    if path.suffix == ".html":
        text = data.decode("utf-8")
        text = re.sub(r"<rt>.*?</rt>", "", text)
        text = re.sub(r"<[^>]*>", "", text)
        return _squashed(text)
    return re.sub(rb"\s+|\xe2\x80\x8b", b"", data)


def test_one_broken_municipality_fails_alone(run, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for settings in (project / "municipalities").glob("*.yml"):  # two municipalities are enough here
        if settings.stem not in ("hashikami", "shinto"):
            settings.unlink()
    broken = project / "municipalities" / "shinto.yml"
    set_reviewed(broken, "someday")
    result = run(project, "build", "--all", "out", "--jobs", "2")
    assert result.exit_code == 1
    assert "shinto.yml" in result.stderr and "reviewed" in result.stderr
    built = {p.name for p in (project / "out").iterdir() if not p.name.startswith(".")}
    assert built == {"hashikami"}


def test_every_procedure_page_of_every_site_names_its_own_municipality_in_json_ld(sites: Path, catalogs: dict[str, Catalog]) -> None:
    for stem, catalog in catalogs.items():
        for procedure in catalog.procedures:
            html = (sites / stem / urls.procedure_url(procedure) / "index.html").read_text(encoding="utf-8")
            (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
            data = json.loads(block)
            assert data["@type"] == "GovernmentService" and data["@context"] == "https://schema.org"
            assert data["provider"] == data["serviceOperator"]
            assert data["provider"]["name"] == catalog.municipality.name
            assert data["url"] == catalog.municipality.base_url + urls.procedure_url(procedure)
