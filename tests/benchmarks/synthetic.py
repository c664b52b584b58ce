"""Synthetic graphs with the real data's shape, at N times its size, for benchmarks.

The generator copies every row of the curated tables ``scale`` times and builds the graph
with the real builder (:func:`kg.graph.build_graph`), so the synthetic graph has exactly
the real classes and properties in the real proportions. Copy ``i`` of a row keys its
node ``<key>-s<i>`` and points at copy ``i`` of what the row refers to, except the two
relations that make the networks: the Russian party of a twinning and the participant of a
conference (with the person representing it) point at a copy chosen by a random permutation
per row. Every place therefore keeps its real number of ties and of conferences, every
conference its number of participants, while who is tied to whom is rewired at random —
a configuration model of the real networks. Deterministic for a given ``seed``.

>>> g = synthetic_graph(2, seed=0)
>>> from kg.vocab.namespaces import RUJP
>>> from rdflib import RDF
>>> len(set(g.subjects(RDF.type, RUJP.TwinningAgreement)))
126
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph

from kg.graph import build_graph
from kg.tables import COUNTRIES, TABLES, Row, Tables, load_tables
from kg.tables.checks import read_checked
from kg.tables.schema import CITATIONS

__all__ = [
    "REWIRED",
    "SyntheticTables",
    "synthetic_graph",
    "synthetic_tables",
    "write_synthetic_ntriples",
    "write_synthetic_tables",
]

#: (table, column) pairs whose reference is rewired by a random permutation of the copies.
REWIRED = frozenset(
    {("twinnings", "russia"), ("participations", "municipality"), ("participations", "person")}
)
_MEETING_STRIDE = 1000  # copy i of conference n has number n + i * _MEETING_STRIDE


class SyntheticTables(Tables):
    """Tables whose key indexes are computed once (the builder asks for them per row).

    ``shared`` indexes (e.g. all municipalities) can be supplied when the tables hold only a
    chunk of the copies.
    """

    def __init__(
        self, folder: Path, rows: dict[str, list[Row]], shared: dict[str, dict[str, Row]]
    ) -> None:
        super().__init__(folder, rows)
        self._by_key: dict[str, dict[str, Row]] = dict(shared)
        self._ids: dict[str, frozenset[str]] = {}

    def by_key(self, table: str) -> dict[str, Row]:
        if table not in self._by_key:
            self._by_key[table] = super().by_key(table)
        return self._by_key[table]

    def ids(self, table: str) -> frozenset[str]:
        if table not in self._ids:
            self._ids[table] = super().ids(table)
        return self._ids[table]


def _sfx(key: str, copy: int) -> str:
    return f"{key}-s{copy}"


class _Copier:
    """Makes copy ``i`` of every table, keeping a map of old keys to new keys."""

    def __init__(self, real: Tables, scale: int, seed: int) -> None:
        if scale < 1:
            raise ValueError(f"scale must be a positive integer, not {scale}")
        self.real = real
        self.scale = scale
        self.citations: list[Row] = []
        if (real.folder / CITATIONS.file).is_file():
            self.citations, _ = read_checked(CITATIONS, real.folder)
        rng = random.Random(seed)
        self.perm: dict[tuple[str, int], list[int]] = {}
        for table in sorted({t for t, _ in REWIRED}):
            for row in real.rows.get(table, []):
                self.perm[(table, row.line)] = rng.sample(range(scale), scale)

    def target(self, table: str, column: str, row: Row, copy: int) -> int:
        if (table, column) in REWIRED:
            return self.perm[(table, row.line)][copy]
        return copy

    def ref(self, value: str, refs: tuple[str, ...], copy: int) -> str:
        if "meetings" in refs:
            return str(int(value) + copy * _MEETING_STRIDE)
        if "countries" in refs and value in COUNTRIES:
            return value
        return _sfx(value, copy)

    def copy(self, copy: int) -> dict[str, list[Row]]:
        out: dict[str, list[Row]] = {}
        keymap: dict[tuple[str, str], str] = {}
        for name, spec in TABLES.items():
            rows = []
            for row in self.real.rows.get(name, []):
                cells = dict(row.cells)
                for col in spec.columns:
                    value = cells.get(col.name, "")
                    if not value:
                        continue
                    to = self.target(name, col.name, row, copy)
                    if col.kind == "key":
                        cells[col.name] = _sfx(value, copy)
                    elif col.kind == "ref":
                        cells[col.name] = self.ref(value, col.refs, to)
                    elif col.kind == "refs":
                        items = [i.strip() for i in value.split(";") if i.strip()]
                        cells[col.name] = ";".join(self.ref(i, col.refs, to) for i in items)
                    elif col.name.startswith("label_"):
                        cells[col.name] = f"{value} {copy}"
                    elif col.kind == "labels":
                        cells[col.name] = ";".join(
                            f"{text} {copy}@{lang}"
                            for text, _, lang in (
                                i.strip().rpartition("@") for i in value.split(";") if i.strip()
                            )
                        )
                if name == "sources" and copy and cells.get("url"):
                    # each copy cites its own page: the same page twice is an input error
                    url = cells["url"]
                    cells["url"] = f"{url}{'&' if '?' in url else '?'}copy={copy}"
                if name == "meetings":
                    cells["number"] = str(int(row.get("number")) + copy * _MEETING_STRIDE)
                if name == "twinnings":
                    cells["id"] = f"{cells['japan']}--{cells['russia']}"
                if name == "twinning_status":
                    cells["agreement"] = keymap[("twinnings", row.get("agreement"))]
                if name == "claims":
                    cells["key"] = keymap[(row.get("table"), row.get("key"))]
                new = Row(name, row.line + copy * 100_000, cells)
                keymap[(name, row.key)] = new.key
                rows.append(new)
            out[name] = rows
        out[CITATIONS.name] = [
            Row(
                CITATIONS.name,
                row.line + copy * 100_000,
                dict(row.cells)
                | {
                    "key": keymap[(row.get("table"), row.get("key"))],
                    "sources": ";".join(_sfx(s, copy) for s in row.list("sources")),
                },
            )
            for row in self.citations
        ]
        return out


def _real(data: Path | None) -> Tables:
    from kg.paths import data_dir

    return load_tables(data or data_dir())


def _copies(scale: int, seed: int, data: Path | None) -> tuple[Tables, _Copier]:
    real = _real(data)
    return real, _Copier(real, scale, seed)


def synthetic_tables(scale: int, seed: int = 0, data: Path | None = None) -> SyntheticTables:
    """``scale`` rewired copies of the curated tables (from ``data``, default ``data/``)."""
    real, copier = _copies(scale, seed, data)
    rows: dict[str, list[Row]] = {name: [] for name in (*TABLES, CITATIONS.name)}
    for i in range(scale):
        for name, chunk in copier.copy(i).items():
            rows[name].extend(chunk)
    return SyntheticTables(real.folder, rows, {})


def synthetic_graph(scale: int, seed: int = 0, data: Path | None = None) -> Graph:
    """The graph of :func:`synthetic_tables` (``scale`` 1 is a rewired real graph)."""
    return build_graph(synthetic_tables(scale, seed, data)).graph


def _chunks(scale: int, seed: int, data: Path | None, size: int) -> Iterator[Graph]:
    real, copier = _copies(scale, seed, data)
    places = {
        row.key: row
        for i in range(scale)
        for row in copier.copy(i)["municipalities"]  # labels of agreements need every place
    }
    for start in range(0, scale, size):
        rows: dict[str, list[Row]] = {name: [] for name in (*TABLES, CITATIONS.name)}
        for i in range(start, min(scale, start + size)):
            for name, chunk in copier.copy(i).items():
                rows[name].extend(chunk)
        yield build_graph(SyntheticTables(real.folder, rows, {"municipalities": places})).graph


def write_synthetic_ntriples(
    path: Path, scale: int, seed: int = 0, data: Path | None = None, chunk: int = 20
) -> int:
    """Write the synthetic graph as N-Triples to ``path``, ``chunk`` copies at a time (so
    memory stays bounded at any scale); return the number of triples written.

    The lines are sorted within each chunk, so the file is byte-identical for a given
    ``scale`` and ``seed``. The same triples as :func:`synthetic_graph`.
    """
    from kg.export.rdf import canonical_ntriples

    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("wb") as handle:
            for graph in _chunks(scale, seed, data, chunk):
                handle.write(canonical_ntriples(graph))
                count += len(graph)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count


def write_synthetic_tables(
    folder: Path, scale: int, seed: int = 0, data: Path | None = None
) -> int:
    """Write the CSV tables of :func:`synthetic_tables` into ``folder`` (every column of the
    schema, rows in copy order), to run ``kg build --data folder`` at ``scale`` times the
    real size; return the number of rows written."""
    import csv

    tables = synthetic_tables(scale, seed, data)
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, spec in (*TABLES.items(), (CITATIONS.name, CITATIONS)):
        columns = [col.name for col in spec.columns]
        with (folder / spec.file).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in tables.rows[name]:
                writer.writerow([row.get(col) for col in columns])
                count += 1
    return count
