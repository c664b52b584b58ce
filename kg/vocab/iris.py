"""The instance IRI scheme: stable IRIs minted from table keys, never from row numbers.

Pure string functions (no rdflib), so light commands can use them too. The scheme is
documented in ontology/README.md; ``tests/test_iris.py`` checks that every IRI the build
mints matches it.

>>> place("jp-niigata")
'https://w3id.org/rujp/id/place/jp-niigata'
>>> meeting("coastal-mayors-conference", "27")
'https://w3id.org/rujp/id/series/coastal-mayors-conference/27'
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from kg.vocab import terms

__all__ = [
    "ID_BASE",
    "IRI_PATTERN",
    "agreement",
    "cited_value",
    "claim",
    "document",
    "meeting",
    "membership",
    "organisation",
    "participation",
    "person",
    "place",
    "post",
    "series",
    "source",
    "status_change",
]

ID_BASE = terms.ID_BASE

#: Every instance IRI the build mints matches this pattern.
IRI_PATTERN = re.compile(
    "^"
    + re.escape(ID_BASE)
    + r"(place|twinning|series|org|person|document|source|claim|visit)/[A-Za-z0-9._~%/-]+$"
)


def _seg(text: str) -> str:
    return quote(text, safe="-_.~")


def place(key: str) -> str:
    return f"{ID_BASE}place/{_seg(key)}"


def agreement(key: str) -> str:
    return f"{ID_BASE}twinning/{_seg(key)}"


def status_change(agreement_key: str, date: str, status: str) -> str:
    return f"{agreement(agreement_key)}/status/{_seg(date)}-{_seg(status)}"


def series(key: str) -> str:
    return f"{ID_BASE}series/{_seg(key)}"


def meeting(series_key: str, number: str) -> str:
    return f"{series(series_key)}/{_seg(number)}"


def participation(series_key: str, number: str, municipality: str) -> str:
    return f"{meeting(series_key, number)}/participant/{_seg(municipality)}"


def organisation(key: str) -> str:
    return f"{ID_BASE}org/{_seg(key)}"


def membership(org_key: str, municipality: str, start: str) -> str:
    suffix = f"/{_seg(start)}" if start else ""
    return f"{organisation(org_key)}/member/{_seg(municipality)}{suffix}"


def person(key: str) -> str:
    return f"{ID_BASE}person/{_seg(key)}"


def post(person_key: str, kind: str, of: str, start: str, as_of: str) -> str:
    when = start or as_of
    suffix = f"/{_seg(when)}" if when else ""
    return f"{person(person_key)}/post/{_seg(kind)}/{_seg(of)}{suffix}"


def document(key: str) -> str:
    return f"{ID_BASE}document/{_seg(key)}"


def source(key: str) -> str:
    return f"{ID_BASE}source/{_seg(key)}"


def claim(table: str, key: str, field: str, value: str) -> str:
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]
    return f"{ID_BASE}claim/{_seg(table)}/{quote(key, safe='-_.~/')}/{_seg(field)}/{digest}"


def visit(key: str) -> str:
    return f"{ID_BASE}visit/{_seg(key)}"


def cited_value(subject: str, prop: str, digest: str) -> str:
    """The node naming the sources of one value of ``subject`` (an instance IRI)."""
    return f"{subject}/value/{_seg(prop)}/{_seg(digest)}"
