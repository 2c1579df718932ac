"""Where each generated page lives. One place, so links, flyers and open data agree.

Paths are site-relative directory URLs (``kosodate/jidou-teate-nintei-seikyu/``); MkDocs is configured with
``use_directory_urls: true`` so ``<url>index.html`` is the file written.
"""

from __future__ import annotations

import posixpath

from generator.model.procedure import Procedure
from generator.model.vocabulary import Category, LifeEvent

HOME = ""


# Hand-written help pages (docs/help/<name>.md). Procedure pages, flyers and tests link to them through these
# names, so a page can be renamed in one place; the addresses are printed on paper, so keep them stable.
HELP = "help/"
HELP_PREPARE = "help/prepare/"
HELP_SMARTPHONE = "help/smartphone/"
HELP_PIN = "help/pin/"
HELP_CARD_READING = "help/card-reading/"
HELP_CERTIFICATE = "help/certificate/"
HELP_ATTACHMENTS = "help/attachments/"
HELP_AFTER_SENDING = "help/after-sending/"
HELP_FAMILY = "help/family/"
HELP_CONTACT = "help/contact/"

HELP_PAGES: tuple[str, ...] = (
    HELP_PREPARE,
    HELP_SMARTPHONE,
    HELP_PIN,
    HELP_CARD_READING,
    HELP_CERTIFICATE,
    HELP_ATTACHMENTS,
    HELP_AFTER_SENDING,
    HELP_FAMILY,
    HELP_CONTACT,
)
"""Every help topic page (the index ``HELP`` lists them all)."""


def help_source(url: str) -> str:
    """The Markdown file under ``docs/`` that MkDocs turns into the help page at ``url``."""
    name = url.removeprefix(HELP).rstrip("/") or "index"
    return f"{HELP}{name}.md"


def procedure_url(procedure: Procedure) -> str:
    return f"{procedure.category.value}/{procedure.slug}/"


def short_url(procedure_id: str) -> str:
    """The short, stable address printed under QR codes. It depends on the id only, never on the slug."""
    return f"p/{procedure_id}/"


def short_urls(procedure_id: str) -> list[str]:
    """Every address of a procedure's short link: as printed (``p/k01/``) and in capitals (``p/K01/``), because
    people type what they read on paper. Static hosts answer ``p/k01`` (no final slash) by redirecting to the
    folder, and the 404 page sends any other mix of capitals to the printed form."""
    addresses = [short_url(procedure_id)]
    if procedure_id.upper() != procedure_id:
        addresses.append(short_url(procedure_id.upper()))
    return addresses


def category_url(category: Category) -> str:
    return f"{category.value}/"


def life_event_url(event: LifeEvent) -> str:
    return f"kurashi/{event.value}/"


# The webmaster pages: what changed, and the catalog as open data.
CHANGES = "koushin/"
CHANGES_FEED = "koushin/atom.xml"
OPEN_DATA = "opendata/"
OPEN_DATA_JSON = "opendata/procedures.json"
OPEN_DATA_CSV = "opendata/procedures.csv"
OPEN_DATA_SCHEMA = "opendata/procedures.schema.json"


def public_url(base_url: str | None, url: str) -> str:
    """``url`` under the published address, or site-relative (``kosodate/…/``) when ``base_url`` is unknown."""
    if not base_url:
        return url or "./"
    return base_url.rstrip("/") + "/" + url


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` that works under any base path."""
    link = _relpath(to_url or ".", from_url or ".")
    if link == ".":
        return "./"
    return link + "/" if to_url.endswith("/") and not link.endswith("/") else link


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)``, the same string, without its two trips through the current folder.

    Why: a rebuild makes ~1,500 links (each page's links to the others, the editions' rewritten links), and
    ``relpath`` makes both paths absolute with ``os.getcwd()`` first — ~7 µs a link against ~2 µs here. For two
    relative paths that do not climb out of their folder (after ``normpath``) the current folder is a common
    prefix of both, so it drops out; anything else (an absolute path, a leading ``..``) goes to ``relpath``."""
    path_norm, start_norm = posixpath.normpath(path), posixpath.normpath(start)
    if path_norm.startswith(("/", "..")) or start_norm.startswith(("/", "..")):
        return posixpath.relpath(path, start)
    path_parts = [part for part in path_norm.split("/") if part and part != "."]
    start_parts = [part for part in start_norm.split("/") if part and part != "."]
    common = 0
    for ours, theirs in zip(start_parts, path_parts):
        if ours != theirs:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + path_parts[common:]
    return "/".join(parts) if parts else "."


# --- Printable flyers for smartphone classes (generator/flyers/) -----------------------------------------

FLYERS = "chirashi/"
"""The staff page that lists every flyer (linked from the footer, not from the residents' pages)."""


def flyer_url(procedure_id: str) -> str:
    """The print-ready A4 flyer of one procedure."""
    return f"{FLYERS}{procedure_id}/"


def handout_url(group: str) -> str:
    """A4 sheets of QR cards for a class: ``group`` is a category value or ``all``."""
    return f"{FLYERS}cards-{group}/"


def class_kit_url(topic: str, cards: bool = False) -> str:
    """A class kit's print page, where staff tick the sheets to print (``cards``: its QR card sheets)."""
    return f"{FLYERS}kyoushitsu-{topic}/" + ("cards/" if cards else "")


def instructor_url(procedure_id: str) -> str:
    """講師用: the instructor's page of one procedure (staff page only, never printed for residents)."""
    return f"{FLYERS}{procedure_id}/koushi/"


PRACTICE = f"{FLYERS}practice/"
"""The class practice sheet (before you start, PINs, what to do when a PIN is locked)."""


def flyer_pdf(name: str) -> str:
    """The PDF made at build time from the print page ``name`` (a procedure id, ``cards-all``, ``practice``)."""
    return f"{FLYERS}pdf/{name}.pdf"


def qr_image(name: str, extension: str) -> str:
    """A QR code alone (``svg`` or ``png``) for staff who make their own posters."""
    return f"{FLYERS}qr/{name}.{extension}"


def absolute(base_url: str, url: str) -> str:
    """The absolute address of the site-relative ``url`` under the site's ``base_url`` (which ends in ``/``)."""
    return base_url + url


# --- 「この ページは 役に 立ちましたか」 (generator/site/feedback.py) -------------------------------------------

FEEDBACK = "fb/"
FEEDBACK_ANSWERS = ("yes", "no")
"""The two answers. Each is a static thank-you page; the town's web-server log counts the visits."""


def feedback_url(page_key: str, answer: str) -> str:
    """The static page an answer link opens: ``fb/k01/yes/``. ``page_key`` is a procedure id or a life event.
    ``tetsuzuki feedback report`` reads these addresses back from access logs, so keep them stable."""
    return f"{FEEDBACK}{page_key}/{answer}/"


# --- The same content for other systems (generator/site/plain_text.py, hsds.py, registry.py) ----------------

LLMS_TXT = "llms.txt"
"""The llms.txt index at the site root (https://llmstxt.org/)."""


def markdown_url(url: str) -> str:
    """The plain Markdown version of the page at ``url``, beside it: ``index.md.txt``.

    Why not the llms.txt proposal's ``index.html.md``: MkDocs (and Zensical, and the plain project that
    ``tetsuzuki export`` writes) renders every ``.md`` file as a page, so a ``.md`` copy cannot be published
    byte for byte without a plugin. ``.txt`` is served as text by every web server."""
    return f"{url}index.md.txt"


OPEN_DATA_HSDS = "opendata/hsds/services.json"
"""Open Referral HSDS 3.0 services (one per procedure)."""
OPEN_DATA_REGISTRY = "opendata/kosodate-registry.json"
"""The child-care procedures shaped like the 子育て支援制度レジストリ's published fields."""
