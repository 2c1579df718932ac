"""What a rebuild keeps between builds besides pages (issue #23 item 4) is used only where it is exactly what the
step would compute again: compiled templates (generator/cache/templates.py), and the pure steps of
generator/kept.py: parsed input files (generator/loading/yaml_source.py), the question flow's walk
(generator/loading/flow.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.cache import templates
from generator.cache.templates import COMPILED, CompiledTemplates
from generator.kept import kept, kept_in
from generator.loading import yaml_source
from generator.loading.flow import _paths_checked
from generator.loading.yaml_source import load_yaml
from generator.model.flow import Flow
from tests.stores import Store
from tests.towns.test_page_reuse import FLOW


def _environment(folder: Path, autoescape: bool) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=autoescape, bytecode_cache=COMPILED)


def test_environments_with_other_settings_never_share_a_compiled_template(tmp_path: Path) -> None:
    # Jinja keys compiled code by template name and source only, yet autoescape is compiled into it.
    (tmp_path / "page.html").write_text("{{ text }}", encoding="utf-8")
    escaping, plain = _environment(tmp_path, autoescape=True), _environment(tmp_path, autoescape=False)
    assert escaping.get_template("page.html").render(text="<b>") == "&lt;b&gt;"
    assert plain.get_template("page.html").render(text="<b>") == "<b>"
    assert _environment(tmp_path, autoescape=True).get_template("page.html").render(text="<b>") == "&lt;b&gt;"


def test_a_compiled_template_on_disk_is_used_by_the_next_process_unless_its_source_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "page.html").write_text("one {{ text }}", encoding="utf-8")
    cache = tmp_path / "cache"
    with templates.kept_in(cache):
        assert _environment(tmp_path, True).get_template("page.html").render(text="x") == "one x"
    kept_files = list((cache / "templates").rglob("*"))
    assert any(path.is_file() for path in kept_files)

    fresh = CompiledTemplates()  # a new process: nothing in memory
    monkeypatch.setattr(templates, "COMPILED", fresh)
    compiled = []
    real_compile = jinja2.Environment.compile

    def counted(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
        return real_compile(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)

    def render() -> str:
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True, bytecode_cache=fresh)
        return environment.get_template("page.html").render(text="x")

    with templates.kept_in(cache):
        assert render() == "one x"
        assert compiled == []  # read from disk
        fresh.clear()
        (tmp_path / "page.html").write_text("two {{ text }}", encoding="utf-8")
        assert render() == "two x"  # the source changed: compiled again
        assert compiled == ["page.html"]
        fresh.clear()
        for path in (cache / "templates").rglob("*"):
            if path.is_file():
                path.write_bytes(b"damaged")
        assert render() == "two x"  # a damaged entry: compiled again


def test_a_kept_parse_is_the_parse_and_a_file_with_a_problem_is_never_kept(tmp_path: Path) -> None:
    good = tmp_path / "good.yml"
    good.write_text("title: テスト\nsteps:\n  - 1\n  - 2.5\n  - true\n  - null\n  - '2026-01-01'\n", encoding="utf-8")
    bad = tmp_path / "bad.yml"
    bad.write_text("title: one\ntitle: two\n", encoding="utf-8")
    fresh = {path: yaml_source._parse(path, path.read_bytes()) for path in (good, bad)}
    store = Store()
    for _ in range(2):
        yaml_source._PARSED.clear()  # (what a new process sees)
        with kept_in(store):
            loaded = load_yaml(good)
            broken = load_yaml(bad)
        assert loaded.data == fresh[good].data and loaded.source.positions == fresh[good].source.positions
        assert [type(value) for value in loaded.data["steps"]] == [int, float, bool, type(None), str]
        assert loaded.problems == [] and broken.problems == fresh[bad].problems and broken.problems
    assert store.computed == 2  # each file parsed once, the second round from the store
    assert sorted(store.kept.values(), key=len)[0] == b""  # the broken file: nothing kept
    good.write_text("title: べつの テスト\n", encoding="utf-8")
    with kept_in(store):
        assert load_yaml(good).data == {"title": "べつの テスト"}  # an edited file is parsed again


def test_a_flow_that_passed_is_walked_again_when_a_procedure_is_added(tmp_path: Path) -> None:
    path = tmp_path / "flow.yml"
    path.write_text(FLOW, encoding="utf-8")
    document = load_yaml(path)
    flow = Flow.model_validate(document.data)
    store = Store()
    with kept_in(store):
        assert _paths_checked(flow, document, {"k01": None, "d01": None}) == []  # type: ignore[dict-item]
        assert _paths_checked(flow, document, {"k01": None, "d01": None}) == []  # type: ignore[dict-item]
        assert store.computed == 1
        # k02 is in no rule: no answer leads to it
        problems = _paths_checked(flow, document, {"k01": None, "d01": None, "k02": None})  # type: ignore[dict-item]
        assert [problem.field for problem in problems] == ["rules"] and "k02" in problems[0].message
        # kept as failed: still reported the next time
        assert _paths_checked(flow, document, {"k01": None, "d01": None, "k02": None}) == problems  # type: ignore[dict-item]
    assert kept(b"anything", lambda: b"computed") == b"computed"  # without a store: simply computed
