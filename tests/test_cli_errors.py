"""The operating system says no: every command answers with one clear line and exit 2.

Busy ports, outputs that are folders, folders that are files, places nobody may write
(``/proc`` refuses even root) and missing inputs are reported location first, never as a
traceback, and nothing is written.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import run_cli

UNWRITABLE = Path("/proc/kg-cannot-write-here")


def _one_error_line(stderr: str, where: str) -> str:
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("[ERROR]")]
    assert len(errors) == 1, stderr
    assert where in errors[0], errors[0]
    return errors[0]


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "a-file"
    path.write_text("not a folder\n", encoding="utf-8")
    return path


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield sock.getsockname()[1]


def test_serve_on_a_busy_port(built_out: Path, busy_port: int) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "serve",
            "--port",
            str(busy_port),
            "--store",
            str(built_out / "store"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    line = _one_error_line(done.stderr, "127.0.0.1")
    assert str(busy_port) in line and "--port" in line


def test_build_into_a_folder_that_is_a_file(a_file: Path) -> None:
    result = run_cli(["build", "--out", str(a_file / "out")])
    assert result.exit_code == 2
    assert "folder" in _one_error_line(result.stderr, str(a_file))
    assert a_file.read_text(encoding="utf-8") == "not a folder\n"


def test_build_where_nothing_may_be_written() -> None:
    result = run_cli(["build", "--out", str(UNWRITABLE)])
    assert result.exit_code == 2
    _one_error_line(result.stderr, str(UNWRITABLE))


def test_export_to_a_folder(tmp_path: Path) -> None:
    result = run_cli(["export", "--format", "nt", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a file" in _one_error_line(result.stderr, str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_export_where_nothing_may_be_written() -> None:
    result = run_cli(["export", "-o", str(UNWRITABLE / "rujp.ttl")])
    assert result.exit_code == 2
    _one_error_line(result.stderr, str(UNWRITABLE))


def test_plot_into_a_folder_that_is_a_file(built_out: Path, a_file: Path) -> None:
    result = run_cli(["plot", "ranking", "--rdf", str(built_out / "rujp.nt"), "--out", str(a_file)])
    assert result.exit_code == 2
    _one_error_line(result.stderr, str(a_file))


def test_network_export_where_nothing_may_be_written(built_out: Path) -> None:
    target = UNWRITABLE / "twinning.graphml"
    result = run_cli(
        [
            "network",
            "export",
            "--format",
            "graphml",
            "-o",
            str(target),
            "--rdf",
            str(built_out / "rujp.nt"),
        ]
    )
    assert result.exit_code == 2
    _one_error_line(result.stderr, str(UNWRITABLE))


def test_view_to_a_folder(built_out: Path, tmp_path: Path) -> None:
    result = run_cli(["view", "-o", str(tmp_path), "--rdf", str(built_out / "rujp.nt")])
    assert result.exit_code == 2
    _one_error_line(result.stderr, str(tmp_path))


def test_query_a_store_that_is_a_file(a_file: Path) -> None:
    result = run_cli(["query", "-e", "ASK {}", "--store", str(a_file)])
    assert result.exit_code == 2
    assert "kg build" in _one_error_line(result.stderr, str(a_file))


def test_stats_of_a_missing_data_folder(tmp_path: Path) -> None:
    result = run_cli(["stats", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert "nowhere" in result.stderr and "nothing was written" in result.stderr


def test_load_without_a_build(tmp_path: Path) -> None:
    result = run_cli(["load", "--endpoint", "http://127.0.0.1:9/store", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and "kg build" in result.stderr
