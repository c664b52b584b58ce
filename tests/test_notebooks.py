"""Notebooks are executed by the test suite and committed without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from kg.pipeline import Checked
from tests.helpers import dump_shacl_answers

TESTS = Path(__file__).resolve().parent
HELPERS = TESTS / "helpers.py"
NOTEBOOKS = sorted((TESTS.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stripped(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path, tmp_path: Path, checked: Checked) -> None:
    """Each notebook runs in a fresh kernel without an error. The kernel is handed the
    pySHACL answers of this session (``checked`` made the one for the real tables), so the
    notebooks' validation of the same graph is answered as a second validation in this
    process would be (:func:`tests.helpers.install_shacl_answers`)."""
    answers = tmp_path / "shacl-answers.pickle"
    dump_shacl_answers(answers)
    startup = tmp_path / "kernel-startup.py"
    startup.write_text(  # the helpers of this checkout, whatever the kernel's sys.path
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('_test_helpers', {str(HELPERS)!r})\n"
        "helpers = sys.modules['_test_helpers'] = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(helpers)\n"
        f"helpers.install_shacl_answers({str(answers)!r})\n",
        encoding="utf-8",
    )
    run_startup = f"exec(open({str(startup)!r}, encoding='utf-8').read(), {{}})"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
        extra_arguments=[f"--IPKernelApp.exec_lines={run_startup}"],
    ).execute()
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert not errors
