"""The ``tetsuzuki`` command for webmasters: build, serve and check the guide site."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from generator.errors import InputError

# Material prints a multi-line end-of-life notice on every run; the webmaster cannot act on it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@click.group()
def main() -> None:
    """手続きガイドの サイトを つくる ための コマンドです。"""


def _show_mkdocs_messages(level: int) -> None:
    """Print MkDocs' log (our input problems included) on stderr; MkDocs only does this in its own CLI."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(level)


_config_option = click.option(
    "--config", "-f", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=Path("mkdocs.yml"),
    show_default=True, help="MkDocs の 設定ファイル。",
)
_settings_option = click.option(
    "--settings", "-s", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="自治体の 設定ファイル（書かなければ mkdocs.yml の 設定）。",
)


@main.command()
@_config_option
@_settings_option
@click.option("--site-dir", "-d", type=click.Path(path_type=Path, file_okay=False), default=None, help="出力先（既定: site/）。")
def build(config_file: Path, settings: Path | None, site_dir: Path | None) -> None:
    """サイトを つくります。失敗した ときは 前の サイトを そのまま 残します。"""
    from mkdocs.exceptions import MkDocsException

    from generator.build import build_site

    _show_mkdocs_messages(logging.WARNING)
    # Our own notices (e.g. "PDF flyers could not be made") are INFO so strict mode does not fail on them.
    logging.getLogger("mkdocs.plugins.tetsuzuki").setLevel(logging.INFO)
    try:
        target = build_site(config_file, site_dir=site_dir, settings=settings)
    except (InputError, MkDocsException) as error:
        click.echo(str(error), err=True)
        click.echo("サイトは 更新して いません（前の サイトが そのまま 残って います）。", err=True)
        sys.exit(1)
    click.echo(f"サイトを つくりました: {target}")


@main.command()
@_config_option
@_settings_option
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, help="プレビューの アドレス。")
def serve(config_file: Path, settings: Path | None, dev_addr: str) -> None:
    """プレビュー用の サーバーを 起動します。YAML を 直すと ページが 読みこみ直されます。"""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from generator.mkdocs_plugin.plugin import SETTINGS_ENV

    if settings is not None:
        os.environ[SETTINGS_ENV] = str(settings.resolve())
    _show_mkdocs_messages(logging.INFO)
    mkdocs_serve(str(config_file), dev_addr=dev_addr, livereload=True)
