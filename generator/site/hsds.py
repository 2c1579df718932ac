"""The procedures as Open Referral HSDS 3.0 services: ``opendata/hsds/services.json``.

HSDS (Human Services Data Specification, https://docs.openreferral.org/) is what services directories read. The
file is a JSON array of ``service`` objects in the shape of HSDS 3.0's compiled ``service.json`` schema: each
service embeds its organization (the municipality), phones, schedules (the counter's hours as text),
required documents (the checklist), contacts (the department), languages, service area and ``metadata``, the
provenance log (when the content was checked, each change, and each source). Tests validate every item against
the published schema (vendored in ``tests/publishing/hsds/``).

Where HSDS has no field for something we publish, the mapping says so in the open-data page: sources go into
``metadata`` with ``last_action_type: "source"``, because HSDS keeps provenance there and has no source field.
Identifiers are UUIDs (HSDS requires them), derived from the site and the procedure, so they never change
between builds.
"""

from __future__ import annotations

import uuid

from generator.cache.renders import Unkeyable, site_digest, table_digest
from generator.hours_words import hours_line
from generator.kept import kept, keeping
from generator.loading.strings import StringTable, string_table
from generator.model import Catalog, Procedure
from generator.model.municipality import Department, Municipality
from generator.notices import notice_lines
from generator.site import urls
from generator.site.json_text import indented_json, indented_list, item_text
from generator.site.plain_text import application_text
from generator.town_words import site_name

class _Ids:
    """Stable UUIDs: version 5, named by the site's address (or the town's name) and what they identify."""

    def __init__(self, municipality: Municipality):
        self.root = municipality.base_url or f"{municipality.prefecture}{municipality.name}"

    def __call__(self, *parts: object) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, self.root + "#" + "/".join(str(part) for part in parts)))


def _language(words: StringTable) -> dict:
    """The language of the edition's text, named in it (「日本語」, ``ja``)."""
    return {"name": words.plain("hsds.language"), "code": words.plain("frame.lang")}


def _phone(ids: _Ids, owner: str, department: Department, words: StringTable, **links: str) -> list[dict]:
    if not department.phone:
        return []
    phone: dict = {"id": ids(owner, "phone"), **links, "number": department.phone, "type": "voice",
                   "languages": [{"id": ids(owner, "phone", "language"), **_language(words)}]}
    if department.phone_note:
        phone["description"] = department.phone_note
    return [phone]


def hsds_service(catalog: Catalog, procedure: Procedure) -> dict:
    """One procedure as an HSDS 3.0 ``service`` object."""
    alerts = [line.text for line in notice_lines(catalog, procedure.id)]
    return _service(catalog.municipality, string_table(catalog.strings), procedure, alerts)


def _service(municipality: Municipality, words: StringTable, procedure: Procedure, alerts: list[str]) -> dict:
    """``hsds_service``, made of exactly what it reads: the town, the string table, the procedure and its notices'
    texts (so that these are a complete key: ``render_hsds``)."""
    ids = _Ids(municipality)
    local = municipality.local(procedure.id)
    department = municipality.department_for(procedure.id)
    service_id = ids("service", procedure.id)
    service: dict = {
        "id": service_id,
        "organization_id": ids("organization"),
        "name": procedure.official_name,
        "alternate_name": procedure.title,
        "description": procedure.summary,
        "status": "active",
        "application_process": application_text(procedure, details=True, words=words),
        "eligibility_description": "\n".join(procedure.for_whom),
        "assured_date": procedure.reviewed.isoformat(),
    }
    if municipality.base_url:
        service["url"] = urls.public_url(municipality.base_url, urls.procedure_url(procedure))
    if department.email:
        service["email"] = department.email
    if alerts:
        service["alert"] = "\n".join(alerts)
    service["organization"] = {
        "id": ids("organization"),
        "name": municipality.name,
        "description": f"{municipality.prefecture}{municipality.name}",
    }
    service["phones"] = _phone(ids, f"{procedure.id}/service", department, words, service_id=service_id)
    if department.hours:
        service["schedules"] = [{"id": ids(procedure.id, "schedule"), "service_id": service_id, "description": hours_line(department.hours, words)}]
    else:
        service["schedules"] = []
    service["required_documents"] = [
        {"id": ids(procedure.id, "document", n), "service_id": service_id,
         "document": words.plain("hsds.document_note", item=entry.item, note=entry.note) if entry.note else entry.item}
        for n, entry in enumerate(procedure.prepare, start=1)
    ]
    contact_id = ids(procedure.id, "contact")
    contact: dict = {"id": contact_id, "service_id": service_id, "name": department.name, "department": department.name,
                     "phones": _phone(ids, f"{procedure.id}/contact", department, words, contact_id=contact_id)}
    if department.email:
        contact["email"] = department.email
    service["contacts"] = [contact]
    service["languages"] = [{"id": ids(procedure.id, "language"), "service_id": service_id, **_language(words)}]
    service["service_areas"] = [
        {"id": ids(procedure.id, "area"), "service_id": service_id, "name": f"{municipality.prefecture}{municipality.name}"}
    ]
    service["metadata"] = _metadata(ids, site_name(municipality, words), procedure, service_id)
    if local.mynaportal_url:
        service["application_process"] += f"\n{words.plain('plain_text.mynaportal_page')}: {local.mynaportal_url}"
    return service


def _metadata(ids: _Ids, by: str, procedure: Procedure, service_id: str) -> list[dict]:
    """Provenance: the check of the content, each change from the change history, and each source (``by``: the
    site's name)."""

    def entry(key: object, date: str, action: str, field: str = "", previous: str = "", replacement: str = "") -> dict:
        return {"id": ids(procedure.id, "metadata", key), "resource_id": service_id, "resource_type": "service",
                "last_action_date": date, "last_action_type": action, "field_name": field,
                "previous_value": previous, "replacement_value": replacement, "updated_by": by}

    items = [entry("verified", procedure.reviewed.isoformat(), "verified")]
    items += [entry(f"change-{n}", change.date.isoformat(), "update", replacement=change.note)
              for n, change in enumerate(procedure.changes, start=1)]
    items += [entry(f"source-{n}", procedure.reviewed.isoformat(), "source", field=", ".join(source.supports),
                    replacement=f"{source.title} {source.url}")
              for n, source in enumerate(procedure.sources, start=1)]
    return items


def render_hsds(catalog: Catalog) -> bytes:
    """The services file; in a build, each service's text is kept (``generator/kept.py``) by what ``_service``
    reads, walked as the render keys walk a template's values (``generator/cache/renders.py``; a procedure's and
    the town's digests are the ones its pages' keys made). Why: a rebuild after one edit made all 27 services
    again (≈ 0.02 s: ~20 UUIDs and the texts of each) to change one."""
    if not keeping():
        services = [hsds_service(catalog, procedure) for procedure in catalog.procedures]
        return (indented_json(services) + "\n").encode("utf-8")
    words = string_table(catalog.strings)
    table = table_digest(words)
    texts = []
    for procedure in catalog.procedures:
        alerts = [line.text for line in notice_lines(catalog, procedure.id)]

        def make(procedure: Procedure = procedure, alerts: list[str] = alerts) -> bytes:
            return item_text(_service(catalog.municipality, words, procedure, alerts)).encode("utf-8")

        given = {"municipality": catalog.municipality, "procedure": procedure, "alerts": alerts}
        try:
            key = b"hsds.service\0" + table + site_digest(given)
        except Unkeyable:
            texts.append(make().decode("utf-8"))
            continue
        texts.append(kept(key, make).decode("utf-8"))
    return (indented_list(texts) + "\n").encode("utf-8")
