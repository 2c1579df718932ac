"""Cache entries are written atomically by every process of a build (``build --all``'s workers are forked), with
the permissions they always had, and a cache that cannot be written never fails a build."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from generator.cache.entries import keep, read_used


def test_forked_workers_write_the_same_folder_without_clashing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "stored" / "steps"
    keep(folder / "first", b"made before the fork")  # (the parent's count and names are the child's too)
    used: list[str] = []  # the temporary names this process renamed into place
    replace = os.replace
    monkeypatch.setattr(os, "replace", lambda source, target: used.append(os.path.basename(source)) or replace(source, target))
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # the worker: the same entries as the parent
        written = all(keep(folder / f"entry-{number}", b"child %d" % number) for number in range(50))
        os.write(writer, "\n".join(used).encode())
        os._exit(0 if written else 1)
    os.close(writer)
    parent_written = all(keep(folder / f"entry-{number}", b"parent %d" % number) for number in range(50))
    with os.fdopen(reader, "rb") as pipe:
        child_used = pipe.read().decode().split("\n")
    _, status = os.waitpid(child, 0)
    assert parent_written and os.waitstatus_to_exitcode(status) == 0
    assert len(used) == len(child_used) == 50 and all(name.startswith(".tmp-") for name in used + child_used)
    assert not set(used) & set(child_used)  # (at the same moment, one name made twice: O_EXCL refuses the second)
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted(["first"] + [f"entry-{number}" for number in range(50)])  # nothing temporary left
    for number in range(50):
        assert read_used(folder / f"entry-{number}") in (b"child %d" % number, b"parent %d" % number)
    assert {stat.S_IMODE((folder / name).stat().st_mode) for name in names} == {0o600}


def test_a_missing_folder_is_made_and_an_unwritable_one_is_not_an_error(tmp_path: Path) -> None:
    assert keep(tmp_path / "a" / "b" / "c" / "entry", b"deep") is True
    assert (tmp_path / "a" / "b" / "c" / "entry").read_bytes() == b"deep"
    blocked = tmp_path / "file"
    blocked.write_bytes(b"not a folder")
    assert keep(blocked / "entry", b"x") is False
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a", "file"]
