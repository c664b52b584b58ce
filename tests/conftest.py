"""Shared fixtures: the real data, built once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef

from kg import paths
from kg.pipeline import BuildResult, Checked, build, check
from kg.validate import Report, load_ontology, load_shapes, validate
from tests.helpers import (
    ONTOLOGY_DOCS,
    SHACL_ANSWERS,
    WHOLE_GRAPH,
    documentation_once,
    graph_key,
    pyshacl_once,
)

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="session", autouse=True)
def pyshacl_once_per_input() -> Iterator[None]:
    """pySHACL's answer for one data graph and one shapes graph, computed once per session.

    Builds validate with rudof (kept likewise by :func:`rudof_once_per_input`) and call
    pySHACL only when rudof finds something (the ``auto`` engine), but several tests still
    validate the same whole graph with pySHACL: the reference report of the real graph,
    ``--engine pyshacl`` runs, the same broken tables read twice. pySHACL is deterministic,
    so its answer for a whole graph is kept by the content of its inputs (and options) and
    handed out again, as a copy (:func:`tests.helpers.pyshacl_once`). A graph that differs
    in any triple is validated anew.
    """
    import pyshacl

    original = pyshacl.validate
    pyshacl.validate = pyshacl_once(original, SHACL_ANSWERS)
    yield
    pyshacl.validate = original


@pytest.fixture(scope="session", autouse=True)
def rudof_once_per_input() -> Iterator[None]:
    """rudof's answer for one whole graph, shapes file and ontology file, computed once per
    session when asked for through :mod:`kg.validate` (the ``auto`` engine of every build).

    The builds of the real tables in this process (publishing, atomic builds, the CLI) hand
    rudof the same graph; rudof is deterministic, so its report is kept by the content of
    its inputs and handed out again, its results located by the caller's table rows. Tests
    that call ``validate_rudof`` by name (the engine-agreement tests) bypass this.
    """
    import hashlib

    import kg.validate

    original = kg.validate.validate_rudof
    answers: dict[tuple[str, ...], Report] = {}

    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    def validate_rudof(data: Graph, **kwargs: Any) -> Report:
        ntriples = kwargs.get("ntriples")
        # ``shapes`` is ``shapes_file`` parsed, whose content the key covers
        known = {"origins", "ntriples", "shapes", *_RUDOF_FILES}
        if len(data) < WHOLE_GRAPH or set(kwargs) - known:
            return original(data, **kwargs)
        content = (
            "nt:" + hashlib.sha256(ntriples).hexdigest()
            if isinstance(ntriples, bytes)
            else "graph:" + graph_key(data)
        )
        key = (content, *(digest(kwargs[name]) for name in _RUDOF_FILES))
        if key not in answers:
            answers[key] = original(data, **{**kwargs, "origins": None})
        report = answers[key]
        origins = kwargs.get("origins") or {}
        located = {replace(r, origin=origins.get(URIRef(r.focus))) for r in report.results}
        return replace(report, results=tuple(sorted(located)))

    kg.validate.validate_rudof = validate_rudof
    yield
    kg.validate.validate_rudof = original


_RUDOF_FILES = ("shapes_file", "ontology_file")


@pytest.fixture(scope="session", autouse=True)
def ontology_documentation_once() -> Iterator[None]:
    """The ontology's HTML documentation (pyLODE, a few seconds) made once per ontology
    content for the session: every build of the same ontology writes the same bytes (the
    rebuild tests compare them with a build in a fresh process, which makes its own)."""
    import importlib

    publish = importlib.import_module("kg.export.publish")  # the module, not a function
    original = publish.ontology_documentation
    publish.ontology_documentation = documentation_once(original, ONTOLOGY_DOCS)
    yield
    publish.ontology_documentation = original


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
def reference_report(checked: Checked, shapes: Graph, ontology: Graph) -> Report:
    """pySHACL's report on the real graph (``checked`` is validated by the default engine)."""
    built = checked.built
    return validate(built.graph, shapes=shapes, ontology=ontology, origins=built.origins)


@pytest.fixture(scope="session")
def graph(checked: Checked) -> Graph:
    return checked.built.graph


@pytest.fixture(scope="session")
def network_data(graph: Graph) -> Any:
    """The networks' data (:class:`kg.network.NetworkData`) of the real graph."""
    from kg.network import extract

    return extract(graph)


@dataclass(frozen=True)
class Drawn:
    """One figure drawn once for the session: the figure, its PNG and SVG bytes (saved
    before anything measured it) and the warnings drawing and saving raised."""

    figure: Any
    files: dict[str, bytes]
    warnings: list[str]


@pytest.fixture(scope="session")
def drawn_figure(network_data: Any) -> Callable[[str, str], Drawn]:
    """Each figure in each language drawn and saved once per session, through the same
    calls as :func:`kg.figures.render_figures` (:func:`~kg.figures.figure`, then
    :func:`~kg.figures.figure_bytes` for each format); the figure tests read it."""
    import warnings
    from functools import cache

    from kg.figures import FORMATS, figure, figure_bytes

    @cache
    def draw(name: str, lang: str) -> Drawn:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig = figure(network_data, name, lang)
            files = {f"{name}-{lang}.{fmt}": figure_bytes(fig, fmt) for fmt in FORMATS}
        return Drawn(fig, files, [str(w.message) for w in caught])

    return draw


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


@pytest.fixture(scope="session")
def fixture_report(shapes: Graph, ontology: Graph) -> Callable[[str], Report]:
    """pySHACL's report on a shape fixture, computed once per fixture for the session
    (the shape tests and the engine-agreement tests read the same report)."""
    from functools import cache

    from tests.helpers import fixture_graph

    @cache
    def report(name: str) -> Report:
        return validate(fixture_graph(name), shapes=shapes, ontology=ontology)

    return report


@pytest.fixture(scope="session")
def process_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """``kg build`` of the real data in a fresh interpreter with another hash seed: its
    output folder and the finished process (exit code, output)."""
    out = tmp_path_factory.mktemp("process-build") / "out"
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", "--out", str(out)],
        env={**os.environ, "PYTHONHASHSEED": "4242"},
        capture_output=True,
        text=True,
        check=False,
    )
    return out, done


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


@dataclass
class PageVisit:
    """What a headless browser saw: the rendered DOM and every console error."""

    html: str
    errors: list[str]


@pytest.fixture(scope="session")
def chromium_browser(require_tool: Callable[[str], str]) -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (no browser download), one for the
    whole session: tests that need a page of their own open a context on it."""
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def browse(chromium_browser: Any) -> Iterator[Callable[..., PageVisit]]:
    """Open a URL in Debian's headless Chromium (driven by Playwright, no browser download);
    collect console errors, page errors and failed requests; return the rendered DOM.

    One browser serves the whole session; each visit gets a fresh context (no shared
    cookies, cache or storage). A visit waits for the page's load event and, when given,
    for the ``evaluate`` condition to hold (up to ``timeout_ms``), never a fixed time.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    browser = chromium_browser

    def visit(
        url: str,
        evaluate: str | None = None,
        timeout_ms: int = 10_000,
        *,
        viewport: tuple[int, int] | None = None,
        screenshot: Path | None = None,
    ) -> PageVisit:
        """``viewport`` (width, height) sizes the window (a phone-sized one gets touch);
        ``screenshot`` is written whatever the outcome, to be kept with a failing test."""
        errors: list[str] = []
        options: dict[str, Any] = {}
        if viewport:
            options["viewport"] = {"width": viewport[0], "height": viewport[1]}
            options["has_touch"] = viewport[0] < 600
        context = browser.new_context(**options)
        try:
            page = context.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
            page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
            page.goto(url, wait_until="load")
            if evaluate:
                try:
                    page.wait_for_function(evaluate, timeout=timeout_ms)
                except PlaywrightTimeout:
                    errors.append(f"check failed: {evaluate}")
            html = page.content()
            if screenshot is not None:
                page.screenshot(path=str(screenshot))
        finally:
            context.close()
        return PageVisit(html, errors)

    yield visit


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: Test files that share costly session fixtures run on the same xdist worker: the shape
#: tests and the engine-agreement tests read the same pySHACL reports; the CLI and the
#: publishing tests compare the same builds; the figure tests read the same drawn figures.
_SHARED_WORKER = {
    "test_plots": "figures",
    "test_figure_layout": "figures",
    "test_shapes": "shacl",
    "test_engines": "shacl",
    "test_cli": "builds",
    "test_publish": "builds",
}


#: The groups that take longest, longest first: they are handed out first (with
#: ``--no-loadscope-reorder``), so that the two workers finish together instead of one
#: starting a long group at the end. Measured with ``pytest --durations=0``; a group not
#: listed runs after these, in file order.
_LONGEST_FIRST = (
    "figures",
    "builds",
    "shacl",
    "test_synthetic",
    "test_reasoning",
    "test_atomic_build",
    "test_remote",
    "test_querypage",
    "test_interop",
    "test_network",
    "test_interactive",
    "test_ingest",
    "test_notebooks",
    "test_provenance",
    "test_wheel",
    "test_doctests",
    "test_tables",
    "test_clean_input",
)


def _group(module: str) -> str:
    """The xdist group of the tests of test file ``module`` (its stem)."""
    return _SHARED_WORKER.get(module, module)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """One xdist group per test file (so module fixtures are built once), except the files
    of :data:`_SHARED_WORKER`, which share a group; the groups of :data:`_LONGEST_FIRST`
    come first."""
    rank = {group: i for i, group in enumerate(_LONGEST_FIRST)}
    groups: dict[str, str] = {}
    for item in items:
        groups[item.nodeid] = _group(item.path.stem)
        item.add_marker(pytest.mark.xdist_group(groups[item.nodeid]))
    items.sort(key=lambda item: rank.get(groups[item.nodeid], len(rank)))  # stable


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadgroup`` that sends each group of :func:`_group` to one worker whatever
    the pytest version.

    xdist passes a test's ``xdist_group`` to its scheduler as an ``@group`` suffix of the
    test's id, written on the worker; from pytest 9.2 on that write no longer changes the
    id (pytest-dev/pytest-xdist#1386), so every test became a group of its own, spread
    over both workers, and each worker built the session and module fixtures of nearly
    every file. This scheduler reads the group from the test's file instead (an ``@group``
    suffix, where pytest still shows one, comes first)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class FileGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope: str = super()._split_scope(nodeid)
            if scope != nodeid:
                return scope
            return _group(Path(nodeid.partition("::")[0]).stem)

    return FileGroupScheduling(config, log)
