"""The installed packages' entry points, read once a command (issue #23 item 4).

MkDocs (its plugins, then its themes), Markdown (its extensions) and pydantic (its plugins, when a model's
validator is built) each ask ``importlib.metadata.entry_points(group=…)`` for their group, and each call reads
and parses the ``entry_points.txt`` of every installed distribution again: four walks of the ~80 distributions
of the environment, ~0.007 s of CPU each, ~0.03 s of a rebuild after one edit.

``read_once`` gives ``importlib.metadata`` an ``entry_points`` that reads them all on its first call, as
``entry_points()`` does, and answers each call from that, selected as ``entry_points`` selects them. The result
of every call is the one the standard library gives, as long as no package is installed or removed while the
command runs. Called by the ``tetsuzuki`` command first thing, before MkDocs and pydantic are imported (they take
the function by name when imported); in-process callers and MkDocs' own ``mkdocs build`` read them as before.
"""

from __future__ import annotations

import functools
import importlib.metadata
from typing import Any


def read_once() -> None:
    """From now on, ``importlib.metadata.entry_points`` reads the installed packages' entry points once."""
    original = importlib.metadata.entry_points
    if getattr(original, "reads_once", False):
        return

    @functools.cache
    def everything() -> Any:
        # (``entry_points()`` without a selection: every distribution's, the first of each name, as for any call)
        return original()

    @functools.wraps(original)
    def entry_points(**params: Any) -> Any:
        return everything().select(**params)

    entry_points.reads_once = True  # type: ignore[attr-defined]
    importlib.metadata.entry_points = entry_points
