"""The 15 child-care procedures shaped like the 子育て支援制度レジストリ's records: ``opendata/kosodate-registry.json``.

The Digital Agency's registry is read by national apps through the 電子申請等API; its API specification is not
public outside マイナポータル. What *is* public is the JSON that GovTech東京 published from it
(``130001_kosodateshienseido_tokyo.json``, the registry README's 「6. JSONデータ定義」), and the field names below
are the ones public code reads from that file. The file is a JSON array of records in that shape. A field our
data cannot fill is written as ``null`` (never guessed), and ``unfilled()`` says why; the open-data page lists them.
"""

from __future__ import annotations

from generator.hours_words import hours_line
from generator.loading.strings import StringTable, string_table
from generator.model import Catalog, Category, Procedure
from generator.site import urls
from generator.site.json_text import indented_json
from generator.site.plain_text import application_text
from generator.town_words import site_name


def unfilled(words: StringTable) -> dict[str, str]:
    """Registry fields this site's data cannot fill, with the reason (shown on the open-data page), in the
    edition's words (the string table's ``registry`` area)."""
    return {
        "basicInformation.psid": words.plain("registry.unfilled_psid"),
        "basicInformation.organization": words.plain("registry.unfilled_organization"),
        "area.areaCode": words.plain("registry.unfilled_area_code"),
        words.plain("registry.target_age"): words.plain("registry.unfilled_target_age"),
        words.plain("registry.tag_codes"): words.plain("registry.unfilled_tag_codes"),
        words.plain("registry.support"): words.plain("registry.unfilled_support"),
        "contact.zipCode": words.plain("registry.unfilled_zip_code"),
        "regulation": words.plain("registry.unfilled_regulation"),
    }


def registry_record(catalog: Catalog, procedure: Procedure) -> dict:
    municipality = catalog.municipality
    words = string_table(catalog.strings)
    local = municipality.local(procedure.id)
    department = municipality.department_for(procedure.id)
    guide = urls.public_url(municipality.base_url, urls.procedure_url(procedure)) if municipality.base_url else None
    return {
        "basicInformation": {"psid": None, "organization": None},
        "institutionName": {"canonicalName": procedure.official_name, "shortName": procedure.title},
        "summary": procedure.summary,
        "description": "\n".join(procedure.when),
        "target": {
            "targetPersons": "\n".join(procedure.for_whom),
            "lessThan": None,
            "lessThanOrEqualTo": None,
            "greaterThan": None,
            "greaterThanOrEqualTo": None,
        },
        "area": {"areaCode": None, "areaText": f"{municipality.prefecture}{municipality.name}"},
        "tag": {"categoryCode": None, "targetCode": None, "contentsCode": None},
        "support": {"description": None, "monetarySupport": None, "materiallySupport": None},
        "contact": {
            "contactName": department.name,
            "contactPhone": department.phone,
            "contactEmail": department.email,
            "contactUrl": department.form_url,
            "contactAddress": department.address,
            "zipCode": None,
            "contactComment": hours_line(department.hours, words),
        },
        "localGovernmentLink": {"uri": guide, "title": procedure.title if guide else None},
        "relatedLink": [{"title": source.title, "uri": source.url} for source in procedure.sources],
        "formLink": [{"title": words.plain("common.mynaportal"), "uri": local.mynaportal_url}] if local.mynaportal_url else [],
        "procedureMethod": application_text(procedure, details=False, words=words),
        "procedureCounter": department.name,
        "procedurePersons": "\n".join(procedure.who_can_apply),
        "belongings": "\n".join(entry.item for entry in procedure.prepare),
        "electronicSubmission": {"yes": True, "no": False}.get(local.online),
        "remarks": f"{words.plain('plain_text.deadline')}: {procedure.deadline.text}" if procedure.deadline.text else None,
        "regulation": None,
        "updateDate": procedure.reviewed.isoformat(),
        "odInformation": {"updateDate": catalog.last_reviewed.isoformat(), "updater": site_name(municipality, words)},
    }


def _child_care(catalog: Catalog) -> list[Procedure]:
    return [p for p in catalog.procedures if p.category == Category.KOSODATE]


def registry_count(catalog: Catalog) -> int:
    return len(_child_care(catalog))


def render_registry(catalog: Catalog) -> bytes:
    records = [registry_record(catalog, p) for p in _child_care(catalog)]
    return (indented_json(records) + "\n").encode("utf-8")
