"""Reading YAML through libyaml (the fast path of ``yaml_source._compose``) gives exactly what PyYAML's guarded
Python composer gives: the same data, the same line and column for every field, the same problems."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.loading import yaml_source
from generator.loading.yaml_source import load_yaml
from tests.conftest import ROOT

INPUTS = sorted(
    path for folder in ("procedures", "life_events", "questions", "finder", "municipalities", "readings", "generator", "tests/fixtures")
    for path in (ROOT / folder).rglob("*.yml")
)


def _python_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_source, "_compose", lambda text: yaml.compose(text, Loader=yaml_source._GuardedLoader))


def test_libyaml_is_there_and_reads_every_shipped_file_as_python_does(monkeypatch: pytest.MonkeyPatch) -> None:
    assert yaml.__with_libyaml__, "PyYAML was installed without libyaml: every read takes the slow path"
    assert len(INPUTS) > 40
    fast = {}
    for path in INPUTS:
        yaml_source._PARSED.clear()
        loaded = load_yaml(path)
        fast[path] = (loaded.data, dict(loaded.source.positions), loaded.problems)
    _python_only(monkeypatch)
    for path in INPUTS:
        yaml_source._PARSED.clear()
        loaded = load_yaml(path)
        assert fast[path] == (loaded.data, dict(loaded.source.positions), loaded.problems), path
    yaml_source._PARSED.clear()


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",                        # anchor and alias
    "a: !!python/object/apply:os.system ['true']\n",
    "a: !foo x\n",
    "a: " + "[" * 20 + "]" * 20 + "\n",        # deeper than MAX_DEPTH
    "a: [1, 2\n",                               # syntax error
    "a: 1\n---\nb: 2\n",                        # two documents
    "a: 1\na: 2\n<<: {b: 3}\n",                 # duplicate key, merge key
    "a: '\\u202e'\n",
    "title: 児童手当\nsteps:\n  - 一つ目\n  -   二つ目（全角）\n",
])
def test_unusual_files_get_the_same_data_and_messages_on_both_paths(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    yaml_source._PARSED.clear()
    fast = load_yaml(path)
    _python_only(monkeypatch)
    yaml_source._PARSED.clear()
    slow = load_yaml(path)
    assert (fast.data, fast.source.positions, fast.problems) == (slow.data, slow.source.positions, slow.problems)


def test_the_same_bytes_under_another_name_name_their_own_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "k01.yml", tmp_path / "b" / "k01.yml"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text("title: 児童手当\ntitle: もう一度\n", encoding="utf-8")
    one, two = load_yaml(first), load_yaml(second)
    assert one.problems and [problem.path for problem in one.problems] == [first]
    assert [problem.path for problem in two.problems] == [second]
    assert two.source.path == second and two.source.problem(("title",), "x").path == second
