"""The shipped finder with SudachiPy words in its index: the same build step as sudachi.py."""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).with_name("sudachi.py")), run_name="__main__")
