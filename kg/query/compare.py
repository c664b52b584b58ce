"""What "the same answer" means when one SELECT query runs on different triple stores.

Stores rewrite literals on load and leave some orders undefined, so two correct answers
can differ byte for byte. Two answers are the same when they have the same columns, in the
same order, and the same rows as a multiset, every cell compared by :func:`term_key`:

- numbers by value, whatever the numeric datatype: ``"137.0"^^xsd:decimal`` equals ``"137"``
  (Virtuoso's form) and ``"1"^^xsd:positiveInteger`` equals ``"1"^^xsd:integer`` (Oxigraph
  stores the integer subtypes as ``xsd:integer``); booleans by value (``"1"`` is ``true``);
- durations by value, as (months, seconds): ``"P2Y"`` equals ``"P24M"``; Virtuoso returns a
  year-month duration as a bare number of months (``"24"``) and a day-time duration as a
  bare number of seconds with a decimal point (``"259200.0"`` for ``"P3D"``), and these are
  read so; any other literal compares by lexical form and datatype;
- language tags case-insensitively (``@ja-Latn`` is ``@ja-latn``; tags are case-insensitive
  in RDF and both stores lower-case them); IRIs exactly; blank nodes all alike (their
  labels are local to a store);
- a ``GROUP_CONCAT`` column as the multiset of its parts (the order of the parts is
  undefined in SPARQL);
- row order only where the query has an ORDER BY, and only as far as SPARQL defines the
  order (:func:`order`): each answer must be in an order its ORDER BY allows — numbers by
  value, plain strings and IRIs by code point, dates of one type chronologically — while
  rows that tie, and values SPARQL leaves unordered (language-tagged strings such as labels,
  values of different types), may come in any order. Virtuoso puts ``"Niigata 3"@en``
  before ``"Niigata 20"@en``, Oxigraph after: both are right. When a key is an expression
  or a column the query does not project, whole rows must come in the same order.

>>> import pyoxigraph as ox
>>> xsd = "http://www.w3.org/2001/XMLSchema#"
>>> dec = ox.Literal("137.0", datatype=ox.NamedNode(xsd + "decimal"))
>>> term_key(dec) == term_key(ox.Literal("137", datatype=ox.NamedNode(xsd + "integer")))
True
>>> q = "SELECT ?n WHERE { ?s ?p ?n } ORDER BY ?n"
>>> same_answer(q, Answer(("n",), ((dec,),)), Answer(("n",), ((ox.Literal("137.0"),),)))
False
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from kg.vocab import terms

__all__ = [
    "Answer",
    "OrderKey",
    "answer_of",
    "concat_columns",
    "differences",
    "misordered",
    "order",
    "order_keys",
    "same_answer",
    "term_key",
]

_XSD = terms.XSD
_NUMERIC = frozenset(
    _XSD + name
    for name in (
        *("integer", "decimal", "float", "double", "long", "int", "short", "byte"),
        *("nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger"),
        *("unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"),
    )
)
_SPECIAL = {"INF": "Infinity", "+INF": "Infinity", "-INF": "-Infinity", "NaN": "NaN"}
_DURATION = re.compile(
    r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d*)?)S)?)?$"
)


class Answer(NamedTuple):
    """A SELECT answer: column names and rows of RDF terms (``None`` where unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def answer_of(result: Any) -> Answer:
    """The :class:`Answer` of pyoxigraph query solutions (local or parsed from a store).

    >>> import pyoxigraph as ox
    >>> answer_of(ox.Store().query("SELECT ?x WHERE { BIND(1 AS ?x) }")).variables
    ('x',)
    """
    variables = tuple(v.value for v in result.variables)
    return Answer(variables, tuple(tuple(s[v] for v in variables) for s in result))


def _number(text: str) -> Hashable | None:
    text = _SPECIAL.get(text.strip(), text.strip())
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return "NaN" if value.is_nan() else value  # Decimal("1.0") == Decimal("1"), same hash


def _duration(text: str) -> tuple[Decimal, Decimal] | None:
    """(months, seconds) of an xsd:duration, or of Virtuoso's bare-number store form."""
    m = _DURATION.match(text.strip())
    if m and text.strip() not in ("P", "-P") and not text.strip().endswith("T"):
        sign = -1 if m.group(1) else 1
        y, mo, d, h, mi, s = (Decimal(g or 0) for g in m.groups()[1:])
        return sign * (12 * y + mo), sign * (((d * 24 + h) * 60 + mi) * 60 + s)
    number = _number(text)
    if not isinstance(number, Decimal) or not number.is_finite():
        return None
    if "." in text or "e" in text.lower():  # Virtuoso: a day-time duration in seconds
        return Decimal(0), number
    return number, Decimal(0)  # Virtuoso: a year-month duration in months


def term_key(term: Any) -> Hashable:
    """A hashable key of an RDF term under the equality documented above.

    >>> import pyoxigraph as ox
    >>> xsd = "http://www.w3.org/2001/XMLSchema#"
    >>> d = lambda text: term_key(ox.Literal(text, datatype=ox.NamedNode(xsd + "duration")))
    >>> d("P2Y") == d("24") == d("P1Y12M"), d("P3D") == d("259200.0"), d("P2Y") == d("P2D")
    (True, True, False)
    >>> term_key(ox.Literal("Tokyo", language="ja-Latn")) == term_key(
    ...     ox.Literal("Tokyo", language="ja-latn"))
    True
    >>> term_key(ox.Literal("1")) == term_key(ox.Literal("1", language="en"))
    False
    """
    if term is None:
        return ("unbound",)
    kind = type(term).__name__
    if kind == "NamedNode":
        return ("iri", term.value)
    if kind == "BlankNode":
        return ("blank",)
    if kind != "Literal":
        return (kind, str(term))
    value: str = term.value
    if term.language:
        return ("lang", value, term.language.lower())
    datatype: str = term.datatype.value
    if datatype in _NUMERIC:
        number = _number(value)
        if number is not None:
            return ("number", number)
    elif datatype == _XSD + "boolean" and value.strip() in ("true", "false", "1", "0"):
        return ("boolean", value.strip() in ("true", "1"))
    elif datatype == _XSD + "duration":
        duration = _duration(value)
        if duration is not None:
            return ("duration", *duration)
    return ("literal", value, datatype)


def _strip_comments(query: str) -> str:
    """The query without ``#`` comments (a ``#`` inside an IRI or a string is kept)."""
    token = re.compile(r"""<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*""")
    return token.sub(lambda m: "" if m.group().startswith("#") else m.group(), query)


class OrderKey(NamedTuple):
    """One key of an ORDER BY clause: a variable, ascending or descending."""

    name: str
    descending: bool = False


def order_keys(query: str) -> tuple[OrderKey, ...] | None:
    """The keys of the query's final ORDER BY; ``()`` when a key is an expression;
    ``None`` when the query has no ORDER BY (its row order is undefined).

    >>> order_keys("SELECT * { ?s ?p ?o } ORDER BY DESC(?n) ?label LIMIT 5")
    (OrderKey(name='n', descending=True), OrderKey(name='label', descending=False))
    >>> order_keys("SELECT * { ?s ?p ?o } ORDER BY STR(?o)"), order_keys("ASK {}")
    ((), None)
    >>> order_keys("SELECT * { { SELECT ?s { ?s ?p ?o } ORDER BY ?s LIMIT 1 } }") is None
    True
    """
    text = _strip_comments(query)
    found = list(re.finditer(r"\bORDER\s+BY\b", text, flags=re.IGNORECASE))
    if not found:
        return None
    tail = text[found[-1].end() :]
    tail = re.split(r"\bVALUES\b", tail, flags=re.IGNORECASE)[0]
    if "}" in tail:  # the last ORDER BY closes a subquery: the outer query does not order
        return None
    tail = re.split(r"\b(?:LIMIT|OFFSET)\b", tail, flags=re.IGNORECASE)[0]
    keys: list[OrderKey] = []
    for match in re.finditer(r"\S+\s*(?:\([^()]*\))?", tail):
        token = match.group().strip()
        simple = re.fullmatch(r"(?:(ASC|DESC)\s*\(\s*)?[?$](\w+)\s*\)?", token, flags=re.IGNORECASE)
        if not simple or ("(" in token) != token.endswith(")"):
            return ()
        keys.append(OrderKey(simple.group(2), (simple.group(1) or "").upper() == "DESC"))
    return tuple(keys)


_CHRONOLOGICAL = frozenset(
    _XSD + name for name in ("date", "dateTime", "time", "gYear", "gYearMonth")
)


def _rank(term: Any) -> int:
    """SPARQL's order of kinds of term: unbound, blank node, IRI, literal."""
    if term is None:
        return 0
    return {"BlankNode": 1, "NamedNode": 2}.get(type(term).__name__, 3)


def order(a: Any, b: Any) -> int | None:
    """-1, 0 or 1 as SPARQL's ORDER BY puts ``a`` before, level with or after ``b``;
    ``None`` where SPARQL leaves their order to the store (language-tagged strings,
    literals of different types, blank nodes).

    >>> import pyoxigraph as ox
    >>> order(ox.Literal("Ab 20"), ox.Literal("Ab 3")), order(ox.NamedNode("urn:b"), None)
    (-1, 1)
    >>> print(order(ox.Literal("A 20", language="en"), ox.Literal("A 3", language="en")))
    None
    """
    ra, rb = _rank(a), _rank(b)
    if ra != rb:
        return -1 if ra < rb else 1
    if ra == 0:
        return 0
    if ra == 1:
        return None
    if term_key(a) == term_key(b):
        return 0
    if ra == 2:
        return -1 if a.value < b.value else 1
    if a.language or b.language:
        return None
    na, nb = _numeric(a), _numeric(b)
    if na is not None and nb is not None:
        return -1 if na < nb else 1
    if a.datatype != b.datatype:
        return None
    datatype = a.datatype.value
    if datatype == _XSD + "string" or datatype in _CHRONOLOGICAL:
        return -1 if a.value < b.value else 1
    if datatype == _XSD + "boolean":
        return -1 if a.value.strip() in ("false", "0") else 1
    return None


def _numeric(term: Any) -> Decimal | None:
    if term.datatype.value not in _NUMERIC:
        return None
    number = _number(term.value)
    return number if isinstance(number, Decimal) else None


def misordered(query: str, answer: Answer) -> int | None:
    """The index of the first row that breaks the query's ORDER BY (as far as SPARQL
    defines the order, see :func:`order`); ``None`` when the rows are in an allowed order,
    or the query does not order, or orders by something not projected.

    >>> import pyoxigraph as ox
    >>> rows = tuple((ox.Literal(t),) for t in ("b", "a"))
    >>> misordered("SELECT ?x {} ORDER BY ?x", Answer(("x",), rows))
    1
    >>> misordered("SELECT ?x {} ORDER BY DESC(?x)", Answer(("x",), rows)) is None
    True
    """
    keys = order_keys(query)
    index = {name: i for i, name in enumerate(answer.variables)}
    if not keys or any(k.name not in index for k in keys):
        return None
    for i in range(1, len(answer.rows)):
        before, after = answer.rows[i - 1], answer.rows[i]
        for key in keys:
            found = order(before[index[key.name]], after[index[key.name]])
            if found is None:
                break  # SPARQL leaves this pair to the store: any order is right
            if found:
                if (found > 0) != key.descending:
                    return i
                break
    return None


def concat_columns(query: str) -> dict[str, str]:
    """The columns the query fills with ``GROUP_CONCAT``, with their separators.

    >>> concat_columns('SELECT (GROUP_CONCAT(STR(?n); SEPARATOR=", ") AS ?ns) WHERE {}')
    {'ns': ', '}
    >>> concat_columns("SELECT (group_concat(?n) AS ?all) WHERE {}")
    {'all': ' '}
    """
    out: dict[str, str] = {}
    text = _strip_comments(query)
    pattern = r"GROUP_CONCAT\s*\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)\s*AS\s*[?$](\w+)"
    for m in re.finditer(pattern, text, flags=re.IGNORECASE):
        sep = re.search(
            r"""SEPARATOR\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""",
            m.group(1),
            flags=re.IGNORECASE,
        )
        out[m.group(2)] = " " if sep is None else (sep.group(1) or sep.group(2) or "")
    return out


def _row_keys(answer: Answer, concats: dict[str, str]) -> list[tuple[Hashable, ...]]:
    rows = []
    for row in answer.rows:
        cells: list[Hashable] = []
        for name, term in zip(answer.variables, row, strict=True):
            if name in concats and term is not None and concats[name]:
                parts = str(term.value).split(concats[name])
                cells.append(("parts", tuple(sorted(parts))))
            else:
                cells.append(term_key(term))
        rows.append(tuple(cells))
    return rows


def _show(row: Sequence[Any]) -> str:
    return " | ".join("" if t is None else str(t) for t in row)


def differences(
    query: str, left: Answer, right: Answer, names: tuple[str, str] = ("left", "right")
) -> list[str]:
    """How two answers to ``query`` differ, one line per difference; ``[]`` when they are
    the same under the equality documented above.

    >>> import pyoxigraph as ox
    >>> a = Answer(("n",), ((ox.Literal("b"),), (ox.Literal("a"),)))
    >>> b = Answer(("n",), ((ox.Literal("a"),), (ox.Literal("b"),)))
    >>> differences("SELECT ?n {}", a, b)
    []
    >>> differences("SELECT ?n {} ORDER BY ?n", a, b)
    ['left: row 2 breaks the ORDER BY: "a" after "b"']
    """
    if left.variables != right.variables:
        return [f"columns differ: {left.variables} ({names[0]}) vs {right.variables} ({names[1]})"]
    concats = concat_columns(query)
    lrows, rrows = _row_keys(left, concats), _row_keys(right, concats)
    out: list[str] = []
    lcount, rcount = Counter(lrows), Counter(rrows)
    if lcount != rcount:
        if len(lrows) != len(rrows):
            out.append(f"{len(lrows)} rows ({names[0]}) vs {len(rrows)} rows ({names[1]})")
        for side, rows, mine, other in (
            (names[0], left.rows, lrows, rcount),
            (names[1], right.rows, rrows, lcount),
        ):
            seen: Counter[tuple[Hashable, ...]] = Counter()
            for row, key in zip(rows, mine, strict=True):
                seen[key] += 1
                if seen[key] > other[key]:
                    out.append(f"only in {side}: {_show(row)}")
        return out
    keys = order_keys(query)
    if keys is None:
        return out
    index = {name: i for i, name in enumerate(left.variables)}
    if keys and all(k.name in index for k in keys):
        for side, answer in zip(names, (left, right), strict=True):
            i = misordered(query, answer)
            if i is not None:
                shown = [_show([answer.rows[j][index[k.name]] for k in keys]) for j in (i - 1, i)]
                out.append(f"{side}: row {i + 1} breaks the ORDER BY: {shown[1]} after {shown[0]}")
        return out
    for i, (a, b) in enumerate(zip(lrows, rrows, strict=True)):  # unknown keys: same sequence
        if a != b:
            shown = [_show(row) for row in (left.rows[i], right.rows[i])]
            out.append(
                f"order differs at row {i + 1}: {shown[0]} ({names[0]}) vs {shown[1]} ({names[1]})"
            )
            break
    return out


def same_answer(query: str, left: Answer, right: Answer) -> bool:
    """Whether two answers to ``query`` are the same (see :func:`differences`)."""
    return not differences(query, left, right)
