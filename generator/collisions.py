"""Hand-written files in ``docs/`` that would land where a generated page or file goes.

MkDocs keeps one of the two without a word (the generated one wins), so a webmaster's page would vanish
and, for a page under ``p/``, the sitemap would list the redirect. Both ``check`` and the build call this.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.errors import Problem


def output_path(src_uri: str, *, use_directory_urls: bool = True) -> str:
    """Where MkDocs writes a source file: ``a/b.md`` → ``a/b/index.html``, ``index.md`` → ``index.html``."""
    path = PurePosixPath(src_uri)
    if path.suffix != ".md":
        return src_uri
    if path.stem in ("index", "README"):
        return (path.parent / "index.html").as_posix().removeprefix("./")
    if use_directory_urls:
        return (path.parent / path.stem / "index.html").as_posix().removeprefix("./")
    return path.with_suffix(".html").as_posix()


def docs_collisions(docs_dir: Path, generated: list[str], *, use_directory_urls: bool = True) -> list[Problem]:
    """One problem per hand-written file whose output path is also generated (``generated``: source URIs)."""
    if not docs_dir.is_dir():
        return []
    made = {output_path(uri, use_directory_urls=use_directory_urls): uri for uri in generated}
    problems = []
    for path in sorted(docs_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(docs_dir).as_posix()
        destination = output_path(relative, use_directory_urls=use_directory_urls)
        if destination in made:
            address = destination.removesuffix("index.html")
            message = (
                f"この ファイルと、自動で つくる「{made[destination]}」が 同じ 場所（{address or '/'}）に なります。"
                f"自動で つくる ものが 優先されて、この ファイルは 公開されません。{docs_dir.name}/ の この ファイルの 名前を 変えるか、消して ください。"
            )
            problems.append(Problem(path, 1, 1, "", message))
    return problems
