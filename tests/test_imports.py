"""Light commands stay light: `import kg` and `kg query` load no heavy library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("rdflib", "pyshacl", "matplotlib", "networkx", "numpy", "igraph", "pylode")

PROBE = """
import sys
{setup}
heavy = sorted({{m.split('.')[0] for m in sys.modules}} & {heavy!r})
print('HEAVY:' + ','.join(heavy))
"""


def _loaded(setup: str) -> list[str]:
    code = PROBE.format(setup=setup, heavy=set(HEAVY))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    line = next(x for x in out.stdout.splitlines() if x.startswith("HEAVY:"))
    return [m for m in line.removeprefix("HEAVY:").split(",") if m]


def test_import_kg_is_light() -> None:
    assert _loaded("import kg") == []


def _cli(*args: str) -> str:
    return (
        "import contextlib, os\n"
        "from kg.cli import main\n"
        "with open(os.devnull, 'w') as sink, contextlib.redirect_stdout(sink):\n"
        f"    code = main({list(args)!r})\n"
        "assert code == 0, code\n"
    )


def test_kg_query_is_light(built_out: Path) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    assert _loaded(_cli("query", "-e", query, "--store", str(built_out / "store"))) == []
    named = _cli(
        "query",
        "--name",
        "partners",
        "--param",
        "city=jp-niigata",
        "--store",
        str(built_out / "store"),
    )
    assert _loaded(named) == []


def test_kg_queries_and_help_are_light() -> None:
    assert _loaded(_cli("queries")) == []
    help_probe = (
        "import contextlib, io\nfrom kg.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main(['--help'])\n"
        "    except SystemExit as exc:\n        assert exc.code == 0\n"
    )
    assert _loaded(help_probe) == []


def test_probe_detects_heavy_imports() -> None:
    assert _loaded("import rdflib") == ["rdflib"]
