"""Coverage report of the curated tables (``kg stats``). Pure Python over the tables.

>>> from kg.paths import data_dir
>>> from kg.tables import load_tables
>>> report = coverage(load_tables(data_dir()))
>>> report.sections[0].title
'Municipalities and regions by country and level'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kg.tables import Row, Tables
from kg.tables.citations import Citations, load_citations, value_sources
from kg.tables.registry import duplicate_urls
from kg.values import FIELDS

__all__ = ["Coverage", "Section", "coverage", "render_json", "render_text"]


@dataclass
class Section:
    """One titled table of counts: rows of (label, count) or of several columns."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class Coverage:
    sections: list[Section]

    def section(self, title: str) -> Section:
        return next(s for s in self.sections if s.title == title)


def _counter_rows(counter: Counter[tuple[str, ...]]) -> list[tuple[Any, ...]]:
    return [(*key, n) for key, n in sorted(counter.items())]


def _decade(date: str) -> str:
    return f"{date[:3]}0s" if date else "unknown"


def coverage(tables: Tables) -> Coverage:
    """Count what the tables cover, for curators and users of the data."""
    rows = tables.rows
    places = rows["municipalities"]
    twinnings = rows["twinnings"]
    meetings = rows["meetings"]
    sections = []

    sections.append(
        Section(
            "Municipalities and regions by country and level",
            ("country", "level", "count"),
            _counter_rows(Counter((r.get("country"), r.get("level")) for r in places)),
        )
    )
    sections.append(
        Section(
            "Twinnings by kind",
            ("kind", "count"),
            _counter_rows(Counter((r.get("kind"),) for r in twinnings)),
        )
    )
    sections.append(
        Section(
            "Twinnings by decade established",
            ("decade", "count"),
            _counter_rows(Counter((_decade(r.get("established")),) for r in twinnings)),
        )
    )
    precision: Counter[tuple[str, ...]] = Counter(
        ({4: "year", 7: "month", 10: "day"}.get(len(r.get("established")), "unknown"),)
        for r in twinnings
    )
    sections.append(
        Section("Twinning dates by precision", ("precision", "count"), _counter_rows(precision))
    )
    latest: dict[str, str] = {}
    for r in sorted(rows["twinning_status"], key=lambda r: r.get("date")):
        latest[r.get("agreement")] = r.get("status")
    status: Counter[tuple[str, ...]] = Counter(
        (latest.get(r.get("id"), "no recorded change"),) for r in twinnings
    )
    sections.append(
        Section("Twinnings by latest status", ("status", "count"), _counter_rows(status))
    )

    known_date = sum(1 for r in meetings if r.get("start"))
    known_host = sum(1 for r in meetings if r.get("host"))
    numbers = sorted(int(r.get("number")) for r in meetings)
    missing = sorted(set(range(1, (numbers[-1] if numbers else 0) + 1)) - set(numbers))
    sections.append(
        Section(
            "Conferences",
            ("measure", "value"),
            [
                ("conferences curated", len(meetings)),
                ("with a known start date", known_date),
                ("with a known host", known_host),
                ("latest number", numbers[-1] if numbers else 0),
                ("numbers not yet curated", ", ".join(map(str, missing)) or "none"),
            ],
        )
    )
    per_meeting = Counter(r.get("meeting") for r in rows["participations"])
    sections.append(
        Section(
            "Participation rows per conference",
            ("number", "participations", "with person"),
            [
                (
                    int(n),
                    per_meeting.get(n, 0),
                    sum(
                        1
                        for r in rows["participations"]
                        if r.get("meeting") == n and r.get("person")
                    ),
                )
                for n in sorted({r.get("number") for r in meetings}, key=int)
            ],
        )
    )
    membership: Counter[tuple[str, ...]] = Counter(
        (r.get("organisation"),) for r in rows["memberships"]
    )
    sections.append(
        Section("Members per association", ("organisation", "members"), _counter_rows(membership))
    )

    confidence: Counter[tuple[str, ...]] = Counter()
    for row in tables:
        if row.table != "sources":
            confidence[(row.table, row.get("confidence"))] += 1
    sections.append(
        Section("Facts by confidence", ("table", "confidence", "rows"), _counter_rows(confidence))
    )
    sections.append(
        Section(
            "Sources by language",
            ("language", "sources"),
            _counter_rows(Counter((r.get("language"),) for r in rows["sources"])),
        )
    )
    sections.append(
        Section(
            "Sources by kind",
            ("kind", "sources"),
            _counter_rows(Counter((r.get("kind"),) for r in rows["sources"])),
        )
    )
    sections.append(
        Section(
            "Sources by publisher (top 25)",
            ("publisher", "sources"),
            [
                (p, n)
                for p, n in sorted(
                    Counter(r.get("publisher") for r in rows["sources"]).items(),
                    key=lambda kv: (-kv[1], kv[0]),
                )[:25]
            ],
        )
    )
    ids = [
        ("with Wikidata id", sum(1 for r in places if r.get("wikidata"))),
        ("with GeoNames id", sum(1 for r in places if r.get("geonames"))),
        ("with coordinates", sum(1 for r in places if r.get("lat"))),
        ("with JIS X 0402 code (JP)", sum(1 for r in places if r.get("jis_code"))),
        ("with OKTMO code (RU)", sum(1 for r in places if r.get("oktmo"))),
        (
            "without Wikidata or GeoNames link",
            sum(1 for r in places if not r.get("wikidata") and not r.get("geonames")),
        ),
    ]
    sections.append(Section("Identifiers and links of municipalities", ("measure", "count"), ids))
    sections.append(
        Section(
            "Municipalities without a Wikidata or GeoNames link",
            ("id", "label_en"),
            [
                (r.get("id"), r.get("label_en"))
                for r in sorted(places, key=lambda r: r.get("id"))
                if not r.get("wikidata") and not r.get("geonames")
            ],
        )
    )
    sections.append(
        Section(
            "Alternative claims kept",
            ("table", "field", "claims"),
            _counter_rows(Counter((r.get("table"), r.get("field")) for r in rows["claims"])),
        )
    )
    sections.extend(trust_sections(tables))
    return Coverage(sections)


#: Columns that hold a displayed value besides those of :data:`kg.values.FIELDS`.
_LIST_COLUMNS = {("series", "organisers"), ("documents", "parties")}
_FACT_TABLES = ("sources", "claims")


def _value_columns(row: Row) -> list[str]:
    return [
        name
        for name in row.cells
        if row.get(name)
        and (
            (row.table, name) in FIELDS
            or (row.table, name) in _LIST_COLUMNS
            or name == "alt_labels"
        )
    ]


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def _value_section(tables: Tables, citations: Citations) -> Section:
    known = tables.ids("sources")
    values = covered = cited = 0
    for row in tables:
        if row.table in _FACT_TABLES:
            continue
        for name in _value_columns(row):
            values += 1
            sources = value_sources(row, name, citations)
            covered += any(s in known for s in sources)
            cited += (row.table, row.key, name) in citations
    return Section(
        "Value-level provenance",
        ("measure", "value"),
        [
            ("displayed values (filled cells of fact rows)", values),
            ("with at least one supporting source", covered),
            ("coverage", _share(covered, values)),
            ("with their own per-value citation (citations.csv)", cited),
            ("citing their row's sources", values - cited),
        ],
    )


def _publisher_kind(row: Row) -> str:
    return row.get("publisher_kind") or "not yet given"


def _weak_sources(tables: Tables) -> tuple[frozenset[str], frozenset[str]]:
    """Ids of mirror sources, and of mirror or encyclopedia sources."""
    mirrors, weak = set(), set()
    for row in tables.rows.get("sources", []):
        kind = row.get("publisher_kind")
        if kind == "mirror":
            mirrors.add(row.get("id"))
        if kind in ("mirror", "encyclopedia") or (not kind and row.get("kind") == "encyclopedia"):
            weak.add(row.get("id"))
    return frozenset(mirrors), frozenset(weak)


def _resting_on(tables: Tables, only: frozenset[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for row in tables:
        sources = row.list("sources") if row.table != "sources" else []
        if sources and all(s in only for s in sources):
            out[row.table] += 1
    return out


def _mirror_values(tables: Tables, citations: Citations, mirrors: frozenset[str]) -> Section:
    """Displayed values whose every source is a mirror, and how many of them are not low."""
    only = not_low = 0
    for row in tables:
        if row.table in _FACT_TABLES:
            continue
        for name in _value_columns(row):
            sources = value_sources(row, name, citations)
            if not sources or not all(s in mirrors for s in sources):
                continue
            only += 1
            cited = citations.get((row.table, row.key, name))
            grade = (cited.confidence if cited is not None else "") or row.get("confidence")
            not_low += grade != "low"
    return Section(
        "Values resting only on mirrors",
        ("measure", "value"),
        [("values citing only mirrors", only), ("of which not low confidence", not_low)],
    )


def _editions(tables: Tables) -> Section:
    meetings = tables.rows["meetings"]
    numbers = sorted(int(r.get("number")) for r in meetings)
    latest = numbers[-1] if numbers else 0
    with_year = [r for r in meetings if r.get("start")]
    with_host = [r for r in meetings if r.get("host")]
    both = [r for r in meetings if r.get("start") and r.get("host")]
    dated = {int(r.get("number")) for r in with_year}
    unknown = [n for n in range(1, latest + 1) if n not in dated]
    return Section(
        "Conference editions",
        ("measure", "value"),
        [
            ("editions known to exist (1 to the latest number)", latest),
            ("editions curated as rows", len(meetings)),
            ("with a year", len(with_year)),
            ("with a host", len(with_host)),
            ("with year and host", len(both)),
            ("editions whose year is not yet sourced", ", ".join(map(str, unknown)) or "none"),
        ],
    )


def trust_sections(tables: Tables) -> list[Section]:
    """What the graph's trust rests on: per-value sources, the kinds of publishers, facts on
    weak sources alone, coordinates and conference editions."""
    citations = load_citations(tables)
    sources = tables.rows.get("sources", [])
    mirrors, weak = _weak_sources(tables)
    only_mirrors, only_weak = _resting_on(tables, mirrors), _resting_on(tables, weak)
    reference = {
        r.get("id")
        for r in sources
        if r.get("publisher_kind") == "reference-data"
        or (not r.get("publisher_kind") and r.get("kind") == "dataset")
    }
    places = tables.rows["municipalities"]
    with_coords = [r for r in places if r.get("lat") and r.get("lon")]
    from_reference = [
        r
        for r in with_coords
        if all(
            all(s in reference for s in value_sources(r, name, citations))
            for name in ("lat", "lon")
        )
    ]
    return [
        _value_section(tables, citations),
        Section(
            "Sources by publisher kind",
            ("publisher kind", "sources"),
            _counter_rows(Counter((_publisher_kind(r),) for r in sources)),
        ),
        Section(
            "Sources sharing a page with an earlier row",
            ("measure", "value"),
            [("rows whose normalised URL repeats an earlier row", len(duplicate_urls(tables)))],
        ),
        Section(
            "Facts resting only on mirrors or encyclopedias",
            ("table", "only mirrors", "only mirrors or encyclopedias"),
            [
                (table, only_mirrors.get(table, 0), only_weak.get(table, 0))
                for table in sorted(set(only_mirrors) | set(only_weak))
            ]
            + [("all tables", sum(only_mirrors.values()), sum(only_weak.values()))],
        ),
        _mirror_values(tables, citations, mirrors),
        Section(
            "Places with real coordinates",
            ("measure", "value"),
            [
                ("places", len(places)),
                ("with coordinates", len(with_coords)),
                ("coordinates cited to reference data only", len(from_reference)),
                ("without coordinates", len(places) - len(with_coords)),
            ],
        ),
        _editions(tables),
    ]


def render_text(report: Coverage) -> str:
    out = []
    for section in report.sections:
        out.append(section.title)
        cells = [tuple(map(str, section.columns))] + [tuple(map(str, r)) for r in section.rows]
        widths = [max(len(c[i]) for c in cells) for i in range(len(section.columns))]
        for n, row in enumerate(cells):
            out.append(
                "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            )
            if n == 0:
                out.append("  " + "  ".join("-" * w for w in widths))
        out.append("")
    return "\n".join(out)


def render_json(report: Coverage) -> str:
    import json

    return (
        json.dumps(
            {
                s.title: [dict(zip(s.columns, r, strict=True)) for r in s.rows]
                for s in report.sections
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
