"""Tables whose indexes by key and sets of ids are computed once, not on every lookup.

The graph builder and the reference checks ask for an index per row (the municipality of
every twinning, the target of every reference); :class:`IndexedTables` answers those from
a cache, so loading and building grow linearly with the number of rows. A cached index is
recomputed when the table's list of rows is replaced or changes length.
"""

from __future__ import annotations

from pathlib import Path

from kg.tables.schema import Row, Tables

__all__ = ["IndexedTables"]


class IndexedTables(Tables):
    """:class:`~kg.tables.schema.Tables` with cached :meth:`by_key` and :meth:`ids`."""

    def __init__(self, folder: Path, rows: dict[str, list[Row]] | None = None) -> None:
        super().__init__(folder, rows if rows is not None else {})
        self._keys: dict[str, tuple[int, int, dict[str, Row]]] = {}
        self._ids: dict[str, tuple[int, int, frozenset[str]]] = {}

    def _stamp(self, table: str) -> tuple[int, int]:
        rows = self.rows.get(table)
        return (id(rows), len(rows)) if rows is not None else (0, 0)

    def by_key(self, table: str) -> dict[str, Row]:
        stamp = self._stamp(table)
        cached = self._keys.get(table)
        if cached is None or cached[:2] != stamp:
            cached = self._keys[table] = (*stamp, super().by_key(table))
        return cached[2]

    def ids(self, table: str) -> frozenset[str]:
        stamp = self._stamp(table)
        cached = self._ids.get(table)
        if cached is None or cached[:2] != stamp:
            cached = self._ids[table] = (*stamp, super().ids(table))
        return cached[2]
