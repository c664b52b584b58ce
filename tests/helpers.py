"""Helpers shared by the test modules (test modules never import each other)."""

from __future__ import annotations

import contextlib
import csv
import io
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from kg.cli import main

__all__ = ["FIXTURES", "SHAPE_FIXTURES", "CliResult", "fixture_graph", "run_cli"]

SHAPE_FIXTURES = Path(__file__).resolve().parent / "shapes"


@dataclass(frozen=True)
class CliResult:
    """What one ``kg`` command did: its exit code and what it printed."""

    exit_code: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8")

    @property
    def output(self) -> str:
        """Standard output, then standard error (for assertion messages)."""
        return self.stdout + self.stderr


@contextlib.contextmanager
def _captured() -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr
    wrappers = (
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    sys.stdout, sys.stderr = wrappers
    try:
        yield out, err
    finally:
        sys.stdout, sys.stderr = saved
        for wrapper in wrappers:
            wrapper.flush()
            wrapper.detach()  # keep the buffers open for reading


def run_cli(args: Sequence[str]) -> CliResult:
    """Run ``kg ARGS`` in this process, capturing its output as bytes; never raises
    ``SystemExit`` (argparse's usage errors become exit code 2)."""
    with _captured() as (out, err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return CliResult(code, out.getvalue(), err.getvalue())


def _fixtures() -> dict[str, tuple[Graph, Graph]]:
    ds = Dataset()
    ds.parse(SHAPE_FIXTURES / "fixtures.trig", format="trig")
    out: dict[str, tuple[Graph, Graph]] = {}
    for graph in ds.graphs():
        name = str(graph.identifier)
        if not name.startswith("urn:fixture:"):
            continue
        _, _, shape, op = name.split(":")
        remove, add = out.get(shape, (Graph(), Graph()))
        target = add if op == "add" else remove
        for triple in graph:
            target.add(triple)
        out[shape] = (remove, add)
    return out


FIXTURES = _fixtures()


def fixture_graph(name: str) -> Graph:
    """valid.ttl with fixture ``name`` applied (its triples removed, then added)."""
    remove, add = FIXTURES[name]
    data = Graph().parse(SHAPE_FIXTURES / "valid.ttl")
    for triple in remove:
        assert triple in data, f"fixture {name} removes a triple valid.ttl does not have"
        data.remove(triple)
    for triple in add:
        data.add(triple)
    return data


def blank_cells(path: Path, key: str, value: str, fields: tuple[str, ...]) -> None:
    """Blank ``fields`` of the rows of table ``path`` whose ``key`` column is ``value``, and
    drop those fields from their per-value citations (a blank value cites nothing)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        names = list(reader.fieldnames or [])
        rows = list(reader)
    hit = [r for r in rows if r[key] == value]
    assert hit, f"{value} not in {path.name}"
    for row in hit:
        for name in fields:
            row[name] = ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    # a blanked value has no sources any more: drop it from its per-value citations
    keys = {f"{r['series']}/{r['number']}" if "series" in r else r[key] for r in hit}
    citations = path.parent / "citations.csv"
    with citations.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        names = list(reader.fieldnames or [])
        cited = []
        for row in reader:
            if row["table"] == path.stem and row["key"] in keys:
                left = [f for f in row["field"].split(";") if f not in fields]
                if not left:
                    continue
                row["field"] = ";".join(left)
            cited.append(row)
    with citations.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(cited)


def running_server(built_out: Path, **options: object) -> Iterator[Any]:
    """A ``kg serve`` server on a free port over the build in ``built_out`` (``options`` go
    to :class:`~kg.serve.config.ServerConfig`), serving in a thread until the generator is
    closed; yields the server (its URL is ``http://127.0.0.1:<server_port>``)."""
    import threading

    from kg.serve.app import make_server
    from kg.serve.config import ServerConfig

    config = ServerConfig(store=built_out / "store", out=built_out, **options)  # type: ignore[arg-type]
    server = make_server("127.0.0.1", 0, config)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()
