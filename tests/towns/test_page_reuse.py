"""Page-level reuse inside a town (generator/cache/pages.py) and what a rebuild keeps between builds (parsed
input files, compiled templates, the holidays, the question flow's walk, the written stylesheet): a rebuild
writes exactly, byte for byte, what a clean build of the same input writes — a fresh process without any
cache — and an edit shows on every page it touches."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

import generator.build
import generator.cache.pages
from generator.build import build_site
from generator.cache import renders
from generator.cache.pages import PageMemo
from generator.environment import CACHE_DIR_ENV, CACHE_ENV
from generator.flyers.feature import PDF_ENV
from tests.commands.conftest import small_project
from tests.towns.clean_builds import run_fresh


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    # One step title of one procedure (its page, its flyer's print page, both editions).
    "procedure": lambda project: _replace(
        next((project / "procedures").glob("k01-*.yml")), "  - title: アプリを 入れる", "  - title: アプリを いれて おく"
    ),
    # One town setting shown on many pages (a department's phone number).
    "town setting": lambda project: _replace(
        project / "municipalities" / "testtown.yml", "phone: 0123-45-0001", "phone: 0123-45-0002"
    ),
    # The page frame every page is rendered in (the project's theme template).
    "theme template": lambda project: _replace(project / "theme" / "base.html", "</body>", "<!-- edited --></body>"),
    # A reading: the pages MkDocs renders are the same, only the やさしい日本語 edition's finishing changes.
    "reading": lambda project: _replace(project / "readings" / "words.yml", "手続き: てつづき", "手続き: てつずき"),
    # A life event's guide (its page in both editions).
    "life event": lambda project: _replace(
        project / "life_events" / "birth.yml", "title: 児童手当を 申し込む", "title: 児童手当を すぐに 申し込む"
    ),
    # The first 「大事な こと」 of a procedure: on its page, its flyer and its review sheet, in both editions (print
    # pages and review sheets are kept by the values their templates are given: generator/cache/renders.py).
    "flyer line": lambda project: _replace(
        next((project / "procedures").glob("k01-*.yml")), "大事な テストの 注意です。", "大事な テストの 注意点です。"
    ),
    # The town's main contact: in the footer of every page (the theme's values of the town).
    "town contact": lambda project: _replace(
        project / "municipalities" / "testtown.yml", "phone: 0123-45-6789", "phone: 0123-45-6780"
    ),
    # A hand-written page's title: its page, and the footer of every page, which lists it (the navigation).
    "footer page title": lambda project: _replace(
        project / "docs" / "about.md", "title: この サイトに ついて", "title: この サイトの なりたち"
    ),
    # The MkDocs configuration: one more stylesheet, linked from every page.
    "mkdocs.yml": lambda project: (
        (project / "docs" / "extra.css").write_text("p { margin: 0 }\n", encoding="utf-8"),
        _replace(project / "mkdocs.yml", "  - assets/stylesheets/tetsuzuki.css", "  - assets/stylesheets/tetsuzuki.css\n  - extra.css"),
    ),
    # A hand-written page's text (its Markdown: the page and the やさしい日本語 edition's copy are converted again).
    "help page text": lambda project: _replace(
        project / "docs" / "help" / "pin.md", "でも、設定し直せば、", "でも、あんしんして ください。設定し直せば、"
    ),
    # A Markdown setting in mkdocs.yml: every hand-written page's headings get a permalink.
    "markdown setting": lambda project: _replace(project / "mkdocs.yml", "  - toc:\n", "  - toc:\n      permalink: true\n"),
    # A sentence over the standard edition's 60 characters in a help page: the reading-level report lists it (and
    # the page and its やさしい日本語 copy show it).
    "long sentence": lambda project: _replace(
        project / "docs" / "help" / "pin.md", "でも、設定し直せば、",
        "この ぶんは よみやすさの しらべで ながすぎると しめされる ように わざと とても ながく かいた テストの ための ぶんですので きにしないで ください。でも、設定し直せば、",
    ),
    # A word of the finder's dictionary (finder/synonyms.yml): k01's index text on 「手続きを さがす」 in both editions
    # (the index texts are kept by what they are made from: generator/site/search_text.py, IndexTexts).
    "finder word": lambda project: _replace(
        project / "finder" / "synonyms.yml", "groups:\n", "groups:\n  - words: [あかご]\n    means: [あかちゃん]\n"
    ),
    # A procedure's search keyword: its index text on 「手続きを さがす」 (and nothing else a resident reads).
    "keyword": lambda project: _replace(
        next((project / "procedures").glob("k01-*.yml")), "keywords: [あかちゃん]", "keywords: [あかちゃん, うぶゆ]"
    ),
    # The questions of わたしの 手続き (its rules file, read by the page's script, in both editions).
    "question flow": lambda project: _replace(project / "questions" / "flow.yml", "label: 災害", "label: 台風や 地震"),
}

SHOWN = {
    "life event": (["kurashi/birth/index.html", "yasashii/kurashi/birth/index.html"], "すぐに"),
    "question flow": (["watashi/flow.json", "yasashii/watashi/flow.json"], "地震"),
    "flyer line": (["chirashi/k01/index.html", "yasashii/chirashi/k01/index.html", "chirashi/kakunin/k01/index.html"], "注意点"),
    "town contact": (["index.html", "help/index.html", "yasashii/kosodate/index.html"], "0123-45-6780"),
    "footer page title": (["index.html", "kosodate/test-jidou-teate/index.html", "yasashii/index.html"], "なりたち"),
    "mkdocs.yml": (["index.html", "help/index.html", "yasashii/sagasu/index.html"], "extra.css"),
    "help page text": (["help/pin/index.html", "yasashii/help/pin/index.html"], "あんしんして"),
    "long sentence": (["chirashi/yomiyasusa/index.html"], "このぶんはよみやすさのしらべで"),
    "finder word": (["sagasu/index.html", "yasashii/sagasu/index.html"], "あかご"),
    "reading": (["sagasu/index.html"], ",てつず/"),
    "keyword": (["sagasu/index.html", "yasashii/sagasu/index.html"], "うぶゆ"),
    "markdown setting": (["help/pin/index.html", "yasashii/about/index.html"], 'class="headerlink"'),
}

SKIPS_THE_THEME = {
    "procedure", "town setting", "flyer line", "life event", "question flow", "help page text", "long sentence",
    "finder word", "keyword",
}
"""The edits after which most pages are not put through the theme again: the others change what every page's theme
pass or finishing reads (the theme, the town's values, the navigation, the configuration, the readings)."""

MAKES_PRINT_PAGES = {"procedure", "town setting", "flyer line", "town contact", "keyword"}
"""The edits that change print pages or review sheets (the others change none: all of them are kept)."""

CHANGES_READING_LEVELS = {"help page text", "question flow", "long sentence", "flyer line"}
"""The edits that change a source page's sentences, so the staff pages' reading levels (generator/flyers/pages.py:
the reading-level page, kept by each page's path and sentences) are made again; after the others it is kept."""

CONVERTS_MARKDOWN = {"help page text": 2, "long sentence": 2, "markdown setting": None, "mkdocs.yml": None}
"""The edits after which hand-written pages' Markdown is converted again (generator/mkdocs_plugin/kept_markdown.py):
how many pages (``None``: all of them); after the others none is."""
"""Where an edit must show (after the editions' finishing: ふりがな and U+200B taken out)."""

RENDERED = {
    # The pages that show a procedure only by its title, address and QR code (its short links, the pages that list
    # it as related, the QR card sheets, the class kit's card sheets, the staff page) are given only those values
    # (generator/site/pages.py ListedProcedure, generator/flyers/pages.py CardFace): an edit of its steps keeps them.
    "procedure": (
        {"chirashi/k01/", "kosodate/test-jidou-teate/"},  # (the flyer and the page show the step)
        {"p/k01/", "p/K01/", "hisai/test-risai/", "chirashi/cards-all/", "chirashi/cards-kosodate/",
         "chirashi/kyoushitsu-jidou-teate/cards/", "chirashi/"},
    ),
}
"""Pages (by address) an edit must render again, and pages it must keep (``renders.Renders.rendered``)."""

GUIDE = """\
# Test fixture: not real guidance.
event: birth
intro: テストの 説明です。
steps:
  - title: 児童手当を 申し込む
    text: テストの 説明です。
    procedures: [k01]
reviewed: 2026-11-29
sources:
  - title: テストの 出典
    url: https://www.example.jp/
    kind: official
    supports: [steps.1]
"""

FLOW = """\
# Test fixture: not real guidance.
questions:
  - id: topic
    kind: one
    text: どんな ことで 手続きを さがして いますか。
    ask: いまの ようすを 話して、どの 手続きが 必要か
    options:
      - value: child
        label: 子育て
      - value: disaster
        label: 災害
rules:
  - procedure: k01
    when: [{topic: [child]}]
    because: テストの 理由です。
  - procedure: d01
    when: [{topic: [disaster]}]
    because: テストの 理由です。
order: [k01, d01]
reviewed: 2026-11-29
"""


@pytest.fixture
def memos(monkeypatch: pytest.MonkeyPatch) -> list[PageMemo]:
    """Every PageMemo the builds make, so a test can see that pages were reused (and which were made)."""
    made: list[PageMemo] = []

    class Recorded(PageMemo):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(generator.build, "PageMemo", Recorded)
    return made


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(PDF_ENV, "0")
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(CACHE_ENV, raising=False)
    project = small_project(tmp_path / "project")
    # (the example's guides and questions name all 27 procedures: small ones that name the test town's two)
    (project / "life_events" / "birth.yml").write_text(GUIDE, encoding="utf-8")
    (project / "questions").mkdir(exist_ok=True)
    (project / "questions" / "flow.yml").write_text(FLOW, encoding="utf-8")
    return project


def _clean_build_started(project: Path, target: Path, code: Path | None = None) -> Callable[[], dict[str, str]]:
    """Start the site a process that has built nothing builds with no cache at all (nothing kept in memory either)
    from the project as it is now (``tests/towns/clean_builds.py``); the function returned waits for it and gives
    its files. ``code``: a folder holding the ``generator`` package to run instead of the installed one. Started as
    soon as the input is edited, it runs beside the rebuild this process makes (about 1 s of each test's 3.5, on
    the CPU the other worker's browser tests leave idle)."""
    environment = {**os.environ, CACHE_ENV: "0", PDF_ENV: "0", "NO_MKDOCS_2_WARNING": "1"}
    finished = run_fresh(project, environment, ["build", "-d", str(target), "-q"], module="generator.cli", package=code)

    def files() -> dict[str, str]:
        status, stderr = finished()
        assert status == 0, stderr[-3000:]
        return _tree(target)

    return files


def _clean_build(project: Path, target: Path, monkeypatch: pytest.MonkeyPatch, code: Path | None = None) -> dict[str, str]:
    """``_clean_build_started``, waited for at once."""
    return _clean_build_started(project, target, code)()


def _shown(site: Path, page: str) -> str:
    return re.sub(r"<rt>.*?</rt>|</?ruby>|\u200b", "", (site / page).read_text(encoding="utf-8"))


def test_a_forked_clean_build_is_what_a_new_process_writes(project: Path, tmp_path: Path) -> None:
    # What lets the clean builds run in forks of one process that has only imported the code (clean_builds.py).
    EDITS["procedure"](project)
    forked = _clean_build_started(project, tmp_path / "forked")
    environment = {**os.environ, CACHE_ENV: "0", PDF_ENV: "0", "NO_MKDOCS_2_WARNING": "1"}
    new = run_fresh(project, environment, ["build", "-d", str(tmp_path / "new"), "-q"], module="generator.cli",
                    package=Path(generator.__file__).parent.parent)
    assert new()[0] == 0
    assert forked() == _tree(tmp_path / "new")
    assert _tree(tmp_path / "new")


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_rebuild_after_an_edit_is_byte_identical_to_a_clean_build(
    edit: str, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memos: list[PageMemo]
) -> None:
    site = tmp_path / "site"
    before = _tree(build_site(project / "mkdocs.yml", site_dir=site))
    EDITS[edit](project)
    clean_build = _clean_build_started(project, tmp_path / "clean")
    renders.RECENT.clear()
    converted = _count_markdown_conversions(monkeypatch)
    rendered = _record_rendered(monkeypatch)
    after = _tree(build_site(project / "mkdocs.yml", site_dir=site))
    reused = memos[-1]
    staff = {b"flyers.staff", b"flyers.reading_level"}
    made = sum(r.made for r in renders.RECENT if r.environment not in staff)
    asked = sum(r.asked for r in renders.RECENT if r.environment not in staff)
    levels_made = sum(r.made for r in renders.RECENT if r.environment == b"flyers.reading_level")
    levels_asked = sum(r.asked for r in renders.RECENT if r.environment == b"flyers.reading_level")
    clean = clean_build()

    assert after == clean
    assert after != before  # the edit shows
    assert reused.hits > 0, "nothing was reused: the test would not see a wrong reuse"
    if edit != "theme template":  # (the frame of every page changed: nothing can be reused)
        assert reused.misses > 0
    assert (reused.themed_hits > 0) == (edit in SKIPS_THE_THEME), f"{reused.themed_hits} pages skipped the theme"
    assert 0 < asked and made < asked, "no print page was kept: the test would not see a wrong reuse"
    assert (made > 0) == (edit in MAKES_PRINT_PAGES), f"{made} of {asked} print pages made again"
    assert levels_asked == 1
    assert levels_made == (edit in CHANGES_READING_LEVELS), "the reading-level page made again, or kept"
    pages, words = SHOWN.get(edit, ([], ""))
    for page in pages:
        assert words in _shown(site, page), f"{page} does not show the edit"
    hand_written = len(list((project / "docs").rglob("*.md"))) * 2  # (each edition's copy)
    expected = CONVERTS_MARKDOWN.get(edit, 0)
    assert len(converted) == (hand_written if expected is None else expected), converted
    made_again, kept = RENDERED.get(edit, (set(), set()))
    assert made_again <= set(rendered), sorted(made_again - set(rendered))
    assert not kept & set(rendered), sorted(kept & set(rendered))


def _record_rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses of the pages rendered from now on (not kept: ``renders.Renders.rendered``)."""
    made: list[str] = []
    rendered = renders.Renders.rendered

    def recorded(self, template, url, data, render):  # noqa: ANN001, ANN202
        return rendered(self, template, url, data, lambda: (made.append(url), render())[1])

    monkeypatch.setattr(renders.Renders, "rendered", recorded)
    return made


def _count_markdown_conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The hand-written pages whose Markdown MkDocs converts from now on (``Page.render``)."""
    from mkdocs.structure.pages import Page

    converted: list[str] = []
    render = Page.render

    def counted(self, config, files) -> None:  # noqa: ANN001
        converted.append(self.file.src_uri)
        render(self, config, files)

    monkeypatch.setattr(Page, "render", counted)
    return converted


def test_a_title_edit_shows_on_every_page_that_names_it_and_in_both_editions(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memos: list[PageMemo]
) -> None:
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site_dir=site)
    k01 = next((project / "procedures").glob("k01-*.yml"))
    _replace(k01, "title: テストの 手続き いち", "title: テストの 手続き いちばん")
    _replace(k01, "reviewed: 2026-11-01", "reviewed: 2026-11-20")  # the page's date in the sitemap
    clean_build = _clean_build_started(project, tmp_path / "clean")
    renders.RECENT.clear()
    after = _tree(build_site(project / "mkdocs.yml", site_dir=site))
    assert memos[-1].hits > 0

    assert after == clean_build()
    # The feedback answer pages are kept by their own block (generator/site/pages.py, GivenPages): k01's two
    # (「はい」 and 「いいえ」, which name its title) are made again, the others are kept.
    feedback = [r for r in renders.RECENT if r.environment == b"site.feedback"]
    assert [(r.made, r.asked > 2) for r in feedback] == [(2, True)]
    # Its category, the life event and the related procedure that list it, the finder's index, the change
    # history, the staff's flyer list, and the same pages of the やさしい日本語 edition.
    for page in ("kosodate/index.html", "kurashi/birth/index.html", "hisai/test-risai/index.html",
                 "sagasu/index.html", "koushin/index.html", "chirashi/index.html", "yasashii/kosodate/index.html",
                 "p/k01/index.html", "chirashi/cards-all/index.html", "chirashi/kyoushitsu-jidou-teate/cards/index.html",
                 "yasashii/chirashi/cards-all/index.html", "yasashii/hisai/test-risai/index.html",
                 "yasashii/kurashi/birth/index.html", "yasashii/sagasu/index.html", "yasashii/p/k01/index.html",
                 "fb/k01/yes/index.html", "fb/k01/no/index.html"):
        assert "いちばん" in _shown(site, page), f"{page} still shows the old title"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"kosodate/test-jidou-teate/</loc>\s*<lastmod>2026-11-20</lastmod>", sitemap), sitemap[:2000]


def test_a_new_printed_date_makes_every_print_page_again(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The 作成日 of the print pages is the build's SOURCE_DATE_EPOCH: a value of the sheet every print page is given
    # (generator/flyers/content.py, Sheet), never of a procedure or the town.
    site = tmp_path / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01
    build_site(project / "mkdocs.yml", site_dir=site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    clean_build = _clean_build_started(project, tmp_path / "clean")
    renders.RECENT.clear()
    after = _tree(build_site(project / "mkdocs.yml", site_dir=site))
    printed = [r for r in renders.RECENT if r.environment == b"flyers.print_pages"]
    assert sum(r.made for r in printed) == sum(r.asked for r in printed) > 0
    assert after == clean_build()
    assert "2026年1月1日" in _shown(site, "chirashi/k01/index.html")


def test_a_page_changed_in_the_output_since_the_last_build_is_made_again(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memos: list[PageMemo]
) -> None:
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site_dir=site)
    page = site / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>tampered</p></body>"), encoding="utf-8")
    (site / "kosodate" / "index.html").unlink()
    # (as in a new process: nothing this one finished is in its memory, so the pages come from the site or are made)
    monkeypatch.setattr(generator.cache.pages, "_RECENT", generator.cache.pages._Recent(limit=48 * 1024 * 1024))
    after = _tree(build_site(project / "mkdocs.yml", site_dir=site))
    assert memos[-1].misses >= 2 and memos[-1].hits > 0 and memos[-1].themed_hits > 0
    assert after == _clean_build(project, tmp_path / "clean", monkeypatch)


def test_a_page_the_last_build_wrote_for_the_same_theme_key_skips_mkdocs_page_pass_and_is_the_file_read_back(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memos: list[PageMemo]
) -> None:
    # generator/build.py, _reusing_pages: after a procedure edit most pages are written as the bytes the last build
    # wrote (a hard link), without MkDocs' page pass; the used-CSS step is given those bytes and their SHA-256 from
    # the page memo (stylesheets.write_used_material_css), which must be the digest of exactly those bytes.
    import mkdocs.commands.build as mkdocs_commands

    from generator.mkdocs_plugin.plugin import TetsuzukiPlugin

    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site_dir=site)
    EDITS["procedure"](project)
    monkeypatch.setattr(generator.cache.pages, "_RECENT", generator.cache.pages._Recent(limit=48 * 1024 * 1024))
    passes: list[str] = []
    page_pass = mkdocs_commands._build_page
    monkeypatch.setattr(mkdocs_commands, "_build_page", lambda page, *rest: (passes.append(page.file.dest_uri), page_pass(page, *rest))[1])
    plugins: list[TetsuzukiPlugin] = []
    post_build = TetsuzukiPlugin.on_post_build
    monkeypatch.setattr(TetsuzukiPlugin, "on_post_build", lambda self, config: (plugins.append(self), post_build(self, config))[1])
    build_site(project / "mkdocs.yml", site_dir=site)

    memo, plugin = memos[-1], plugins[-1]
    pages = [uri for uri in plugin.written if uri.endswith(".html")]
    assert memo.themed_hits > 50 and len(passes) == len(pages) - memo.themed_hits, (len(passes), len(pages), memo.themed_hits)
    assert "kosodate/test-jidou-teate/index.html" in passes and "index.html" not in passes
    assert memo.linked >= memo.themed_hits
    assert len(plugin.written_digests) == len(plugin.written)  # (every page's digest known: none hashed again)
    for uri, data in plugin.written.items():
        assert data == (site / uri).read_bytes(), uri
        assert plugin.written_digests[uri] == hashlib.sha256(data).hexdigest(), uri


def test_a_reused_page_that_cannot_be_written_fails_the_build_as_mkdocs_page_pass_says_it(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # (a page written without MkDocs' pass, generator/build.py _reusing_pages: a full disk says what MkDocs says)
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site_dir=site)
    before = _tree(site)

    write_or_link = PageMemo.write_or_link

    def full(self: PageMemo, content: bytes, output_path: str, staging: Path, write: Callable) -> None:
        if os.path.relpath(output_path, staging) == "index.html":  # (the home page, reused: nothing changed)
            raise OSError(28, "No space left on device")
        write_or_link(self, content, output_path, staging, write)

    monkeypatch.setattr(PageMemo, "write_or_link", full)
    with pytest.raises(OSError, match="No space left"):
        build_site(project / "mkdocs.yml", site_dir=site)
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("Error building page")] == [
        "Error building page 'index.md': [Errno 28] No space left on device"]
    assert _tree(site) == before  # (the previous site stays)


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The code fingerprint, the string tables and the templates read from a copy of the generator package a test
    may edit (a clean build runs that copy: ``_clean_build(..., code=copy.parent)``)."""
    from generator import templating
    from generator.cache import fingerprint
    from generator.loading import strings

    copy = tmp_path / "generator"
    shutil.copytree(fingerprint.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    monkeypatch.setattr(fingerprint, "PACKAGE", copy)
    monkeypatch.setattr(strings, "TABLES", copy / "strings")
    monkeypatch.setattr(templating, "TEMPLATES", copy / "templates")
    _code_changed()
    yield copy
    _code_changed()  # (the real package's fingerprint and tables again after the test)


def _code_changed() -> None:
    """What a new process would see: the fingerprint computed and the tables read afresh."""
    from generator import templating
    from generator.cache import fingerprint
    from generator.loading import strings

    fingerprint.code_fingerprint.cache_clear()
    strings._table.cache_clear()
    templating.shared_environment.cache_clear()  # (environments made with the templates folder of the time)


def test_a_string_table_edit_is_byte_identical_to_a_clean_build(
    package_copy: Path, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memos: list[PageMemo]
) -> None:
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site_dir=site)
    # The edition switch link: written by the editions' finishing, after MkDocs rendered the page, so the page
    # MkDocs renders is unchanged — only the code fingerprint (which covers the string tables) tells them apart.
    _replace(package_copy / "strings" / "ja.yml", "to_yasashii: やさしい日本語", "to_yasashii: やさしい にほんご")
    _code_changed()
    clean_build = _clean_build_started(project, tmp_path / "clean", code=package_copy.parent)
    after = _tree(build_site(project / "mkdocs.yml", site_dir=site))
    assert memos[-1].hits == 0  # every key holds the code fingerprint
    assert after == clean_build()
    assert "data-edition>やさしい にほんご（" in (site / "kosodate" / "index.html").read_text(encoding="utf-8")


def test_a_package_template_edit_is_byte_identical_to_a_clean_build(
    package_copy: Path, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Compiled templates are kept between builds (generator/cache/templates.py): an edited template is compiled
    # again, in this process (its compiled code is in memory) and in the next (on disk).
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site_dir=site)
    template = package_copy / "templates" / "procedure.html"
    template.write_text(template.read_text(encoding="utf-8") + "<p>テンプレートを ためしに かえました</p>\n", encoding="utf-8")
    _code_changed()
    clean_build = _clean_build_started(project, tmp_path / "clean", code=package_copy.parent)
    after = _tree(build_site(project / "mkdocs.yml", site_dir=site))
    assert after == clean_build()
    for page in ("kosodate/test-jidou-teate/index.html", "yasashii/kosodate/test-jidou-teate/index.html"):
        assert "ためしにかえました" in re.sub(r" |<wbr>", "", _shown(site, page)), f"{page} does not show the edit"


def test_the_code_fingerprint_covers_templates_and_string_tables(package_copy: Path) -> None:
    from generator.cache.fingerprint import code_fingerprint

    seen = {code_fingerprint()}
    for path in (package_copy / "strings" / "ja.yml", package_copy / "templates" / "procedure.html"):
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        _code_changed()
        seen.add(code_fingerprint())
    assert len(seen) == 3


SERVE_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

# What MkDocs' serve does for a build (mkdocs.commands.serve): mkdocs.yml loaded, the serve address.
config = load_config(config_file="mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="serve", dirty=False)
config.site_url = "http://127.0.0.1:8000/"
build(config, serve_url="http://127.0.0.1:8000/")
"""


def _serve_rebuilds(project: Path, site: Path, monkeypatch: pytest.MonkeyPatch, edits: list) -> dict[str, str]:
    """The preview server's builds in this process (``tetsuzuki serve`` is MkDocs' serve): one, then one after
    each of ``edits``; returns the last site."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.chdir(project)
    monkeypatch.delenv("TETSUZUKI_SETTINGS", raising=False)

    def serve_build() -> None:
        config = load_config(config_file="mkdocs.yml", site_dir=str(site))
        config.site_url = "http://127.0.0.1:8000/"
        build(config, serve_url="http://127.0.0.1:8000/")
        plugins.append(config.plugins["tetsuzuki"])

    plugins: list = []
    first = load_config(config_file="mkdocs.yml", site_dir=str(site))
    first.plugins.on_startup(command="serve", dirty=False)
    try:
        serve_build()
        for edit in edits:
            edit()
            serve_build()
    finally:
        first.plugins.on_shutdown()
    assert all(plugin is plugins[0] for plugin in plugins)  # (MkDocs keeps the instance: what is kept lives there)
    return _tree(site)


def _fresh_serve_build(project: Path, target: Path, code: Path | None = None) -> dict[str, str]:
    """The same build by a process that has built nothing: the preview server's first build, with nothing in memory."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("TETSUZUKI_SETTINGS", None)
    status, stderr = run_fresh(project, environment, [str(target)], code=SERVE_BUILD, package=code)()
    assert status == 0, stderr[-3000:]
    return _tree(target)


def test_a_preview_server_rebuild_is_byte_identical_to_its_first_build_in_a_fresh_process(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memos: list[PageMemo]
) -> None:
    # The preview server keeps in its memory what a build keeps on disk (generator/kept.py, the print pages, the
    # finished pages): after an edit it shows exactly what a server started afresh would.
    from generator.editions import SitePages

    finished: list[str] = []
    finish = SitePages.finish
    monkeypatch.setattr(SitePages, "finish", lambda self, url, html: finished.append(url) or finish(self, url, html))

    def edited(edit) -> None:  # noqa: ANN001
        edit(project)
        renders.RECENT.clear()
        finished.clear()

    site = tmp_path / "preview"
    edits = [EDITS["procedure"], EDITS["flyer line"], EDITS["town setting"]]
    after = _serve_rebuilds(project, site, monkeypatch, [lambda edit=edit: edited(edit) for edit in edits])
    pages = len(list(site.rglob("*.html")))
    assert 0 < len(finished) < pages / 2, f"{len(finished)} of {pages} pages finished again"
    assert 0 < sum(r.made for r in renders.RECENT) < sum(r.asked for r in renders.RECENT)
    assert after == _fresh_serve_build(project, tmp_path / "fresh")
    assert "注意点" in _shown(site, "chirashi/k01/index.html")


def test_a_package_template_edited_while_the_preview_server_runs_shows(
    package_copy: Path, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rebuild of the running server computes the code fingerprint again: a print page kept in its memory is
    # not used once its template changed.
    template = package_copy / "templates" / "flyers" / "_document.html"

    def edit() -> None:
        text = template.read_text(encoding="utf-8")
        template.write_text(text.replace("</body>", "<p>テンプレートを かえました</p></body>", 1), encoding="utf-8")

    site = tmp_path / "preview"
    after = _serve_rebuilds(project, site, monkeypatch, [edit])
    assert "かえました" in _shown(site, "chirashi/k01/index.html")
    assert after == _fresh_serve_build(project, tmp_path / "fresh", code=package_copy.parent)


def test_the_published_part_of_material_is_what_the_written_pages_use(project: Path, tmp_path: Path) -> None:
    # The plugin gives the used-CSS step the pages as it wrote them (not read back from the disk): the stylesheet
    # must be the one the files on the disk need.
    import material

    from generator.site.stylesheets import MATERIAL_CSS, write_used_material_css

    site = build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    (source,) = (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")
    write_used_material_css(copy, source.read_text(encoding="utf-8"))  # every file read back
    assert (copy / MATERIAL_CSS).read_bytes() == (site / MATERIAL_CSS).read_bytes()


def test_a_hand_written_page_whose_conversion_warned_is_converted_again_and_warns_again(
    project: Path, tmp_path: Path
) -> None:
    # A kept conversion stands for one that said nothing: a link to a missing page (an error in strict mode) must
    # stop every build, also the next one in the same process (generator/mkdocs_plugin/kept_markdown.py).
    from mkdocs.exceptions import Abort

    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site_dir=site)
    broken = project / "docs" / "help" / "broken.md"
    broken.write_text("---\ntitle: こわれた リンク\n---\n\n[どこにも ない ページ](missing.md)\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(Abort, match="strict mode"):
            build_site(project / "mkdocs.yml", site_dir=site)


def test_the_markdown_key_holds_every_file_address_and_is_off_with_another_plugin() -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    from generator.mkdocs_plugin import kept_markdown
    from tests.conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    docs = str(ROOT / "docs")

    def files(*uris: str) -> Files:
        return Files([File(uri, docs, config.site_dir, config.use_directory_urls) for uri in uris])

    one = kept_markdown.digest(config, files("help/pin.md", "help/prepare.md"))
    assert one is not None and one == kept_markdown.digest(config, files("help/pin.md", "help/prepare.md"))
    assert one != kept_markdown.digest(config, files("help/pin.md", "help/prepare/index.md"))  # (prepare.md's address)
    assert one != kept_markdown.digest(config, files("help/pin.md"))
    config.plugins["search"] = object()  # (what another plugin does to a page is not known here)
    assert kept_markdown.digest(config, files("help/pin.md", "help/prepare.md")) is None


# --- The files and folders of a rebuild (generator/output_swap.py, staging_folder; generator/cache/pages.py,
# write_or_link): a third build is written into the emptied folders of the first, and its unchanged pages are hard
# links to the second's files. ---


def _folders(folder: Path) -> dict[str, int]:
    """Every folder inside ``folder`` and its permissions."""
    return {str(p.relative_to(folder)): p.stat().st_mode & 0o7777 for p in sorted(folder.rglob("*")) if p.is_dir()}


def test_a_site_built_into_the_folders_of_the_site_before_last_with_linked_pages_is_a_clean_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memos: list[PageMemo]
) -> None:
    site = tmp_path / "site"
    # The first build has a file in folders of its own that the third has not: the folders must go.
    (project / "docs" / "extra" / "deep").mkdir(parents=True)
    (project / "docs" / "extra" / "deep" / "note.txt").write_text("テストの ファイルです。\n", encoding="utf-8")
    first = build_site(project / "mkdocs.yml", site_dir=site).stat().st_ino
    first_folder = (site / "kosodate" / "test-jidou-teate").stat().st_ino
    assert (site / "extra" / "deep" / "note.txt").is_file()
    shutil.rmtree(project / "docs" / "extra")
    EDITS["procedure"](project)
    build_site(project / "mkdocs.yml", site_dir=site)
    second = {page: (site / page).stat().st_ino for page in (
        "kosodate/index.html", "index.html", "sagasu/index.html", "assets/javascripts/flow.js",
    )}
    EDITS["keyword"](project)
    # What else may be in the kept folders (the cache is a folder anyone may write in): a file, a link, a folder
    # with other permissions. None of it may reach the site.
    spare = next((tmp_path / "cache" / "spare").iterdir())
    assert not [p for p in spare.rglob("*") if not p.is_dir()], "the kept folders hold files"
    (spare / "kosodate" / "stray.html").write_text("stray", encoding="utf-8")
    (spare / "p" / "link.html").symlink_to(project / "mkdocs.yml")
    (spare / "help").chmod(0o700)
    clean_build = _clean_build_started(project, tmp_path / "clean")
    # (as in a new process: the pages come from the site before, or are made)
    monkeypatch.setattr(generator.cache.pages, "_RECENT", generator.cache.pages._Recent(limit=48 * 1024 * 1024))
    # One page of the previous site is changed after the rebuild read it back (its hash checked) — in place, same
    # size, its modification time put back —: it must be written, not linked to the changed file.
    read_back, changed = PageMemo._previous_bytes, []

    def changed_after_reading(self: PageMemo, relative: str, sha256: str) -> bytes | None:
        data = read_back(self, relative, sha256)
        if data is not None and relative == os.path.join("help", "index.html"):
            changed.append(relative)
            status = (self.target / relative).stat()
            (self.target / relative).write_bytes(data.replace(b"<title>", b"<titlE>", 1))
            os.utime(self.target / relative, ns=(status.st_atime_ns, status.st_mtime_ns))
        return data

    monkeypatch.setattr(PageMemo, "_previous_bytes", changed_after_reading)
    after = _tree(build_site(project / "mkdocs.yml", site_dir=site))

    assert changed, "help/index.html was not read back: the test would not see a link to a changed file"
    assert site.stat().st_ino == first, "the third site was not built into the first one's folders"
    assert (site / "kosodate" / "test-jidou-teate").stat().st_ino == first_folder, "its folders were made again"
    clean = clean_build()
    assert after == clean
    assert _folders(site) == _folders(tmp_path / "clean")
    assert not (site / "extra").exists()
    # The pages the keyword did not change are the second site's files (hard links), those it changed are new.
    assert memos[-1].linked > 50, (memos[-1].hits, memos[-1].misses, memos[-1].themed_hits, len(memos[-1].read_back))
    assert (site / "kosodate" / "index.html").stat().st_ino == second["kosodate/index.html"]
    assert (site / "index.html").stat().st_ino == second["index.html"]
    assert (site / "sagasu" / "index.html").stat().st_ino != second["sagasu/index.html"]
    # So are the generated files MkDocs copies when their bytes are the same (PageMemo.write_or_link_same; one whose
    # bytes changed would differ from the clean build above): the question flow's script is the second site's file.
    assert (site / "assets" / "javascripts" / "flow.js").stat().st_ino == second["assets/javascripts/flow.js"]


def test_a_page_is_linked_only_when_it_is_byte_for_byte_the_file_read_back_with_a_new_files_permissions(tmp_path: Path) -> None:
    previous, page = _previous_file(tmp_path, "a/index.html", b"<p>kept</p>")

    def build(content: bytes, then: bytes | None = None) -> tuple[PageMemo, Path]:
        """One build's memo reading the page back and writing ``content`` (and ``then``) at its path."""
        staging = Path(tempfile.mkdtemp(dir=tmp_path))
        memo = PageMemo(None, previous)
        assert memo._previous_bytes("a/index.html", hashlib.sha256(b"<p>kept</p>").hexdigest()) == b"<p>kept</p>"
        for data in [content] + ([then] if then is not None else []):
            memo.write_or_link(data, str(staging / "a" / "index.html"), staging, _write)
        return memo, staging / "a" / "index.html"

    memo, new = build(b"<p>kept</p>")
    assert memo.linked == 1 and new.stat().st_ino == page.stat().st_ino
    memo, new = build(b"<p>other</p>")  # other bytes than the file read back
    assert memo.linked == 0 and new.read_bytes() == b"<p>other</p>"
    # Written again (MkDocs writes a path once; if it did twice): never into the file the previous site shares.
    memo, new = build(b"<p>kept</p>", then=b"<p>other</p>")
    assert page.read_bytes() == b"<p>kept</p>", "a write went into the previous site's file"
    assert new.read_bytes() == b"<p>other</p>"
    # Other permissions than a new file's: written, so the site is as a clean build makes it.
    page.chmod(0o600)
    memo, new = build(b"<p>kept</p>")
    assert memo.linked == 0 and new.stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_a_generated_file_is_linked_only_with_a_cache_and_when_the_previous_file_holds_its_bytes(tmp_path: Path) -> None:
    previous, kept = _previous_file(tmp_path, "assets/flow.js", b"let a = 1;")
    (previous / "assets" / "link.js").symlink_to(kept)

    def build(name: str, content: bytes, cache: Path | None = tmp_path / "cache") -> tuple[PageMemo, Path]:
        staging = Path(tempfile.mkdtemp(dir=tmp_path))
        memo = PageMemo(cache, previous)
        memo.write_or_link_same(content, str(staging / "assets" / name), staging, _write)
        return memo, staging / "assets" / name

    memo, new = build("flow.js", b"let a = 1;")
    assert memo.linked == 1 and new.stat().st_ino == kept.stat().st_ino
    memo, new = build("flow.js", b"let a = 2;")  # other bytes
    assert memo.linked == 0 and new.read_bytes() == b"let a = 2;" and kept.read_bytes() == b"let a = 1;"
    memo, new = build("flow.js", b"let a = 1;", cache=None)  # no cache folder: written, as before
    assert memo.linked == 0 and new.stat().st_ino != kept.stat().st_ino and new.read_bytes() == b"let a = 1;"
    memo, new = build("link.js", b"let a = 1;")  # a link in the previous site is never followed
    assert memo.linked == 0 and not new.is_symlink() and new.stat().st_ino != kept.stat().st_ino
    memo, new = build("gone.js", b"let a = 1;")  # nothing there before
    assert memo.linked == 0 and new.read_bytes() == b"let a = 1;"
    kept.chmod(0o600)  # other permissions than a new file's: written
    memo, new = build("flow.js", b"let a = 1;")
    assert memo.linked == 0 and new.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _previous_file(tmp_path: Path, relative: str, content: bytes) -> tuple[Path, Path]:
    """A previous site (``tmp_path/site``) holding one file at ``relative``, with a new file's permissions."""
    path = tmp_path / "site" / relative
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    path.chmod(0o666 & ~_umask())
    return tmp_path / "site", path


def _write(content: bytes, path: str) -> None:
    """What MkDocs' ``write_file`` does, for the memo's tests."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(content)


def _umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def test_a_path_inside_the_staging_folder_is_named_as_relpath_names_it(tmp_path: Path) -> None:
    # (the page writer names a page's place without os.path.relpath, ~0.01 ms a call: generator/cache/pages.py)
    from generator.cache.pages import _inside

    folder = tmp_path / ".site.building-ab"
    rests = ["index.html", "a/b/c.js", "a/../b", "/a", "./a", "a/", "..a/b", "", "a/./b", "a//b", ".hidden/x", "../x"]
    paths = [str(folder) + os.sep + rest for rest in rests] + [str(folder) + "c/a", str(tmp_path / "other" / "a"), str(folder)]
    for path in paths:
        assert _inside(path, folder) == os.path.relpath(path, folder), path
