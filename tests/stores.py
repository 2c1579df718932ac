"""A store like the build's (``generator/cache/stored.py``), in memory, for the tests of what is kept between builds
(``generator/kept.py``): what it was asked to compute and what it kept."""

from __future__ import annotations

from collections.abc import Callable


class Store:
    def __init__(self) -> None:
        self.kept: dict[bytes, bytes] = {}
        self.sources: list[bytes] = []
        """The sources it computed, in order."""

    def __call__(self, source: bytes, compute: Callable[[], bytes]) -> bytes:
        if source not in self.kept:
            self.sources.append(source)
            self.kept[source] = compute()
        return self.kept[source]

    @property
    def computed(self) -> int:
        return len(self.sources)
