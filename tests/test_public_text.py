"""Published text is written for readers: no literal of the built graph carries a curator's
working note (bracketed pass tags, placeholder titles, workflow words such as "helper",
"folder", "the brief", "see NOTES", "this session", "excerpt")."""

from __future__ import annotations

import re

from rdflib import Graph, Literal

__all__: list[str] = []

#: Traces of curators' working notes; each pattern names what it catches.
TRACES: dict[str, re.Pattern[str]] = {
    "bracketed pass tag such as [clair]": re.compile(r"\[[a-z][a-z0-9_-]*\]"),
    "placeholder title": re.compile(r"title not shown|\(no title|untitled", re.I),
    "workflow word 'helper'": re.compile(r"\bhelpers?\b", re.I),
    "workflow word 'folder'": re.compile(r"\bfolders?\b", re.I),
    "workflow word 'brief'": re.compile(r"\bthe brief\b|\bbrief's\b", re.I),
    "workflow word 'pass'": re.compile(r"\b(research|first|second|this|earlier) pass\b", re.I),
    "reference to curators' notes": re.compile(r"\bNOTES\b"),
    "reference to the curators' corpus": re.compile(
        r"\bsurfaced\b|\bstored (copy|corpus|revision)\b"
        r"|\b(current|new|old)-site\b|\bread only (for|to)\b|\bthe corpus\b|\bcache host\b",
        re.I,
    ),
    "reference to a session": re.compile(r"\b(this|previous|earlier) session\b", re.I),
    "reference to an excerpt": re.compile(r"\bexcerpts?\b", re.I),
    "reference to a re-read": re.compile(r"\bre-read\b", re.I),
    "merged working notes": re.compile(r" \| \["),
}


def traces_in(text: str) -> list[str]:
    """Names of the working-note traces found in TEXT (empty when it is reader text)."""
    return [name for name, pattern in TRACES.items() if pattern.search(text)]


def test_patterns_catch_known_working_notes() -> None:
    for sample in (
        "[clair] Same dates as the first helper's row.",
        "(title not shown in the retrieved excerpt; descriptive)",
        "kind other kept to match the honshu folder",
        "The brief's 2008 is not supported.",
        "Re-read in this session: the note says three years.",
        "No 28th conference was found;see NOTES.",
    ):
        assert traces_in(sample), sample
    assert not traces_in("Opened on 22 August 2019; the programme lasted two days.")


def test_no_published_literal_carries_working_notes(graph: Graph) -> None:
    found: list[str] = []
    literals = 0
    for subject, predicate, obj in graph:
        if not isinstance(obj, Literal):
            continue
        literals += 1
        names = traces_in(str(obj))
        if names:
            found.append(f"{subject} {predicate}: {', '.join(names)}: {str(obj)[:120]!r}")
    assert literals > 1000, "the graph should publish the curated notes and titles"
    listing = "\n".join(sorted(found))
    assert not found, f"{len(found)} of {literals} literals carry working notes:\n{listing}"
