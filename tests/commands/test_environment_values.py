"""A bad environment value stops every command before it starts, naming the variable and no settings file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.commands.conftest import all_output, small_project


@pytest.mark.parametrize("value", ["-86400", "４００００００００", "abc"])
@pytest.mark.parametrize("command", [["check"], ["build"], ["build", "--all", "sites"]])
def test_a_bad_source_date_epoch_names_the_variable_not_the_settings(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, command: list[str]
) -> None:
    project = small_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = run(project, *command)
    output = all_output(result)
    assert result.exit_code == 1, output
    assert output.startswith("環境変数 SOURCE_DATE_EPOCH の 値が 使えません"), output
    assert "testtown.yml" not in output and "municipalities" not in output
    assert not (project / "site").exists() and not (project / "sites").exists()


def test_the_mkdocs_plugin_alone_also_blames_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    project = small_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "-86400")
    with pytest.raises(PluginError) as raised:
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins["tetsuzuki"].on_config(config)
    assert str(raised.value).startswith("環境変数 SOURCE_DATE_EPOCH") and "testtown.yml" not in str(raised.value)
