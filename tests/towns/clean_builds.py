"""Clean builds for the page-reuse tests: what a new process that has built nothing, with no cache, writes.

A new interpreter for every clean build spent a quarter of its CPU importing the code (0.5 of 1.9 CPU-s, 2026-12-07,
about 25 builds a run). So one helper process imports the code and never builds; each clean build runs in a fork of
it — a copy of a process that has only imported — with the arguments, environment and folder a new process would
get (``python -m generator.cli build …`` run by ``runpy``, as ``-m`` does). Nothing a build keeps in memory can be in
the copy, because the helper never built anything (``test_a_forked_clean_build_is_what_a_new_process_writes`` holds
that the two write the same). A build of another copy of the code (``code``) gets a new interpreter, as before."""

from __future__ import annotations

import atexit
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

FORK_SERVER = r"""
import importlib, json, os, pkgutil, runpy, sys

import generator
# What a build imports (only the time to import differs: a module left out is imported by the fork itself).
for module in pkgutil.walk_packages(generator.__path__, "generator."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
for name in ("mkdocs.commands.build", "mkdocs.config", "material", "material.templates", "markdown", "pymdownx",
             "pymdownx.slugs", "markdown.extensions.admonition", "markdown.extensions.attr_list",
             "markdown.extensions.codehilite", "markdown.extensions.fenced_code", "markdown.extensions.tables",
             "pygments", "pygments.lexers", "pygments.formatters", "calmjs.parse", "ply.yacc",
             "calmjs.parse.parsers.lextab_es5_py3_ply3_11", "calmjs.parse.parsers.yacctab_es5_py3_ply3_11",
             "jinja2", "yaml", "pydantic", "pydantic.type_adapter", "bs4", "tinycss2", "qrcode", "qrcode.image.svg",
             "qrcode.image.pil", "qrcode.image.styles.moduledrawers.svg", "PIL.PngImagePlugin", "difflib", "colorama"):
    try:
        importlib.import_module(name)
    except ImportError:
        pass

for line in sys.stdin:
    request = json.loads(line)
    pid = os.fork()
    if pid == 0:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.dup2(os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["environment"])
        sys.argv = [request.get("module") or "-c", *request["arguments"]]
        status = 0
        try:
            if request.get("module"):
                runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
            else:
                exec(compile(request["code"], "<string>", "exec"), {"__name__": "__main__"})
        except SystemExit as exit:
            status = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        except BaseException:
            import traceback
            traceback.print_exc()
            status = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    print(json.dumps({"id": request["id"], "status": os.waitstatus_to_exitcode(wait_status)}), flush=True)
"""


class _Forks:
    """The helper process, started at the first clean build of the test process and ended with it."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.ids = itertools.count()
        self.folder = Path(tempfile.mkdtemp(prefix="tetsuzuki-clean-builds-"))

    def run(self, cwd: Path, environment: dict[str, str], arguments: list[str], module: str | None = None,
            code: str | None = None) -> Callable[[], tuple[int, str]]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-c", FORK_SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
        number = next(self.ids)
        stderr = self.folder / f"{number}.err"
        request = {"id": number, "cwd": str(cwd), "environment": environment, "arguments": arguments,
                   "module": module, "code": code, "stderr": str(stderr)}
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        process = self.process

        def finished() -> tuple[int, str]:
            assert process.stdout is not None
            for line in process.stdout:  # (the answers to builds whose test failed before it read them come first)
                answer = json.loads(line)
                if answer["id"] == number:
                    return answer["status"], stderr.read_text(encoding="utf-8", errors="replace")
            raise AssertionError(f"the clean-build helper ended: {process.wait()}")

        return finished

    def close(self) -> None:
        """End the helper (it ends by itself too when this process ends: its input closes)."""
        if self.process is not None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait()
            self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)


_FORKS = _Forks()
atexit.register(_FORKS.close)


def run_fresh(cwd: Path, environment: dict[str, str], arguments: list[str], *, module: str | None = None,
              code: str | None = None, package: Path | None = None) -> Callable[[], tuple[int, str]]:
    """Start ``python -m module arguments…`` (or ``python -c code arguments…``) as a process that has built nothing
    would run it; the function returned waits and gives its exit status and what it wrote to stderr. ``package``:
    a folder holding the ``generator`` package to run instead of the installed one (a new interpreter then)."""
    if package is None:
        return _FORKS.run(cwd, environment, arguments, module=module, code=code)
    command = [sys.executable, *(["-m", module] if module else ["-c", code or ""]), *arguments]
    process = subprocess.Popen(command, cwd=cwd, env={**environment, "PYTHONPATH": str(package)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def finished() -> tuple[int, str]:
        _, stderr = process.communicate()
        return process.returncode, stderr

    return finished
