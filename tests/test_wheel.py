"""The package is self-contained: a wheel installed into a fresh virtual environment builds
and describes the graph from any folder, with the tables, ontology, shapes and context that
travel inside it; and every third-party package the code imports is a declared dependency."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the project's wheel installed (not editable).

    The dependencies are taken from this environment's site-packages through a path entry
    (so the test needs no download); the project itself only from the wheel.
    """
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    wheels = list(dist.glob("rujp_kg-*.whl"))
    assert len(wheels) == 1, wheels
    env = root / "venv"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheels[0]),
        ],
        check=True,
        capture_output=True,
    )
    return env


def _run(env: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    return subprocess.run(
        [str(env / "bin" / args[0]), *args[1:]],
        check=False,
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_installed_wheel_builds_and_describes_the_graph_from_any_folder(
    wheel_env: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run(
        wheel_env,
        "python",
        "-c",
        "import kg, kg.paths as p; print(kg.__file__, p.data_dir(), p.ontology_dir())",
        cwd=elsewhere,
    )
    assert where.returncode == 0, where.stderr
    package, data, ontology = where.stdout.split()
    site = str(wheel_env)
    assert package.startswith(site) and data.startswith(site) and ontology.startswith(site)
    assert not data.startswith(str(REPO)), "the wheel must not read the checkout's data/"

    out = tmp_path / "out"
    built = _run(wheel_env, "kg", "build", "--out", str(out), cwd=elsewhere)
    assert built.returncode == 0, built.stderr
    assert "conforms" in built.stdout
    assert (out / "rujp.nt").read_bytes() == (REPO / "tests" / "snapshots" / "rujp.nt").read_bytes()
    for name in ("rujp.jsonld", "void.ttl", "ontology.html", "store/CURRENT"):
        assert (out / name).is_file(), name

    stats = _run(wheel_env, "kg", "stats", "--format", "json", cwd=elsewhere)
    assert stats.returncode == 0, stats.stderr
    assert '"Twinnings by kind"' in stats.stdout


def _declared() -> set[str]:
    """The core dependencies as pyproject.toml declares them (the installed metadata may be
    older than the checkout)."""
    requires = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        re.split(r"[\s;<>=!~\[]", r, maxsplit=1)[0].lower().replace("_", "-")
        for r in requires["dependencies"]
    }


def _imported_top_level() -> set[str]:
    names = set()
    for path in (REPO / "kg").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"kg"}


def test_every_imported_package_is_a_declared_dependency() -> None:
    providers = importlib.metadata.packages_distributions()
    declared = _declared()
    optional = {"pymorphy3", "trafilatura", "tqdm"}  # the 'ingest' extra, only by `kg ingest`
    missing = {}
    for module in sorted(_imported_top_level() - optional):
        dists = {d.lower().replace("_", "-") for d in providers.get(module, [module])}
        if not dists & declared:
            missing[module] = sorted(dists)
    assert not missing, f"declare these in pyproject.toml [project] dependencies: {missing}"
