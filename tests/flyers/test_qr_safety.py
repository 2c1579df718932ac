"""QR safety: only https addresses on the allowlist are ever printed; anything else stops the build clearly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import build_site
from generator.errors import InputError
from generator.flyers import build_flyers
from generator.flyers.safety import UnsafeQrUrl, site_allowlist
from generator.loading import load_catalog
from tests.conftest import FIXTURES
from tests.site.conftest import copy_project

BASE = "https://testtown.example/guide/"


@pytest.mark.parametrize(
    "url",
    [
        "https://testtown.example/guide/p/k01/",
        "https://app.oss.myna.go.jp/Application/procdetail/initGet?abc",
        "https://myna.go.jp/",
        "https://faq.myna.go.jp/print/faq/4288",
    ],
)
def test_the_site_and_official_mynaportal_hosts_are_allowed(url: str) -> None:
    assert site_allowlist(BASE, "testtown.yml").check(url, "k01") == url


@pytest.mark.parametrize(
    "url",
    [
        "http://testtown.example/guide/p/k01/",
        "javascript:alert(1)",
        "https://evil.example/guide/p/k01/",
        "https://testtown.example.evil.example/guide/p/k01/",
        "https://testtown.example/other/p/k01/",
        "https://myna.go.jp.evil.example/",
        "https://notmyna.go.jp/",
        "https://testtown.example@evil.example/guide/",
        "https://testtown.example/guide/p/k01/ extra",
        "//testtown.example/guide/p/k01/",
        "data:text/html,hello",
    ],
)
def test_anything_else_is_refused_naming_procedure_and_url(url: str) -> None:
    with pytest.raises(UnsafeQrUrl) as raised:
        site_allowlist(BASE, "testtown.yml").check(url, "k01 テストの 手続き")
    message = str(raised.value)
    assert "k01 テストの 手続き" in message and repr(url) in message
    assert "myna.go.jp" in message and BASE in message  # says what would have been allowed


@pytest.mark.parametrize(
    "base_url",
    [
        "http://testtown.example/",
        "https://localhost/guide/",
        "https://127.0.0.1/",
        "https://192.168.1.10/guide/",
        "https://intranet/guide/",
        "https://printer.local/",
        "https://user@testtown.example/",
        "https://testtown.example/guide/?x=",
        "https://testtown.example/guide/#top",
    ],
)
def test_a_base_url_that_cannot_be_printed_is_refused(base_url: str) -> None:
    with pytest.raises(UnsafeQrUrl, match=re.escape(base_url)):
        site_allowlist(base_url, "testtown.yml")


def test_a_base_url_without_trailing_slash_still_gives_the_right_address() -> None:
    allowlist = site_allowlist("https://testtown.example/guide", "testtown.yml")
    assert allowlist.base_url == BASE


def _project_with_settings(tmp_path: Path, edit) -> Path:  # noqa: ANN001
    project = copy_project(tmp_path / "project")
    settings = project / "municipalities" / "hashikami.yml"
    settings.write_text(edit(settings.read_text(encoding="utf-8")), encoding="utf-8")
    return project


def test_a_foreign_mynaportal_url_in_the_settings_stops_the_build(tmp_path: Path) -> None:
    project = _project_with_settings(
        tmp_path,
        lambda text: text.replace("  k01:\n    department: daihyo\n",
                                  "  k01:\n    department: daihyo\n    mynaportal_url: https://evil.example/apply\n"),
    )
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    # Refused when the settings are read (whether or not the town prints flyers), before anything is built.
    with pytest.raises(InputError) as raised:
        build_site(project / "mkdocs.yml", site_dir=site)
    message = raised.value.report()
    assert "hashikami.yml:" in message and "k01" in message and "https://evil.example/apply" in message
    assert "evil.example」を ひらきます" in message
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"


@pytest.mark.parametrize("url", ["http://app.oss.myna.go.jp/x", "javascript:alert(1)"])
def test_http_and_javascript_urls_in_the_settings_stop_loading_with_place_and_value(tmp_path: Path, url: str) -> None:
    valid = FIXTURES / "valid"
    settings = tmp_path / "testtown.yml"
    text = (valid / "municipalities" / "testtown.yml").read_text(encoding="utf-8")
    settings.write_text(re.sub(r"mynaportal_url: .*", f"mynaportal_url: {url}", text), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_catalog(valid / "procedures", settings)
    report = raised.value.report()
    assert "procedures.k01.mynaportal_url" in report and url[:30] in report


def test_without_a_base_url_no_code_is_printed_and_the_staff_page_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    valid = FIXTURES / "valid"
    catalog = load_catalog(valid / "procedures", valid / "municipalities" / "testtown.yml")
    municipality = catalog.municipality.model_copy(update={"base_url": None})
    output = build_flyers(type(catalog)(municipality=municipality, procedures=catalog.procedures))
    assert not output.files
    assert [page.url for page in output.pages] == ["chirashi/"]
    assert "base_url" in output.pages[0].html
    assert len(output.notices) == 1 and "base_url" in output.notices[0]
