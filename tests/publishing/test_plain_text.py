"""llms.txt at the site root and a plain Markdown copy of every procedure, life-event guide and help page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from generator.loading.strings import string_table
from generator.town_words import site_name
from generator.model import Catalog
from generator.site import urls


_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def _site_path(site: Path, address: str, base_url: str) -> Path:
    assert address.startswith(base_url), address
    return site / urlsplit(address).path.removeprefix(urlsplit(base_url).path)


def test_llms_txt_links_a_markdown_copy_of_every_procedure_guide_and_help_page(example_site: Path, example_catalog: Catalog) -> None:
    text = (example_site / "llms.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# {site_name(example_catalog.municipality, string_table())}"
    assert lines[2].startswith("> ")
    base = example_catalog.municipality.base_url.rstrip("/") + "/"
    links = dict((target, title) for title, target in _LINK.findall(text))
    expected = [urls.markdown_url(urls.procedure_url(p)) for p in example_catalog.procedures]
    expected += [urls.markdown_url(urls.life_event_url(e)) for e in example_catalog.life_events]
    expected += [urls.markdown_url(url) for url in urls.HELP_PAGES]
    for url in expected:
        assert base + url in links, url
        copy = example_site / url
        assert copy.is_file(), url
        body = copy.read_text(encoding="utf-8")
        assert body.startswith("# ") and "<" not in body.replace("&lt;", ""), url
    for target in links:
        assert _site_path(example_site, target, base).exists(), target


def test_a_procedure_copy_holds_the_page_facts_and_the_towns_answers(example_site: Path, example_catalog: Catalog) -> None:
    procedure = example_catalog.get("k01")
    body = (example_site / urls.markdown_url(urls.procedure_url(procedure))).read_text(encoding="utf-8")
    assert body.splitlines()[0] == f"# {procedure.title}"
    assert procedure.official_name in body and procedure.reviewed.isoformat() in body
    for number, step in enumerate(procedure.steps, start=1):
        assert f"{number}. {step.title}" in body
    for source in procedure.sources:
        assert source.url in body
    department = example_catalog.municipality.department_for("k01")
    assert department.name in body and department.phone in body
    # Stored beside the page, not rendered by MkDocs as another HTML page.
    assert not (example_site / urls.procedure_url(procedure) / "index.html" / "index.html").exists()


def test_help_copies_lose_mkdocs_markup_and_keep_working_links(example_site: Path) -> None:
    body = (example_site / urls.markdown_url(urls.HELP_PIN)).read_text(encoding="utf-8")
    assert "{ .t-link-block }" not in body and "{ #" not in body and ".md)" not in body
    assert "](https://hashikami.example/tetsuzuki/help/prepare/#暗証番号)" in body
