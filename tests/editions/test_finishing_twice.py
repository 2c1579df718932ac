"""Without PDFs the flyers feature does not finish its print pages itself (the finishing is for the PDF): the page
the site publishes is finished once, in the plugin's on_post_page. That is the page a build with the feature's
finishing published (finished twice), because finishing a finished page changes nothing."""

from __future__ import annotations

from generator import editions
from generator.compose import assemble_site
from generator.editions import edition_of
from generator.model import Catalog


def test_a_print_page_finished_twice_is_the_page_finished_once(example_catalog: Catalog) -> None:
    assert not example_catalog.options.pdfs
    output = assemble_site(example_catalog)
    site = editions.SitePages(example_catalog, output)
    printed = [page for page in output.pages if page.template == "flyer-print.html"]
    assert {edition_of(site.editions, page.url).key for page in printed} == {edition.key for edition in site.editions}
    for page in printed:
        finish = site.finishes[edition_of(site.editions, page.url).key]
        assert site.finish(page.url, finish(page.html)) == site.finish(page.url, page.html), page.url


def test_the_finishing_context_tells_every_field_of_every_edition_apart(example_catalog: Catalog) -> None:
    # (the key under which a finished page is reused, cache/pages.py; the editions are in it by the render keys'
    # digest, not a dump, which built the model's serializer in every rebuild)
    import copy

    from generator.model.edition import Edition

    site = editions.SitePages(example_catalog, assemble_site(example_catalog))
    context = site.context()
    changes = {"key": "other", "prefix": "other/", "label": "べつ", "strings": "strings/other.yml", "finish": "none",
               "copy_missing": False, "link": "edition.to_other"}
    assert set(changes) == set(Edition.model_fields)
    seen = {context}
    for number in range(len(site.editions)):
        for field, value in changes.items():
            changed = site.editions[number].model_copy(update={field: value})
            other = copy.copy(site)
            other.editions = (*site.editions[:number], changed, *site.editions[number + 1:])
            seen.add(other.context())
    assert len(seen) == 1 + len(site.editions) * len(changes)
    assert site.context() == context
