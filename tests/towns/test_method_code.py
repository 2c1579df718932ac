"""Dataclass methods compiled once (``generator/method_code.py``; issue #23 item 4: Python 3.11 compiled the methods
of the ~130 dataclasses a build imports in every fresh process, ≈ 0.045 s of a rebuild): the code taken from the
file is the code Python compiles, a damaged file is compiled again, and no file is written where bytecode is not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import dataclasses
{imports}

@dataclasses.dataclass(frozen=True, order=True)
class Probe:
    name: str
    count: int = 0
    tags: tuple[str, ...] = dataclasses.field(default=(), compare=False)

def state(function):
    code = function.__code__
    return (code.co_code, code.co_consts, code.co_names, code.co_varnames, code.co_flags, code.co_argcount,
            code.co_kwonlyargcount, code.co_filename, code.co_name, code.co_firstlineno, code.co_linetable,
            code.co_exceptiontable, code.co_freevars, code.co_cellvars, function.__qualname__,
            function.__annotations__, function.__defaults__, function.__kwdefaults__)

print(repr([state(getattr(Probe, name)) for name in
            ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__lt__", "__ge__")]))
print(repr(Probe("a", 2)), Probe("a", 2, ("x",)) == Probe("a", 2), sorted([Probe("b"), Probe("a", 3)]))
{report}
"""

COMMAND = "import generator.cli\nfrom generator import method_code"
REPORT = 'print("compiled:", len(method_code._NEW), "installed:", dataclasses.exec is method_code._exec)'


def _run(prefix: Path, command: bool = True, bytecode: bool = True) -> tuple[str, str]:
    """A fresh process making ``Probe`` (after the ``tetsuzuki`` command's imports, or in plain Python): what its
    methods are, and (with the command) how many texts it compiled."""
    environment = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    if not bytecode:
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
    script = PROBE.format(imports=COMMAND if command else "", report=REPORT if command else "")
    result = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    return "\n".join(lines[:2]), lines[2] if command else ""


def _file(prefix: Path) -> Path:
    found = list(prefix.rglob("dataclass-methods.*.marshal"))
    assert len(found) == 1, found
    return found[0]


def test_the_methods_made_from_kept_code_are_those_python_compiles(tmp_path: Path) -> None:
    plain, _ = _run(tmp_path / "plain", command=False)
    first, first_report = _run(tmp_path / "kept")
    second, second_report = _run(tmp_path / "kept")
    assert first == plain
    assert second == plain
    assert first_report.endswith("installed: True")
    assert int(first_report.split()[1]) > 100  # (the command's imports: pydantic's dataclasses and ours)
    assert second_report == "compiled: 0 installed: True"


def test_a_damaged_file_is_compiled_again_and_written_whole(tmp_path: Path) -> None:
    plain, _ = _run(tmp_path / "plain", command=False)
    _run(tmp_path / "kept")
    path = _file(tmp_path / "kept")
    whole = path.read_bytes()
    for damaged in (whole[: len(whole) // 2], b"", b"\0" + whole[1:], whole[:4] + b"2\n" + whole[6:]):
        path.write_bytes(damaged)
        methods, report = _run(tmp_path / "kept")
        assert methods == plain
        assert int(report.split()[1]) > 100
        assert _run(tmp_path / "kept")[1] == "compiled: 0 installed: True"


def test_no_file_is_written_where_bytecode_is_not(tmp_path: Path) -> None:
    plain, _ = _run(tmp_path / "plain", command=False)
    methods, report = _run(tmp_path / "kept", bytecode=False)
    assert methods == plain
    assert report.endswith("installed: True")
    assert not list((tmp_path / "kept").rglob("dataclass-methods.*"))
