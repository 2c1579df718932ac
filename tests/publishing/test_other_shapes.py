"""The procedures in the shapes other systems read: HSDS 3.0 services and 子育て支援制度レジストリ-shaped records."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.model import Catalog, Category
from generator.site import urls
from generator.loading.strings import string_table
from generator.site.registry import unfilled

UNFILLED = unfilled(string_table())
from tests.site.conftest import read_page

HSDS = Path(__file__).resolve().parent / "hsds" / "schema"
BASE = "https://hsds.example/schema/"


def _closed(node: object) -> object:
    """``additionalProperties: false`` on every object schema, as HSDS's own example check does."""
    if isinstance(node, dict):
        node = {key: _closed(value) for key, value in node.items()}
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        return node
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node


@pytest.fixture(scope="module")
def hsds_validator() -> Draft202012Validator:
    resources = []
    for path in HSDS.glob("*.json"):
        schema = _closed(json.loads(path.read_text(encoding="utf-8")))
        resources.append((BASE + path.name, Resource.from_contents(schema, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)
    root = registry.contents(BASE + "service.json")
    return Draft202012Validator({**root, "$id": BASE + "service.json"}, registry=registry, format_checker=FormatChecker())


def _errors(validator: Draft202012Validator, item: dict) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(item)]


def test_every_service_validates_against_the_published_hsds_schema(example_site: Path, example_catalog: Catalog, hsds_validator) -> None:
    services = json.loads((example_site / urls.OPEN_DATA_HSDS).read_text(encoding="utf-8"))
    assert [s["name"] for s in services] == [p.official_name for p in example_catalog.procedures]
    for service in services:
        assert _errors(hsds_validator, service) == [], service["name"]
    procedure = example_catalog.get("k01")
    k01 = next(s for s in services if s["name"] == procedure.official_name)
    department = example_catalog.municipality.department_for("k01")
    assert k01["assured_date"] == procedure.reviewed.isoformat()
    assert [d["document"].split("（")[0] for d in k01["required_documents"]] == [e.item.split("（")[0] for e in procedure.prepare]
    assert k01["phones"][0]["number"] == department.phone and k01["contacts"][0]["name"] == department.name
    assert k01["url"].endswith(urls.procedure_url(procedure))
    sources = [m for m in k01["metadata"] if m["last_action_type"] == "source"]
    assert len(sources) == len(procedure.sources)
    assert any(m["last_action_type"] == "verified" for m in k01["metadata"])
    ids = [value for service in services for value in _all_ids(service)]
    assert len(ids) == len(set(ids)), "every HSDS id must be unique"
    for value in ids:
        uuid.UUID(value)


def _all_ids(service: dict) -> list[str]:
    """The ids of a service and of everything it holds, except the embedded organization (the same in every service)."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "id" in node:
                found.append(node["id"])
            for key, value in node.items():
                if key != "organization":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(service)
    return found


def test_a_broken_service_fails_the_schema(hsds_validator) -> None:
    assert _errors(hsds_validator, {"id": "not-a-uuid", "name": "x", "status": "open"})
    assert _errors(hsds_validator, {"id": str(uuid.uuid4()), "name": "x", "status": "active", "deadline": "15日"})


# Written from the fields public code reads from GovTech東京's 子育て支援制度レジストリ JSON
# (130001_kosodateshienseido_tokyo.json): the national API's own schema is not public, so this is not it.
AGE = {"type": ["object", "null"], "properties": {"targetAge": {"type": ["integer", "null"]}, "targetAgeOfMonths": {"type": ["integer", "null"]}}}
TEXT = {"type": ["string", "null"]}
LINKS = {"type": "array", "items": {"type": "object", "required": ["title", "uri"], "properties": {"title": {"type": "string"}, "uri": {"type": "string", "pattern": "^https://"}}}}
REGISTRY_RECORD = {
    "type": "object",
    "required": ["basicInformation", "institutionName", "summary", "target", "area", "tag", "localGovernmentLink", "contact"],
    "additionalProperties": False,
    "properties": {
        "basicInformation": {"type": "object", "properties": {"psid": TEXT, "organization": TEXT}, "additionalProperties": False},
        "institutionName": {"type": "object", "required": ["canonicalName"], "properties": {"canonicalName": {"type": "string", "minLength": 1}, "shortName": TEXT}, "additionalProperties": False},
        "summary": TEXT, "description": TEXT,
        "target": {"type": "object", "properties": {"targetPersons": TEXT, "lessThan": AGE, "lessThanOrEqualTo": AGE, "greaterThan": AGE, "greaterThanOrEqualTo": AGE}, "additionalProperties": False},
        "area": {"type": "object", "properties": {"areaCode": {"type": ["string", "null"], "pattern": "^[0-9]{6};"}, "areaText": TEXT}, "additionalProperties": False},
        "tag": {"type": "object", "properties": {k: {"type": ["array", "null"], "items": {"type": "string", "pattern": "^[0-9]{3}$"}} for k in ("categoryCode", "targetCode", "contentsCode")}, "additionalProperties": False},
        "support": {"type": "object", "properties": {k: TEXT for k in ("description", "monetarySupport", "materiallySupport")}, "additionalProperties": False},
        "contact": {"type": "object", "properties": {k: TEXT for k in ("contactName", "contactPhone", "contactEmail", "contactUrl", "contactAddress", "zipCode", "contactComment")}, "additionalProperties": False},
        "localGovernmentLink": {"type": "object", "properties": {"uri": TEXT, "title": TEXT}, "additionalProperties": False},
        "relatedLink": LINKS, "formLink": LINKS,
        "procedureMethod": TEXT, "procedureCounter": TEXT, "procedurePersons": TEXT, "belongings": TEXT,
        "electronicSubmission": {"type": ["boolean", "null"]},
        "remarks": TEXT, "regulation": {"type": ["object", "null"]},
        "updateDate": {"type": "string", "format": "date"},
        "odInformation": {"type": "object", "properties": {"updateDate": {"type": "string", "format": "date"}, "updater": TEXT}, "additionalProperties": False},
    },
}


def test_the_child_care_records_have_the_registry_shape_and_leave_unknown_fields_empty(example_site: Path, example_catalog: Catalog) -> None:
    records = json.loads((example_site / urls.OPEN_DATA_REGISTRY).read_text(encoding="utf-8"))
    child_care = [p for p in example_catalog.procedures if p.category == Category.KOSODATE]
    assert len(records) == len(child_care) == 15
    validator = Draft202012Validator({"type": "array", "items": REGISTRY_RECORD}, format_checker=FormatChecker())
    assert [e.message for e in validator.iter_errors(records)] == []
    for record, procedure in zip(records, child_care, strict=True):
        assert record["institutionName"] == {"canonicalName": procedure.official_name, "shortName": procedure.title}
        # Never guessed: what our data does not hold is null.
        assert record["basicInformation"]["psid"] is None and record["area"]["areaCode"] is None
        assert record["tag"] == {"categoryCode": None, "targetCode": None, "contentsCode": None}
        assert record["target"]["lessThan"] is None
    assert "basicInformation.psid" in UNFILLED and "area.areaCode" in UNFILLED


def test_the_open_data_page_documents_the_new_files(example_site: Path) -> None:
    soup = read_page(example_site, urls.OPEN_DATA)
    hrefs = {a["href"] for a in soup.select("article a")}
    for target in (urls.LLMS_TXT, urls.OPEN_DATA_HSDS, urls.OPEN_DATA_REGISTRY):
        assert urls.relative(urls.OPEN_DATA, target) in hrefs, target
        assert (example_site / target).is_file()
    text = "".join(soup.get_text().split())  # the page breaks phrases with <wbr>, not spaces
    for field in UNFILLED:
        assert "".join(field.split()) in text


def test_a_build_keeps_each_hsds_service_by_what_it_reads_and_makes_the_same_file(
    example_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (generator/site/hsds.py: a rebuild after one edit made all 27 services again, ~20 UUIDs and the texts of
    # each; each is now kept by the town, the string table, the procedure and its notices' texts)
    import dataclasses

    from generator.kept import kept_in
    from generator.site import hsds
    from tests.stores import Store

    render_hsds = hsds.render_hsds
    made_plainly = render_hsds(example_catalog)
    store = Store()
    with kept_in(store):
        assert render_hsds(example_catalog) == made_plainly
        assert store.computed == len(example_catalog.procedures)
        identifiers: list[str] = []
        uuid5 = uuid.uuid5
        monkeypatch.setattr(hsds.uuid, "uuid5", lambda *name: identifiers.append(name[1]) or uuid5(*name))
        assert render_hsds(example_catalog) == made_plainly  # every service kept: none made again
        assert store.computed == len(example_catalog.procedures) and identifiers == []
        edited = example_catalog.get("k02").model_copy(update={"title": "べつの 題名"})
        procedures = tuple(edited if p.id == "k02" else p for p in example_catalog.procedures)
        other = dataclasses.replace(example_catalog, procedures=procedures)
        text = render_hsds(other)
        assert store.computed == len(example_catalog.procedures) + 1  # the edited one only
        named = {name.split("#", 1)[1] for name in identifiers}
        assert "service/k02" in named and all(name == "organization" or "k02" in name for name in named)
        # A town setting every service shows (its name) makes every one again.
        town = example_catalog.municipality.model_copy(update={"name": "べつ町"})
        renamed = render_hsds(dataclasses.replace(example_catalog, municipality=town))
        assert store.computed == 2 * len(example_catalog.procedures) + 1
    assert text == render_hsds(other) and "べつの 題名" in text.decode("utf-8")
    assert renamed == render_hsds(dataclasses.replace(example_catalog, municipality=town))
