"""Every command of ``tetsuzuki`` is there when the command is started as ``python -m generator.cli`` too (the
way the scripts and the tests start it): ``readings`` was defined after the module's ``main()`` call and was
missing there."""

from __future__ import annotations

import subprocess
import sys

from generator.cli import main

from tests.conftest import ROOT


def test_python_dash_m_lists_every_command_and_group() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--help"], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    listed = {line.split()[0] for line in shown.split("Commands:", 1)[1].splitlines() if line.strip()}
    assert listed == set(main.commands), (sorted(listed), sorted(main.commands))
    assert "readings" in listed
