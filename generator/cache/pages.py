"""Page-level reuse inside one town: the per-page work of the last good build of an output folder.

A rebuild after a one-procedure edit used to finish every page again (the editions' spacing and ふりがな,
about 3 ms a page) and match every page against Material's stylesheet again (an HTML parse each), although
most pages came out the same. ``PageMemo`` remembers, per output folder, what each of those steps was given
and what it produced:

- **finished pages** (``document``): the SHA-256 of exactly the step's input (the page as MkDocs rendered it,
  its address, and what the step reads besides: ``context``) and the SHA-256 of the bytes it wrote. When a
  page's input hashes to the same key, the page is read back from the previous site — and used only if those
  bytes still hash to what the last build wrote (an edited, deleted or replaced file is simply made again);
- **small results** (``value``): a key and its value, kept in the memo itself (the rules of Material's
  stylesheet that a page uses);
- **pages not put through the theme again** (``themed``): the SHA-256 of everything the theme and the
  finishing read for a page (the plugin's ``theme_key``: the page's own values, the navigation, the
  configuration, the theme's files, the town's values, the string tables, the finishing's context) and of the
  bytes written; same key, same bytes in the previous site: the page is read back and MkDocs' template pass and
  the finishing are skipped.

Why the previous site and not a copy in the cache: for ``build --all`` a copy of every page of every town
would be gigabytes; the memo is about 100 KB a town. Each key also holds the code fingerprint, so a code or
library change misses. The memo is written only after the new site is in place (``build_site``), keeps only
the entries that build used (it does not grow with edits), and lives in ``pages/`` of the cache folder;
deleting it only makes the next build do all the work.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from generator.cache.entries import keep, read_whole
from generator.cache.fingerprint import code_fingerprint
from generator.file_modes import new_file_mode

_DOCUMENTS = "documents"
_THEMED = "themed"


def memo_path(folder: Path, target: Path) -> Path:
    """Where the memo of the site in ``target`` is kept: in the cache, never in the output."""
    name = hashlib.sha256(str(target.resolve()).encode("utf-8")).hexdigest()[:32]
    return folder / "pages" / f"{name}.json"


def key_of(*parts: str) -> str:
    """The SHA-256 of ``parts`` and the code fingerprint (each part length-prefixed, so no two splits collide)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part.encode("utf-8", errors="surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)  # (not joined to the length first: a page's content is not copied once more)
    return digest.hexdigest()


def _inside(path: str, folder: Path) -> str:
    """``os.path.relpath(path, folder)``: for a normalised path inside ``folder`` (what MkDocs gives: its
    ``abs_dest_path``), the rest of it after the folder, without ``relpath``'s two ``abspath`` and its walk of
    both (~0.01 ms a call, ~680 calls a rebuild); any other path goes to ``relpath``."""
    prefix = os.fspath(folder) + os.sep
    if path.startswith(prefix):
        rest = path[len(prefix):]
        if not (os.altsep and os.altsep in rest) and all(part not in ("", ".", "..") for part in rest.split(os.sep)):
            return rest
    return os.path.relpath(path, folder)


def _identity(status: os.stat_result) -> tuple[int, ...]:
    """What tells one file's state from another's: device, inode, size, modification and change times."""
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


_new_file_mode = functools.cache(new_file_mode)
"""The permissions a file written now gets, read once a process (``write_or_link`` asks for every page)."""


def _written(text: str) -> bytes:
    """The bytes MkDocs writes for ``text`` (``mkdocs.utils.write_file`` after ``on_post_page``)."""
    return text.encode("utf-8", errors="xmlcharrefreplace")


class _Recent:
    """What this process computed per page (finished pages, small results), by namespace and key, the oldest
    first out of a bounded store: a site built again in the same process into another folder (the tests, a
    preview) does no page's work twice. Bounded, because ``build --all`` runs every town in few processes and no
    two towns share a page."""

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self.items: OrderedDict[str, str] = OrderedDict()

    def get(self, key: str) -> str | None:
        value = self.items.get(key)
        if value is not None:
            self.items.move_to_end(key)
        return value

    def put(self, key: str, value: str) -> None:
        if key in self.items or len(value) > self.limit:
            return
        self.items[key] = value
        self.size += len(value)
        while self.size > self.limit:
            _, dropped = self.items.popitem(last=False)
            self.size -= len(dropped)


_RECENT = _Recent(limit=48 * 1024 * 1024)
"""About two example sites of finished pages (characters)."""


def _recent_or(namespace: str, key: str, compute: Callable[[], str]) -> str:
    """``compute()``, or what this process computed for the same ``namespace`` and ``key``."""
    result = _RECENT.get(f"{namespace}:{key}")
    if result is None:
        result = compute()
        _RECENT.put(f"{namespace}:{key}", result)
    return result


class PageMemo:
    """What the last successful build of ``target`` computed per page; ``save`` after the new site is in place."""

    def __init__(self, folder: Path | None, target: Path):
        self.target = target
        self._target = os.fspath(target) + os.sep
        """``target`` as text with a separator after: a previous page's path is this and its place (a ``Path`` made
        for each of ~680 files a rebuild was ~1 % of its CPU)."""
        self.path = None if folder is None else memo_path(folder, target)
        self.previous = self._read()
        self.current: dict[str, dict[str, object]] = {}
        self.hits = 0
        self.misses = 0
        self.themed_hits = 0
        """Pages not put through the theme again (``themed``)."""
        self.read_back: dict[str, tuple[bytes, tuple[int, ...]]] = {}
        """The pages read back from the previous site (``_previous_bytes``): their bytes and the identity of the file
        they were read from (``_identity``), for ``write_or_link``."""
        self.linked = 0
        """Pages ``write_or_link`` linked to the previous site's file instead of writing."""
        self._links: set[str] = set()
        self._can_link = True
        self.digests: dict[str, str] = {}
        """The SHA-256 (hex) of the bytes each page of this build is written as, where the memo knows it (a page
        reused, or remembered), by its path inside the output: the used-CSS step keys pages by it."""

    def _read(self) -> dict[str, dict[str, object]]:
        if self.path is None:
            return {}
        try:
            memo = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(memo, dict) or not all(isinstance(part, dict) for part in memo.values()):
            return {}
        return memo

    def _remember(self, namespace: str, name: str, entry: object) -> None:
        self.current.setdefault(namespace, {})[name] = entry

    def value(self, namespace: str, key: str, compute: Callable[[], str]) -> str:
        """``compute()``, or what it returned in the last build for the same ``key``."""
        known = self.previous.get(namespace, {}).get(key)
        if isinstance(known, str):
            self.hits += 1
        else:
            self.misses += 1
            known = _recent_or(namespace, key, compute)
        self._remember(namespace, key, known)
        return known

    def document(self, relative: str, key: str, compute: Callable[[], str]) -> str:
        """The finished page written to ``relative`` (inside the output) for an input hashing to ``key``."""
        entry = self.previous.get(_DOCUMENTS, {}).get(relative)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == key:
            reused = self._previous_text(relative, str(entry[1]))
            if reused is not None:
                self.hits += 1
                self._remember(_DOCUMENTS, relative, entry)
                self.digests[relative] = str(entry[1])
                return reused
        self.misses += 1
        result = _recent_or(_DOCUMENTS, key, compute)
        digest = self.digests[relative] = hashlib.sha256(_written(result)).hexdigest()
        self._remember(_DOCUMENTS, relative, [key, digest])
        return result

    def themed(self, relative: str, key: str) -> str | None:
        """The finished page written to ``relative`` in the last build whose theme pass and finishing were given
        inputs hashing to ``key`` (the plugin's ``theme_key``), or ``None``: then the page goes through the theme
        and ``remember_themed`` is told what it became."""
        entry = self._themed_entry(relative, key)
        if entry is not None:
            reused = self._previous_text(relative, str(entry[1]))
            if reused is not None:
                self._themed_hit(relative, entry)
                return reused
        recent = _RECENT.get(f"{_THEMED}:{key}")
        if recent is not None:
            self.hits += 1
            self.themed_hits += 1
            digest = self.digests[relative] = hashlib.sha256(_written(recent)).hexdigest()
            self._remember(_THEMED, relative, [key, digest])
        return recent

    def themed_bytes(self, relative: str, key: str) -> bytes | None:
        """What ``themed`` reuses, as the bytes the last build wrote to ``relative`` (read back, their hash checked),
        without making them text: for a page that is not put through MkDocs' page pass at all (``build_site``'s
        ``_reusing_pages``). ``None`` when the last build's entry or file does not hold, or when the bytes hold no
        ``<`` (a page whose text could be only white space, which MkDocs does not write: never taken here)."""
        entry = self._themed_entry(relative, key)
        if entry is None:
            return None
        data = self._previous_bytes(relative, str(entry[1]))
        if data is None or b"<" not in data:
            return None
        self._themed_hit(relative, entry)
        return data

    def _themed_entry(self, relative: str, key: str) -> list | None:
        entry = self.previous.get(_THEMED, {}).get(relative)
        return entry if isinstance(entry, list) and len(entry) == 2 and entry[0] == key else None

    def _themed_hit(self, relative: str, entry: list) -> None:
        self.hits += 1
        self.themed_hits += 1
        self._remember(_THEMED, relative, entry)
        self.digests[relative] = str(entry[1])
        document = self.previous.get(_DOCUMENTS, {}).get(relative)
        if document is not None:  # (the same rendered page, the same finishing: its entry holds)
            self._remember(_DOCUMENTS, relative, document)

    def remember_themed(self, relative: str, key: str, finished: str) -> None:
        """``finished`` is what the page at ``relative`` became for theme inputs hashing to ``key``."""
        digest = self.digests[relative] = hashlib.sha256(_written(finished)).hexdigest()
        self._remember(_THEMED, relative, [key, digest])
        _RECENT.put(f"{_THEMED}:{key}", finished)

    def _previous_text(self, relative: str, sha256: str) -> str | None:
        """``_previous_bytes`` as text (``None`` if they are not UTF-8)."""
        data = self._previous_bytes(relative, sha256)
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            self.read_back.pop(relative, None)
            return None

    def _previous_bytes(self, relative: str, sha256: str) -> bytes | None:
        """The file at ``relative`` in the previous site, if it is a plain file holding exactly those bytes."""
        path = self._target + relative
        try:
            # Why lstat and O_NOFOLLOW: a FIFO would block the build, a link could point anywhere.
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return None
            data, status = read_whole(path, getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != sha256:
            return None
        self.read_back[relative] = (data, _identity(status))
        return data

    def write_or_link(self, content: bytes, output_path: str, staging: Path, write: Callable[[bytes, str], None]) -> None:
        """Put ``content`` at ``output_path`` inside ``staging`` (the new site): as a hard link to the previous site's
        file when this build read that file back (``_previous_bytes``, which checked its hash), it holds exactly
        ``content``, it is still the file that was read — same device, inode, size, modification and change times (a
        file changed since, even written back with its old times, has a new change time) — and its permissions are
        what a new file gets; otherwise by ``write`` (MkDocs' own).

        Why: a rebuild after one edit wrote ~450 unchanged pages (~8 MB) again; a link is one small change of the
        folder. The new site then shares those files with the previous one until the swap removes the previous one
        (``output_swap``). Nothing writes into a shared file: a path written again is unlinked first, and a later
        build reads each page back and checks its hash, as before. Where links cannot be made (another file
        system, none on this one) every page is written."""
        relative = _inside(output_path, staging)
        if output_path in self._links:  # (never write into a file the previous site shares)
            os.unlink(output_path)
            self._links.discard(output_path)
        known = self.read_back.get(relative)
        if self._can_link and known is not None and known[0] == content and not relative.startswith(os.pardir):
            previous = self._target + relative
            try:
                status = os.lstat(previous)
                if (stat.S_ISREG(status.st_mode) and _identity(status) == known[1]
                        and stat.S_IMODE(status.st_mode) == _new_file_mode()):
                    os.makedirs(os.path.dirname(output_path), exist_ok=True)
                    os.link(previous, output_path, follow_symlinks=False)
                    self._links.add(output_path)
                    self.linked += 1
                    return
            except (FileNotFoundError, FileExistsError):  # (the previous file gone; a file already at the path)
                pass
            except OSError:  # another file system, or one without hard links: write every page
                self._can_link = False
        write(content, output_path)

    def write_or_link_same(
        self, content: bytes, output_path: str, staging: Path, write: Callable[[bytes, str], None]
    ) -> None:
        """``write_or_link`` for a file the memo keeps no hash of (a generated file MkDocs copies: a QR code, a
        script, the open data): the previous site's file at the same place is read back and compared byte for byte
        with ``content``; the same bytes are linked (the file's identity checked again, as for a page), other
        bytes are written.

        Why: a rebuild after one edit wrote ~230 such files again (~0.05 s of CPU, most of it the kernel's: each a
        new inode and blocks, freed again — trimmed on this machine's disk — when the site after was swapped in).
        Only with a cache folder (a build without one writes every file, as before)."""
        relative = _inside(output_path, staging)
        if self.path is not None and self._can_link and relative not in self.read_back and not relative.startswith(os.pardir):
            previous = self._target + relative
            try:
                if stat.S_ISREG(os.lstat(previous).st_mode):
                    data, status = read_whole(previous, getattr(os, "O_NOFOLLOW", 0))
                    if data == content:
                        self.read_back[relative] = (data, _identity(status))
            except OSError:
                pass
        self.write_or_link(content, output_path, staging, write)

    def save(self) -> None:
        """Keep what this build used, for the next build of the same folder (never fails the build)."""
        if self.path is not None:
            keep(self.path, json.dumps(self.current, sort_keys=True, separators=(",", ":")).encode("utf-8"))
