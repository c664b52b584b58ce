"""The query guard: a SPARQL query's size, nesting and federation checked before any engine
sees it.

Oxigraph's parser and planner recurse on the query's structure: ``{`` × 5,000 or a chain of
20,000 joins or operators overflows the stack and kills the process (a segmentation fault,
not an exception). :func:`check` measures the query with a small tokenizer (strings, IRIs
and comments skipped; ``\\uXXXX`` escapes decoded first, as the SPARQL grammar allows) and
refuses it with :class:`QueryRejectedError` -- a :class:`~kg.errors.UsageError` carrying the HTTP
status the server answers (413 too long, 400 otherwise):

- longer than ``max_length`` characters;
- brackets ``{ ( [`` nested deeper than ``max_depth``;
- more than ``max_operators`` structural tokens (group and blank-node openers, triple
  separators, operators, ``UNION``, ``OPTIONAL``, ``FILTER`` ...); the data of a ``VALUES``
  block is not counted.

:func:`service_targets` lists the endpoints of the query's ``SERVICE`` clauses (prefixed names
resolved, ``None`` for a variable or an unresolvable name), which the server checks against
its allow-list (:mod:`kg.serve.limits`). Light: the standard library only.

>>> check("SELECT * WHERE { ?s ?p ?o }").depth
1
>>> service_targets("PREFIX e: <http://x.example/> SELECT * { SERVICE SILENT e:sparql {} }")
['http://x.example/sparql']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from kg.errors import UsageError

__all__ = ["Limits", "QueryRejectedError", "Shape", "check", "service_targets"]

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
             | '''(?:[^'\\]|\\.|'(?!''))*'''
             | "(?:[^"\\\n\r]|\\.)*"
             | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<number>\d[\d.eE]*)
  | (?P<pname>(?:[^\W\d][\w\-.]*)?:[\w\-.:%\\]*)
  | (?P<word>[^\W\d][\w\-]*)
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | (?P<op>\|\||&&|!=|<=|>=|\^\^|[-+*/|^<>=!;,.])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: Keywords that add a node to the query's algebra (counted with the operators).
_STRUCTURAL = {"UNION", "MINUS", "OPTIONAL", "FILTER", "BIND", "GRAPH", "SERVICE", "VALUES"}


class Limits(NamedTuple):
    """The most a query may be: characters, bracket nesting and structural tokens (a named
    tuple, not a dataclass: ``kg query`` imports this, and dataclasses cost it ~13 ms).

    The defaults leave a wide margin under the sizes that crash Oxigraph (nesting in the
    thousands, chains of 20,000) and far above any query written by hand.
    """

    max_length: int = 1_000_000
    max_depth: int = 64
    max_operators: int = 2_000


class Shape(NamedTuple):
    """What :func:`check` measured: nesting depth and structural tokens."""

    depth: int
    operators: int


class QueryRejectedError(UsageError):
    """A query the guard refuses; ``status`` is the HTTP status the server answers."""

    def __init__(self, message: str, hint: str, status: int = 400) -> None:
        super().__init__(message, hint)
        self.status = status


def _unescape(query: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(one, query)


def _tokens(query: str) -> Iterator[tuple[str, str]]:
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield kind, match.group()


def check(query: str, limits: Limits | None = None) -> Shape:
    """Measure ``query``; :class:`QueryRejectedError` when it is over one of ``limits``."""
    limits = limits or Limits()
    if len(query) > limits.max_length:
        raise QueryRejectedError(
            f"the query has {len(query):,} characters; the limit is {limits.max_length:,}",
            "send a shorter query",
            status=413,
        )
    depth = deepest = operators = 0
    values_at: int | None = None  # the depth of an open VALUES data block
    expect_values = False
    for kind, text in _tokens(_unescape(query)):
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
            if expect_values and text == "{":
                values_at, expect_values = depth, False
            elif values_at is None and text in "{[":
                operators += 1
        elif kind == "close":
            if values_at is not None and depth == values_at:
                values_at = None
            depth = max(0, depth - 1)
        elif values_at is None and kind == "op":
            operators += 1
        elif values_at is None and kind == "word" and text.upper() in _STRUCTURAL:
            operators += 1
            expect_values = text.upper() == "VALUES"
        if deepest > limits.max_depth:
            raise QueryRejectedError(
                f"the query nests brackets deeper than {limits.max_depth} levels",
                "flatten the query",
            )
        if operators > limits.max_operators:
            raise QueryRejectedError(
                f"the query has more than {limits.max_operators:,} patterns and operators",
                "split the query or use VALUES for long lists",
            )
    return Shape(deepest, operators)


def service_targets(query: str) -> list[str | None]:
    """The endpoint IRI of every ``SERVICE`` clause (prefixed names resolved by the query's
    ``PREFIX`` declarations); ``None`` for a variable or a name that cannot be resolved."""
    prefixes: dict[str, str] = {}
    tokens = list(_tokens(_unescape(query)))
    targets: list[str | None] = []
    for i, (kind, text) in enumerate(tokens):
        if kind == "word" and text.upper() == "PREFIX" and i + 2 < len(tokens):
            (k1, name), (k2, iri) = tokens[i + 1], tokens[i + 2]
            if k1 == "pname" and name.endswith(":") and k2 == "iri":
                prefixes[name[:-1]] = iri[1:-1]
        if kind != "word" or text.upper() != "SERVICE":
            continue
        j = i + 1
        if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "SILENT":
            j += 1
        target_kind, target = tokens[j] if j < len(tokens) else ("other", "")
        if target_kind == "iri":
            targets.append(target[1:-1])
        elif target_kind == "pname" and target.split(":", 1)[0] in prefixes:
            prefix, local = target.split(":", 1)
            targets.append(prefixes[prefix] + local)
        else:
            targets.append(None)
    return targets
