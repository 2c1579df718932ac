"""The open data's indented JSON lists, made from items kept by their compact text (generator/site/json_text.py),
are byte for byte what ``json.dumps(..., indent=2)`` writes, and an edited item is written again."""

from __future__ import annotations

import json

from generator.kept import kept_in
from generator.site.hsds import hsds_service
from generator.site.json_text import indented_json
from generator.site.registry import registry_record
from tests.stores import Store


AWKWARD = [
    [], {}, [[]], [{}], {"a": []}, "line\nbreak", {"text": "改行\nと\ttab と \"引用\" と \\ と \u2028"},
    {"nested": {"deep": [1, 2.5, -0.0, 1e100, True, False, None, {"x": [{"y": {}}]}]}},
    (1, 2), {1: "int key", "2": "str key"}, "ｶﾀｶﾅ・絵文字🙂",
]


def test_the_same_text_as_json_dumps_with_and_without_a_store(example_catalog) -> None:  # noqa: ANN001
    services = [hsds_service(example_catalog, procedure) for procedure in example_catalog.procedures]
    records = [registry_record(example_catalog, procedure) for procedure in example_catalog.procedures]
    store = Store()
    for items in (services, records, AWKWARD, [AWKWARD], [], [[]], ["one"]):
        expected = json.dumps(items, ensure_ascii=False, indent=2)
        assert indented_json(items) == expected  # (no store: json.dumps itself)
        with kept_in(store):
            assert indented_json(items) == expected
            computed = store.computed
            assert indented_json(items) == expected  # from the store
            assert store.computed == computed


def test_an_edited_item_is_written_again_and_its_neighbours_are_kept(example_catalog) -> None:  # noqa: ANN001
    services = [hsds_service(example_catalog, procedure) for procedure in example_catalog.procedures]
    store = Store()
    with kept_in(store):
        indented_json(services)
        computed = store.computed
        edited = [dict(service) for service in services]
        edited[1]["name"] += "（編集）"
        assert indented_json(edited) == json.dumps(edited, ensure_ascii=False, indent=2)
    assert store.computed == computed + 1
