"""The Turtle writer: canonical N-Triples laid out as sorted, readable Turtle, in one pass.

Owns the layout of ``rujp.ttl`` and ``void.ttl``: the ``PREFIX`` lines of the prefixes used,
sorted by name; then one block per subject, subjects in the order of their lines in
``rujp.nt`` (by ``<IRI>``), ``a`` (its classes) first, then ``rdfs:label``, then the other
predicates in the same order, each with its objects sorted (several objects one a line); an
IRI written ``prefix:local`` when its local part needs no escape, a number or boolean
written bare when its lexical form is Turtle's own. Every term is otherwise the N-Triples
text itself, which is valid Turtle, so the writer never escapes anything and its time is
linear in the number of triples (rdflib's ``longturtle``, its predecessor, took half a
minute for the graph at ten times the real size). Deterministic: the same lines give the
same bytes. The standard library only.

>>> nt = (
...     b'<https://e.org/id/a> <https://e.org/v#label> "A"@en .\\n'
...     b'<https://e.org/id/a> <https://e.org/v#n> "5"^^<https://e.org/v#n> .\\n'
...     b'<https://e.org/id/a> <https://e.org/v#size> "5"^^'
...     b'<http://www.w3.org/2001/XMLSchema#integer> .\\n'
... )
>>> print(turtle_from_ntriples(nt, {"id": "https://e.org/id/", "v": "https://e.org/v#"}).decode())
PREFIX id: <https://e.org/id/>
PREFIX v: <https://e.org/v#>
<BLANKLINE>
id:a
    v:label "A"@en ;
    v:n "5"^^v:n ;
    v:size 5 ;
.
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.export.lines import TextTriple, split_ntriples
from kg.vocab import terms

__all__ = ["turtle_from_ntriples", "turtle_from_triples"]

_TYPE = f"<{terms.RDF}type>"
_LABEL = f"<{terms.RDFS}label>"
_FIRST = {_TYPE: 0, _LABEL: 1}
#: A local name that Turtle reads as it is (a subset of PN_LOCAL: no escapes, no ``:``).
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?\Z")
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_BARE = {
    terms.XSD + "integer": re.compile(r"[+-]?[0-9]+\Z"),
    terms.XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+\Z"),
    terms.XSD + "boolean": re.compile(r"(?:true|false)\Z"),
}


class _Names:
    """IRIs compacted to prefixed names, remembering which prefixes were used."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.by_namespace = {
            base: name
            for name, base in sorted(prefixes.items())
            if _PREFIX.match(name) and base[-1:] in "/#"
        }
        self.used: dict[str, str] = {}
        self.cache: dict[str, str] = {}

    def iri(self, term: str) -> str:
        """``prefix:local`` for ``<namespace local>``, else the term unchanged."""
        found = self.cache.get(term)
        if found is not None:
            return found
        result = term
        body = term[1:-1]
        cut = max(body.rfind("/"), body.rfind("#")) + 1
        name = self.by_namespace.get(body[:cut]) if cut and "\\" not in body else None
        if name is not None and _LOCAL.match(body[cut:]):
            result = f"{name}:{body[cut:]}"
            self.used[name] = body[:cut]
        self.cache[term] = result
        return result

    def term(self, term: str) -> str:
        """A subject, predicate or object in Turtle."""
        if term.startswith("<"):
            return self.iri(term)
        if term.startswith('"') and term.endswith(">"):
            end = term.rfind('"')
            datatype = term[end + 4 : -1]
            lexical = term[1:end]
            bare = _BARE.get(datatype)
            if bare is not None and bare.match(lexical):
                return lexical
            return f"{term[: end + 1]}^^{self.iri(term[end + 3 :])}"
        return term


def _order(predicate: str) -> tuple[int, str]:
    return _FIRST.get(predicate, 2), predicate


def turtle_from_triples(triples: list[TextTriple], prefixes: Mapping[str, str]) -> bytes:
    """Turtle of text triples (sorted here; duplicates dropped) with ``prefixes`` (name ->
    namespace), of which only those used are declared."""
    names = _Names(prefixes)
    blocks: list[str] = []
    rows = sorted(set(triples))
    start = 0
    while start < len(rows):
        subject = rows[start][0]
        end = start
        by_predicate: dict[str, list[str]] = {}
        while end < len(rows) and rows[end][0] == subject:
            by_predicate.setdefault(rows[end][1], []).append(rows[end][2])
            end += 1
        lines = [names.iri(subject) if subject.startswith("<") else subject]
        for predicate in sorted(by_predicate, key=_order):
            verb = "a" if predicate == _TYPE else names.iri(predicate)
            objects = [names.term(o) for o in by_predicate[predicate]]
            if len(objects) == 1:
                lines.append(f"    {verb} {objects[0]} ;")
            else:
                lines.append(f"    {verb}")
                lines.append(" ,\n".join(f"        {o}" for o in objects) + " ;")
        lines.append(".\n")
        blocks.append("\n".join(lines))
        start = end
    head = "".join(f"PREFIX {name}: <{base}>\n" for name, base in sorted(names.used.items()))
    return (head + "\n" + "\n".join(blocks)).encode("utf-8")


def turtle_from_ntriples(nt: bytes, prefixes: Mapping[str, str]) -> bytes:
    """Turtle of N-Triples ``nt`` (see :func:`turtle_from_triples`)."""
    return turtle_from_triples(split_ntriples(nt), prefixes)
