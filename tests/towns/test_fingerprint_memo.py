"""The code fingerprint (in every cache key) is remembered under its files' stat signature
(generator/cache/fingerprint.py): a fresh process does not hash the package and ask for the libraries' versions
again — and any change to a file or to the installed libraries is seen all the same."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from generator.cache import fingerprint


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the generator package as the fingerprinted one, its signature counted as settled at once."""
    copy = tmp_path / "generator"
    shutil.copytree(fingerprint.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    monkeypatch.setattr(fingerprint, "PACKAGE", copy)
    monkeypatch.setattr(fingerprint, "SETTLE_SECONDS", -3600)  # (the copy is seconds old)
    monkeypatch.setattr(fingerprint, "_REMEMBERED", {})
    fingerprint.code_fingerprint.cache_clear()
    yield copy
    fingerprint.code_fingerprint.cache_clear()


def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a new process has: nothing remembered in memory."""
    monkeypatch.setattr(fingerprint, "_REMEMBERED", {})
    fingerprint.code_fingerprint.cache_clear()


def test_a_fresh_process_takes_the_remembered_fingerprint_without_computing_it(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fingerprint.remembered_in(tmp_path / "cache"):
        first = fingerprint.code_fingerprint()
        assert first == fingerprint._computed()
        _fresh_process(monkeypatch)
        monkeypatch.setattr(fingerprint, "_computed", lambda: pytest.fail("computed again"))
        assert fingerprint.code_fingerprint() == first


def test_a_file_written_back_with_its_size_and_modification_time_changes_the_fingerprint(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = package / "templates" / "procedure.html"
    with fingerprint.remembered_in(tmp_path / "cache"):
        first = fingerprint.code_fingerprint()
        status = template.stat()
        text = template.read_bytes()
        # The same size, the same modification time (as `cp -p` or an editor that keeps it would leave it).
        template.write_bytes(text.replace(b"<", b"{", 1) if b"<" in text else text[::-1])
        os.utime(template, ns=(status.st_atime_ns, status.st_mtime_ns))
        assert template.stat().st_size == status.st_size and template.stat().st_mtime_ns == status.st_mtime_ns
        _fresh_process(monkeypatch)
        second = fingerprint.code_fingerprint()
    assert second != first
    assert second == fingerprint._computed()


def test_a_library_installed_or_removed_changes_the_signature(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_packages = tmp_path / "site-packages"
    site_packages.mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(site_packages)])
    before, _ = fingerprint._signature()
    (site_packages / "mkdocs-9.9.9.dist-info").mkdir()  # (what pip does to a library's folder)
    assert fingerprint._signature()[0] != before


def test_a_signature_that_has_not_settled_is_not_remembered(
    package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fingerprint, "SETTLE_SECONDS", 3600)  # (every file counts as just written)
    with fingerprint.remembered_in(tmp_path / "cache"):
        fingerprint.code_fingerprint()
    assert not (tmp_path / "cache" / "fingerprint").exists()
    assert fingerprint._REMEMBERED == {}
