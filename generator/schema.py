"""Publish the input models as JSON Schema files in ``schema/`` for editors (VS Code's YAML extension),
and the schema of the published open data file (``open-data.schema.json``, also copied into each site).

Run ``python -m generator.schema`` after changing a model; a test fails while the files are stale.
The files are generated: do not edit them by hand.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from generator.model import Municipality, Procedure
from generator.model.edition import EditionList
from generator.model.flow import Flow
from generator.model.guide import LifeEventGuide
from generator.model.open_data import OpenDataDocument, json_schema_text

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
SCHEMAS: dict[str, type[BaseModel]] = {
    "procedure.schema.json": Procedure,
    "municipality.schema.json": Municipality,
    "life-event-guide.schema.json": LifeEventGuide,
    "flow.schema.json": Flow,
    "editions.schema.json": EditionList,
    # Not an input: the published open data file procedures.json (also copied into every site).
    "open-data.schema.json": OpenDataDocument,
}


render_schema = json_schema_text
"""The JSON Schema text for a model (kept under this name for the tests and editors' scripts)."""


def write_schemas(target: Path = SCHEMA_DIR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = target / name
        path.write_text(render_schema(model), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas():
        print(f"wrote {path}")
