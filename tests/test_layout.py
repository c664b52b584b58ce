"""The house keeps its shape: no import cycle between modules, small modules, each saying
what it owns, and no base IRI or namespace string written outside the vocabulary."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "_data" not in p.parts)
MAX_LINES = 500


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path) -> set[str]:
    """Modules of ``kg`` imported when this module is imported (not inside functions, not
    only for type checking)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kg"))
    return found


def test_no_import_cycle() -> None:
    names = {_name(p): p for p in MODULES}
    graph = nx.DiGraph()
    for name, path in names.items():
        graph.add_node(name)
        for target in _top_level_imports(path):
            if target in names and target != name:
                graph.add_edge(name, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles}"
    assert graph.number_of_edges() > 50  # the walk does see the imports


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_small_and_says_what_it_owns(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES, f"{path.name}: split it by concern"
    docstring = ast.get_docstring(ast.parse(text))
    assert docstring and len(docstring.split()) >= 8, f"{path.name}: say what it owns"


IRI_IN_CODE = re.compile(r"https://w3id\.org/rujp|http://www\.w3\.org/2000/01/rdf-schema#")


def _iri_lines(path: Path) -> list[int]:
    """Lines of code (not docstrings or comments) that spell out a project or RDFS IRI."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        number
        for number, line in enumerate(lines, 1)
        if IRI_IN_CODE.search(line) and not _is_doc_line(path, number)
    ]


def test_base_iri_is_written_only_in_the_vocabulary() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in MODULES
        if path.relative_to(PACKAGE).as_posix() != "vocab/terms.py"
        for number in _iri_lines(path)
    ]
    assert not offenders, offenders


def test_the_iri_check_sees_code_and_spares_docs(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        '"""Docs may show https://w3id.org/rujp/id/place/jp-niigata."""\n'
        "# so may comments: https://w3id.org/rujp/\n"
        'BASE = "https://w3id.org/rujp/"\n',
        encoding="utf-8",
    )
    assert _iri_lines(module) == [3]


def _is_doc_line(path: Path, number: int) -> bool:
    """Whether a line lies in a docstring or a comment (examples may show IRIs)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines[number - 1].lstrip().startswith("#"):
        return True
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list) or not body:
            continue
        first = body[0]
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
            and first.lineno <= number <= (first.end_lineno or first.lineno)
        ):
            return True
    return False
