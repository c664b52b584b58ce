"""SPARQL 1.1 query-results serialisations (JSON, XML, CSV, TSV) from solution rows, and the
readable text table of ``kg query``, aligned by display width (a CJK character takes two
terminal columns, measured with wcwidth).

One implementation serves ``kg query`` and ``kg serve``, so that the server can stop
reading a result after its row cap. The formats are the ``results`` formats of
:mod:`kg.formats` (their media types are there too). Light: imports pyoxigraph only.

>>> import pyoxigraph as ox
>>> serialize_rows(["n"], [[ox.Literal("1")]], "json")
b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1"}}]}}'
>>> print(text_table(["city", "n"], [["新潟市", "3"], ["Niigata", "3"]]), end="")
city     n
-------  -
新潟市   3
Niigata  3
(2 rows)
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.vocab import terms

#: True only for type checkers. This module is on ``kg query``'s start-up path, so it
#: imports neither typing, csv nor json at load time: each would bring in :mod:`re`, which
#: costs more on start-up than the rest of the command.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

__all__ = [
    "csv_line",
    "display_width",
    "render",
    "serialize_boolean",
    "serialize_rows",
    "term_text",
    "text_table",
]

XSD_STRING = terms.XSD + "string"


def escape(text: str) -> str:
    """Escape text for XML element content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """Quote text as an XML attribute value."""
    return '"' + escape(text).replace('"', "&quot;") + '"'


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)


def csv_line(fields: Sequence[str]) -> str:
    """One CSV record ending in CRLF, as :func:`csv.writer` writes it with minimal quoting
    (a field holding a comma, a quote or a line break is quoted, quotes doubled; a record of
    one empty field is ``""``, so that it is not a blank line).

    >>> csv_line(["a", 'say "x", y', ""])
    'a,"say ""x"", y",\\r\\n'
    """
    if len(fields) == 1 and fields[0] == "":
        return '""\r\n'
    return ",".join(_csv_field(f) for f in fields) + "\r\n"


def _csv_field(text: str) -> str:
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def serialize_rows(variables: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str) -> bytes:
    """Serialise solution rows in a SPARQL 1.1 results format (json, xml, csv or tsv)."""
    if fmt == "json":
        import json

        bindings = [
            {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
            for row in rows
        ]
        doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
        out.append(
            "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables) + "</head>"
        )
        out.append("<results>")
        for row in rows:
            cells = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(variables, row, strict=True)
                if t is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results></sparql>")
        return "".join(out).encode("utf-8")
    if fmt == "csv":
        lines = [csv_line(variables)]
        lines.extend(csv_line([_csv_term(t) for t in row]) for row in rows)
        return "".join(lines).encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines.extend("\t".join("" if t is None else str(t) for t in row) for row in rows)
        return ("\n".join(lines) + "\n").encode("utf-8")
    from kg.errors import UsageError

    raise UsageError(f"unknown results format {fmt!r}")


def serialize_boolean(value: bool, fmt: str) -> bytes:
    """An ASK answer in a SPARQL 1.1 results format (CSV and TSV: ``true`` or ``false``)."""
    if fmt == "json":
        return b'{"head": {}, "boolean": ' + (b"true" if value else b"false") + b"}"
    if fmt == "xml":
        return (
            '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>"
        ).encode()
    return (b"true" if value else b"false") + b"\n"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK) characters count two, combining marks
    none; a character wcwidth cannot measure (a control character) counts one. Printable
    ASCII is measured without importing wcwidth (whose import costs ~60 ms)."""
    if text.isascii() and text.isprintable():
        return len(text)
    from wcwidth import wcswidth, wcwidth

    width = wcswidth(text)
    if width >= 0:
        return int(width)
    return sum(max(int(wcwidth(c)), 1) if c.isprintable() else 1 for c in text)


def text_table(variables: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A readable table: columns aligned by display width, a rule under the header, and the
    number of rows."""
    widths = [display_width(v) for v in variables]
    for row in rows:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = (c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    out = [line(variables), line(["-" * w for w in widths])]
    out.extend(line(row) for row in rows)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


_SHORT = {terms.ONTOLOGY_NS: "rujp:", terms.ID_BASE: "id:"}


def term_text(term: Any) -> str:
    """The plain text of an RDF term: IRI string or literal value; '' for unbound."""
    if term is None:
        return ""
    return str(term.value)


def _shorten(text: str) -> str:
    for base, prefix in _SHORT.items():
        if text.startswith(base):
            return prefix + text[len(base) :]
    return text


def render(result: Any, fmt: str) -> bytes:
    """Render a query result as a text table (``table``) or in a SPARQL 1.1 results format
    (json, xml, csv, tsv); a graph (CONSTRUCT, DESCRIBE) as N-Triples."""
    if isinstance(result, ox.QueryBoolean):
        return serialize_boolean(bool(result), "csv" if fmt == "table" else fmt)
    if isinstance(result, ox.QueryTriples):
        return bytes(result.serialize(format=ox.RdfFormat.N_TRIPLES) or b"")
    variables = [v.value for v in result.variables]
    rows = [[sol[v] for v in variables] for sol in result]
    if fmt != "table":
        data = serialize_rows(variables, rows, fmt)
        return data if data.endswith(b"\n") else data + b"\n"
    text = [[_shorten(term_text(t)) for t in row] for row in rows]
    return text_table(variables, text).encode("utf-8")
