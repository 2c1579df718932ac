"""A small project (the valid test fixture) built once per module, for the published outputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import build_site
from generator.loading import load_catalog
from generator.model import Catalog
from tests.conftest import FIXTURES
from tests.site.conftest import copy_project


def fixture_project(target: Path) -> Path:
    """The real mkdocs.yml and theme with the valid fixture's procedures and settings."""
    project = copy_project(target)
    for part in ("procedures", "municipalities"):
        shutil.rmtree(project / part)
        shutil.copytree(FIXTURES / "valid" / part, project / part)
    # The example's life-event guides and questions (questions/flow.yml) link all 27 procedures; the fixture
    # has two, so it has neither.
    shutil.rmtree(project / "life_events", ignore_errors=True)
    shutil.rmtree(project / "questions", ignore_errors=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("municipalities/hashikami.yml", "municipalities/testtown.yml"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_project(tmp_path_factory.mktemp("publishing") / "project")


@pytest.fixture(scope="module")
def catalog(project: Path) -> Catalog:
    return load_catalog(project / "procedures", project / "municipalities" / "testtown.yml")


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return build_site(project / "mkdocs.yml", site_dir=project / "site")
