"""Canonical N-Triples as text: each line split into the texts of its three terms.

Owns the one reading of ``rujp.nt``'s lines that the fast writers share (Turtle, N-Quads with
provenance, VoID statistics): a line ``<s> <p> o .`` becomes ``("<s>", "<p>", "o")``, the
terms exactly as N-Triples writes them, so that equal terms are equal strings and no RDF
library builds an object per term. The graph has no blank nodes; subjects and predicates
are IRIs, which hold no space, so splitting at the first two spaces is exact. The standard
library only.

>>> t = split_ntriples(b'<https://e.org/a> <https://e.org/p> "x y"@en .\\n')
>>> t
[('<https://e.org/a>', '<https://e.org/p>', '"x y"@en')]
>>> literal_parts(t[0][2])
('"x y"', 'en', '')
>>> literal_parts('"5"^^<https://e.org/int>')
('"5"', '', 'https://e.org/int')
"""

from __future__ import annotations

__all__ = ["TextTriple", "iri_of", "literal_parts", "lower_language", "split_ntriples"]

#: One triple as the N-Triples texts of its subject, predicate and object.
TextTriple = tuple[str, str, str]


def split_ntriples(nt: bytes) -> list[TextTriple]:
    """The triples of N-Triples ``nt`` (one triple a line, no comments), in line order."""
    out: list[TextTriple] = []
    append = out.append
    for line in nt.decode("utf-8").splitlines():
        if not line or line.isspace():
            continue
        s, p, rest = line.split(" ", 2)
        o = rest.rstrip()
        if not o.endswith("."):
            raise ValueError(f"not an N-Triples line: {line[:200]}")
        append((s, p, o[:-1].rstrip()))
    return out


def iri_of(term: str) -> str | None:
    """The IRI of an IRI term ``<…>``; None for a literal or a blank node."""
    return term[1:-1] if term.startswith("<") else None


def literal_parts(term: str) -> tuple[str, str, str]:
    """A literal's quoted lexical form, language tag and datatype IRI (empty when absent)."""
    end = term.rfind('"')
    quoted, suffix = term[: end + 1], term[end + 1 :]
    if suffix.startswith("@"):
        return quoted, suffix[1:], ""
    if suffix.startswith("^^<"):
        return quoted, "", suffix[3:-1]
    return quoted, "", ""


def lower_language(term: str) -> str:
    """The term with its language tag in lower case (how pyoxigraph writes it)."""
    if term.startswith('"'):
        end = term.rfind('"')
        if term[end + 1 : end + 2] == "@":
            return term[: end + 1] + term[end + 1 :].lower()
    return term
