"""The catalog as open data: ``procedures.json`` and ``procedures.csv`` with a published JSON Schema and a page.

One row per procedure for the municipality the site is built for (a build for many municipalities gives
each site its own rows). The row model (``generator/model/open_data.py``) is the single definition of the
columns: the CSV header, the JSON Schema and the column table on the page are all generated from it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from generator.cache.renders import Unkeyable, value_digest
from generator.kept import kept, keeping
from generator.loading.strings import string_table
from generator.model import Catalog
from generator.model.open_data import OpenDataDocument, OpenDataRow, json_schema_text
from generator.notices import notice_lines
from generator.site import urls
from generator.output import GeneratedFile, GeneratedPage, SiteOutput
from generator.site.hsds import render_hsds
from generator.site.pages import render_content
from generator.site.registry import unfilled as registry_unfilled
from generator.site.registry import registry_count, render_registry

OPEN_DATA_FOOTER = 70
"""Position of the オープンデータ page in the footer links."""


COLUMNS: list[str] = list(OpenDataRow.model_fields)


def open_data_rows(catalog: Catalog) -> list[OpenDataRow]:
    """One row per procedure, in id order."""
    return [OpenDataRow(**fields) for fields in _row_fields(catalog)]


def _row_fields(catalog: Catalog) -> list[dict[str, object]]:
    """Each row's fields as given to ``OpenDataRow`` (what the rows are made of, and so the key of what is made of
    them)."""
    municipality = catalog.municipality
    rows: list[dict[str, object]] = []
    for procedure in catalog.procedures:
        local = municipality.local(procedure.id)
        department = municipality.department_for(procedure.id)
        rows.append(
            dict(
                municipality=municipality.name,
                prefecture=municipality.prefecture,
                id=procedure.id,
                category=procedure.category.value,
                official_name=procedure.official_name,
                title=procedure.title,
                online=local.online,
                mynaportal_url=local.mynaportal_url or "",
                guide_url=urls.public_url(municipality.base_url, urls.procedure_url(procedure)),
                contact_name=department.name,
                contact_phone=department.phone or "",
                reviewed=procedure.reviewed,
                limitation_years=procedure.limitation.years if procedure.limitation else None,
                limitation=procedure.limitation.text if procedure.limitation else "",
                notices=string_table(catalog.strings).plain("open_data.notices_join").join(line.text for line in notice_lines(catalog, procedure.id)),
            )
        )
    return rows


def _document_fields(catalog: Catalog) -> dict[str, object]:
    """``OpenDataDocument``'s fields but its rows."""
    municipality = catalog.municipality
    return dict(
        municipality=municipality.name,
        prefecture=municipality.prefecture,
        licence=municipality.licence,
        sample=municipality.sample,
        reviewed=catalog.last_reviewed,
    )


def open_data_document(catalog: Catalog) -> OpenDataDocument:
    return _document(_document_fields(catalog), _row_fields(catalog))


def _document(document: dict[str, object], rows: list[dict[str, object]]) -> OpenDataDocument:
    return OpenDataDocument(**document, procedures=[OpenDataRow(**fields) for fields in rows])


def _kept_file(name: str, fields: object, make: Callable[[], bytes]) -> bytes:
    """``make()``, or what it gave in an earlier build for the same ``fields`` (``generator/kept.py``).

    Why: the file is made by validating the rows with pydantic, and building the two models' validators
    (≈ 0.03 s) was the largest part of the open data in a rebuild, in which the rows rarely change. The key is
    every field value with its type (``value_digest``, the render keys' rules), and ``make`` reads only those
    values: the same fields validate, or fail, the same way with the same code (the store adds the code
    fingerprint). Outside a build everything is made."""
    if not keeping():
        return make()
    try:
        key = value_digest(fields)
    except Unkeyable:  # (a value of a kind the key cannot state: made, never kept)
        return make()
    return kept(b"open-data\0" + name.encode() + b"\0" + key, make)


def render_json(catalog: Catalog) -> bytes:
    document, rows = _document_fields(catalog), _row_fields(catalog)

    def make() -> bytes:
        data = _document(document, rows).model_dump(mode="json")
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    return _kept_file("json", [document, rows], make)


def render_csv(catalog: Catalog) -> bytes:
    """UTF-8 with a BOM, CRLF line ends: what Excel on Windows opens correctly by double-click."""
    rows = _row_fields(catalog)

    def make() -> bytes:
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for fields in rows:
            row = OpenDataRow(**fields)
            writer.writerow({column: neutralise_formula(value) for column, value in row.model_dump(mode="json").items()})
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    return _kept_file("csv", rows, make)


_FORMULA_START = tuple("=+-@\t\r＝＋－＠")


def neutralise_formula(value: object) -> object:
    """A cell Excel or LibreOffice would run as a formula (``=HYPERLINK(…)``, ``@SUM(…)``) starts with ``'``.

    The CSV is made for double-clicking into a spreadsheet, so it is written for that reader (OWASP's
    advice for CSV injection): the apostrophe shows the text as text. The JSON keeps the exact value.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def render_schema() -> bytes:
    """The JSON Schema of ``procedures.json``: the same text as the published ``schema/open-data.schema.json``."""
    return _kept_file("schema", [], lambda: json_schema_text(OpenDataDocument).encode("utf-8"))


def open_data(catalog: Catalog) -> SiteOutput:
    """The open data files and the page that documents them."""
    words = string_table(catalog.strings)
    columns = [(name, field.description) for name, field in OpenDataRow.model_fields.items()]
    other_shapes = {"registry_unfilled": registry_unfilled(words), "registry_count": registry_count(catalog)}
    page = GeneratedPage(
        url=urls.OPEN_DATA,
        title=words.plain("open_data.title"),
        html=render_content(catalog, "open_data.html", urls.OPEN_DATA, columns=columns, row_count=len(catalog.procedures), **other_shapes),
        description=words.plain("open_data.description", town=catalog.municipality.name),
        footer=OPEN_DATA_FOOTER,
        updated=catalog.last_reviewed,
    )
    files = [
        GeneratedFile(urls.OPEN_DATA_JSON, render_json(catalog)),
        GeneratedFile(urls.OPEN_DATA_CSV, render_csv(catalog)),
        GeneratedFile(urls.OPEN_DATA_SCHEMA, render_schema()),
        # The same procedures in the shapes other systems read (generator/site/hsds.py, registry.py).
        GeneratedFile(urls.OPEN_DATA_HSDS, render_hsds(catalog)),
        GeneratedFile(urls.OPEN_DATA_REGISTRY, render_registry(catalog)),
    ]
    return SiteOutput(pages=[page], files=files)
