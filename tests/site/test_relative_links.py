"""A page's link to another is the one ``posixpath.relpath`` gives (``generator/site/urls.py``: made without it,
since a rebuild makes ~1,500 links and ``relpath`` asks for the current folder twice each time)."""

from __future__ import annotations

import itertools
import posixpath
from pathlib import Path

import pytest

from generator.site import urls

PARTS = ["", ".", "..", "a", "b", "a/", "a/b", "a/b/", "a/c/", "ab", "a//b", "./a", "a/./b", "a/../b", "a/b/..",
         "../a", "/a", "/", "kosodate/k01-jidou/", "assets/stylesheets/x.css", "..a", "a/..b/c"]


@pytest.mark.parametrize("folder", ["x", "x/deeper/still"])
def test_a_link_between_any_two_addresses_is_relpath_s(tmp_path: Path, folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # (relpath's answer depends on the current folder's name only when a path climbs out of it: those go to relpath)
    (tmp_path / folder).mkdir(parents=True)
    monkeypatch.chdir(tmp_path / folder)
    pairs = list(itertools.product(PARTS, repeat=2)) + [(f"{one}/{two}", three) for one, two, three in itertools.product(PARTS[3:12], repeat=3)]
    for from_url, to_url in pairs:
        expected = posixpath.relpath(to_url or ".", from_url or ".")
        expected = "./" if expected == "." else expected + "/" if to_url.endswith("/") and not expected.endswith("/") else expected
        assert urls.relative(from_url, to_url) == expected, (from_url, to_url)


def test_the_links_of_the_site_s_pages() -> None:
    assert urls.relative("kosodate/k01-jidou/", "kaigo/c01-youkaigo/") == "../../kaigo/c01-youkaigo/"
    assert urls.relative("kosodate/k01-jidou/", "kosodate/k01-jidou/") == "./"
    assert urls.relative("", "assets/x.css") == "assets/x.css"
    assert urls.relative("kosodate/k01-jidou/", "") == "../.."
