"""Nothing from outside the project: every input and published file is resolved and must stay among the inputs.

git stores symbolic links, so a pull request can add ``docs/env.txt -> /proc/self/environ``; MkDocs would copy
the build machine's environment (its tokens) into the public site. So before anything is read, each input
place (``docs/``, ``procedures/``, ``life_events/``, ``questions/``, ``finder/``, ``theme/``, ``accessibility/``,
``municipalities/``, ``mkdocs.yml``) is walked without following links, and

* a link whose target is not inside one of those places (outside the project, or inside it in ``.git/``,
  ``.venv/``, the cache or the output) is an error naming the link and where it points, and
* a special file (FIFO, device, socket: reading one can block forever or read a device) is an error too.

Links among the inputs (``docs/a.md -> b.md``) are fine. ``check`` and every build (``build``, ``build --all``,
``serve``, through the MkDocs plugin) run this walk and stop on what it finds.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from generator.errors import Problem
from generator.layout import DEFAULT_INPUTS

INPUT_PLACES = ("mkdocs.yml", "docs", "theme", *DEFAULT_INPUTS.top_level())
"""Everything a build reads, relative to the project root (the package itself aside)."""

_KINDS = {
    stat.S_IFIFO: "名前付きパイプ（FIFO）",
    stat.S_IFCHR: "デバイス",
    stat.S_IFBLK: "デバイス",
    stat.S_IFSOCK: "ソケット",
}


def escapes(root: Path, extra: Iterable[Path] = ()) -> list[Problem]:
    """Links leaving the input places and special files, under ``root``'s inputs and the ``extra`` paths.

    ``extra`` are configured places (a ``docs_dir`` or ``custom_dir`` elsewhere in the project, the settings
    file in use); a path given outside the project on purpose (``--settings /tmp/x.yml``) is only checked for
    being a link or a special file itself.
    """
    root = root.resolve()
    places = [root / name for name in INPUT_PLACES] + [Path(os.path.abspath(p)) for p in extra]
    zones = [_real(place) for place in places if place.exists() and _inside(_real(place), root)]
    problems: list[Problem] = []
    seen: set[Path] = set()
    for place in places:
        for path in _walk(place):
            if path in seen:
                continue
            seen.add(path)
            problem = _problem(path, zones)
            if problem:
                problems.append(Problem(path, 1, 1, "", problem))
    return sorted(problems)


def _walk(place: Path) -> Iterable[Path]:
    """``place`` and, when it is a real folder, everything below it; links are listed, never followed."""
    if not os.path.lexists(place):
        return
    yield place
    if place.is_symlink() or not place.is_dir():
        return
    for folder, folders, files in os.walk(place, followlinks=False):
        folders.sort()
        for name in sorted(folders) + sorted(files):
            yield Path(folder) / name


def _problem(path: Path, zones: list[Path]) -> str | None:
    if path.is_symlink():
        target = _real(path)
        shown = os.readlink(path)
        if not any(_inside(target, zone) for zone in zones):
            return (
                f"シンボリックリンクが プロジェクトの 入力の 外（{shown} → {target}）を さして います。"
                "外の ファイルは 読まず、公開も しません。リンクを 消して、中身の ファイルを そのまま 置いて ください。"
            )
        if not os.path.exists(path):
            return f"シンボリックリンクの 先（{shown}）が ありません。リンクを 消すか、正しい ファイルを さして ください。"
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    kind = _KINDS.get(stat.S_IFMT(mode))
    if kind:
        return f"ふつうの ファイルでは なく {kind}です。読むと 止まったり 機械の 情報を 読んだり するので 読みません。消して ください。"
    return None


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
