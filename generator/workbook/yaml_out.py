"""Write municipality settings as YAML in one canonical layout, so a spreadsheet round-trip changes nothing.

The layout (what ``municipalities/*.yml`` use):

- the comment block at the top of the previous file is kept as it is (comments elsewhere are not: put
  explanations in that top block);
- keys in the order of the model (``generator/model/municipality.py``), values that equal the model's default
  left out — except ``sample``, and ``online`` inside a procedure entry, which are always written;
- a procedure has an entry only when the town set something for it (its ``department`` at least);
- every text on one line (no folding: a text wrapped by a program is hard to edit by hand), a blank line
  before each top-level section.
"""

from __future__ import annotations

from typing import Any

import yaml

from generator.model import Municipality

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/municipality.schema.json"

_ALWAYS = {"sample"}
_SECTIONS = ("default_department", "procedures", "notices", "sources", "reviewed")


class _Dumper(yaml.SafeDumper):
    """Block style, list items indented under their key (as the hand-written files are)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)



def header_of(text: str) -> str:
    """The comment block at the top of a settings file (with the schema line), or just the schema line."""
    lines = []
    for line in text.splitlines():
        if line.startswith("#") or (not line.strip() and lines):
            lines.append(line.rstrip())
        else:
            break
    while lines and not lines[-1]:
        lines.pop()
    if not lines or lines[0] != SCHEMA_LINE:
        lines.insert(0, SCHEMA_LINE)
    return "\n".join(lines) + "\n"


def settings_data(municipality: Municipality) -> dict[str, Any]:
    """The settings as plain data in canonical form (see the module documentation)."""
    data = municipality.model_dump(mode="python", exclude_defaults=True)
    for key in _ALWAYS:
        data[key] = getattr(municipality, key)
    ordered = {name: data[name] for name in Municipality.model_fields if name in data}
    for procedure_id, entry in ordered.get("procedures", {}).items():
        entry["online"] = municipality.procedures[procedure_id].online
        ordered["procedures"][procedure_id] = {
            name: entry[name] for name in type(municipality.procedures[procedure_id]).model_fields if name in entry
        }
    return ordered


def settings_yaml(municipality: Municipality, header: str = SCHEMA_LINE + "\n") -> str:
    """The whole settings file: ``header`` (comment lines), then the canonical YAML body."""
    body = yaml.dump(
        settings_data(municipality),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )
    lines = []
    for line in body.splitlines():
        if any(line.startswith(f"{section}:") for section in _SECTIONS):
            lines.append("")
        lines.append(line)
    return header.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
