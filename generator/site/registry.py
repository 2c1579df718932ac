"""The 15 child-care procedures shaped like the 子育て支援制度レジストリ's records: ``opendata/kosodate-registry.json``.

The Digital Agency's registry is read by national apps through the 電子申請等API; its API specification is not
public outside マイナポータル. What *is* public is the JSON that GovTech東京 published from it
(``130001_kosodateshienseido_tokyo.json``, the registry README's 「6. JSONデータ定義」), and the field names below
are the ones public code reads from that file. The file is a JSON array of records in that shape. A field our
data cannot fill is written as ``null`` (never guessed), and ``UNFILLED`` says why; the open-data page lists them.
"""

from __future__ import annotations

import json

from generator.model import Catalog, Category, Procedure
from generator.site import urls
from generator.site.plain_text import application_text

UNFILLED: dict[str, str] = {
    "basicInformation.psid": "PSID（公共サービスID）は この データに ありません。",
    "basicInformation.organization": "自治体の 法人番号は 設定に ありません。",
    "area.areaCode": "全国地方公共団体コードは 設定に ありません（area.areaText に 名前を 入れます）。",
    "target の 年齢（lessThan など）": "対象の 年齢を 月の 数で 持って いません（targetPersons に 文で 入れます）。",
    "tag.categoryCode・targetCode・contentsCode": "分類コードの 一覧が 公開されて いないので 入れません。",
    "support（monetarySupport、materiallySupport）": "金額や 物の 支援は この サイトで 案内して いません。",
    "contact.zipCode": "郵便番号を 別の 項目で 持って いません（contactAddress に 住所を 入れます）。",
    "regulation": "根拠の 法令名と 条文を 項目で 持って いません（出典は relatedLink に 入れます）。",
}
"""Registry fields this site's data cannot fill, with the reason (shown on the open-data page)."""


def registry_record(catalog: Catalog, procedure: Procedure) -> dict:
    municipality = catalog.municipality
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
            "contactComment": department.hours_text,
        },
        "localGovernmentLink": {"uri": guide, "title": procedure.title if guide else None},
        "relatedLink": [{"title": source.title, "uri": source.url} for source in procedure.sources],
        "formLink": [{"title": "マイナポータル", "uri": local.mynaportal_url}] if local.mynaportal_url else [],
        "procedureMethod": application_text(procedure, details=False),
        "procedureCounter": department.name,
        "procedurePersons": "\n".join(procedure.who_can_apply),
        "belongings": "\n".join(entry.item for entry in procedure.prepare),
        "electronicSubmission": {"yes": True, "no": False}.get(local.online),
        "remarks": f"期限: {procedure.deadline.text}" if procedure.deadline.text else None,
        "regulation": None,
        "updateDate": procedure.reviewed.isoformat(),
        "odInformation": {"updateDate": catalog.last_reviewed.isoformat(), "updater": municipality.display_name},
    }


def _child_care(catalog: Catalog) -> list[Procedure]:
    return [p for p in catalog.procedures if p.category == Category.KOSODATE]


def registry_count(catalog: Catalog) -> int:
    return len(_child_care(catalog))


def render_registry(catalog: Catalog) -> bytes:
    records = [registry_record(catalog, p) for p in _child_care(catalog)]
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
