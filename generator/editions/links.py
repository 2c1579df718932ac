"""Moving an edition's pages under its prefix and pointing every link at the same edition when it can.

An edition renders with the standard addresses (templates compute relative links as usual); then each page
moves under ``yasashii/``. A link whose target the edition also has now goes to the edition's copy; a link
to something only the standard edition has (the theme's stylesheets, the open data) still reaches it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from generator.site import urls

_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_LINKING_TAG = re.compile(r'<[^>]*?\s(?:href|src)="[^>]*>')
"""A tag (``<`` to the next ``>``) with an ``href`` or ``src``: the only tags ``rewrite_links`` changes. Going
over these instead of every tag gives the same text (a tag without one is left as it is) at about a third of the
cost: a Python call per tag of every page of every other edition was ~0.04 s of a rebuild."""
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#|/|\?)", re.IGNORECASE)


def resolve(page_url: str, link: str) -> tuple[str, str] | None:
    """(site path, the ``#…``/``?…`` tail) a relative ``link`` on the page at ``page_url`` points to."""
    if not link or _EXTERNAL.match(link):
        return None
    cut = min([i for i in (link.find("#"), link.find("?")) if i >= 0], default=len(link))
    path, tail = link[:cut], link[cut:]
    joined = posixpath.normpath(posixpath.join(page_url or ".", path or "."))
    target = "" if joined == "." else joined
    if path.endswith("/") or path in ("", ".", "./") and target:
        target += "/"
    if target.startswith("../"):
        return None
    return target, tail


def rewrite_links(html: str, page_url: str, new_url: str, target: Callable[[str], str]) -> str:
    """Every relative ``href``/``src`` of ``html`` (written for ``page_url``) rewritten for a page at
    ``new_url``, to ``target(site path)``. Links marked ``data-edition`` (the switch to the other edition) stay."""
    def replace(match: re.Match[str]) -> str:
        resolved = resolve(page_url, match.group(2))
        if resolved is None:
            return match.group(0)
        path, tail = resolved
        return match.group(1) + urls.relative(new_url, target(path)) + tail + match.group(3)

    return _LINKING_TAG.sub(lambda tag: tag.group(0) if "data-edition" in tag.group(0) else _LINK.sub(replace, tag.group(0)), html)


def edition_target(prefix: str, own: frozenset[str]) -> Callable[[str], str]:
    """Where a link to ``path`` goes from inside the edition: its own copy when it has one."""
    return lambda path: prefix + path if prefix + path in own else path
