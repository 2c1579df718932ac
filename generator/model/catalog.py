"""The validated catalog: every procedure plus one municipality's settings, ready to render."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from generator.model.audit import AuditReport
from generator.model.edition import Edition
from generator.model.finder_words import FinderWords, QueryWords
from generator.model.flow import Flow
from generator.model.guide import LifeEventGuide
from generator.model.municipality import Municipality
from generator.model.options import BuildOptions
from generator.model.procedure import Procedure
from generator.model.vocabulary import Category, LifeEvent


@dataclass(frozen=True)
class HelpPage:
    """What the finder needs of one hand-written help page (``docs/help/<name>.md``)."""

    url: str
    title: str
    description: str
    headings: tuple[str, ...]
    markdown: str = ""
    """The page's Markdown after its front matter (its plain-text copy for llms.txt)."""


@dataclass(frozen=True)
class EditionTexts:
    """An edition's own texts of the YAML content (``procedures/<key>/``, ``life_events/<key>/``,
    ``questions/<key>/``, the town's ``municipalities/<key>/<town>.yml``): the base files' facts with the
    variants' texts (``generator/loading/variants.py``)."""

    procedures: tuple[Procedure, ...]
    guides: dict[LifeEvent, LifeEventGuide]
    flow: Flow | None = None
    municipality: Municipality | None = None


@dataclass(frozen=True)
class Catalog:
    """What the loader hands to every renderer. Procedures are sorted by id."""

    municipality: Municipality
    procedures: tuple[Procedure, ...]
    guides: dict[LifeEvent, LifeEventGuide] = field(default_factory=dict)
    """Step-by-step guides from ``life_events/*.yml``; an event without one gets a plain list."""
    audit: AuditReport | None = None
    """The last published browser test results (``accessibility/audit.json``), if any."""
    flow: Flow | None = None
    """The questions and rules of 「わたしの 手続き」 (``questions/flow.yml``), if the site has them."""
    docs_pages: frozenset[str] = field(default=frozenset())
    """Addresses of the hand-written pages in docs/ (set by the MkDocs plugin), so generated pages can link
    to a help page only when it exists."""
    finder_words: FinderWords = field(default_factory=FinderWords)
    """The finder's everyday-word dictionary (``finder/synonyms.yml``)."""
    finder_query_words: QueryWords = field(default_factory=QueryWords)
    """The finder's second dictionary (``finder/everyday.yml``), read into the query by the page script."""
    help_pages: tuple[HelpPage, ...] = ()
    """Title, description and headings of each help page (set by the MkDocs plugin), so the finder finds them."""
    edition_help_pages: dict[str, tuple[HelpPage, ...]] = field(default_factory=dict)
    """The help pages as another edition shows them (edition key → pages), where it has text variants
    (``docs/<prefix>help/<name>.md``): its catalog takes them as its ``help_pages``."""
    editions: tuple[Edition, ...] = ()
    """The declared editions, the standard one first (``editions.yml``, ``generator/loading/editions.py``); empty:
    the package's declaration (``generator.editions.declared``)."""
    edition_texts: dict[str, EditionTexts] = field(default_factory=dict)
    """An edition's own texts (edition key → texts), for an edition that has text variants."""
    edition: str = "standard"
    """The edition being rendered (``generator.editions``): features that finish a document themselves (the
    PDFs) ask it how."""
    strings: str = "ja"
    """The string table the edition's templates write their own words from (``generator/strings/<name>.yml``,
    or the absolute path of a project's own table); both Japanese editions use ``ja``."""
    readings: dict[str, str] = field(default_factory=dict)
    """Reviewed readings for ふりがな, word → hiragana (``readings/*.yml`` and the settings' ``name_kana``)."""
    reading_levels: tuple = ()
    """The reading level of each source page (``generator.editions.reading_level.PageLevel``), set by the
    MkDocs plugin, for the staff page."""
    options: BuildOptions = field(default_factory=BuildOptions)
    """How this build runs (cache folder, PDFs, the printed date), set by the MkDocs plugin or ``check``
    from what the command or the environment said; features read it instead of the environment."""

    def get(self, procedure_id: str) -> Procedure:
        return next(p for p in self.procedures if p.id == procedure_id)

    def in_category(self, category: Category) -> list[Procedure]:
        return [p for p in self.procedures if p.category == category]

    def for_life_event(self, event: LifeEvent) -> list[Procedure]:
        return [p for p in self.procedures if event in p.life_events]

    @property
    def categories(self) -> list[Category]:
        """Categories that have at least one procedure, in national order."""
        return [c for c in Category if self.in_category(c)]

    @property
    def life_events(self) -> list[LifeEvent]:
        """Life events that have a guide or at least one procedure, in vocabulary order."""
        return [e for e in LifeEvent if e in self.guides or self.for_life_event(e)]

    def unguided(self, event: LifeEvent) -> list[Procedure]:
        """Procedures of a life event that its guide's steps do not link (listed after the steps)."""
        guide = self.guides.get(event)
        linked = {pid for step in guide.steps for pid in step.procedures} if guide else set()
        return [p for p in self.for_life_event(event) if p.id not in linked]

    @property
    def last_reviewed(self) -> datetime.date:
        """The newest ``reviewed`` date of the procedures and the settings: the date of the whole site."""
        return max([self.municipality.reviewed, *(p.reviewed for p in self.procedures)])
