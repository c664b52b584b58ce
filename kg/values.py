"""Values of table cells as RDF terms: which property a column stands for, the term of a
cell typed like that property, and the exact day bounds of a date at any precision.

Owns :data:`FIELDS` (``(table, column) -> (property, how the cell becomes a term)``), used
by the graph builder for the tables' values and for alternative claims, so a claim's value
has the type of the property it competes on (``rujp:KindSister``, not ``"sister"``); a
column without a property is an error, never a silent fallback. Also owns
:func:`date_bounds` (``2019-08`` → 2019-08-01 … 2019-08-31) and :data:`DATE_BOUNDS` (the
bound properties of each date property).

>>> term("twinnings", "kind", "sister")
rdflib.term.URIRef('https://w3id.org/rujp/ontology#KindSister')
>>> date_bounds("1991")
('1991-01-01', '1991-12-31')
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from decimal import Decimal

from rdflib import RDFS, XSD, Literal, URIRef

from kg.tables import parse_date
from kg.vocab import codes, iris
from kg.vocab.namespaces import GEO, RUJP

__all__ = [
    "DATE_BOUNDS",
    "FIELDS",
    "UnknownFieldError",
    "canonical_decimal",
    "date_bounds",
    "date_literal",
    "property_of",
    "term",
]

Term = URIRef | Literal
Convert = Callable[[str], Term]


class UnknownFieldError(KeyError):
    """A column that stands for no property of the graph."""


def canonical_decimal(text: str) -> str:
    """The canonical xsd:decimal form: no exponent, no trailing zeros, one digit after the point.

    >>> canonical_decimal("34.40000"), canonical_decimal("140"), canonical_decimal("-0.50")
    ('34.4', '140.0', '-0.5')
    """
    out = format(Decimal(text), "f")
    if "." not in out:
        return out + ".0"
    out = out.rstrip("0")
    return out + "0" if out.endswith(".") else out


def date_literal(text: str) -> Literal:
    """A date typed at its precision: xsd:gYear, xsd:gYearMonth or xsd:date.

    >>> date_literal("2019-08").datatype == XSD.gYearMonth
    True
    """
    parsed = parse_date(text)
    if parsed is None:  # tables.load_tables has rejected it already
        raise ValueError(f"not a date: {text!r}")
    _, month, day = parsed
    if day is not None:
        return Literal(text, datatype=XSD.date)
    if month is not None:
        return Literal(text, datatype=XSD.gYearMonth)
    return Literal(text, datatype=XSD.gYear)


def date_bounds(text: str) -> tuple[str, str]:
    """The first and the last day a date written at any precision can be (ISO dates)."""
    parsed = parse_date(text)
    if parsed is None:
        raise ValueError(f"not a date: {text!r}")
    year, month, day = parsed
    if day is not None:
        return text, text
    if month is not None:
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


#: The earliest and latest bound properties of every date property.
DATE_BOUNDS: dict[URIRef, tuple[URIRef, URIRef]] = {
    RUJP.established: (RUJP.establishedEarliest, RUJP.establishedLatest),
    RUJP.startDate: (RUJP.startEarliest, RUJP.startLatest),
    RUJP.endDate: (RUJP.endEarliest, RUJP.endLatest),
    RUJP.date: (RUJP.dateEarliest, RUJP.dateLatest),
    RUJP.asOf: (RUJP.asOfEarliest, RUJP.asOfLatest),
    RUJP.founded: (RUJP.foundedEarliest, RUJP.foundedLatest),
}


def _code(code_list: codes.CodeList) -> Convert:
    return lambda text: URIRef(code_list.term(text))


def _iri(mint: Callable[[str], str]) -> Convert:
    return lambda text: URIRef(mint(text))


def _typed(datatype: URIRef) -> Convert:
    return lambda text: Literal(text, datatype=datatype)


def _lang(tag: str) -> Convert:
    return lambda text: Literal(text, lang=tag)


def _plain(text: str) -> Term:
    return Literal(text)


def _decimal(text: str) -> Term:
    return Literal(canonical_decimal(text), datatype=XSD.decimal)


_PLACE = _iri(iris.place)
_DATE: Convert = date_literal


def _labels(table: str) -> dict[tuple[str, str], tuple[URIRef, Convert]]:
    return {(table, f"label_{lang}"): (RDFS.label, _lang(lang)) for lang in ("en", "ru", "ja")}


#: ``(table, column) -> (property, cell -> term)`` for every column that holds a value.
FIELDS: dict[tuple[str, str], tuple[URIRef, Convert]] = {
    ("twinnings", "japan"): (RUJP.japaneseParty, _PLACE),
    ("twinnings", "russia"): (RUJP.russianParty, _PLACE),
    ("twinnings", "kind"): (RUJP.agreementKind, _code(codes.KIND)),
    ("twinnings", "kind_local"): (RUJP.kindLocal, _plain),
    ("twinnings", "established"): (RUJP.established, _DATE),
    ("twinnings", "document"): (RUJP.foundingDocument, _iri(iris.document)),
    ("twinning_status", "date"): (RUJP.date, _DATE),
    ("twinning_status", "status"): (RUJP.status, _code(codes.STATUS)),
    ("twinning_status", "predecessor"): (RUJP.predecessor, _PLACE),
    ("series", "first_year"): (RUJP.firstYear, _typed(XSD.gYear)),
    ("series", "frequency"): (RUJP.frequency, _typed(XSD.duration)),
    **_labels("series"),
    ("meetings", "start"): (RUJP.startDate, _DATE),
    ("meetings", "end"): (RUJP.endDate, _DATE),
    ("meetings", "host"): (RUJP.host, _PLACE),
    ("meetings", "venue"): (RUJP.venue, _plain),
    ("meetings", "count_jp"): (RUJP.reportedJapaneseCount, _typed(XSD.nonNegativeInteger)),
    ("meetings", "count_ru"): (RUJP.reportedRussianCount, _typed(XSD.nonNegativeInteger)),
    ("participations", "municipality"): (RUJP.participant, _PLACE),
    ("participations", "person"): (RUJP.representedBy, _iri(iris.person)),
    ("participations", "role"): (RUJP.role, _code(codes.ROLE)),
    ("organisations", "country"): (RUJP.country, _code(codes.COUNTRY)),
    ("organisations", "seat"): (RUJP.seat, _PLACE),
    ("organisations", "founded"): (RUJP.founded, _DATE),
    **_labels("organisations"),
    ("memberships", "from"): (RUJP.startDate, _DATE),
    ("memberships", "to"): (RUJP.endDate, _DATE),
    ("memberships", "as_of"): (RUJP.asOf, _DATE),
    ("people", "wikidata"): (RUJP.wikidataId, _plain),
    **_labels("people"),
    ("posts", "from"): (RUJP.startDate, _DATE),
    ("posts", "to"): (RUJP.endDate, _DATE),
    ("posts", "as_of"): (RUJP.asOf, _DATE),
    ("posts", "post"): (RUJP.postKind, _code(codes.POST)),
    ("documents", "kind"): (RUJP.documentKind, _code(codes.DOCUMENT_KIND)),
    ("documents", "date"): (RUJP.date, _DATE),
    **_labels("documents"),
    ("municipalities", "level"): (RUJP.level, _code(codes.LEVEL)),
    ("municipalities", "country"): (RUJP.country, _code(codes.COUNTRY)),
    ("municipalities", "region"): (RUJP.region, _PLACE),
    ("municipalities", "lat"): (GEO.lat, _decimal),
    ("municipalities", "lon"): (GEO.long, _decimal),
    ("municipalities", "wikidata"): (RUJP.wikidataId, _plain),
    ("municipalities", "geonames"): (RUJP.geonamesId, _plain),
    ("municipalities", "jis_code"): (RUJP.jisCode, _plain),
    ("municipalities", "oktmo"): (RUJP.oktmoCode, _plain),
    **_labels("municipalities"),
    ("visits", "from"): (RUJP.visitor, _PLACE),
    ("visits", "to"): (RUJP.destination, _PLACE),
    ("visits", "start"): (RUJP.startDate, _DATE),
    ("visits", "end"): (RUJP.endDate, _DATE),
    ("visits", "people"): (RUJP.ledBy, _iri(iris.person)),
    ("visits", "purpose"): (RUJP.purpose, _plain),
}


def property_of(table: str, field: str) -> URIRef:
    """The property a column stands for (:class:`UnknownFieldError` when none)."""
    try:
        return FIELDS[(table, field)][0]
    except KeyError:
        raise UnknownFieldError(f"{table}.{field}") from None


def term(table: str, field: str, text: str) -> Term:
    """The RDF term of a cell, typed like the property of its column."""
    try:
        convert = FIELDS[(table, field)][1]
    except KeyError:
        raise UnknownFieldError(f"{table}.{field}") from None
    return convert(text)
