"""Light commands stay light: `import kg` and `kg query` load no heavy library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("rdflib", "pyshacl", "matplotlib")

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


def test_kg_query_is_light(built_out: Path) -> None:
    setup = (
        "from kg.cli import main\n"
        f"sys.argv = ['kg', 'query', '-e', 'SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1', "
        f"'--store', {str(built_out / 'store')!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code in (0, None), exc.code\n"
    )
    assert _loaded(setup) == []


def test_probe_detects_heavy_imports() -> None:
    assert _loaded("import rdflib") == ["rdflib"]
