"""The quick start of ``kg query`` and ``kg queries``: a plain query over the embedded store,
or the list of named queries, answered before the command tree is built.

``kg query`` is run often, from scripts and by hand, so its start-up matters (the README's
start-up table measures it against ``oxigraph query``). Building the argparse tree and
importing the error classes would load :mod:`re`, :mod:`typing` and :mod:`enum`, which on a
small machine cost more than opening the store and answering. :func:`answer` handles the
common forms -- one query (``FILE.rq``, ``-e TEXT`` or a named query that takes no
parameter), ``--format`` and ``--store``, each at most once -- with the standard library's
:mod:`os` and the same library functions the full command calls
(:func:`kg.query.results.render`, :mod:`kg.query.guard`). Anything else (help, parameters,
endpoints, a misspelt or repeated option) and any failure (a missing store, a syntax error,
a query the guard refuses) returns ``None``: the full command then parses the words and
answers, or explains the error, exactly as it always does. The quick path never writes, so
falling back never leaves half an answer. ``kg queries`` in text is the listing of
:func:`kg.query.catalogue.listing`, which the full command prints too.

>>> quick_options(["query", "-e", "ASK {}", "--format=csv"])
{'expr': 'ASK {}', 'format': 'csv'}
>>> quick_options(["query", "--name", "conferences", "--param", "a=b"]) is None
True
"""

from __future__ import annotations

import os

__all__ = ["answer", "quick_options", "surely_within_limits"]

#: The options the quick path understands, by every spelling argparse accepts in full.
_OPTIONS = {
    "-e": "expr",
    "--expr": "expr",
    "-n": "name",
    "--name": "name",
    "--format": "format",
    "--store": "store",
}
#: The question options: exactly one is given.
_QUESTIONS = ("file", "expr", "name")
_FORMATS = ("table", "csv", "tsv", "json")
#: Bounds under which :func:`kg.query.guard.check` cannot refuse a query (its default limits
#: are 1,000,000 characters, nesting 64 and 2,000 operators), so it need not run.
_SHORT_QUERY = 2_000
_FEW_BRACKETS = 64


def quick_options(words: list[str]) -> dict[str, str] | None:
    """The options of a ``kg query`` the quick path can answer, or ``None``."""
    if not words or words[0] != "query":
        return None
    options: dict[str, str] = {}
    rest = words[1:]
    while rest:
        word = rest.pop(0)
        if word.startswith("--") and "=" in word:
            name, value = word.split("=", 1)
        elif word in _OPTIONS:
            if not rest or rest[0].startswith("-"):
                return None  # argparse would read the next word as an option
            name, value = word, rest.pop(0)
        elif word.startswith("-") or not word:
            return None
        else:
            name, value = "file", word
        key = "file" if name == "file" else _OPTIONS.get(name)
        if key is None or key in options or not value:
            return None
        options[key] = value
    if sum(key in options for key in _QUESTIONS) != 1:
        return None
    if options.get("format", "table") not in _FORMATS:
        return None
    return options


def surely_within_limits(query: str) -> bool:
    """True when the query guard's default limits cannot refuse ``query``: short, with few
    brackets (strings and comments counted too) and no ``\\u`` escape that could hide one.

    >>> surely_within_limits("SELECT * WHERE { ?s ?p ?o }")
    True
    >>> surely_within_limits("{" * 65)
    False
    """
    if len(query) > _SHORT_QUERY or "\\u" in query or "\\U" in query:
        return False
    return sum(query.count(c) for c in "{([") <= _FEW_BRACKETS


def _named_file(name: str) -> str:
    """The file of a named query."""
    from kg.paths import queries_location

    if not name.replace("-", "").isalnum():
        raise FileNotFoundError(name)
    return os.path.join(queries_location(), f"{name}.rq")


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def answer(words: list[str]) -> bytes | None:
    """The rendered answer of ``kg`` ``words`` when the quick path can give it, else ``None``
    (the full command then runs)."""
    if words in (["queries"], ["queries", "--format", "text"], ["queries", "--format=text"]):
        from kg.query.catalogue import listing

        return listing().encode("utf-8")
    options = quick_options(words)
    if options is None:
        return None
    from kg.paths import store_location

    try:
        if "expr" in options:
            query = options["expr"]
        else:
            query = _read(options.get("file") or _named_file(options["name"]))
            if "name" in options:
                from kg.query.catalogue import takes_parameters

                if takes_parameters(query):
                    return None
        if not surely_within_limits(query):
            from kg.query.guard import check

            check(query)
        store = options.get("store") or store_location()
        if not os.path.exists(os.path.join(store, "CURRENT")):
            return None
        import pyoxigraph as ox

        from kg.query.results import render

        # the build switches versions by a link: stay on the one that is current now
        result = ox.Store.read_only(os.path.realpath(store)).query(query)
        return render(result, options.get("format", "table"))
    except Exception:  # the full command says what went wrong
        return None
