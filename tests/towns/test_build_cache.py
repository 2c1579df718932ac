"""Builds that scale: PDFs come from the cache only when exactly their inputs are unchanged, a cached build is
byte-for-byte a clean one, build --all skips towns whose inputs did not change, and --shard splits the towns."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from generator.build import build_site
from generator.build_towns import select_shard
from generator.environment import CACHE_DIR_ENV, CACHE_ENV
from generator.flyers.feature import PDF_ENV
from tests.commands.conftest import small_project


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _cached_pdfs(cache: Path) -> dict[str, int]:
    """Each cached PDF's inode: a PDF rendered again is written as a new file (a hit only touches the time)."""
    return {str(p): p.stat().st_ino for p in cache.rglob("*.pdf")}


def test_cached_pdfs_are_byte_identical_to_a_clean_build_and_only_edits_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PDF_ENV, "1")
    project = small_project(tmp_path / "project")
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_ENV, str(cache))

    first = _tree(build_site(project / "mkdocs.yml", site_dir=tmp_path / "first"))
    stored = _cached_pdfs(cache)
    assert any(name.endswith(".pdf") for name in first) and stored  # (topic bundles are joined, not rendered)

    second = _tree(build_site(project / "mkdocs.yml", site_dir=tmp_path / "second"))
    assert second == first
    assert _cached_pdfs(cache) == stored  # every PDF came from the cache: nothing was rendered or rewritten

    monkeypatch.setenv(CACHE_ENV, "0")
    clean = _tree(build_site(project / "mkdocs.yml", site_dir=tmp_path / "clean"))
    assert clean == first  # the cache changes nothing a reader gets
    monkeypatch.delenv(CACHE_ENV)

    # An edit to one procedure's step title: its flyer (and the QR cards that name it) are made again,
    # the other procedure's flyer is not.
    k01 = next((project / "procedures").glob("k01-*.yml"))
    text = k01.read_text(encoding="utf-8")
    k01.write_text(text.replace("  - title: ", "  - title: （へんしゅう）", 1), encoding="utf-8")
    edited = _tree(build_site(project / "mkdocs.yml", site_dir=tmp_path / "edited"))
    new = set(_cached_pdfs(cache)) - set(stored)
    assert 1 <= len(new) < len([n for n in first if n.endswith(".pdf")])
    assert edited["chirashi/pdf/d01.pdf"] == first["chirashi/pdf/d01.pdf"]
    assert edited["chirashi/pdf/k01.pdf"] != first["chirashi/pdf/k01.pdf"]


def test_build_all_skips_unchanged_towns_and_rebuilds_an_edited_one(run_cli, tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    town = project / "municipalities" / "testtown.yml"
    shutil.copy(town, project / "municipalities" / "othertown.yml")
    first = run_cli(project, "build", "--all", "sites", "-j", "1")
    assert first.exit_code == 0, first.stderr
    assert "変更なし" not in first.stderr
    before = _tree(project / "sites" / "othertown")
    second = run_cli(project, "build", "--all", "sites", "-j", "1")
    assert "othertown.yml: 変更なし（前の まま）" in second.stderr and "testtown.yml: 変更なし" in second.stderr
    assert "うち 2 自治体は 入力が 変わって いないので 前の まま" in second.stdout
    town.write_text(town.read_text(encoding="utf-8").replace("name: テスト町役場", "name: テスト町役場本庁舎"), encoding="utf-8")
    third = run_cli(project, "build", "--all", "sites", "-j", "1")
    assert "testtown.yml: できました" in third.stderr and "othertown.yml: 変更なし" in third.stderr
    assert "テスト町役場本庁舎" in next((project / "sites" / "testtown" / "kosodate").rglob("index.html")).read_text(encoding="utf-8")
    assert _tree(project / "sites" / "othertown") == before
    assert not any(p.name.startswith(".") for p in (project / "sites" / "testtown").iterdir())  # the stamp is not published


def test_shards_split_the_towns_once_each() -> None:
    towns = [Path(f"municipalities/town{i:04d}.yml") for i in range(1741)]
    shards = [select_shard(towns, (i, 4)) for i in range(1, 5)]
    assert sorted(p for shard in shards for p in shard) == sorted(towns)
    assert {len(s) for s in shards} == {435, 436}
    assert select_shard(list(reversed(towns)), (2, 4)) == shards[1]


def test_shard_needs_all_and_a_valid_i_of_n(run_cli, tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    assert run_cli(project, "build", "--shard", "1/2").exit_code != 0
    bad = run_cli(project, "build", "--all", "sites", "--shard", "3/2")
    assert bad.exit_code != 0 and "1 ≦ I ≦ N" in bad.output
    shutil.copy(project / "municipalities" / "testtown.yml", project / "municipalities" / "othertown.yml")
    result = run_cli(project, "build", "--all", "sites", "--shard", "2/2", "-j", "1")
    assert result.exit_code == 0
    assert [p.name for p in (project / "sites").iterdir() if not p.name.startswith(".")] == ["testtown"]


def test_the_next_build_takes_scripts_from_the_cache_and_writes_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What every town shares and only the code changes (minified scripts) is kept between builds, so a
    # rebuild needs no JavaScript parser. (The finder's readings come from readings/*.yml: nothing to cache.)
    from generator.site import scripts

    project = small_project(tmp_path / "project")
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    # (as for scripts edited since their minified copies were shipped: tests/site/test_shipped_scripts.py)
    monkeypatch.setattr(scripts, "MINIFIED", tmp_path / "no-shipped-copies")
    scripts._minified.cache_clear()
    first = _tree(build_site(project / "mkdocs.yml", site_dir=tmp_path / "first"))

    scripts._minified.cache_clear()  # as a new process starts

    def unavailable(*_args: object) -> None:
        raise AssertionError("computed again instead of taken from the cache")

    monkeypatch.setattr(scripts, "_minify", unavailable)
    assert _tree(build_site(project / "mkdocs.yml", site_dir=tmp_path / "second")) == first


def test_cache_entries_no_build_used_for_30_days_are_deleted_and_a_hit_keeps_an_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every edit adds PDFs for every town and every code change makes all keys new: without pruning a
    # publishing job's cache only grows (and a CI cache has a size limit).
    import os
    import time

    from generator import cache

    class Renderer:
        def render_measured(self, html: str, url: str) -> tuple[bytes, int, float]:
            return html.encode(), 1, 200.0

    renderer = cache.CachedPdfRenderer(Renderer, tmp_path, {})
    renderer.render("<p>used</p>", "a/")
    renderer.render("<p>forgotten</p>", "b/")
    entries = sorted((tmp_path / "pdf").rglob("*.*"))
    month_ago = time.time() - 31 * 86400
    for path in entries:
        os.utime(path, (month_ago, month_ago))

    renderer.render("<p>used</p>", "a/")  # a hit: this build used it
    assert renderer.hits == 1
    assert cache.prune(tmp_path, cache.KEEP_DAYS) == 2  # the PDF and its measurements nobody used
    left = sorted((tmp_path / "pdf").rglob("*.*"))
    assert len(left) == 2 and {p.stem for p in left} == {renderer.key("<p>used</p>", "a/")}


def test_a_cache_is_walked_for_pruning_at_most_once_an_hour_for_the_same_number_of_days(tmp_path: Path) -> None:
    # (walking a town's few thousand entries after every build was ≈ 0.012 s of a rebuild after one edit; an entry
    # is kept for a day at least, so an hour later changes nothing but the disk space for that hour)
    import os
    import time

    from generator.cache.pruning import PRUNED_WITHIN, prune_now_and_then

    def stale(name: str) -> Path:
        path = tmp_path / "stored" / "ab" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"old")
        os.utime(path, (time.time() - 60 * 86400,) * 2)
        return path

    first = stale("first")
    assert prune_now_and_then(tmp_path, 30) == 1 and not first.exists()
    second = stale("second")
    assert prune_now_and_then(tmp_path, 30) == 0 and second.exists()  # pruned a moment ago
    assert prune_now_and_then(tmp_path, 30, now=time.time() + PRUNED_WITHIN - 60) == 0 and second.exists()
    assert prune_now_and_then(tmp_path, 30, now=time.time() + PRUNED_WITHIN + 60) == 1 and not second.exists()
    third = stale("third")
    assert prune_now_and_then(tmp_path, 30) == 0 and third.exists()
    assert prune_now_and_then(tmp_path, 40) == 1 and not third.exists()  # another number of days: at once
    fourth = stale("fourth")
    assert prune_now_and_then(tmp_path, 40, now=time.time() - PRUNED_WITHIN - 60) == 1  # a clock set back
    assert not fourth.exists()
    fifth = stale("fifth")
    (tmp_path / "pruned").write_text("まちがい", encoding="utf-8")
    assert prune_now_and_then(tmp_path, 40) == 1 and not fifth.exists()  # an unreadable stamp: pruned


def test_a_build_prunes_the_cache_and_a_wrong_number_of_days_is_refused_before_anything_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    from generator.errors import BuildError

    project = small_project(tmp_path / "project")
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_ENV, str(cache))
    stale = cache / "pdf" / "ab" / "ab-old.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF old")
    two_months_ago = time.time() - 60 * 86400
    os.utime(stale, (two_months_ago, two_months_ago))

    monkeypatch.setenv("TETSUZUKI_CACHE_DAYS", "三十")
    with pytest.raises(BuildError, match="TETSUZUKI_CACHE_DAYS"):
        build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    assert not (tmp_path / "site").exists() and stale.exists()

    monkeypatch.setenv("TETSUZUKI_CACHE_DAYS", "90")
    build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    assert stale.exists()  # 60 days old, kept for 90
    monkeypatch.delenv("TETSUZUKI_CACHE_DAYS")
    build_site(project / "mkdocs.yml", site_dir=tmp_path / "site")
    assert not stale.exists()  # the default is 30 days
    assert any((cache / "stored").rglob("*"))  # what this build used is still there
