"""An edition's pages moved under its prefix: ``rewrite_links`` goes over the tags that carry a link only
(``_LINKING_TAG``), and must give exactly what going over every tag gives (the rule as first written)."""

from __future__ import annotations

import re

from generator.compose import assemble_site
from generator.editions import links
from generator.editions.links import edition_target, rewrite_links
from generator.model import Catalog


def _every_tag(html: str, page_url: str, new_url: str, target) -> str:  # noqa: ANN001
    """The rule as first written: every tag looked at, the links of those without ``data-edition`` rewritten."""

    def replace(match: re.Match[str]) -> str:
        resolved = links.resolve(page_url, match.group(2))
        if resolved is None:
            return match.group(0)
        path, tail = resolved
        return match.group(1) + links.urls.relative(new_url, target(path)) + tail + match.group(3)

    return re.sub(
        r"<[^>]+>", lambda tag: tag.group(0) if "data-edition" in tag.group(0) else links._LINK.sub(replace, tag.group(0)), html
    )


AWKWARD = [
    '<p>a < b</p><a href="../help/">x</a>',
    '<a\nclass="t"\nhref="kosodate/">multi-line</a>',
    '<a <b href="help/">two opening brackets in one tag</a>',
    '<a data-edition href="../">switch</a><a href="../">home</a>',
    '<img alt="x" src="../assets/a.png"><a href=\'single/\'>single quotes</a>',
    '<a HREF="upper/">upper case</a><a href="">empty</a><a href="#top">anchor</a><a href="?q=1">query</a>',
    '<link rel="stylesheet" href="../../assets/stylesheets/tetsuzuki.css">text > more<a title="a>b" href="x/">',
    '<a href="help/pin/#つかう">Japanese anchor</a><a href="https://example.jp/">outside</a><a href="/abs/">abs</a>',
    '<script>if (a<b && c>d) {}</script><a  href="a/b/c/" >spaces</a><a\thref="tab/">tab</a>',
]


def test_the_links_of_awkward_tags_are_rewritten_as_by_going_over_every_tag() -> None:
    target = edition_target("yasashii/", frozenset({"yasashii/help/", "yasashii/kosodate/", "yasashii/x/"}))
    for html in AWKWARD:
        for page_url in ("", "kosodate/", "kosodate/test/"):
            expected = _every_tag(html, page_url, "yasashii/" + page_url, target)
            assert rewrite_links(html, page_url, "yasashii/" + page_url, target) == expected, html
    # (the comparison sees a rewrite at all: a file only the standard edition has is one folder further up)
    assert 'src="../../assets/a.png"' in rewrite_links(AWKWARD[4], "kosodate/", "yasashii/kosodate/", target)


def test_every_page_of_the_example_is_rewritten_as_by_going_over_every_tag(example_catalog: Catalog) -> None:
    output = assemble_site(example_catalog)
    own = frozenset("yasashii/" + page.url for page in output.pages[::2])  # (half the pages have a copy)
    target = edition_target("yasashii/", own)
    rewritten = 0
    for page in output.pages:
        expected = _every_tag(page.html, page.url, "yasashii/" + page.url, target)
        assert rewrite_links(page.html, page.url, "yasashii/" + page.url, target) == expected, page.url
        rewritten += expected != page.html
    assert rewritten > 100
