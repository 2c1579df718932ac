"""``tetsuzuki`` MkDocs plugin: a thin adapter over the core (load → validate → render).

Everything is loaded, validated and rendered in ``on_config``, which MkDocs runs before it cleans or writes
``site_dir``: bad YAML stops the build while the previous site is still in place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

import jinja2
import material as material_package
import mkdocs as mkdocs_package
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.cache.fingerprint import code_fingerprint, hash_files
from generator.cache.renders import table_digest
from generator.cache.pages import PageMemo, key_of
from generator.cache.stored import InMemory
from generator.cache.templates import COMPILED
from generator.collisions import docs_collisions
from generator import editions
from generator.confinement import escapes
from generator import environment, progress
from generator.errors import BadEnvironment, BuildError, InputError
from generator.kept import kept_in
from generator.mkdocs_plugin import kept_markdown
from generator.layout import DEFAULT_INPUTS
from generator.loading import load_catalog
from generator.loading.strings import string_table
from generator.model import Catalog
from generator.model.options import BuildOptions
from generator.site import my_procedures, urls
from generator.compose import LateOutput, assemble_late, assemble_site
from generator.output import GeneratedFile, GeneratedPage, SiteOutput
from generator.site.search_text import read_help_pages
from generator.editions.reading_level import site_levels
from generator.site.stylesheets import MATERIAL_CSS, MATERIAL_SOURCE, minified, write_used_material_css
from generator.town_words import site_name

log = logging.getLogger("mkdocs.plugins.tetsuzuki")

FOOTER_PAGES = '(nav.pages if nav else []) | selectattr("meta.footer", "defined") | sort(attribute="meta.footer")'
"""The pages the footer of every page links to (``footer: N`` in their metadata), in that order: the theme's
``footer_pages``. Evaluated once per build with the theme's own Jinja filters (it went over all ~450 pages for
each of them: a third of the time MkDocs spent in the theme)."""


REUSED_MARK = "\0tetsuzuki: this page as the last build wrote it\0"
"""What the theme gives for a page whose theme pass is skipped (``on_page_context``); ``on_post_page`` puts the
page as the last build wrote it in its place."""

_REUSE = "tetsuzuki_reused"
"""The context entry that tells ``SkippableTemplate`` to skip the page."""

NOT_IN_THEME_KEY = frozenset({"site_dir", "plugins", "markdown_extensions", "mdx_configs", "watch", "hooks", "theme"})
"""Configuration entries the theme key does not take as they are: the output folder (a new staging folder each
build), the plugins and hooks (checked apart: any other one turns the reuse off), the Markdown settings (their
effect is the page's content and table of contents, in the page's part of the key), the watched folders, and the
theme (taken apart, by its values and its folder's files)."""


class SkippableTemplate(jinja2.Template):
    """A theme template that gives ``REUSED_MARK`` for a page the last build put through the theme with the same
    inputs (``TetsuzukiPlugin.on_page_context``), and renders every other page."""

    def render(self, *args: object, **kwargs: object) -> str:
        if args and isinstance(args[0], dict) and args[0].get(_REUSE) is True:
            return REUSED_MARK
        return super().render(*args, **kwargs)


UNUSED_THEME_ASSETS = (
    "assets/javascripts/bundle.",
    "assets/javascripts/workers/",
    "assets/javascripts/lunr/",
    "assets/stylesheets/palette.",
    "assets/images/favicon.png",
)
"""Material files that theme/base.html never references (its JS bundle, search worker, lunr, palette).
Our own scripts in theme/assets/javascripts/ (the finder's) stay."""


class ThemeLoader(jinja2.FileSystemLoader):
    """The theme's template loader, listing no file inside a folder whose name starts with a dot.

    Why: MkDocs lists the theme's files (``Files.add_files_from_theme``) by every file of its folders, then drops
    each path that has a part starting with a dot (its patterns ``.*`` and ``*/.*``); Material's ``.icons``
    holds ~14,000 of its ~14,500 files, so each build walked and matched them all against a dozen patterns
    (~0.05 s). Not walking into such folders lists the same files (``tests/mkdocs_plugin/test_plugin.py``).
    Loading a template by its name is the ``FileSystemLoader``'s own."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, folders, filenames in os.walk(searchpath, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                for filename in filenames:
                    template = os.path.join(folder, filename)[len(searchpath):].strip(os.path.sep).replace(os.path.sep, "/")
                    found.add(template[2:] if template[:2] == "./" else template)
        return sorted(found)


def theme_environment(theme: object, get_env: Callable[[], jinja2.Environment]) -> jinja2.Environment:
    """The environment MkDocs' ``get_env`` makes for ``theme``, with its loader a ``ThemeLoader`` over the same
    folders."""
    env = get_env()
    loader = env.loader
    if type(loader) is jinja2.FileSystemLoader:
        env.loader = ThemeLoader(loader.searchpath, encoding=loader.encoding, followlinks=loader.followlinks)
    return env


class TetsuzukiConfig(base.Config):
    enabled = c.Type(bool, default=True)
    settings = c.Type(str, default=DEFAULT_INPUTS.settings)
    """Municipality settings file, relative to mkdocs.yml (overridden by $TETSUZUKI_SETTINGS)."""
    procedures = c.Type(str, default=DEFAULT_INPUTS.procedures)
    """Folder of procedure YAML files, relative to mkdocs.yml."""
    life_events = c.Type(str, default=DEFAULT_INPUTS.life_events)
    """Folder of life-event guide YAML files (``<event>.yml``), relative to mkdocs.yml."""
    questions = c.Type(str, default=DEFAULT_INPUTS.questions)
    """The questions and rules of 「わたしの 手続き」, relative to mkdocs.yml (optional)."""
    audit = c.Type(str, default=DEFAULT_INPUTS.audit)
    """Published browser test results (written by ``bash scripts/audit.sh``), relative to mkdocs.yml."""


class TetsuzukiPlugin(BasePlugin[TetsuzukiConfig]):
    """Generates the home, category, life-event and procedure pages of one municipality."""

    def __init__(self) -> None:
        self.serving = False
        self.catalog: Catalog | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.files: list[GeneratedFile] = []
        self.material_css: Path | None = None
        self.settings_file: Path | None = None
        """The settings file given by our commands; wins over ``$TETSUZUKI_SETTINGS`` and mkdocs.yml."""
        self.environment_settings: str | None = None
        """``$TETSUZUKI_SETTINGS`` as it was when mkdocs.yml was loaded (plain ``mkdocs build``/``serve``)."""
        self.options: BuildOptions | None = None
        """The build options our commands gave (``load_mkdocs_config``); ``None``: read from the environment."""
        self.build_options = BuildOptions()
        """The options of the build in progress, as ``on_config`` settled them."""
        self.memo: PageMemo | None = None
        """Page-level reuse (``generator/cache/pages.py``), given by ``build_site``; ``None``: every page is made."""
        self.preloaded: Catalog | None = None
        """The catalog ``build_site`` already loaded and validated for this build (read once, not twice)."""
        self.finish_context = ""
        self.nav: Navigation | None = None
        """The navigation of the build in progress (``on_nav``): the footer's pages are chosen from it."""
        self.town_context: dict[str, dict[str, object]] = {}
        """The theme's values per edition key (``_theme_context``): ``town()`` in the templates gives the page's."""
        self.markdown_digest: str | None = None
        """What every hand-written page's Markdown conversion reads besides the page (``kept_markdown.digest``);
        ``None``: every page is converted."""
        self.theme_digest: str | None = None
        """What every page's theme pass reads besides the page (``_theme_digest``); ``None``: no page skips it."""
        self.theme_keys: dict[str, str] = {}
        """Each page's key for its theme pass and finishing in this build (``theme_key``), by source path."""
        self.reused: dict[str, str] = {}
        """The pages whose theme pass is skipped in this build: the page as the last build wrote it."""
        self.written: dict[str, bytes] = {}
        """Each page's bytes as this build writes them, by its path in the site (``on_post_build`` reads them)."""
        self.written_digests: dict[str, str] = {}
        """The SHA-256 (hex) of ``written``'s bytes, where the page memo knows it."""
        self.process_scope = contextlib.ExitStack()
        """What stays for the life of the process (the preview server's memory of kept steps: ``on_startup``)."""
        self.late: LateOutput | None = None
        """The flyers' pages and files of the build in progress, finished when MkDocs reaches them (``_late``)."""
        self.late_files: dict[str, LateFile] = {}
        """The late files by path (their content given when their part is finished)."""
        self.config_path: Path | None = None
        """The settings file of the build in progress (named in the errors of its late parts)."""
        self.late_finished: set[int] = set()
        """The late parts this build has finished (their notices said, their files given), by ``id``."""
        self.write_same: Callable[[bytes, str], None] | None = None
        """While ``build_site`` writes into the folders of the site before last: how a generated file's bytes are
        written to a path there, linked to the previous site's file when that holds the same bytes
        (``GeneratedFile.copy_file``); ``None``: MkDocs copies them."""

    def load_config(self, options, config_file_path=None):  # noqa: ANN001, ANN201 (MkDocs' signature)
        # Why: MkDocs keeps one instance of a plugin with on_startup for the whole process, across loads of
        # mkdocs.yml; a settings file or options a command gave for one load must not stay for the next.
        self.settings_file = None
        self.options = None
        self.memo = None
        self.preloaded = None
        # The MkDocs edge: plain `mkdocs build`/`serve` run this plugin without our command, so the settings
        # variable is read here, once per load of mkdocs.yml, and the path travels on from there.
        self.environment_settings = environment.settings_file(os.environ)
        return super().load_config(options, config_file_path)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also makes MkDocs keep this plugin instance across live-reload rebuilds.
        self.serving = command == "serve"
        if self.serving:
            # The preview server rebuilds after each edit in this same process: what a fresh `tetsuzuki build`
            # keeps on disk between builds (parsed files, print pages — generator/kept.py) is kept in its memory.
            self.process_scope.enter_context(kept_in(InMemory()))

    def on_shutdown(self) -> None:
        self.process_scope.close()
        # MkDocs hands this same instance to any later build of the process (a library caller, a test): that
        # build is not the preview server's (published addresses, PDFs by default, no memory of the server's).
        self.serving = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            options = self.options if self.options is not None else self._environment_options()
        except BadEnvironment as error:  # the job's environment, not the settings file
            raise PluginError(str(error)) from None
        self.build_options = options
        if self.serving:
            # A rebuild of the preview server sees the code as a new process would: a package file (a template, a
            # string table) edited while it runs changes every key (generator/cache/fingerprint.py).
            code_fingerprint.cache_clear()
            if self.memo is None:  # finished pages kept in this process's memory (generator/cache/pages.py)
                self.memo = PageMemo(None, Path(config.site_dir))
        self.theme_digest, self.theme_keys, self.reused, self.written, self.written_digests = None, {}, {}, {}, {}
        self.markdown_digest = None
        theme = config.theme
        if not isinstance(theme.__dict__.get("get_env"), functools.partial):  # (once per configuration)
            theme.get_env = functools.partial(theme_environment, theme, theme.get_env)
        progress.configure(show=options.progress)
        progress.say("==> 手続きと 設定を 読んで います")
        try:
            self.catalog = self.preloaded or self.load_catalog(config)
        except InputError as error:
            raise PluginError(error.report()) from None
        self.catalog = dataclasses.replace(
            self.catalog,
            docs_pages=hand_written_pages(Path(config.docs_dir)),
            help_pages=read_help_pages(Path(config.docs_dir)),
            edition_help_pages={
                edition.key: read_help_pages(Path(config.docs_dir), edition.prefix)
                for edition in editions.declared(self.catalog)[1:]
            },
            reading_levels=site_levels(self._procedures_dir(config).parent),
            options=options,
        )
        progress.say("==> ページと チラシを 作って います（はじめての ときは PDF に 少し 時間が かかります）")
        self._end_late()
        try:
            # The flyers' pages and PDFs come late: MkDocs writes the other pages while the PDF workers render,
            # and each edition's flyers are finished when MkDocs reaches the first of their pages (``_late``).
            # Without PDFs there is nothing to wait for, and the outline and its check only cost time (≈ 0.1 s
            # of a one-procedure rebuild): the flyers are made with the rest.
            if self.catalog.options.pdfs:
                output, self.late = assemble_late(self.catalog)
            else:
                output = assemble_site(self.catalog)
        except BuildError as error:
            raise PluginError(f"{self._settings_path(config)}: {error}") from None
        self.config_path = self._settings_path(config)
        # INFO, not WARNING: a machine without PDF support must still build in strict mode.
        for notice in output.notices:
            log.info(notice)
        progress.say("==> サイトを 書きだして います")
        self.pages = {page.src_uri: page for page in output.pages}
        self.editions = editions.SitePages(self.catalog, output)
        # (hashed once: it is part of every page's key, and ~36,000 characters)
        self.finish_context = hashlib.sha256(self.editions.context().encode("utf-8")).hexdigest()
        self.files = output.files
        municipality = self.catalog.municipality
        config.site_name = site_name(municipality, string_table(self.catalog.strings))
        # Under `mkdocs serve` the site_url is the local preview address; replacing it would move the
        # preview to /<base path>/ and break its links and live reload.
        if municipality.base_url and not self.serving:
            config.site_url = municipality.base_url
        self.town_context = {
            edition.key: self._theme_context(editions.edition_catalog(self.catalog, edition) if edition.prefix else self.catalog)
            for edition in editions.declared(self.catalog)
        }
        # The theme's pages without an edition of their own (404.html) are the standard edition's.
        config.extra["tetsuzuki"] = self.town_context[editions.declared(self.catalog)[0].key]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Why: our base.html loads no Material JavaScript, search or palette; shipping them only makes
        # the site bigger to upload and mirror (2.3 MB per site).
        for unused in [f for f in files if f.src_uri.startswith(UNUSED_THEME_ASSETS)]:
            files.remove(unused)
        # Material's stylesheet is not published as it is: on_post_build writes the part the pages use.
        material = [f for f in files if MATERIAL_SOURCE.fullmatch(f.src_uri.removesuffix(".map"))]
        sources = [f for f in material if not f.src_uri.endswith(".map")]
        if len(sources) != 1:
            raise PluginError(
                "Material for MkDocs の スタイルシート（assets/stylesheets/main.*.min.css）が "
                f"{len(sources)}個 見つかりました。1個の はずです。mkdocs-material の 版を たしかめて ください。"
            )
        self.material_css = Path(sources[0].abs_src_path)
        for item in material:
            files.remove(item)
        # The theme's own stylesheets go out minified: their comments are for developers, not phones.
        for sheet in [f for f in files if f.src_uri.startswith("assets/stylesheets/") and f.src_uri.endswith(".css")]:
            files.remove(sheet)
            text = Path(sheet.abs_src_path).read_text(encoding="utf-8")
            files.append(self._generated(config, sheet.src_uri, minified(text)))
        clashes = docs_collisions(
            Path(config.docs_dir), [*self.pages, *(item.path for item in self.files)],
            use_directory_urls=config.use_directory_urls,
        )
        if clashes:
            raise PluginError(InputError(clashes).report())
        for page in self.pages.values():
            file = File.generated(config, page.src_uri, content="")
            GeneratedDocument(page, file, config)  # (becomes file.page, which MkDocs' navigation then uses)
            files.append(file)
        for item in self.files:
            if self.late is not None and self.late.owns(item.path):
                late = self.late_files[item.path] = LateFile.generated(config, item.path, content=b"")
                files.append(late)
                continue
            files.append(self._generated(config, item.path, self._published(item)))
        # Each other edition's hand-written pages (help pages, about.md, …): its text variants (docs/<prefix>…md)
        # or, for the same language, copies of the standard ones (generator/editions/edition.py, page_files).
        assert self.catalog is not None
        declared = editions.declared(self.catalog)
        markdown = {f.src_uri: f for f in files if f.src_uri.endswith(".md") and f.src_uri not in self.pages}
        standard = {uri: markdown[uri].content_string for uri in editions.standard_pages(markdown, declared)}
        problems = []
        for edition in declared[1:]:
            variants = {uri: file for uri, file in markdown.items() if uri.startswith(edition.prefix)}
            try:
                edition_pages = editions.page_files(
                    Path(config.docs_dir), standard, {uri: file.content_string for uri, file in variants.items()},
                    edition.prefix, copy_missing=edition.copy_missing,
                )
            except InputError as error:
                problems += error.problems
                continue
            for uri, text in edition_pages.items():
                if uri in variants:
                    files.remove(variants[uri])
                files.append(File.generated(config, uri, content=text))
        if problems:
            raise PluginError(InputError(problems).report())
        return files

    def _generated(self, config: MkDocsConfig, uri: str, content: str | bytes) -> SiteFile:
        """A file this plugin generates, copied by MkDocs as ``SiteFile.copy_file`` says."""
        file = SiteFile.generated(config, uri, content=content)
        file.plugin = self
        return file

    def _published(self, item: GeneratedFile) -> bytes:
        # Scripts, and the data the question flow's script shows (its questions, options and deadlines),
        # are finished like script strings: the standard edition's phrase spaces become U+200B.
        read_by_script = item.path.endswith(".js") or item.path == my_procedures.DATA
        return self.editions.script(item.path, item.content) if read_by_script else item.content

    def _late(self, page: Page) -> None:
        """A late page (the flyers'): its part finished (waiting for its PDFs, the joins, the pages made after
        them) when MkDocs first reaches one of its pages, so that the pages before it were written while the PDF
        workers rendered; its files are given their content (and written, if MkDocs has copied the files) and its
        notices said; the page gets its content."""
        if self.late is None or not self.late.owns(page.file.src_uri):
            return
        part = self._late_part(page.file.src_uri)
        done = {item.src_uri: item for item in part.pages}[page.file.src_uri]
        self.pages[page.file.src_uri] = done
        page.content = done.html

    def _late_part(self, path: str) -> SiteOutput:
        assert self.late is not None
        try:
            part = self.late.part(path)
        except BuildError as error:
            raise PluginError(f"{self.config_path}: {error}") from None
        if id(part) not in self.late_finished:
            self.late_finished.add(id(part))
            for notice in part.notices:
                log.info(notice)
            for item in part.files:
                self.late_files[item.path].give(self._published(item))
        return part

    def _end_late(self) -> None:
        """Every late part finished and its files written (``on_post_build``), or, on a failed build, left: the PDF
        workers end either way."""
        if self.late is not None:
            late, self.late, self.late_files, self.late_finished = self.late, None, {}, set()
            late.close()

    def on_build_error(self, error: Exception) -> None:
        self._end_late()

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        # Why: MkDocs stamps every page with today's date (sitemap.xml lastmod, sitemap.xml.gz mtime), so
        # the same input would give a different site each day. The content's own reviewed date is both
        # reproducible and the truthful "last modified" for search engines.
        assert self.catalog is not None
        generated = self.pages.get(page.file.src_uri)
        updated = (generated.updated if generated else None) or self.catalog.last_reviewed
        page.update_date = updated.isoformat()
        if generated is None and self.memo is not None and self.markdown_digest is not None:
            # A hand-written page whose Markdown and surroundings are as in the last build is not converted again.
            page.render = functools.partial(  # type: ignore[method-assign]
                kept_markdown.render, page, memo=self.memo, shared=self.markdown_digest, convert=page.render
            )
        return page

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.late is not None and self.late.owns(page.file.src_uri):
            return ""  # (its content comes when MkDocs writes it: ``_late``)
        generated = self.pages.get(page.file.src_uri)
        return generated.html if generated is not None else html

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # The theme's own words (theme/*.html) come from the string table of the page's edition, as the
        # generated content's do (generator/templating.py); 404.html has no page and is standard.
        @jinja2.pass_context
        def words(context: jinja2.runtime.Context, key: str, **values: object) -> str:
            page = context.get("page")
            return string_table(self.editions.strings_for(page.url if page else "")).text(key, **values)

        @jinja2.pass_context
        def town(context: jinja2.runtime.Context) -> dict[str, object]:
            page = context.get("page")
            return self.town_context[editions.edition_of(self.editions.editions, page.url if page else "").key]

        # MkDocs runs on_env after every page's metadata was read and before any page is rendered, so the footer's
        # list is made once per build (going over all ~450 pages for each page was a third of the theme's time).
        listed = footer_listed(env, self.nav)
        own = {item.url: item for item in self.nav.pages} if self.nav else {}
        by_edition: dict[str, list[tuple[Page, str | None, object]]] = {}

        @jinja2.pass_context
        def footer_pages(context: jinja2.runtime.Context, nav: object) -> list[tuple[Page, str | None, object]]:
            # The pages listed in the footer (`footer: N`, the standard edition's), each as the page's edition's
            # copy where it has one; a page only the standard edition has (the staff pages) in another language
            # is marked with that language (WCAG 3.1.2) and its title typeset by the standard edition's rule.
            page = context.get("page")
            declared = self.editions.editions
            edition = editions.edition_of(declared, page.url if page else "")
            if edition.key not in by_edition:
                here, standard = (string_table(e.strings).plain("frame.lang") for e in (edition, declared[0]))
                finish = self.editions.finishes[declared[0].key]
                by_edition[edition.key] = [
                    (own[edition.prefix + item.url], None, None) if edition.prefix + item.url in own
                    else (item, None, None) if here == standard else (item, standard, finish)
                    for item in listed
                ]
            return by_edition[edition.key]

        env.globals["t"] = words
        env.bytecode_cache = COMPILED  # the theme's templates compiled once (generator/cache/templates.py)
        # A page whose theme inputs are as in the last build is not put through the theme again (on_page_context).
        env.template_class = SkippableTemplate
        self.theme_digest = None if self.memo is None else self._theme_digest(config, files)
        env.globals["town"] = town
        env.globals["footer_pages"] = footer_pages
        return env

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):  # noqa: ANN001, ANN201
        self._late(page)
        if self.memo is None or self.theme_digest is None:
            return context
        key = self.theme_keys.get(page.file.src_uri)  # (taken by ``written_before`` for this page, or not yet)
        if key is None:
            key = self.theme_keys[page.file.src_uri] = theme_key(self.theme_digest, page)
        reused = self.memo.themed(page.file.dest_path, key)
        if reused is not None:
            self.reused[page.file.src_uri] = reused
            context[_REUSE] = True
        return context

    def written_before(self, page: Page) -> bytes | None:
        """The bytes the last build wrote for ``page``, when its theme pass and finishing were given the same
        inputs (``theme_key``; ``PageMemo.themed_bytes`` reads the file back and checks its hash), or ``None``.

        For ``build_site``, which then writes those bytes (a hard link to the file) without MkDocs' page pass:
        no context, no theme template, no finishing, and the page neither made text nor encoded again. What the
        page pass would have left behind is left here: the memo's entries and the page as written, for the used
        CSS (``on_post_build``). Only while this plugin alone handles pages (``theme_digest``: no other plugin,
        no hook), so no other ``on_page_context`` or ``on_post_page`` is skipped."""
        if self.memo is None or self.theme_digest is None:
            return None
        self._late(page)  # (its key reads its content)
        key = self.theme_keys[page.file.src_uri] = theme_key(self.theme_digest, page)
        data = self.memo.themed_bytes(page.file.dest_path, key)
        if data is not None:
            self._written(page, data)
        return data

    def _written(self, page: Page, data: bytes) -> None:
        """``data``: the bytes written for ``page`` (read by ``on_post_build``, with their hash when the memo has it)."""
        self.written[page.file.dest_uri] = data
        if self.memo is not None and page.file.dest_path in self.memo.digests:
            self.written_digests[page.file.dest_uri] = self.memo.digests[page.file.dest_path]

    def _theme_digest(self, config: MkDocsConfig, files: Files) -> str | None:
        """Everything the theme pass and the finishing of every page read besides the page itself: the
        configuration (``mkdocs.yml``'s bytes and every value, ``NOT_IN_THEME_KEY`` apart), the theme (its values
        and its own folders' files; Material's are its version, in the code fingerprint), the navigation and every
        page's address, title and metadata (a page's footer lists some; a theme may list all), the town's values
        of each edition, the editions' string tables and the finishing's context. ``None`` (no page skips the
        theme) when another plugin or a hook runs: what it adds to a page's context is not known here."""
        if [name for name in config.plugins if name != "tetsuzuki"] or config.hooks or not config.config_file_path:
            return None
        assert self.catalog is not None
        theme = config.theme
        installed = [Path(module.__file__).parent for module in (mkdocs_package, material_package)]
        own = [Path(folder) for folder in theme.dirs if not any(Path(folder).is_relative_to(p) for p in installed)]
        digest = hashlib.sha256()
        hash_files(digest, [path for folder in own for path in folder.rglob("*") if path.is_file()], self._root(config))
        settings = {key: value for key, value in config.items() if key not in NOT_IN_THEME_KEY}
        pages = [
            (f.src_uri, f.dest_uri, f.url, f.page.title if f.page else None, f.page.meta if f.page else None)
            for f in files.documentation_pages()
        ]
        return key_of(
            "theme-pass 1", digest.hexdigest(), Path(config.config_file_path).read_text(encoding="utf-8"),
            _stable(settings), _stable({"name": theme.name, "dirs": theme.dirs, "values": dict(theme.items())}),
            _stable(_nav_shape(self.nav.items if self.nav else [])), _stable(pages), _stable(self.town_context),
            _stable([table_digest(string_table(edition.strings)).hex() for edition in editions.declared(self.catalog)]),
            self.finish_context,
        )

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        # (after on_files, before any page is read: every file's address is known)
        self.markdown_digest = None if self.memo is None else kept_markdown.digest(config, files)
        return nav

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.late is not None:  # (the parts no written page asked for: their files)
            for first in self.late.firsts():
                self._late_part(first)
            self._end_late()
        assert self.material_css is not None
        write_used_material_css(
            Path(config.site_dir), self.material_css.read_text(encoding="utf-8"), self.build_options.cache_folder,
            self.memo, self.written, self.written_digests,
        )

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # The edition seam (generator/editions): every finished page, generated or hand-written.
        if self.memo is None:
            finished = self.editions.finish(page.url, output)
        elif output == REUSED_MARK:
            finished = self.reused.pop(page.file.src_uri)
        else:
            key = key_of(self.finish_context, page.url, output)
            finished = self.memo.document(page.file.dest_path, key, lambda: self.editions.finish(page.url, output))
            if page.file.src_uri in self.theme_keys:
                self.memo.remember_themed(page.file.dest_path, self.theme_keys[page.file.src_uri], finished)
        try:  # (what MkDocs writes, read by on_post_build without reading the file back; not text it would change)
            self._written(page, finished.encode("utf-8"))
        except UnicodeEncodeError:
            pass
        return finished

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        # The theme's own pages (404.html) belong to the standard edition.
        return self.editions.standard(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server, config: MkDocsConfig, builder):  # noqa: ANN001 (MkDocs passes its own types)
        # Why: MkDocs watches docs/ and mkdocs.yml only; YAML edits must rebuild and reload the page too.
        server.watch(str(self._procedures_dir(config)))
        if (self._root(config) / self.config.life_events).is_dir():
            server.watch(str(self._root(config) / self.config.life_events))
        server.watch(str(self._settings_path(config)))
        if (self._root(config) / DEFAULT_INPUTS.editions).is_file():
            server.watch(str(self._root(config) / DEFAULT_INPUTS.editions))
        if (self._root(config) / self.config.questions).is_file():
            server.watch(str(self._root(config) / self.config.questions))
        return server

    def load_catalog(self, config: MkDocsConfig) -> Catalog:
        """Load and validate the input this plugin is configured for; raises ``InputError``."""
        root = self._root(config)
        # Before anything is read: a link out of the project (docs/env.txt -> /proc/self/environ) or a FIFO
        # would be read or published by MkDocs (generator/confinement.py).
        escaped = escapes(root, self._input_places(config))
        if escaped:
            raise InputError(escaped)
        return load_catalog(
            self._procedures_dir(config), self._settings_path(config),
            guides_dir=root / self.config.life_events, audit_path=root / self.config.audit,
            flow_path=root / self.config.questions,
        )

    def _input_places(self, config: MkDocsConfig) -> list[Path]:
        root = self._root(config)
        places = [Path(config.docs_dir), self._procedures_dir(config), self._settings_path(config)]
        places += [root / self.config.life_events, root / self.config.questions, root / self.config.audit]
        return places + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent

    def _procedures_dir(self, config: MkDocsConfig) -> Path:
        return self._root(config) / self.config.procedures

    def _settings_path(self, config: MkDocsConfig) -> Path:
        if self.settings_file is not None:
            return self.settings_file
        return self._root(config) / (self.environment_settings or self.config.settings)

    def _environment_options(self) -> BuildOptions:
        """The MkDocs edge: plain ``mkdocs build``/``serve`` give no options, so the environment is read here,
        once per build, and the values travel on as arguments (``Catalog.options``)."""
        # Why no PDFs by default under serve: the live preview rebuilds on every edit; making every flyer PDF
        # each time would slow it down by seconds, and the print pages show the same thing. A webmaster can
        # still set TETSUZUKI_FLYER_PDFS=1.
        return environment.build_options(os.environ, pdfs_default=not self.serving)

    def _theme_context(self, catalog: Catalog) -> dict[str, object]:
        """Plain values the theme templates need (header, footer, sample banner), from ``catalog``'s edition of
        the town's settings (its text variant) and string table."""
        municipality = catalog.municipality
        department = municipality.departments[municipality.default_department]
        return {
            "site_name": site_name(municipality, string_table(catalog.strings)),
            "municipality": municipality.name,
            "prefecture": municipality.prefecture,
            "sample": municipality.sample,
            "sample_note": municipality.sample_note,
            "contact_name": department.name,
            "contact_phone": department.phone,
            "contact_tel": "tel:" + department.phone.replace("-", "") if department.phone else None,
            # Feed readers find the 更新履歴 feed from any page (autodiscovery).
            "feed": urls.CHANGES_FEED,
            "material_css": MATERIAL_CSS,
        }


def load_mkdocs_config(
    config_file: Path, settings: Path | None = None, options: BuildOptions | None = None, *,
    memo: PageMemo | None = None, catalog: Catalog | None = None, **mkdocs_options: str
) -> MkDocsConfig:
    """MkDocs' configuration of ``config_file``, with the plugin pointed at ``settings`` and given the build
    ``options`` when given (arguments, so that nothing is handed on through the environment), the page memo
    and the catalog already loaded for this build."""
    config = load_config(str(config_file), **mkdocs_options)
    plugin = config.plugins["tetsuzuki"]
    if settings is not None:
        plugin.settings_file = settings.resolve()
    plugin.options = options
    plugin.memo = memo
    plugin.preloaded = catalog
    return config


def footer_listed(env: jinja2.Environment, nav: object) -> list:
    """``FOOTER_PAGES`` of ``nav``: the code Jinja compiles that expression to, run with the environment's own
    filters and tests (compiling it took ≈ 0.002 s of each build, parser and Python compiler; a test holds the two
    to the same pages in the same order)."""
    context = jinja2.runtime.new_context(env, None, {}, {"nav": nav})
    pages = env.getattr(nav, "pages") if nav else []
    return list(env.filters["sort"](env, env.filters["selectattr"](context, pages, "meta.footer", "defined"),
                                    attribute="meta.footer") or [])


def theme_key(digest: str, page: Page) -> str:
    """The key of one page's theme pass and finishing: ``digest`` (``_theme_digest``) and everything of the page a
    template reads — its address, files, template, title, content, metadata, table of contents and dates."""
    return key_of(
        digest, page.url, page.file.src_uri, page.file.dest_uri, str(page.meta.get("template", "main.html")),
        _stable([page.title, page.meta, _toc_shape(page.toc), page.canonical_url, page.abs_url, page.edit_url,
                 page.update_date, page.is_homepage]),
        page.content or "",
    )


def _stable(value: object) -> str:
    """``value`` as text that is the same in every process for the same value and tells types apart (a value
    without a stable form — an object shown by its address — gives another text each process: never a reuse)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=lambda item: f"{type(item).__qualname__}:{item}")


def _nav_shape(items: list) -> list:
    shape = []
    for item in items:
        if isinstance(item, Page):
            shape.append(["page", item.url, item.file.src_uri, item.title, item.meta])
        elif isinstance(item, Section):
            shape.append(["section", item.title, _nav_shape(item.children)])
        else:
            shape.append(["link", item.title, getattr(item, "url", None)])
    return shape


def _toc_shape(toc: object) -> list:
    return [[item.title, item.id, item.level, _toc_shape(item.children)] for item in (toc or [])]


def hand_written_pages(docs: Path) -> frozenset[str]:
    """Site addresses of the Markdown pages in docs/ (``help/prepare.md`` → ``help/prepare/``)."""
    addresses = set()
    for path in docs.rglob("*.md"):
        relative = path.relative_to(docs).with_suffix("").as_posix()
        if relative == "index" or relative.endswith("/index"):
            relative = relative[: -len("index")].rstrip("/")
        addresses.add(f"{relative}/" if relative else "")
    return frozenset(addresses)


class SiteFile(File):
    """A file this plugin generates (a stylesheet, a script, a QR code, the open data), copied by MkDocs' own
    ``copy_file`` — or, while ``build_site`` writes into the folders of the site before last (the plugin's
    ``write_same``), written as its bytes there, a hard link to the previous site's file when that holds the same
    bytes (``PageMemo.write_or_link_same``, ``build._writing_into``).

    Why a subclass: MkDocs copies every file through ``File.copy_file``, and a plugin has no event between the
    two; a ``File`` subclass overriding it is MkDocs' own way (it is public API, and ``File.generated`` makes the
    subclass), so MkDocs' class is not patched and its private ``_content`` not read. Its content is taken as
    MkDocs would write it: ``content_bytes`` (a text as UTF-8, as MkDocs' text-mode copy writes it where lines end
    with ``\\n``; elsewhere, and for a ``--dirty`` build, MkDocs copies it)."""

    plugin: TetsuzukiPlugin | None = None

    def copy_file(self, dirty: bool = False) -> None:
        write_same = None if self.plugin is None else self.plugin.write_same
        if write_same is None or dirty or self.abs_src_path is not None or os.linesep != "\n":
            return super().copy_file(dirty)
        try:
            data = self.content_bytes
        except UnicodeEncodeError:  # (MkDocs' own copy raises it, as before)
            return super().copy_file(dirty)
        write_same(data, self.abs_dest_path)


class LateFile(File):
    """A generated file whose content comes after MkDocs copies the site's files (a flyer's PDF, made while MkDocs
    writes the other pages): written when MkDocs copies it if its content is there, else when it is given."""

    given: bool = False
    waiting: bool | None = None
    """``None``: not asked to be copied yet; else the ``dirty`` MkDocs asked it with."""

    def copy_file(self, dirty: bool = False) -> None:
        if self.given:
            super().copy_file(dirty)
        else:
            self.waiting = dirty

    def give(self, content: bytes) -> None:
        self.content_bytes, self.given = content, True
        if self.waiting is not None:
            super().copy_file(self.waiting)


class GeneratedDocument(Page):
    """A generated page as MkDocs sees it: its metadata is given and it has no Markdown to read or render.

    Why: MkDocs reads a page's metadata from YAML front matter and renders its Markdown with a new Markdown
    instance per page (a few milliseconds each, ~450 pages a town), although the body of a generated page is
    its HTML (``on_page_content``). This page gives MkDocs what that would have given for a source that is
    only front matter: the metadata (``meta``), an empty body, no table of contents, headings or links.
    """

    def __init__(self, page: GeneratedPage, file: File, config: MkDocsConfig):
        super().__init__(None, file, config)
        self.given_meta = meta(page)

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", dict(self.given_meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


def meta(page: GeneratedPage) -> dict[str, object]:
    """The metadata of a generated page (the body comes from ``on_page_content``)."""
    meta: dict[str, object] = {"title": page.title}
    if page.description:
        meta["description"] = page.description
    if page.template:
        meta["template"] = page.template
    if page.redirect:
        meta["redirect"] = page.redirect
    if page.footer is not None:
        meta["footer"] = page.footer
    if page.hide_from_search_engines:
        meta["robots"] = "noindex"
    return dict(sorted(meta.items()))
