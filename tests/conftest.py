"""Shared fixtures: the real data, built once per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from kg import paths
from kg.pipeline import BuildResult, Checked, build, check
from kg.validate import load_ontology, load_shapes

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return paths.data_dir()


@pytest.fixture(scope="session")
def ontology_dir() -> Path:
    return paths.ontology_dir()


@pytest.fixture(scope="session")
def checked(data_dir: Path, ontology_dir: Path) -> Checked:
    return check(data_dir, ontology_dir)


@pytest.fixture(scope="session")
def graph(checked: Checked) -> Graph:
    return checked.built.graph


@pytest.fixture(scope="session")
def shapes(ontology_dir: Path) -> Graph:
    return load_shapes(ontology_dir)


@pytest.fixture(scope="session")
def ontology(ontology_dir: Path) -> Graph:
    return load_ontology(ontology_dir)


@pytest.fixture(scope="session")
def built_out(tmp_path_factory: pytest.TempPathFactory, data_dir: Path, ontology_dir: Path) -> Path:
    """A full build of the real data into a temporary output folder."""
    out = tmp_path_factory.mktemp("build")
    result: BuildResult = build(data_dir, ontology_dir, out)
    assert result.report.conforms, result.report
    return out


@pytest.fixture
def data_copy(tmp_path: Path, data_dir: Path) -> Path:
    """A writable copy of the curated tables, for tests that break them."""
    target = tmp_path / "data"
    shutil.copytree(data_dir, target)
    return target


@pytest.fixture(scope="session")
def require_tool() -> Callable[[str], str]:
    """Path of a system tool; when missing, fail under CI=true (never skip silently there),
    otherwise skip with the command that installs it."""

    def find(name: str) -> str:
        path = shutil.which(name)
        if path:
            return path
        message = f"{name} is not installed; run `bash .ci/system-deps`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
        raise AssertionError  # unreachable

    return find
