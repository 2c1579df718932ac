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
    return _probe(PROBE, REPORT, 4, prefix, command, bytecode)


def _probe(probe: str, report: str, lines: int, prefix: Path, command: bool, bytecode: bool) -> tuple[str, str]:
    """``probe`` run in a fresh process with its bytecode under ``prefix`` (after the command's imports and with
    ``report``, or in plain Python): its first ``lines`` lines of output, and the report's line."""
    environment = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    if not bytecode:
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
    script = probe.format(imports=COMMAND if command else "", report=report if command else "")
    result = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True)
    output = result.stdout.splitlines()
    assert len(output) == lines + command, result.stdout
    return "\n".join(output[:lines]), output[lines] if command else ""


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


PATTERNS = r'''
import re
{imports}
probes = [
    (r"(?P<year>[0-9]{{4}})年(?P<month>[0-9]{{1,2}})月", 0), (r"[\u4e00-\u9fff\u3400-\u4dbf々〆]+", 0),
    (r"straße|ΣΑΣ", re.IGNORECASE), (r"\bword\b \s+ (?# a comment) x", re.VERBOSE), (rb"[a-z]+\d", re.LOCALE),
    (rb"(?i)ab(?=c)", 0), (r"(?<!\d)(\d{{1,2}})日(?!間)", 0), (r"^\w+$", re.ASCII | re.MULTILINE), (r".*?</p>", re.DOTALL),
]
compiled = [re.compile(text, flags) for text, flags in probes]
print(repr([(p.pattern, p.flags, p.groups, p.groupindex) for p in compiled]))
print(repr([[bool(p.search(sample.encode() if isinstance(p.pattern, bytes) else sample)) for p in compiled] for sample in
            ("2026年12月", "STRASSE", "σας", "a word  x", "ab1", "ABc", "3日", "x\nyz", "<p>a</p>")]))
try:
    re.compile("(unclosed", 0)
except re.error as error:
    print(error)
{report}
'''

PATTERNS_REPORT = (
    "from generator import compiled_texts as kept\n"
    "import _sre\n"
    "same = all(_sre.compile(text, *made) == kept._re_compile(text, flags) for (text, flags), made in kept._PATTERNS.items())\n"
    "print('new:', sum(key in kept._NEW_PATTERNS for key in probes), 'kept:', len(kept._PATTERNS), 'same:', same)"
)


def _run_patterns(prefix: Path, command: bool = True, bytecode: bool = True) -> tuple[str, str]:
    """A fresh process compiling the probes (after the command's imports, or in plain Python): what they are and
    match, and (with the command) how many of them it compiled itself, and whether every pattern it holds is the
    one ``re`` compiles (a compiled pattern equals another only with the same flags, text and code)."""
    return _probe(PATTERNS, PATTERNS_REPORT, 3, prefix, command, bytecode)


def test_a_pattern_taken_from_the_file_is_the_pattern_re_compiles(tmp_path: Path) -> None:
    plain, _ = _run_patterns(tmp_path / "plain", command=False)
    first, first_report = _run_patterns(tmp_path / "kept")
    second, second_report = _run_patterns(tmp_path / "kept")
    assert "missing ), unterminated subpattern" in plain
    assert first == plain
    assert second == plain
    assert first_report.startswith("new: 9 ") and first_report.endswith("same: True")
    assert second_report.startswith("new: 0 ") and second_report.endswith("same: True")
    assert int(second_report.split()[3]) > 20  # (the probes, and what the command's first imports compile)


def test_a_damaged_patterns_file_is_compiled_again_and_written_whole(tmp_path: Path) -> None:
    plain, _ = _run_patterns(tmp_path / "plain", command=False)
    _run_patterns(tmp_path / "kept")
    [path] = list((tmp_path / "kept").rglob("compiled-patterns.*.marshal"))
    whole = path.read_bytes()
    header = whole.index(b"\n", 20) + 1  # (the interpreter's magic number and level, then _sre's and the version)
    for damaged in (whole[: len(whole) // 2], b"", b"\0" + whole[1:], whole[:header - 2] + b"x\n" + whole[header:]):
        path.write_bytes(damaged)
        compiled, report = _run_patterns(tmp_path / "kept")
        assert compiled == plain
        assert report.startswith("new: 9 ")
        assert _run_patterns(tmp_path / "kept")[1].startswith("new: 0 ")


def test_no_patterns_file_is_written_where_bytecode_is_not(tmp_path: Path) -> None:
    plain, _ = _run_patterns(tmp_path / "plain", command=False)
    compiled, report = _run_patterns(tmp_path / "kept", bytecode=False)
    assert compiled == plain
    assert report.endswith("same: True")
    assert not list((tmp_path / "kept").rglob("compiled-*"))


WORKER = """
import re, sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
import generator.cli
from generator import build_towns, compiled_texts
from generator.model.options import BuildOptions

def in_the_worker(config_file, settings, target, options, shared):
    for number in range(3):  # (fewer are not written: compiled_texts.FEW_PATTERNS)
        re.compile(f"made in the worker only {number}")
    return build_towns.SiteResult(settings, target, 0.0)

build_towns._build_one_town = in_the_worker  # (as each town's build: the worker is forked with it)
with ProcessPoolExecutor(max_workers=1) as pool:
    print(pool.submit(build_towns._build_one, Path("m.yml"), Path("a.yml"), Path("a"), BuildOptions()).result().settings)
print("made in the worker only 2" in [text for text, _ in compiled_texts._PATTERNS])
"""


def test_a_build_all_worker_writes_what_it_compiled(tmp_path: Path) -> None:
    """``build --all``'s towns are built in a pool's workers, which end without exit handlers."""
    environment = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run([sys.executable, "-c", WORKER], env=environment, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["a.yml", "False"]  # (the parent never compiled it)
    after = subprocess.run(
        [sys.executable, "-c", "import generator.cli\nfrom generator import compiled_texts\n"
         "print('made in the worker only 2' in [text for text, _ in compiled_texts._PATTERNS])"],
        env=environment, capture_output=True, text=True, check=True,
    )
    assert after.stdout.split() == ["True"]


def test_a_process_with_a_couple_of_new_patterns_leaves_the_file_as_it_is(tmp_path: Path) -> None:
    """Patterns made from a set differ in every process (Babel's, ``tokenize``'s): not worth a write each build."""
    _run_patterns(tmp_path)
    [path] = list(tmp_path.rglob("compiled-patterns.*.marshal"))
    before = path.read_bytes()
    environment = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    two = "import generator.cli, re\nre.compile('only this process 1')\nre.compile('only this process 2')"
    subprocess.run([sys.executable, "-c", two], env=environment, check=True)
    assert path.read_bytes() == before
    three = two + "\nre.compile('only this process 3')"
    subprocess.run([sys.executable, "-c", three], env=environment, check=True)
    assert b"only this process 3" in path.read_bytes()
