"""The catalogue of named queries: each ``queries/*.rq`` file's header (question, parameters,
columns, note) read with plain string operations, and the listing ``kg queries`` prints.

Light on purpose (the standard library's :mod:`os` only, no :mod:`re`): ``kg queries``
starts without building the command tree (see :mod:`kg.cli.quick`), and
:mod:`kg.query.named` reads the same headers through :func:`header`. A header line is
``# key: value``; the header ends at the first line that is neither blank nor a comment.

>>> header("# question: Who?\\n# columns: a,\\n# columns: b\\nSELECT * {}")
{'question': ['Who?'], 'columns': ['a,', 'b']}
"""

from __future__ import annotations

import os

from kg.paths import queries_location

__all__ = ["describe", "header", "listing", "query_files", "takes_parameters"]


def _key_value(line: str) -> tuple[str, str] | None:
    if not line.startswith("#"):
        return None
    key, sep, value = line[1:].lstrip().partition(":")
    if not sep or not key or not all(c.isalnum() or c == "_" for c in key):
        return None
    return key, value.strip()


def header(text: str) -> dict[str, list[str]]:
    """The ``# key: value`` lines at the top of a query file, values in order per key."""
    meta: dict[str, list[str]] = {}
    for line in text.splitlines():
        pair = _key_value(line)
        if pair is None:
            if line.strip() and not line.startswith("#"):
                break
            continue
        meta.setdefault(pair[0], []).append(pair[1])
    return meta


def describe(
    text: str,
) -> tuple[str, tuple[str, ...], tuple[tuple[str, str, str], ...], str]:
    """A query file's question, columns, parameters (name, kind, doc) and note."""
    meta = header(text)
    params = []
    for spec in meta.get("param", []):
        name, kind, *doc = spec.split(maxsplit=2)
        params.append((name, kind, doc[0] if doc else ""))
    columns = tuple(c.strip() for c in " ".join(meta.get("columns", [])).split(",") if c.strip())
    question, note = " ".join(meta.get("question", [])), " ".join(meta.get("note", []))
    return question, columns, tuple(params), note


def takes_parameters(text: str) -> bool:
    """Whether a query file declares a parameter (a ``# param:`` header line)."""
    return bool(header(text).get("param"))


def query_files(folder: str | None = None) -> list[str]:
    """The ``*.rq`` files of ``folder`` (the shipped queries by default), sorted by name."""
    folder = folder or queries_location()
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".rq"))


def listing(folder: str | None = None) -> str:
    """What ``kg queries`` prints: each query's name, question, parameters and columns."""
    out = []
    for path in query_files(folder):
        with open(path, encoding="utf-8") as handle:
            question, columns, params, _ = describe(handle.read())
        lines = [os.path.basename(path)[: -len(".rq")], f"  {question}"]
        lines += [f"  --param {name}=<{kind}>  {doc}" for name, kind, doc in params]
        lines.append(f"  columns: {', '.join(columns)}\n")
        out.append("\n".join(lines) + "\n")
    return "".join(out)
