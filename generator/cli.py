"""The ``tetsuzuki`` command for webmasters: build, serve and check the guide site.

This is the edge where the environment variables a build honours are read (``generator/environment.py``),
once per command; from here on they travel as ``BuildOptions`` arguments.
"""

from __future__ import annotations

import atexit
import contextlib
import gc

# A command is a short process that makes many objects which live to its end (models, compiled templates,
# pages): Python's cyclic collector, run every 700 new objects by default, walked them ~290 times in a rebuild
# after a one-procedure edit, about 0.09 s of CPU. Less often (and without the modules' objects: ``gc.freeze``
# in ``build``), ~0.02 s. Every 150,000: a rebuild of the example town after one edit makes ~72,000 (2026-12-07),
# so it walks none (at 50,000 it walked them once, ~0.008 s); a clean build still walks now and then. Cycles
# are still collected; the output is the same.
gc.set_threshold(150_000, 20, 20)
# And at the very end: when the interpreter exits it walks every object left once more (a full collection,
# then another as it clears the modules), only to free memory the system takes back anyway — ~0.09 s of CPU
# after a rebuild, ~10 % of it. Frozen objects are not walked. Registered first, so it runs last (exit
# handlers run in reverse order): every other handler (logging's flush, the pools' joins) has run by then.
# Nothing written is lost: files are closed by the code that writes them (a cycle's finalizer at exit was
# never promised by Python either).
atexit.register(gc.freeze)

from generator import compiled_texts  # noqa: E402

compiled_texts.install()  # (before the imports below make their dataclasses and models: generator/compiled_texts.py)

from generator import entry_points  # noqa: E402

entry_points.read_once()  # (before MkDocs and pydantic take importlib.metadata's function: generator/entry_points.py)

import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import click  # noqa: E402

from generator import environment, progress  # noqa: E402
from generator.errors import TetsuzukiError  # noqa: E402
from generator.model.options import BuildOptions  # noqa: E402

# Material prints a multi-line end-of-life notice on every run; the webmaster cannot act on it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@click.group()
def main() -> None:
    """手続きガイドの サイトを つくる ための コマンドです。"""
    from generator.dates import SOURCE_DATE_EPOCH, parse_source_date

    try:  # before any command: a bad value is the job's mistake, and no settings file is to blame
        parse_source_date(os.environ.get(SOURCE_DATE_EPOCH, ""))
    except TetsuzukiError as error:
        click.echo(str(error), err=True)
        sys.exit(1)


def _options(*, quiet: bool = False, pdfs_default: bool = True, pdf_workers: str | None = None) -> BuildOptions:
    """The build options the environment, ``--quiet`` and ``--pdf-workers`` give (``BadEnvironment`` names the
    variable or the option)."""
    from dataclasses import replace

    options = environment.build_options(os.environ, pdfs_default=pdfs_default)
    if pdf_workers is not None:  # the option wins over TETSUZUKI_PDF_WORKERS
        options = replace(options, pdf_workers=environment.pdf_workers(pdf_workers, "--pdf-workers"))
    return replace(options, quiet=True) if quiet else options


def _show_mkdocs_messages(level: int) -> None:
    """Print MkDocs' log (our input problems included) on stderr; MkDocs only does this in its own CLI."""
    global _handler
    logger = logging.getLogger("mkdocs")
    if _handler is not None:  # one handler, on the current stderr, however often the command runs in-process
        logger.removeHandler(_handler)
    _handler = logging.StreamHandler()
    _handler.setFormatter(_JapaneseLevels("%(levelname)s %(message)s"))
    logger.addHandler(_handler)
    logger.setLevel(level)


_handler: logging.Handler | None = None


class _JapaneseLevels(logging.Formatter):
    """MkDocs' log lines with the level in Japanese (「エラー」, not ``ERROR``): the reader is Japanese staff."""

    NAMES = {"DEBUG": "くわしく:", "INFO": "お知らせ:", "WARNING": "注意:", "ERROR": "エラー:", "CRITICAL": "エラー:"}

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace(record.levelname, self.NAMES.get(record.levelname, record.levelname), 1)


_config_option = click.option(
    "--config", "-f", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=Path("mkdocs.yml"),
    show_default=True, help="MkDocs の 設定ファイル。",
)
_quiet_option = click.option(
    "--quiet", "-q", is_flag=True,
    help="途中の ようす（PDF 10/87 など）を 出しません（CI=true の ときも 出しません）。",
)
_settings_option = click.option(
    "--settings", "-s", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="自治体の 設定ファイル（書かなければ mkdocs.yml の 設定）。",
)


@main.command()
@_config_option
@_settings_option
@click.option("--site-dir", "-d", type=click.Path(path_type=Path, file_okay=False), default=None, help="出力先（既定: site/）。")
@click.option(
    "--all", "all_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="municipalities/ の すべての 設定ファイルで、1自治体 1フォルダ（DIR/<ファイル名>/）に つくります。",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="--all で 同時に つくる 数（既定: CPU の 数）。")
@click.option(
    # Text, checked by generator/environment.py: a wrong value gets the same Japanese message as the variable's.
    "--pdf-workers", metavar="N", default=None,
    help="PDF を 同時に 作る プロセスの 数（既定: CPU の 数、4 まで。--all では 自治体ごとに 残りの CPU。1 で 1つずつ）。",
)
@click.option(
    "--shard", default=None, metavar="I/N",
    help="--all の 自治体を N組に 分けた うちの I組目だけ つくります（CI の 並列ジョブ用。例: 2/4）。",
)
@_quiet_option
def build(
    config_file: Path, settings: Path | None, site_dir: Path | None, all_dir: Path | None, jobs: int | None,
    pdf_workers: str | None, shard: str | None, quiet: bool,
) -> None:
    """サイトを つくります。失敗した ときは 前の サイトを そのまま 残します。"""
    with _imports_frozen():
        from mkdocs.exceptions import Abort, MkDocsException

        from generator.build import build_site

        _show_mkdocs_messages(logging.WARNING)
        # Our own notices (e.g. "PDF flyers could not be made") are INFO so strict mode does not fail on them.
        logging.getLogger("mkdocs.plugins.tetsuzuki").setLevel(logging.INFO)
        if shard is not None and all_dir is None:
            raise click.BadParameter("--shard は --all と いっしょに 使います。", param_hint="--shard")
        if all_dir is not None:
            sys.exit(_build_all(config_file, all_dir, jobs, _parse_shard(shard), pdf_workers, quiet))
        _require_config(config_file)
        try:
            options = _options(quiet=quiet, pdf_workers=pdf_workers)
            target = build_site(config_file, site_dir=site_dir, settings=settings, options=options)
        except (TetsuzukiError, MkDocsException, OSError, ValueError) as error:
            # OSError: a full disk or a locked file (Windows); ValueError: a feature refused the catalog.
            if isinstance(error, Abort):
                pass  # MkDocs has logged the reason already; its own "Aborted with a BuildError!" adds nothing
            elif not isinstance(error, (TetsuzukiError, MkDocsException)):
                click.echo(f"ビルドに 失敗しました: {type(error).__name__}: {error}", err=True)
            else:
                click.echo(str(error), err=True)
            click.echo("サイトは 更新して いません（前の サイトが そのまま 残って います）。", err=True)
            sys.exit(1)
        click.echo(f"サイトを つくりました: {target}")


@contextlib.contextmanager
def _imports_frozen() -> Iterator[None]:
    """While inside, the objects the imports made are left out of the cyclic collector's walks (``gc.freeze``):
    they live to the end of the command. Given back after (a command run in-process, by tests, leaks nothing).

    The build's modules are imported here first, with the collector paused: their ~37,000 objects would set off
    one walk of the young objects (the threshold above) that cost ~0.013 s of a rebuild after one edit and can
    free nothing. The collector is on again after (if it was), with them frozen."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        import generator.build  # noqa: F401 (see above)

        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    try:
        yield
    finally:
        gc.unfreeze()


def _require_config(config_file: Path) -> None:
    if not config_file.is_file():
        click.echo(
            f"{config_file} が 見つかりません（いまの フォルダ: {Path.cwd()}）。"
            "プロジェクトの フォルダ（mkdocs.yml の ある ところ）で 実行するか、--config で 指定して ください。",
            err=True,
        )
        sys.exit(1)


def _parse_shard(text: str | None) -> tuple[int, int] | None:
    """``"2/4"`` → ``(2, 4)``; anything else is a usage error."""
    import re

    if text is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise click.BadParameter("I/N の 形で、1 ≦ I ≦ N に して ください（例: 2/4）。", param_hint="--shard")
    return int(match[1]), int(match[2])


def _build_all(
    config_file: Path, out_dir: Path, jobs: int | None, shard: tuple[int, int] | None = None,
    pdf_workers: str | None = None, quiet: bool = False,
) -> int:
    from generator.build_towns import SiteResult, build_all, select_shard
    from generator.loading.catalog import misnamed_files
    from generator.project import read_project

    project = read_project(config_file)
    misnamed = misnamed_files(project.municipalities_dir)
    if misnamed:  # build --all would skip them: a town whose site silently stops being updated
        click.echo("\n".join(str(problem) for problem in misnamed) + "\n何も つくって いません。", err=True)
        return 1
    settings_files = select_shard(project.all_settings(), shard)
    if shard:
        click.echo(f"{shard[1]}組の うち {shard[0]}組目: {len(settings_files)} 自治体を つくります。", err=True)
    total = len(settings_files)
    done = 0

    def report(result: SiteResult) -> None:
        nonlocal done
        done += 1
        state = "失敗" if result.error else "変更なし（前の まま）" if result.skipped else "できました"
        if show:
            click.echo(f"[{done}/{total}] {result.settings.name}: {state}（{result.seconds:.1f} 秒）", err=True)
            if result.why:
                click.echo(f"  {result.why}", err=True)

    try:
        options = _options(quiet=quiet, pdf_workers=pdf_workers)
        # One result line per town even in CI (a CI log should say which town failed); only --quiet drops them.
        show = not options.quiet
        results = build_all(
            config_file, settings_files, out_dir, jobs=jobs, on_result=report, options=options
        )
    except TetsuzukiError as error:
        click.echo(str(error), err=True)
        return 1
    failed = [r for r in results if r.error]
    for result in failed:
        click.echo(f"\n{result.settings}:\n{result.error}", err=True)
    if failed:
        click.echo(f"\n{len(failed)} 件の 自治体で 失敗しました。その 自治体の フォルダは 前の まま です。", err=True)
        return 1
    skipped = sum(1 for r in results if r.skipped)
    note = f"（うち {skipped} 自治体は 入力が 変わって いないので 前の まま）" if skipped else ""
    click.echo(f"{total} 自治体の サイトを つくりました{note}: {out_dir}")
    return 0


@main.command()
@_config_option
@click.option(
    "--settings", "-s", "settings_files", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
    help="たしかめる 自治体の 設定ファイル（何回でも 書けます。書かなければ municipalities/ の すべて）。",
)
@click.option("--procedures", "procedures_dir", type=click.Path(path_type=Path, file_okay=False), default=None, help="手続きの フォルダ（既定: mkdocs.yml の 設定）。")
@click.option("--max-age-months", type=click.IntRange(min=1), default=12, show_default=True, help="内容を たしかめてから この 月数より 古いと 注意を 出します。")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="同時に たしかめる 自治体の 数（既定: CPU の 数）。")
@_quiet_option
def check(
    config_file: Path, settings_files: tuple[Path, ...], procedures_dir: Path | None, max_age_months: int,
    jobs: int | None, quiet: bool,
) -> None:
    """入力を すべて たしかめます（サイトは つくりません）。問題が あれば 終了コード 1。"""
    import datetime

    from generator.check import check_many, check_project
    from generator.project import read_project

    # Why no PDFs unless TETSUZUKI_FLYER_PDFS asks: checking needs every feature's validation (QR allowlist, …),
    # not the PDFs themselves; rendering 32 PDFs per municipality would make a check take tens of seconds.
    try:
        options = _options(quiet=quiet, pdfs_default=False)
    except TetsuzukiError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    progress.configure(show=options.progress)
    _require_config(config_file)
    project = read_project(config_file)
    procedures = procedures_dir or _near(project.procedures_dir)
    errors: set = set()
    warnings: set = set()
    words: set = set()
    readiness_lines: list[str] = []
    if settings_files:
        targets = list(settings_files)
    else:
        # Everything a build could load: every town of build --all, and the one mkdocs.yml names.
        errors.update(check_project(project))
        named = [project.default_settings] if project.default_settings.is_file() else []
        targets = [_near(path) for path in sorted({*project.all_settings(), *named})]
    today = datetime.date.today()
    done = 0

    def report(result) -> None:  # noqa: ANN001
        nonlocal done
        done += 1
        state = f"問題 {len(result.errors)} 件" if result.errors else "問題 なし"
        progress.say(f"[{done}/{len(targets)}] {result.settings}: {state}")

    results = check_many(
        procedures, targets, today=today, max_age_months=max_age_months, project=project, jobs=jobs, on_result=report,
        options=options,
    )
    for result in results:
        errors.update(result.errors)
        warnings.update(result.warnings)
        words.update(result.words)
        if result.readiness is not None:
            readiness_lines += [f"  {line}" for line in result.readiness.lines()]
    if readiness_lines:
        click.echo("公開までに 町が 書く こと（町ごと。tetsuzuki workbook write で 書きこむ 表を 作れます）:")
        click.echo("\n".join(readiness_lines))
    if words:
        click.echo(f"ことばの 点検が {len(words)} 件 あります（ふりがなの 読み・読みやすさ。ビルドは できます）:")
        for problem in sorted(words):
            click.echo(f"  {problem}")
    if warnings:
        click.echo(f"注意が {len(warnings)} 件 あります（ビルドは できます）:")
        for problem in sorted(warnings):
            click.echo(f"  {problem}")
    if errors:
        click.echo(f"問題が {len(errors)} 件 あります。直してから もう一度 たしかめて ください:")
        for problem in sorted(errors):
            click.echo(f"  {problem}")
        sys.exit(1)
    click.echo(f"問題は ありません（手続きの フォルダ: {procedures}、設定ファイル {len(targets)} 件）。")


def _near(path: Path) -> Path:
    """``path`` relative to the current folder when it is inside it: shorter lines in reports."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


@main.group()
def new() -> None:
    """新しい 手続きの ファイルや 自治体の 設定ファイルを、説明つきで 作ります。"""


@new.command("procedure")
@_config_option
@click.argument("procedure_id")
@click.option("--slug", required=True, help="URL に 使う 英小文字の 名前（例: hoikujo-riyou-shinsei）。")
def new_procedure(config_file: Path, procedure_id: str, slug: str) -> None:
    """手続きの ファイル procedures/<ID>-<slug>.yml を 作ります（ID は k01〜k15、c01〜c11、d01）。"""
    import re

    from generator.loading import procedure_files
    from generator.model.patterns import ID_RANGES, PROCEDURE_ID_BODY
    from generator.project import read_project
    from generator.scaffold import ScaffoldExists, procedure_scaffold, write_new

    if not re.fullmatch(PROCEDURE_ID_BODY, procedure_id):
        raise click.BadParameter(f"手続き ID は {ID_RANGES} の どれかです。", param_hint="PROCEDURE_ID")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise click.BadParameter("英小文字・数字と ハイフンだけで 書いて ください。", param_hint="--slug")
    folder = read_project(config_file).procedures_dir
    same_id = [p for p in procedure_files(folder) if p.name.startswith(f"{procedure_id}-")]
    if same_id:
        click.echo(f"手続き {procedure_id} の ファイルは もう あります: {same_id[0]}（上書きは しません）。", err=True)
        sys.exit(1)
    try:
        path = write_new(folder / f"{procedure_id}-{slug}.yml", procedure_scaffold(procedure_id, slug))
    except ScaffoldExists as error:
        click.echo(f"ファイルが もう あります: {error}（上書きは しません）。", err=True)
        sys.exit(1)
    click.echo(f"作りました: {path}\n「# ← 書いて ください」の ところを 書いたら、tetsuzuki check で たしかめて ください。")


@new.command("municipality")
@_config_option
@click.argument("file_name")
@click.option("--name", default=None, help="自治体の 名前（例: 上毛町）。")
def new_municipality(config_file: Path, file_name: str, name: str | None) -> None:
    """自治体の 設定ファイル municipalities/<FILE_NAME>.yml を 作ります（FILE_NAME は 英小文字、例: koge）。"""
    import re

    from generator.project import read_project
    from generator.scaffold import ScaffoldExists, municipality_scaffold, write_new

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", file_name):
        raise click.BadParameter("英小文字・数字と ハイフンだけで 書いて ください（例: koge）。", param_hint="FILE_NAME")
    folder = read_project(config_file).municipalities_dir
    try:
        path = write_new(folder / f"{file_name}.yml", municipality_scaffold(name))
    except ScaffoldExists as error:
        click.echo(f"ファイルが もう あります: {error}（上書きは しません）。", err=True)
        sys.exit(1)
    click.echo(f"作りました: {path}\n「# ← 書いて ください」の ところを 書いたら、tetsuzuki check --settings {path} で たしかめて ください。")


@main.command()
@_config_option
@_settings_option
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, help="プレビューの アドレス。")
def serve(config_file: Path, settings: Path | None, dev_addr: str) -> None:
    """プレビュー用の サーバーを 起動します。YAML を 直すと ページが 読みこみ直されます。"""
    from mkdocs.commands.serve import serve as mkdocs_serve

    # Why through the environment: MkDocs' own serve loads mkdocs.yml again on every change, so no argument
    # reaches the plugin; TETSUZUKI_SETTINGS is the variable plain `mkdocs serve` honours (the MkDocs edge).
    if settings is not None:
        os.environ[environment.SETTINGS_ENV] = str(settings.resolve())
    _show_mkdocs_messages(logging.INFO)
    mkdocs_serve(str(config_file), dev_addr=dev_addr, livereload=True)


@main.command("export")
@_config_option
@_settings_option
@click.argument("target", type=click.Path(path_type=Path, file_okay=False))
def export(config_file: Path, settings: Path | None, target: Path) -> None:
    """サイトを、tetsuzuki を 使わない ふつうの MkDocs の プロジェクトとして TARGET に 書き出します。"""
    from mkdocs.exceptions import MkDocsException

    from generator.export import export_project

    _show_mkdocs_messages(logging.WARNING)
    _require_config(config_file)
    try:
        result = export_project(config_file, target, settings=settings, options=_options())
    except (TetsuzukiError, MkDocsException) as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(
        f"書き出しました: {result.folder}（ページ {result.pages}、ファイル {result.files}）。"
        f"cd {result.folder} && mkdocs build で サイトに なります。"
    )


# --- Town settings as a spreadsheet for staff (issue 14) ---------------------------------------------------


@main.group()
def workbook() -> None:
    """自治体の 設定を 表（Excel の xlsx か CSV）で 書けるように します。"""


@workbook.command("write")
@_config_option
@click.argument("settings", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--out", "-o", "target", type=click.Path(path_type=Path), required=True,
              help="書き出す 表。.xlsx で おわれば Excel の ファイル、ほかは CSV の フォルダ（1シート 1ファイル）。")
def workbook_write(config_file: Path, settings: Path, target: Path) -> None:
    """設定ファイル SETTINGS を、書きこめる 表に します（いまの 値、一覧から えらぶ セル、説明の シートつき）。"""
    from generator.project import read_project
    from generator.workbook.files import export_settings

    try:
        written = export_settings(_near(read_project(config_file).procedures_dir), settings, target)
    except TetsuzukiError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"表を 作りました: {target}（{len(written)} ファイル）。書きこんだら tetsuzuki workbook read {target} --settings {settings} で 読みこみます。")


@workbook.command("read")
@_config_option
@click.argument("source", type=click.Path(path_type=Path, exists=True))
@click.option("--settings", "-s", "settings", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="書きこむ 設定ファイル（例: municipalities/koge.yml）。問題が ある ときは 変えません。")
@click.option("--force", is_flag=True, help="ほかの 町の 表でも 読みこみます（ふつうは 断ります）。")
def workbook_read(config_file: Path, source: Path, settings: Path, force: bool) -> None:
    """表 SOURCE を たしかめて、問題が なければ 設定ファイルに 書きます。問題は すべて セルの 場所つきで 出します。"""
    from generator.project import read_project
    from generator.workbook.files import import_settings

    try:
        result = import_settings(_near(read_project(config_file).procedures_dir), source, settings, force=force)
    except TetsuzukiError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    if result.converted:
        click.echo(f"{len(result.converted)} か所を 読みかえました（たしかめて ください）:")
        click.echo("\n".join(f"  {note}" for note in result.converted))
    if result.warnings:
        click.echo(f"注意が {len(result.warnings)} 件 あります:")
        click.echo("\n".join(f"  {note}" for note in result.warnings))
    if result.changed:
        click.echo(f"設定ファイルを 書きました: {settings}。tetsuzuki check --settings {settings} で たしかめられます。")
    else:
        click.echo(f"表と 設定ファイルは 同じです。{settings} は 変えて いません。")


# --- 「この ページは 役に 立ちましたか」 answers from the town's own access logs (issue 26) -----------------


@main.group()
def feedback() -> None:
    """「この ページは 役に 立ちましたか」の 答えを、ウェブサーバーの ログから 数えます。"""


@feedback.command("report")
@_config_option
@click.argument("logs", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--csv", "as_csv", is_flag=True, help="週と ページごとの 数を CSV（week,page,yes,no）で 出します。")
def feedback_report(config_file: Path, logs: tuple[Path, ...], as_csv: bool) -> None:
    """アクセスログ LOG…（nginx・Apache の combined 形式。gzip も 可）から、ページごと・週ごとの「はい」「いいえ」の 数を 出します。

    IP アドレスや ブラウザの 名前は 出しません。読めない 行は とばして、その 数を 出します。
    """
    from generator.feedback_report import count_files, format_csv, format_report

    try:
        counts = count_files(logs)
    except OSError as error:
        click.echo(f"ログを 読めませんでした: {error}", err=True)
        sys.exit(1)
    click.echo(format_csv(counts) if as_csv else format_report(counts, len(logs), _page_titles(config_file)), nl=False)


def _page_titles(config_file: Path) -> dict[str, str]:
    """The title of each page that asks (procedure id or life event → title), when the project can be read."""
    from generator.loading import load_catalog
    from generator.project import read_project
    from generator.vocabulary_words import vocabulary

    titles = {event.value: label for event, label in vocabulary().life_events.items()}
    try:
        project = read_project(config_file)
        catalog = load_catalog(project.procedures_dir, project.default_settings)
    except (TetsuzukiError, OSError):
        return titles  # the report is still right without them: the ids are printed on the staff page
    return titles | {procedure.id: procedure.title for procedure in catalog.procedures}


@main.group()
def readings() -> None:
    """やさしい日本語の ページの ふりがなの 読み（readings/*.yml）。"""


@readings.command("propose")
@_config_option
@_settings_option
def readings_propose(config_file: Path, settings: Path | None) -> None:
    """読みが まだ ない 漢字の ことばに、読みの 候補を 出します（SudachiPy が 必要）。

    候補は 画面に 出るだけです。一つずつ たしかめて から readings/*.yml に 書いて ください。
    """
    _require_config(config_file)
    from generator.editions.propose import as_yaml, proposals
    from generator.loading.readings import load_readings, settings_readings
    from generator.loading import load_catalog
    from generator.project import read_project

    project = read_project(config_file)
    settings = settings or project.default_settings
    try:
        catalog = load_catalog(project.procedures_dir, settings)
        table = load_readings(project.root / "readings").with_words(settings_readings(catalog.municipality), "settings")
    except TetsuzukiError as error:
        raise click.ClickException(str(error)) from None
    click.echo(as_yaml(proposals(project.root, table)), nl=False)


if __name__ == "__main__":
    main()
