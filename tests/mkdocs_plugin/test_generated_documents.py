"""Generated pages reach MkDocs with their metadata given (``GeneratedDocument``), not as YAML front matter that
MkDocs would parse and a Markdown body it would render: MkDocs must see exactly what that front matter gave."""

from __future__ import annotations

import yaml
from mkdocs.utils.meta import get_data

from generator.compose import assemble_site
from generator.mkdocs_plugin.plugin import meta
from generator.model import Catalog


def test_every_generated_page_has_the_metadata_its_front_matter_would_have_given(example_catalog: Catalog) -> None:
    pages = assemble_site(example_catalog).pages
    assert any(page.footer is not None for page in pages) and any(page.redirect for page in pages)
    for page in pages:
        given = meta(page)
        front_matter = "---\n" + yaml.safe_dump(given, allow_unicode=True, sort_keys=True) + "---\n"
        markdown, parsed = get_data(front_matter)
        assert (markdown, list(parsed.items())) == ("", list(given.items())), page.url
