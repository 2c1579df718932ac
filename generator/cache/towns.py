"""Whole towns in ``build --all``: their input fingerprints, up-to-date stamps and output manifests."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.cache.entries import keep, read_whole
from generator.cache.fingerprint import code_fingerprint, hash_files
from generator.model.options import BuildOptions

def shared_fingerprint(paths: Iterable[Path], root: Path, options: BuildOptions) -> str:
    """The inputs every town of a project shares (procedures, guides, docs, theme, …) plus the code and the
    build options that change output (PDFs or not, the printed date)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files |= {p.resolve() for p in path.rglob("*") if p.is_file()}
        elif path.is_file():
            files.add(path.resolve())
    hash_files(digest, files, root.resolve())
    digest.update(options.output_key().encode())
    return digest.hexdigest()


def town_fingerprint(shared: str, settings: Path) -> str:
    """What one town's site is made from: the shared fingerprint, its own settings file and that file's text
    variants for other editions (``municipalities/<edition key>/<same name>``)."""
    digest = hashlib.sha256(shared.encode() + b"\0" + settings.read_bytes())
    for variant in sorted(settings.parent.glob(f"*/{settings.name}")):
        if variant.is_file():
            digest.update(b"\0" + variant.parent.name.encode() + b"\0" + variant.read_bytes())
    return digest.hexdigest()


def stamp_path(folder: Path, target: Path) -> Path:
    """Where the input fingerprint of the site in ``target`` is kept: in the cache, never in the output."""
    name = hashlib.sha256(str(target.resolve()).encode("utf-8")).hexdigest()[:32]
    return folder / "towns" / f"{name}.inputs"


@dataclass(frozen=True)
class TownState:
    """Whether ``build --all`` may leave a town's folder as it is, and if not for an odd reason, why."""

    up_to_date: bool
    why: str | None = None
    """Set when the inputs are unchanged but the folder is not what the last build wrote (said to the user)."""


def town_state(folder: Path, target: Path, fingerprint: str) -> TownState:
    """Up to date only when the inputs hash to the stamp's **and** the folder still holds exactly the files,
    byte for byte, that the last build of this town wrote there (its manifest of SHA-256 digests).

    Why the output too: another build into the same folder (``build -d sites/koge`` with other settings), a
    deleted or edited file would otherwise be kept and published as this town's site.
    """
    try:
        stamp = json.loads(stamp_path(folder, target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return TownState(False)
    if not isinstance(stamp, dict) or stamp.get("inputs") != fingerprint or not isinstance(stamp.get("files"), dict):
        return TownState(False)
    if not target.is_dir():
        return TownState(False, "フォルダが なくなって いるので つくりなおします。")
    now = output_manifest(target)
    return TownState(True) if now == stamp["files"] else TownState(False, _difference(stamp["files"], now))


def up_to_date(folder: Path, target: Path, fingerprint: str) -> bool:
    return town_state(folder, target, fingerprint).up_to_date


def mark_built(folder: Path, target: Path, fingerprint: str) -> None:
    """Remember the inputs and the manifest of what was just written to ``target``."""
    stamp = {"inputs": fingerprint, "files": output_manifest(target)}
    keep(stamp_path(folder, target), json.dumps(stamp, sort_keys=True).encode() + b"\n")  # else built again next time


def output_manifest(target: Path) -> dict[str, str]:
    """Every file under ``target`` (links not followed) → the SHA-256 of its bytes (a link: its target).

    Paths as strings and each file read whole with ``os.read`` (``read_whole``): every town of ``build --all``
    lists its ≈ 700 files here after it is built, and a ``Path`` made and a buffered file opened for each were most
    of the time beside the hashing (issue #23)."""
    files: dict[str, str] = {}
    root = os.fspath(target)
    for folder, _folders, names in os.walk(root):
        inside = folder[len(root) + 1:].replace(os.sep, "/")
        for name in names:
            path = os.path.join(folder, name)
            relative = f"{inside}/{name}" if inside else name
            try:
                if os.path.islink(path):
                    files[relative] = "link:" + os.readlink(path)
                    continue
                files[relative] = hashlib.sha256(read_whole(path)[0]).hexdigest()
            except OSError:
                files[relative] = "unreadable"
    return files


def _difference(before: dict[str, str], now: dict[str, str]) -> str:
    """One sentence on how the folder differs from what the last build wrote."""
    parts = []
    for label, names in (
        ("なくなった ファイル", sorted(set(before) - set(now))),
        ("書きかえられた ファイル", sorted(name for name in before if name in now and now[name] != before[name])),
        ("増えた ファイル", sorted(set(now) - set(before))),
    ):
        if names:
            more = f" ほか {len(names) - 1} 件" if len(names) > 1 else ""
            parts.append(f"{label}: {names[0]}{more}")
    return f"入力は 同じですが、フォルダが 前の ビルドの あとで 変わって いるので つくりなおします（{'、'.join(parts)}）。"
