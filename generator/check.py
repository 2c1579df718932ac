"""``tetsuzuki check``: every validation a build runs, plus warnings about content that needs a look.

Errors are what would stop a build (schema, cross-file checks, and whatever a feature refuses while the
site is assembled in memory, e.g. a flyer URL outside the allowlist). Warnings do not stop a build: a
``reviewed`` date older than the allowed age, and procedures a municipality marks ``online: yes`` without
giving the Mynaportal URL.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError, Problem, TetsuzukiError
from generator.collisions import docs_collisions
from generator.confinement import escapes
from generator.flyers.fit import fit_warnings
from generator.loading import load_catalog, procedure_files
from generator.loading.catalog import misnamed_files
from generator.loading.yaml_source import load_yaml
from generator.model import Catalog
from generator.model.options import BuildOptions
from generator.compose import assemble_site
from generator.editions import declared
from generator.editions.coverage import readings_problems
from generator.editions.edition import page_problems
from generator.loading.editions import editions_file, load_editions
from generator.model.edition import Edition
from generator.editions.reading_level import reading_level_warnings
from generator.project import Project
from generator.readiness import Readiness, readiness

DEFAULT_MAX_AGE_MONTHS = 12


@dataclass
class CheckResult:
    """What ``check`` found for one settings file (with every procedure)."""

    settings: Path
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    words: list[Problem] = field(default_factory=list)
    """Warnings about the words themselves: kanji without a reviewed reading, sentences over the reading-level
    targets (generator/editions/reading_level.py). Listed apart: they are an editor's to-do list."""
    readiness: Readiness | None = None
    """What the town has not told yet (``None`` when the input did not load)."""


def check_project(project: Project) -> list[Problem]:
    """What ``build`` and ``build --all`` would refuse before looking at any one town.

    The settings file named in mkdocs.yml must exist (``build`` uses it); settings files must be named
    ``<name>.yml`` (``build --all`` skips others) and no two may share a name (they would share a folder).
    """
    problems = []
    if not project.default_settings.is_file():
        text = project.config_file.read_text(encoding="utf-8")
        line = next((n for n, row in enumerate(text.splitlines(), start=1) if row.strip().startswith("settings:")), 1)
        message = f"設定ファイル {project.default_settings.name} が {project.municipalities_dir} に ありません（tetsuzuki build が 使います）。"
        problems.append(Problem(project.config_file, line, 1, "plugins.tetsuzuki.settings", message))
    problems += misnamed_files(project.municipalities_dir)
    stems: dict[str, list[Path]] = {}
    for path in project.all_settings():
        stems.setdefault(path.stem, []).append(path)
    for stem, paths in stems.items():
        if len(paths) > 1:
            names = "、".join(path.name for path in paths)
            message = f"{names} は 同じ 名前です（build --all では どちらも {stem}/ に 書かれます）。1つに して ください。"
            problems += [Problem(path, 1, 1, "", message) for path in paths]
    return problems


def check_municipality(
    procedures_dir: Path,
    settings: Path,
    *,
    today: datetime.date,
    max_age_months: int = DEFAULT_MAX_AGE_MONTHS,
    project: Project | None = None,
    options: BuildOptions | None = None,
) -> CheckResult:
    """Load, validate and assemble one municipality's site in memory (nothing is written).

    With ``project``, hand-written pages in its ``docs_dir`` that would collide with generated ones are
    reported too. ``options``: how the site is assembled; without them, as ``tetsuzuki check`` does: no PDFs
    (rendering them is minutes of work that a check of the input does not need).
    """
    result = CheckResult(settings)
    if project is not None:  # as the build does, before reading anything (generator/confinement.py)
        result.errors = escapes(project.root, [*filter(None, [project.docs_dir]), procedures_dir, settings])
        if result.errors:
            return result
    try:
        catalog = load_catalog(procedures_dir, settings)
    except InputError as error:
        result.errors = error.problems + (_hand_written_page_problems(project) if project is not None else [])
        return result
    catalog = dataclasses.replace(catalog, options=options or BuildOptions(pdfs=False))
    fit: list[Problem] = []
    try:
        output = assemble_site(catalog)
        fit = fit_warnings(procedures_dir, catalog, output.pages)
        if project is not None and project.docs_dir is not None:
            generated = [page.src_uri for page in output.pages] + [item.path for item in output.files]
            result.errors = docs_collisions(project.docs_dir, generated, use_directory_urls=project.use_directory_urls)
            result.errors += _hand_written_page_problems(project, declared(catalog))
    except InputError as error:
        result.errors = error.problems
    except (TetsuzukiError, ValueError) as error:
        # A feature refused the catalog without a file position; name the settings file that was built.
        result.errors = [Problem(settings, 1, 1, "", f"サイトを 組み立てられません: {error}")]
    # The words themselves (generator/editions): kanji without a reviewed reading, and the reading level.
    reading_errors, reading_warnings = readings_problems(procedures_dir.parent, settings, catalog.municipality)
    result.errors += reading_errors
    result.words = sorted(reading_warnings + reading_level_warnings(procedures_dir.parent))
    result.warnings = sorted(
        _stale(procedures_dir, settings, catalog, today, max_age_months)
        + _online_without_url(settings, catalog)
        + _no_base_url(settings, catalog)
        + _expired_notices(settings, catalog, today)
        + fit
    )
    result.readiness = readiness(catalog)
    return result


def _hand_written_page_problems(project: Project, editions: tuple[Edition, ...] | None = None) -> list[Problem]:
    """Each edition's hand-written pages, as the build's on_files reads them (generator/editions/edition.py);
    also when the rest of the input does not load, so that one run lists every missing text variant."""
    if project.docs_dir is None:
        return []
    if editions is None:
        try:
            editions = load_editions(editions_file(project.root))
        except InputError:
            return []  # the loader has reported the declaration
    return [problem for edition in editions[1:] for problem in page_problems(project.docs_dir, edition, editions)]


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (the last day of the month when that day does not exist)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for last in range(day.day, 0, -1):
        try:
            return datetime.date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable: day 1 exists in every month")


def _stale(procedures_dir: Path, settings: Path, catalog: Catalog, today: datetime.date, months: int) -> list[Problem]:
    limit = months_before(today, months)
    reviewed = {p.id: p.reviewed for p in catalog.procedures}
    problems = []
    for path in [*procedure_files(procedures_dir), settings]:
        document = load_yaml(path)
        data = document.data if isinstance(document.data, dict) else {}
        day = catalog.municipality.reviewed if path == settings else reviewed.get(str(data.get("id")))
        if day is not None and day < limit:
            message = (
                f"内容を たしかめた 日（{day.isoformat()}）から {months}か月 以上 たって います。"
                "出典を 見直して、変わって いなければ reviewed を 今日の 日付に して ください。"
            )
            problems.append(document.source.problem(("reviewed",), message))
    return problems


def _online_without_url(settings: Path, catalog: Catalog) -> list[Problem]:
    municipality = catalog.municipality
    missing = [i for i, local in municipality.procedures.items() if local.online == "yes" and not local.mynaportal_url]
    if not missing:
        return []
    source = load_yaml(settings).source
    message = (
        "online: yes ですが mynaportal_url が ありません。ぴったりサービスの 手続きページの URL を "
        "書くと、ページに「マイナポータルで 申請する」ボタンが 出ます。"
    )
    return [source.problem(("procedures", procedure_id, "online"), message) for procedure_id in missing]


def _no_base_url(settings: Path, catalog: Catalog) -> list[Problem]:
    """Without the published address there is nothing safe to put in a QR code, so no flyers are made."""
    if catalog.municipality.base_url:
        return []
    message = (
        "base_url が ないので、QR コードの チラシは 作りません（QR に 入れる アドレスが 決まらない ため）。"
        "サイトを 公開する https の アドレスを base_url に 書いて ください。"
    )
    return [Problem(settings, 1, 1, "base_url", message)]


def _expired_notices(settings: Path, catalog: Catalog, today: datetime.date) -> list[Problem]:
    """A notice past its ``until`` day is left out of a site built today; it should be removed."""
    municipality = catalog.municipality
    places = [(("notices", i), n) for i, n in enumerate(municipality.notices)]
    places += [
        (("procedures", pid, "notices", i), n)
        for pid, local in municipality.procedures.items() for i, n in enumerate(local.notices)
    ]
    expired = [(where, n) for where, n in places if n.until is not None and n.until < today]
    if not expired:
        return []
    source = load_yaml(settings).source
    return [
        source.problem((*where, "until"), f"お知らせの 最後の 日（{n.until.isoformat()}）を 過ぎて います。消して ください（今日 つくる サイトには 出ません）。")
        for where, n in expired
    ]


def check_many(
    procedures_dir: Path,
    targets: list[Path],
    *,
    today: datetime.date,
    max_age_months: int = DEFAULT_MAX_AGE_MONTHS,
    project: Project | None = None,
    jobs: int | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
    options: BuildOptions | None = None,
) -> list[CheckResult]:
    """``check_municipality`` for every settings file, in a process pool as ``build --all`` does (one town
    takes about a second, so 5,000 towns would take well over an hour one after another). ``on_result`` is
    called as each town finishes; the results come back in the order of ``targets``."""
    arguments = dict(today=today, max_age_months=max_age_months, project=project, options=options)
    results: dict[Path, CheckResult] = {}
    workers = jobs or os.cpu_count() or 1
    if len(targets) < 3 or workers < 2:
        for settings in targets:
            results[settings] = check_municipality(procedures_dir, settings, **arguments)
            if on_result is not None:
                on_result(results[settings])
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(check_municipality, procedures_dir, s, **arguments): s for s in targets}
            for future in as_completed(futures):
                settings = futures[future]
                try:
                    results[settings] = future.result()
                except BrokenProcessPool as error:
                    message = f"たしかめる プロセスが 途中で 止まりました（{error}）。"
                    results[settings] = CheckResult(settings, errors=[Problem(settings, 1, 1, "", message)])
                if on_result is not None:
                    on_result(results[settings])
    return [results[settings] for settings in targets]
