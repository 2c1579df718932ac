"""The output every feature returns: generated pages and files, and notices for the webmaster.

This module imports no feature, so features and the composition above them (``generator.compose``) can all
import it without a cycle.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site. ``html`` is the content area only; the theme adds header and footer."""

    url: str
    title: str
    html: str
    template: str | None = None
    description: str | None = None
    redirect: str | None = None
    """For short links: where the page sends the reader, relative to itself."""
    footer: int | None = None
    """Position in the footer's site links (``None``: not listed there)."""
    hide_from_search_engines: bool = False
    updated: datetime.date | None = None
    """When the content last changed (sitemap ``lastmod``); ``None``: the newest date of the catalog."""

    @property
    def src_uri(self) -> str:
        """The virtual Markdown file MkDocs turns into ``url``."""
        return f"{self.url}index.md" if self.url else "index.md"


@dataclass(frozen=True)
class GeneratedFile:
    """A non-page output (PDF, image, JSON, CSV, feed), written to the site as it is."""

    path: str
    content: bytes


@dataclass
class SiteOutput:
    """What one feature (or the whole site) produces."""

    pages: list[GeneratedPage] = field(default_factory=list)
    files: list[GeneratedFile] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """One-line messages for the webmaster that do not stop the build (e.g. PDF flyers could not be made)."""

    def extend(self, other: SiteOutput) -> None:
        self.pages += other.pages
        self.files += other.files
        self.notices += other.notices
