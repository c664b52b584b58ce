"""Published text is written for readers: no literal of the built graph carries a curator's
working note (bracketed pass tags, placeholder titles, workflow words such as "helper",
"folder", "the brief", "see NOTES", "this session", "excerpt"). Notes (published as
``rdfs:comment``) are also proper sentences: no fragments glued by a bare ";", no working
tags such as "NEW:", no duplicated sentence from two passes, no source id where a reader
expects the source's name, and a capital letter at the start."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import RDFS, Graph, Literal

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


#: Letters of scripts written without spaces between phrases (kana, CJK ideographs,
#: full-width forms): a ";" next to them is not a glued fragment.
_CJK = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"

#: Traces of working notes in notes (``rdfs:comment``), which are sentences for readers.
NOTE_TRACES: dict[str, re.Pattern[str]] = {
    "glued fragments (';' with no space after it)": re.compile(
        rf"(?<![{_CJK}\s]);(?=[^\s{_CJK}])|;(?=[A-Za-z\u0400-\u04ff])"
    ),
    "working tag such as 'NEW:'": re.compile(r"(?:^|[.;]\s+)[A-Z]{2,}:(?:\s|$)"),
    "workflow phrase 'used (only) for' at the start": re.compile(r"^used (only )?for\b", re.I),
    "lower-case start": re.compile(r"^[a-z]"),
}

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://\S*$", re.I)


def _sentences(text: str) -> list[str]:
    """TEXT's sentences and ';'-separated parts, lower-cased, punctuation and spacing dropped."""
    parts = re.split(r"(?<=[.!?])\s+|;", text)
    return [" ".join(re.sub(r"[^\w\s]", " ", part).lower().split()) for part in parts]


def duplicated_sentences(text: str) -> list[str]:
    """Sentences (of three words or more) that TEXT says twice."""
    seen: set[str] = set()
    twice: list[str] = []
    for sentence in _sentences(text):
        if len(sentence.split()) < 3:
            continue
        if sentence in seen and sentence not in twice:
            twice.append(sentence)
        seen.add(sentence)
    return twice


def traces_in(text: str) -> list[str]:
    """Names of the working-note traces found in TEXT (empty when it is reader text)."""
    return [name for name, pattern in TRACES.items() if pattern.search(text)]


def note_traces_in(text: str) -> list[str]:
    """Names of the traces found in TEXT read as a published note (``rdfs:comment``)."""
    if _URL.match(text):
        return []
    names = traces_in(text)
    names += [name for name, pattern in NOTE_TRACES.items() if pattern.search(text)]
    if duplicated_sentences(text):
        names.append("duplicated sentence")
    return names


def _ids(data_dir: Path, table: str) -> list[str]:
    with (data_dir / table).open(encoding="utf-8", newline="") as rows:
        return [row["id"] for row in csv.DictReader(rows)]


def source_ids(data_dir: Path) -> list[str]:
    """Ids of data/sources.csv longer than six characters (shorter ones are common words),
    their shortened forms (the publisher part, such as ``khabarovsk-news``: two or more of
    their leading '-' parts) and the keys of data/municipalities.csv (``jp-...``, ``ru-...``)."""
    found: set[str] = set(_ids(data_dir, "municipalities.csv"))
    for key in _ids(data_dir, "sources.csv"):
        parts = key.split("-")
        found.update(
            prefix
            for prefix in ("-".join(parts[:end]) for end in range(2, len(parts) + 1))
            if len(prefix) > 6
        )
        if len(key) > 6:
            found.add(key)
    return sorted(found)


def id_pattern(ids: list[str]) -> re.Pattern[str]:
    """Any of IDS as a whole token (not part of a longer id, a path or an address)."""
    longest_first = sorted(ids, key=len, reverse=True)
    return re.compile(
        r"(?<![\w/.-])(" + "|".join(map(re.escape, longest_first)) + r")(?![\w/-]|\.\w)"
    )


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
    for note in (
        "Khabarovsk as host and 1970 as the year agree;the city news also puts it in 1970.",
        "NEW: member page on the association site (figures 2019-01-01).",
        "Member page. DERIVED: the mayor heads the association.",
        "used only for the Russian spelling of the mayor's name",
        "Used for Nakhodka's region (沿海地方).",
        "Niigata Prefecture calls it 友好交流都市;Kamo City speaks only of exchanges.",
        "named among the 18 Japanese member cities attending in 2009.",
        "Relays the AmurPress report. relays the AmurPress report; lists the delegation.",
        "Named among members in 2009. Named among members in 2009!",
    ):
        assert note_traces_in(note), note
    for note in (
        "Khabarovsk as host and 1970 as the year agree; the city news also puts it in 1970.",
        "Signed as 姉妹都市提携;同日 in the Japanese text; the Russian text agrees.",
        "https://example.org/page?a=1;b=2",
        "Member page (figures dated 2019-01-01). Its mayor heads the association.",
        "The JETRO report gives the year. Only the Japanese Wikipedia gives the month.",
        "Named among members in 2009. Named among members in 2013.",
        "iPhone",
    ):
        assert note_traces_in(note) == ([] if note != "iPhone" else ["lower-case start"]), note


def test_id_pattern_finds_source_ids_as_tokens_only() -> None:
    pattern = id_pattern(["khabarovsk-news", "akita-pref-russia", "ehako-2009-hakodate-preview"])
    for text in (
        "khabarovsk-news (2015) also puts the year at 1970.",
        "Same dates (source akita-pref-russia).",
        "See ehako-2009-hakodate-preview on the year.",
    ):
        assert pattern.search(text), text
    for text in (
        "Khabarovsk News (2015) also puts the year at 1970.",
        "https://example.org/khabarovsk-news/2015",
        "see khabarovsk-news-2016 and akita-pref-russia-2",
    ):
        assert not pattern.search(text), text


def _offenders(
    literals: Iterable[tuple[str, object]], traces: Callable[[str], list[str]]
) -> tuple[int, list[str]]:
    """How many of ``literals`` (where, literal) there are, and a line for each one in which
    ``traces`` finds something."""
    count, found = 0, []
    for where, obj in literals:
        if not isinstance(obj, Literal):
            continue
        count += 1
        if names := traces(str(obj)):
            found.append(f"{where}: {', '.join(names)}: {str(obj)[:160]!r}")
    return count, sorted(found)


def test_no_published_literal_carries_working_notes(graph: Graph) -> None:
    triples = ((f"{s} {p}", o) for s, p, o in graph)
    literals, found = _offenders(triples, traces_in)
    assert literals > 1000, "the graph should publish the curated notes and titles"
    listing = "\n".join(found)
    assert not found, f"{len(found)} of {literals} literals carry working notes:\n{listing}"


def test_published_notes_are_sentences_for_readers(graph: Graph) -> None:
    comments = ((str(s), o) for s, o in graph.subject_objects(RDFS.comment))
    notes, found = _offenders(comments, note_traces_in)
    assert notes > 300, "the graph should publish the curated notes as rdfs:comment"
    listing = "\n".join(found)
    assert not found, f"{len(found)} of {notes} notes are not reader text:\n{listing}"


def test_no_published_literal_names_a_source_by_its_id(graph: Graph, data_dir: Path) -> None:
    ids = source_ids(data_dir)
    assert len(ids) > 300, "data/sources.csv should list the sources"
    assert "khabarovsk-news" in ids and "jp-niigata" in ids, "shortened ids and keys are sought"
    pattern = id_pattern(ids)
    found: list[str] = []
    for subject, predicate, obj in graph:
        if not isinstance(obj, Literal) or _URL.match(str(obj)):
            continue
        names = sorted({match.group(1) for match in pattern.finditer(str(obj))})
        if names and not str(subject).endswith(tuple(f"/{name}" for name in names)):
            found.append(f"{subject} {predicate}: {', '.join(names)}: {str(obj)[:160]!r}")
    listing = "\n".join(sorted(found))
    assert not found, f"{len(found)} literals name a source by its id:\n{listing}"
