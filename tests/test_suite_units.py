"""The test run's work units (tests/conftest.py ``work_unit``) are decided from test ids alone: the assumptions
that makes are held here, so a new test cannot silently make the example's PDFs render on both workers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import EVERY_PAGE_READERS, LONGEST_UNITS, SLOW, SLOW_FIXTURES, SUBSUMED, work_unit

TESTS = Path(__file__).resolve().parent


def test_pdf_fixtures_are_used_in_the_flyers_folder_only() -> None:
    # A fixture is used as a test's parameter: ``example_flyers: Built`` (``built: Built`` for the generic one).
    uses = re.compile(r"\b(" + "|".join(sorted(SLOW_FIXTURES)) + r")\s*:\s*Built\b")
    outside = [
        str(path.relative_to(TESTS)) for path in sorted(TESTS.rglob("test_*.py"))
        if "node_modules" not in path.parts and path.relative_to(TESTS).parts[0] != "flyers" and path != Path(__file__)
        and uses.search(path.read_text(encoding="utf-8"))
    ]
    assert not outside, f"{outside} use a PDF fixture outside tests/flyers/: move them, or the PDFs render twice"


def test_a_module_stays_together_and_the_browser_sweeps_run_beside_the_journeys() -> None:
    assert work_unit("site/test_pages.py::test_a[x]") == work_unit("site/test_pages.py::test_b") == "site/test_pages.py"
    assert work_unit("flyers/test_pdfs.py::test_a") == work_unit("flyers/test_class_kit.py::test_b") == "flyers"
    assert work_unit("browser/test_axe.py::test_a") == "browser-sweeps"
    assert work_unit("browser/test_finder.py::test_a") == "browser-journeys"


def test_the_modules_that_parse_every_page_share_one_worker() -> None:
    readers = sorted(
        str(path.relative_to(TESTS)) for path in TESTS.rglob("*.py")
        if "node_modules" not in path.parts and path.name != "conftest.py" and path != Path(__file__)
        and "example_soup" in path.read_text(encoding="utf-8")
    )
    # (a helper module that takes the parser as an argument is fine: its callers are the readers)
    modules = [reader for reader in readers if reader.rsplit("/", 1)[-1].startswith("test_")]
    assert sorted(modules) == sorted(EVERY_PAGE_READERS), "add the module to EVERY_PAGE_READERS in tests/conftest.py"
    assert {work_unit(module + "::test_a") for module in modules} == {"every-page"}


def test_a_quick_test_that_lays_out_a_pdf_is_stopped_with_what_to_do() -> None:
    """The engine-level guard (tests/conftest.py ``_layout_only_in_slow_tests``): this test is not slow, so the
    engine refuses before any layout."""
    from generator.flyers.typst_engine import TypstRenderer

    with pytest.raises(AssertionError, match=r"test_a_quick_test_that_lays_out_a_pdf.* lays out a PDF .*add it to SLOW"):
        TypstRenderer.measure(object.__new__(TypstRenderer), "<p>テスト</p>", "chirashi/k01/")


def test_the_units_handed_out_first_exist() -> None:
    # (a renamed module would silently lose its place in the order)
    units = {work_unit(str(path.relative_to(TESTS)) + "::test_a") for path in TESTS.rglob("test_*.py")
             if "node_modules" not in path.parts}
    assert set(LONGEST_UNITS) <= units, sorted(set(LONGEST_UNITS) - units)
    assert len(set(LONGEST_UNITS)) == len(LONGEST_UNITS)


def test_no_test_is_itself_a_hypothesis_test() -> None:
    """pyproject.toml leaves Hypothesis's pytest plugin out (``-p no:hypothesispytest``: its end-of-run summary
    cost each test process up to a second): the plugin acts only on a test function decorated with ``@given``,
    which must then not exist. ``@given`` on a function inside the test, called by it, needs no plugin."""
    import ast

    decorated = []
    for path in sorted(TESTS.rglob("test_*.py")):
        if "node_modules" in path.parts:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            functions = [node] if isinstance(node, ast.FunctionDef) else [
                item for item in getattr(node, "body", []) if isinstance(item, ast.FunctionDef)]
            decorated += [f"{path.relative_to(TESTS)}::{function.name}" for function in functions
                          if function.name.startswith("test") and any("given" in ast.unparse(d) for d in function.decorator_list)]
    assert not decorated, f"{decorated} are @given tests: call a @given function inside the test, or drop -p no:hypothesispytest"


def test_a_test_left_out_for_a_slower_one_runs_in_quick_runs_and_the_slower_one_in_ci() -> None:
    """``SUBSUMED``: the test left out must be quick (else --quick loses it too) and the one that repeats it slow
    (else it would be left out in every run); both must exist under these names."""
    for left_out, repeating in SUBSUMED.items():
        for test_id in (left_out, repeating):
            module, name = test_id.split("::")
            assert re.search(rf"^def {name}\(", (TESTS / module).read_text(encoding="utf-8"), re.MULTILINE), test_id
        assert not left_out.startswith(SLOW), f"{left_out} is slow: --quick would run neither"
        assert repeating.startswith(SLOW), f"{repeating} is quick: {left_out} would never run"
