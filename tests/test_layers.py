"""The layer rules of ARCHITECTURE.md hold in the code: no import reaches down to a higher layer, and the two
feature packages (``site``, ``flyers``) never import each other."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
FEATURES = ("site", "flyers")

KNOWN: dict[tuple[str, str], str] = {}
"""Imports that break the rules today, each with the change that removes it. The list may only shrink."""


def _layers() -> dict[str, int]:
    """``{"generator.site.urls": 1, "generator.site": 4, …}`` from the table in ARCHITECTURE.md."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    layers: dict[str, int] = {}
    for number, modules in re.findall(r"^\| (\d+) \| ([^|]+) \|", table, flags=re.MULTILINE):
        for name in re.findall(r"`([\w.]+)`", modules):
            layers[f"generator.{name}"] = int(number)
    return layers


def _layer_of(module: str, layers: dict[str, int]) -> tuple[int, str]:
    """The layer of the longest table entry that ``module`` is or is inside of."""
    parts = module.split(".")
    for end in range(len(parts), 1, -1):
        name = ".".join(parts[:end])
        if name in layers:
            return layers[name], name
    raise AssertionError(f"{module} is in no layer of ARCHITECTURE.md: add it to the table")


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            for alias in node.names:  # `from generator.model import patterns` imports generator.model.patterns
                submodule = f"{node.module}.{alias.name}"
                is_module = (ROOT / Path(*submodule.split("."))).with_suffix(".py").is_file()
                found.add(submodule if is_module else node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("generator")}
    return found


def _violations() -> dict[tuple[str, str], str]:
    layers = _layers()
    wrong: dict[tuple[str, str], str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        if module == "generator":
            continue
        layer, home = _layer_of(module, layers)
        for target in _imports(path):
            if target == "generator":
                continue
            target_layer, target_home = _layer_of(target, layers)
            if target_layer > layer:
                wrong[(module, target)] = f"layer {layer} ({home}) imports layer {target_layer} ({target_home})"
            elif layer == target_layer == 4 and home != target_home and {home, target_home} <= {f"generator.{f}" for f in FEATURES}:
                wrong[(module, target)] = f"feature {home} imports feature {target_home}"
    return wrong


def test_every_module_belongs_to_a_layer() -> None:
    layers = _layers()
    assert layers, "no layer table found in ARCHITECTURE.md"
    for path in PACKAGE.rglob("*.py"):
        if _module_name(path) != "generator":
            _layer_of(_module_name(path), layers)


def test_no_import_breaks_the_layer_order() -> None:
    wrong = {edge: why for edge, why in _violations().items() if edge not in KNOWN}
    assert wrong == {}, "\n".join(f"{a} → {b}: {why}" for (a, b), why in wrong.items())


def test_the_known_exceptions_still_exist() -> None:
    """A fixed exception must leave the list, so the list only ever shrinks."""
    assert set(KNOWN) <= set(_violations())
