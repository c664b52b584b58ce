"""Each fact against the graph: resolved IRIs and a status — new, known (the same value is
curated; the row is named) or conflicting (the curated value and its sources are given).

Owns :class:`Resolver`, which reads the curated tables once. Dates compare at the coarser
precision of the two (``1970`` agrees with ``1970-07``); a meeting found without its number
is matched on its year and host.
"""

from __future__ import annotations

from typing import Any

from kg.ingest.model import Fact
from kg.tables.schema import Row, Tables
from kg.vocab import iris

__all__ = ["Resolver"]


def _agree(found: str, curated: str) -> bool:
    return not found or not curated or found.startswith(curated) or curated.startswith(found)


def _where(row: Row) -> str:
    return f"data/{row.file}:{row.line}"


class Resolver:
    """Statuses and IRIs of facts against the curated tables."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.meetings = {r.get("number"): r for r in tables.rows.get("meetings", [])}
        self.participations = {
            (r.get("meeting"), r.get("municipality")): r
            for r in tables.rows.get("participations", [])
        }
        self.twinnings: dict[tuple[str, str], list[Row]] = {}
        for r in tables.rows.get("twinnings", []):
            self.twinnings.setdefault((r.get("japan"), r.get("russia")), []).append(r)
        self.visits = tables.rows.get("visits", [])
        self.documents = tables.rows.get("documents", [])
        self.places = {r.get("id"): r for r in tables.rows.get("municipalities", [])}
        self.people = {r.get("id") for r in tables.rows.get("people", [])}

    def meeting_number(self, fields: dict[str, Any]) -> str:
        """The curated number of a meeting given by number, or by year (and host)."""
        if fields.get("number"):
            return str(fields["number"])
        year = str(fields.get("start", ""))[:4]
        host = fields.get("host", "")
        matches = [
            n
            for n, r in self.meetings.items()
            if year and r.get("start")[:4] == year and _agree(host, r.get("host"))
        ]
        return matches[0] if len(matches) == 1 else ""

    def _status(self, fact: Fact, row: Row | None, pairs: dict[str, tuple[str, str]]) -> None:
        if row is None:
            fact.status = "new"
            return
        fact.row = _where(row)
        clashes = {
            k: cur for k, (val, cur) in pairs.items() if val and cur and not _agree(val, cur)
        }
        fact.status = "conflicting" if clashes else "known"
        fact.curated = clashes
        if clashes:
            fact.sources = row.list("sources")

    def resolve(self, fact: Fact) -> Fact:
        """Fill the fact's IRIs and status; returns the fact."""
        f = fact.fields
        for name in ("host", "city", "from", "to"):
            if f.get(name) in self.places:
                fact.iris[name] = iris.place(f[name])
        for name in ("places", "parties"):
            for i, pid in enumerate(f.get(name, [])):
                if pid in self.places:
                    fact.iris[f"{name}[{i}]"] = iris.place(pid)
        if f.get("person") in self.people:
            fact.iris["person"] = iris.person(f["person"])
        getattr(self, "_" + fact.type)(fact)
        return fact

    def _meeting(self, fact: Fact) -> None:
        number = self.meeting_number(fact.fields)
        row = self.meetings.get(number)
        if row is not None:
            fact.iris["meeting"] = iris.meeting(row.get("series"), number)
        pairs = {k: (str(fact.fields.get(k, "")), row.get(k) if row else "") for k in
                 ("start", "end", "host")}  # fmt: skip
        self._status(fact, row, pairs)

    def _participation(self, fact: Fact) -> None:
        meeting = fact.fields.get("meeting", "")
        number = meeting if meeting in self.meetings else self.meeting_number({"start": meeting})
        row = self.participations.get((number, fact.fields.get("city", "")))
        person = fact.fields.get("person", "")
        curated_person = row.get("person") if row else ""
        self._status(fact, row, {"person": (person if person in self.people else "",
                                            curated_person)})  # fmt: skip
        if row is not None and row.get("role") and row.get("role") != fact.fields.get("role"):
            fact.curated["role"] = row.get("role")

    def _visit(self, fact: Fact) -> None:
        f = fact.fields
        row = next(
            (
                r
                for r in self.visits
                if r.get("from") == f.get("from")
                and r.get("to") == f.get("to")
                and _agree(f.get("date", ""), r.get("start"))
            ),
            None,
        )
        self._status(fact, row, {})

    def _twinning(self, fact: Fact) -> None:
        japan, russia = fact.fields["places"]
        rows = self.twinnings.get((japan, russia), [])
        kind = fact.fields.get("kind", "")
        row = next((r for r in rows if r.get("kind") == kind), rows[0] if rows else None)
        if row is not None:
            fact.iris["agreement"] = iris.agreement(row.get("id"))
        self._status(fact, row, {
            "kind": (kind, row.get("kind") if row else ""),
            "established": (fact.fields.get("established", ""),
                            row.get("established") if row else ""),
        })  # fmt: skip

    def _agreement(self, fact: Fact) -> None:
        parties = set(fact.fields.get("parties", []))
        date = fact.fields.get("date", "")
        row = next(
            (
                r
                for r in self.documents
                if parties <= set(r.list("parties")) and _agree(date, r.get("date"))
            ),
            None,
        )
        if row is None and len(parties) == 2:
            for r in self.tables.rows.get("twinnings", []):
                pair = {r.get("japan"), r.get("russia")} == parties
                if pair and date and r.get("established") and _agree(date, r.get("established")):
                    row = r
        self._status(fact, row, {})
