"""A file's validated model kept between builds (generator/loading/validated.py, issue #23 item 4) is exactly what
validating its data gives, and never hides an error: data that fails is validated (and reported) every time, a
damaged entry is validated again, and data that differs in any way a model could tell apart is kept apart."""

from __future__ import annotations

import copy
import datetime
import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from generator.cache.renders import value_digest
from generator.errors import InputError
from generator.kept import kept_in
from generator.loading import validated as validated_module
from generator.loading.catalog import load_catalog
from generator.loading.validated import validated
from generator.loading.yaml_source import load_yaml
from generator.model.guide import LifeEventGuide
from generator.model.procedure import Procedure
from tests.stores import Store

ROOT = Path(__file__).resolve().parents[2]


def _validations(store: Store) -> int:
    return sum(source.startswith(b"validated\0") for source in store.sources)


class _Value(BaseModel):
    value: int | float | bool | str
    table: dict[str, int] = {}


def test_data_a_model_tells_apart_is_never_given_anothers_kept_model() -> None:
    store = Store()
    with kept_in(store):
        for data in ({"value": 1}, {"value": 1.0}, {"value": True}, {"value": "1"}, {"value": 1}):
            result = validated(_Value, data)
            assert result.value == data["value"] and type(result.value) is type(data["value"])
        assert validated(_Value, {"value": 1, "table": {"a": 1, "b": 2}}).table == {"a": 1, "b": 2}
        assert list(validated(_Value, {"value": 1, "table": {"b": 2, "a": 1}}).table) == ["b", "a"]
        assert list(validated(_Value, {"value": 1, "table": {"a": 1, "b": 2}}).table) == ["a", "b"]
    assert len(store.kept) == 6  # 1, 1.0, true, "1" and the two orders: the second 1 and "a, b" were kept
    # Data JSON could not write apart (a key that is not text, a date) is validated every time, never kept.
    with kept_in(store):
        for odd in ({"value": "x", "when": datetime.date(2026, 1, 1)}, {"value": "x", 1: "y"}):
            assert validated_module._exact_text(odd) is None
            assert validated(_Value, odd).value == "x"  # (_Value ignores other keys)
    assert len(store.kept) == 6


def test_the_validation_context_is_in_the_key() -> None:
    # A text variant (context text_variant) takes a step's deadline rule from the base file unchecked; the base file
    # itself must state it. Kept under one key, the variant's model would let a base file pass with a wrong rule.
    data = copy.deepcopy(load_yaml(ROOT / "life_events" / "birth.yml").data)
    step = next(step for step in data["steps"] if "deadline" in step)
    step["deadline"] = {**step["deadline"], "within_days": 30}  # its text says 14日以内
    store = Store()
    with kept_in(store):
        try:
            validated(LifeEventGuide, data, context={"text_variant": True})
        except ValidationError as error:  # the sample must fail only on the rule, or it proves nothing
            pytest.fail(f"the variant should pass: {error}")
        with pytest.raises(ValidationError, match="guide_step_deadline|期限"):
            validated(LifeEventGuide, data)
        with pytest.raises(ValidationError):  # and again: failed data is never kept
            validated(LifeEventGuide, data)
    assert _validations(store) == 3


def test_a_damaged_or_foreign_entry_is_validated_again() -> None:
    store = Store()
    data = {"value": "zq-original"}
    with kept_in(store):
        validated(_Value, data)
    (source,) = store.kept
    entry = store.kept[source]
    assert entry.count(b"zq-original") == 1
    # (the last: a pickle that loads, a model of another value — only the digest tells it is not what was kept)
    for damaged in (entry[:-1] + bytes([entry[-1] ^ 1]), entry[:40], b"", entry[:32] + b"not a pickle",
                    entry.replace(b"zq-original", b"zq-changed!")):
        store.kept[source] = damaged
        with kept_in(store):
            result = validated(_Value, data)
        assert result == _Value(value="zq-original") and type(result) is _Value
    # A well-formed entry holding something else than the model asked for is not used either.
    foreign = validated_module.pickle.dumps({"value": "zq-original"})
    store.kept[source] = validated_module.hashlib.sha256(foreign).digest() + foreign
    with kept_in(store):
        assert validated(_Value, data) == _Value(value="zq-original")


def _catalog_digest(catalog) -> bytes:  # noqa: ANN001
    """Every model of the catalog by the render keys' rules: class, every field, private attributes, fields set."""
    return value_digest((catalog.municipality, catalog.procedures, tuple(sorted(catalog.guides.items())), catalog.flow,
                         catalog.finder_words, catalog.finder_query_words, catalog.editions, catalog.audit,
                         tuple(sorted((key, value_digest(texts)) for key, texts in catalog.edition_texts.items()))))


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for folder in ("procedures", "life_events", "questions", "finder", "readings", "accessibility"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, project / folder)
    (project / "municipalities").mkdir()
    shutil.copy(ROOT / "municipalities" / "hashikami.yml", project / "municipalities" / "hashikami.yml")
    if (ROOT / "editions.yml").is_file():
        shutil.copy(ROOT / "editions.yml", project / "editions.yml")
    return project


def test_a_catalog_from_kept_models_is_the_validated_catalog_and_an_edit_to_bad_data_is_reported(tmp_path: Path) -> None:
    project = _project(tmp_path)

    def load():  # noqa: ANN202
        return load_catalog(project / "procedures", project / "municipalities" / "hashikami.yml")

    fresh = load()
    store = Store()
    with kept_in(store):
        first = load()
    validations = _validations(store)
    assert validations >= 30  # every procedure, the town, the guides, the flow, the words, the editions, variants
    assert first.audit is not None  # (the published audit, a JSON file, is kept too)
    with kept_in(store):
        second = load()
    assert _validations(store) == validations  # nothing validated again
    assert _catalog_digest(second) == _catalog_digest(first) == _catalog_digest(fresh)
    assert second.procedures == fresh.procedures and second.municipality == fresh.municipality

    # One procedure edited: validated again, alone.
    path = next((project / "procedures").glob("k02-*.yml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nreviewed:", "\n# (edited)\nreviewed:", 1), encoding="utf-8")
    with kept_in(store):
        load()
    assert _validations(store) == validations + 1  # the file's bytes changed: validated again, alone
    edited = text.replace("title: ", "title: 新しい ", 1)
    path.write_text(edited, encoding="utf-8")
    with kept_in(store):
        after_edit = load()
    assert _validations(store) == validations + 2
    assert _catalog_digest(after_edit) == _catalog_digest(load())

    # Then to bad data: the same problems (file, line, field, message) as without anything kept, every time.
    path.write_text(edited.replace("\nreviewed:", "\nreviewd_typo: 1\nreviewed:", 1), encoding="utf-8")
    with pytest.raises(InputError) as clean_error:
        load()
    for _ in range(2):
        with kept_in(store), pytest.raises(InputError) as kept_error:
            load()
        assert kept_error.value.problems == clean_error.value.problems
    assert any(problem.path == path and "reviewd_typo" in problem.field for problem in clean_error.value.problems)


def test_a_broken_project_reports_the_same_problems_with_a_store(broken_dir: Path) -> None:
    def load():  # noqa: ANN202
        return load_catalog(broken_dir / "procedures", broken_dir / "municipalities" / "brokentown.yml")

    with pytest.raises(InputError) as clean_error:
        load()
    store = Store()
    for _ in range(2):
        with kept_in(store), pytest.raises(InputError) as kept_error:
            load()
        assert kept_error.value.problems == clean_error.value.problems


def test_without_a_store_nothing_is_pickled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validated_module.pickle, "dumps", None)  # would fail if called
    assert validated(_Value, {"value": 3}).value == 3
    with pytest.raises(ValidationError):
        validated(Procedure, {"id": "k01"})


def test_a_render_key_takes_a_validated_file_by_its_source_and_tells_another_source_apart() -> None:
    # (generator/kept.py remember_source: walking the 27 procedures for the render keys was ≈ 0.02 s of a rebuild.
    # A model validated in a build is keyed by what it was made of: the model, the context and the file's bytes.)
    from generator.cache.renders import site_digest

    document = load_yaml(next((ROOT / "procedures").glob("k01-*.yml")))
    store = Store()
    with kept_in(store):
        first = validated(Procedure, document.data, decoded_from=document.content)
        again = validated(Procedure, document.data, decoded_from=document.content)  # (unpickled: another object)
        assert first is not again and site_digest(first) == site_digest(again)
        # Another file's bytes give another key, even for a model equal field for field.
        other = validated(Procedure, document.data, decoded_from=b"another file's bytes")
        assert other == first and site_digest(other) != site_digest(first)
        # A copy with a change is not what the source made: it is walked, and its key says the change.
        changed = first.model_copy(update={"title": "べつの 題名"})
        assert site_digest(changed) not in {site_digest(first), site_digest(other)}
        assert site_digest(changed) == value_digest(changed)
    # value_digest always walks: a kept model and one validated outside a build are one value.
    outside = Procedure.model_validate(document.data)
    assert value_digest(first) == value_digest(outside) == value_digest(again)
    assert site_digest(outside) == value_digest(outside)  # (validated outside a build: nothing was noted)
