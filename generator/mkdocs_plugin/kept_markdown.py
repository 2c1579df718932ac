"""Hand-written pages' Markdown kept between builds: a page whose Markdown and surroundings are as in the last build
is not converted again (issue #23 item 4).

MkDocs converts every Markdown page of ``docs/`` (help pages, about, and each edition's copies: ~24 a town) on
every build, with a new Python-Markdown instance each, although a one-procedure edit changes none of them (~0.07 s
of a rebuild). ``render`` does what MkDocs' ``Page.render`` does, or gives back what it gave in the last build of
the same output folder (``PageMemo.value``) for the same key: the page's Markdown (its body, after front matter),
its file's addresses, what the conversion reads besides — ``mkdocs.yml``'s bytes (the extensions, their
settings, the link validation), the address settings, every file's addresses (links to other pages resolve
through them), the log level (which records MkDocs keeps) — and, through ``key_of``, the code fingerprint (the
versions of MkDocs, Markdown, pymdown-extensions). What it gave: the HTML, the table of contents, the title
found in it, the anchors it holds and its links to other pages' anchors (MkDocs checks those after every page is
converted, kept or not).

A conversion that logged anything (a link to a missing page: a failure in strict mode) is never kept: a kept
result stands for a conversion that said nothing. Extensions from outside MkDocs, Markdown, pymdown-extensions
and Material (a project's own module, whose code is not in the fingerprint), another plugin or a hook turn it
off (``digest`` gives ``None``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from generator.cache.pages import PageMemo, key_of

NAMESPACE = "markdown"

KNOWN_EXTENSIONS = frozenset({"markdown", "pymdownx", "material", "mkdocs"})
"""Packages whose Markdown extensions are in the code fingerprint (their distributions' versions)."""


def digest(config: MkDocsConfig, files: Files) -> str | None:
    """What every page's conversion reads besides its own Markdown and addresses; ``None``: nothing is kept."""
    if [name for name in config.plugins if name != "tetsuzuki"] or config.hooks or not config.config_file_path:
        return None
    for extension in config.markdown_extensions:
        module = extension if isinstance(extension, str) else type(extension).__module__
        # (a short name — "toc", "admonition" — is one of Markdown's own, found by its entry point)
        if "." in module and module.split(".")[0] not in KNOWN_EXTENSIONS:
            return None
    addresses = [(f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files]
    return key_of(
        "markdown 1", Path(config.config_file_path).read_text(encoding="utf-8"),
        json.dumps([config.use_directory_urls, config.docs_dir, str(config.validation)], ensure_ascii=False),
        json.dumps(addresses, ensure_ascii=False), str(logging.getLogger("mkdocs").getEffectiveLevel()),
    )


def render(page: Page, config: MkDocsConfig, files: Files, memo: PageMemo, shared: str,
           convert: Callable[[MkDocsConfig, Files], None]) -> None:
    """``convert(config, files)`` (MkDocs' ``Page.render`` of ``page``), or its results as the last build kept them
    for the same key."""
    assert page.markdown is not None
    key = key_of(shared, page.file.src_uri, page.file.dest_uri, page.file.url, page.markdown)
    converted_here: list[bool] = []

    def converted() -> str:
        said = _Said()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(said)
        try:
            convert(config, files)
        finally:
            logger.removeHandler(said)
        converted_here.append(True)
        return "" if said.records else _encoded(page)  # ("": converted again each time, saying it again)

    kept = memo.value(NAMESPACE, key, converted)
    if converted_here:  # (the page holds the results already)
        return
    if not kept:
        convert(config, files)
        return
    _restore(page, kept, files)


class _Said(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _encoded(page: Page) -> str:
    links = {target.src_uri: anchors for target, anchors in (page.links_to_anchors or {}).items()}
    return json.dumps(
        {"content": page.content, "toc": _tokens(page.toc.items if page.toc else []), "title": page._title_from_render,
         "anchors": sorted(page.present_anchor_ids or ()), "links": links},
        ensure_ascii=False, sort_keys=True,
    )


def _tokens(items: list[AnchorLink]) -> list[dict[str, object]]:
    return [{"level": i.level, "id": i.id, "name": i.title, "children": _tokens(i.children)} for i in items]


def _restore(page: Page, kept: str, files: Files) -> None:
    values = json.loads(kept)
    page.content = values["content"]
    page.toc = get_toc(values["toc"])
    page._title_from_render = values["title"]
    page.present_anchor_ids = set(values["anchors"])
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        by_uri = {file.src_uri: file for file in files}
        page.links_to_anchors = {by_uri[uri]: anchors for uri, anchors in values["links"].items()}
