"""The MkDocs plugin: another settings file builds another town's site, and serve watches the YAML."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config

from generator.build import build_site
from generator.site import urls
from tests.conftest import FIXTURES, ROOT
from tests.site.conftest import read_page


def test_pointing_the_build_at_another_settings_file_builds_that_town(tmp_path: Path) -> None:
    settings = FIXTURES / "valid" / "municipalities" / "testtown.yml"
    site = build_site(ROOT / "mkdocs.yml", site_dir=tmp_path / "site", settings=settings)
    home = read_page(site, urls.HOME)
    assert home.title.get_text() == "テスト町手続きガイド"
    page = read_page(site, "kosodate/jidou-teate-nintei-seikyu/")
    assert page.find("a", href="tel:0123450001") is not None  # k01 → こども課 in testtown.yml
    button = page.find("a", href="https://app.oss.myna.go.jp/Application/procdetail/initGet?test")
    assert button is not None and "テスト町" in button.get_text()
    assert "階上町" not in "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


class _RecordingServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_the_procedures_and_the_settings_file() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["tetsuzuki"]
    server = _RecordingServer()
    plugin.on_serve(server, config=config, builder=None)
    assert str(ROOT / "procedures") in server.watched
    assert str(ROOT / "municipalities" / "hashikami.yml") in server.watched


def test_a_build_after_a_preview_server_ended_in_the_same_process_is_a_published_build(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    # MkDocs keeps one plugin instance per process once a preview server started it: a build made after the
    # server ended (a library caller, the next test) must not keep the server's ways (no published address, no
    # PDFs). It did once, and an export and a sitemap made after a preview-server test differed from a fresh build.
    from tests.commands.conftest import small_project

    project = small_project(tmp_path / "project")
    monkeypatch.chdir(project)
    served = load_config(config_file="mkdocs.yml", site_dir=str(tmp_path / "served"))
    served.plugins.on_startup(command="serve", dirty=False)
    served.plugins.on_shutdown()
    site = build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    assert served.plugins["tetsuzuki"] is load_config(config_file="mkdocs.yml").plugins["tetsuzuki"]  # (the same one)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://testtown.example/" in sitemap, sitemap[:500]


def _theme_files(env) -> list[tuple[str, str]]:  # noqa: ANN001
    from mkdocs.structure.files import Files

    config = load_config(str(ROOT / "mkdocs.yml"))
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def test_the_theme_files_mkdocs_lists_are_those_it_lists_walking_every_folder() -> None:
    # The plugin's theme loader does not walk into folders whose name starts with a dot (Material's ~14,000
    # icons, which MkDocs drops from the list anyway): MkDocs must list the same files, from the same folders.
    from generator.mkdocs_plugin.plugin import ThemeLoader

    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins.on_config(config)
    env = config.theme.get_env()
    assert type(env.loader) is ThemeLoader
    listed = _theme_files(env)
    walked_everything = _theme_files(load_config(str(ROOT / "mkdocs.yml")).theme.get_env())
    assert listed == walked_everything
    assert ("assets/stylesheets/tetsuzuki.css", str(ROOT / "theme" / "assets" / "stylesheets" / "tetsuzuki.css")) in listed
    assert len(env.loader.list_templates()) < len(load_config(str(ROOT / "mkdocs.yml")).theme.get_env().list_templates()) / 10


def test_a_build_without_pdfs_makes_the_flyers_with_the_rest_of_the_site(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Without PDFs there is nothing to wait for: the flyers' pages are made with the other pages
    (``compose.assemble_site``), not late — the outline and its check cost a one-procedure rebuild ≈ 0.1 s."""
    from click.testing import CliRunner

    from generator.cli import main
    from generator.environment import PDF_ENV
    from generator.mkdocs_plugin import plugin
    from tests.commands.conftest import small_project

    def refused(catalog):  # noqa: ANN001, ANN202
        raise AssertionError("the late path was taken by a build without PDFs")

    project = small_project(tmp_path / "project")
    monkeypatch.setenv(PDF_ENV, "0")
    monkeypatch.delenv("TETSUZUKI_SETTINGS", raising=False)
    monkeypatch.chdir(project)
    monkeypatch.setattr(plugin, "assemble_late", refused)
    result = CliRunner().invoke(main, ["build", "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "k01" in (project / "site" / "chirashi" / "index.html").read_text(encoding="utf-8")
    assert not list((project / "site").rglob("*.pdf"))
