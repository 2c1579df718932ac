"""Code compiled from text once (``generator/compiled_texts.py``; issue #23 item 4: Python 3.11 compiled the methods
of the ~130 dataclasses and the ~1,000 text annotations a build meets in every fresh process, ≈ 0.05 s of a
rebuild): what is taken from the file is the code Python compiles, a damaged file is compiled again, and no file
is written where bytecode is not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import dataclasses
import typing
{imports}

@dataclasses.dataclass(frozen=True, order=True)
class Probe:
    name: str
    count: int = 0
    tags: tuple[str, ...] = dataclasses.field(default=(), compare=False)

def state(code, function=None):
    return (code.co_code, code.co_consts, code.co_names, code.co_varnames, code.co_flags, code.co_argcount,
            code.co_kwonlyargcount, code.co_filename, code.co_name, code.co_firstlineno, code.co_linetable,
            code.co_exceptiontable, code.co_freevars, code.co_cellvars,
            function and (function.__qualname__, function.__annotations__, function.__defaults__, function.__kwdefaults__))

print(repr([state(getattr(Probe, name).__code__, getattr(Probe, name)) for name in
            ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__lt__", "__ge__")]))
print(repr(Probe("a", 2)), Probe("a", 2, ("x",)) == Probe("a", 2), sorted([Probe("b"), Probe("a", 3)]))
references = [typing.ForwardRef(text) for text in ("dict[str, list[int]]", "int | None", "*tuple[int, str]")]
print(repr([state(reference.__forward_code__) for reference in references]),
      typing.get_type_hints(Probe), [typing._eval_type(reference, {{}}, {{}}) for reference in references[:2]])
try:
    typing.ForwardRef("not an expression:")
except SyntaxError as error:
    print(error)
{report}
"""

COMMAND = "import generator.cli\nfrom generator import compiled_texts"
REPORT = (
    'print("compiled:", len(compiled_texts._NEW), "installed:", '
    "dataclasses.exec is compiled_texts._exec and typing.compile is compiled_texts._compile)"
)


def _run(prefix: Path, command: bool = True, bytecode: bool = True) -> tuple[str, str]:
    """A fresh process making ``Probe`` and three forward references (after the ``tetsuzuki`` command's imports, or
    in plain Python): what their code is, and (with the command) how many texts it compiled."""
    environment = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    if not bytecode:
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
    script = PROBE.format(imports=COMMAND if command else "", report=REPORT if command else "")
    result = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert len(lines) == (5 if command else 4), result.stdout
    return "\n".join(lines[:4]), lines[4] if command else ""


def _file(prefix: Path) -> Path:
    found = list(prefix.rglob("compiled-texts.*.marshal"))
    assert len(found) == 1, found
    return found[0]


def test_what_is_made_from_kept_code_is_what_python_compiles(tmp_path: Path) -> None:
    plain, _ = _run(tmp_path / "plain", command=False)
    first, first_report = _run(tmp_path / "kept")
    second, second_report = _run(tmp_path / "kept")
    assert "Forward reference must be an expression" in plain
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
    assert not list((tmp_path / "kept").rglob("compiled-texts.*"))
