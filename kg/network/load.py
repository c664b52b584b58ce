"""Read the built graph for the network commands: the one place that turns a missing or
unparseable ``rujp.nt`` into an input error naming the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.errors import InputError, Problem

__all__ = ["load_graph", "load_network"]


def load_network(path: Path | None = None) -> Any:
    """The network facts (:class:`NetworkData`) of a built graph [``build/rujp.nt``]."""
    from kg.network.extract import extract

    return extract(load_graph(path))


def load_graph(path: Path | None = None) -> Any:
    """The RDF graph of a built graph file [``build/rujp.nt``]."""
    from kg import paths
    from kg.network.extract import load_rdf

    target = path or paths.out_dir() / paths.NTRIPLES_FILE
    if not target.is_file():
        raise InputError(
            [
                Problem(
                    str(target),
                    None,
                    None,
                    "no built graph here",
                    "run `kg build` first (or give --rdf FILE)",
                )
            ]
        )
    try:
        graph = load_rdf(target)
    except Exception as exc:  # rdflib raises a different exception type per parser
        message = f"cannot parse: {exc}".splitlines()[0]
        raise InputError(
            [Problem(str(target), None, None, message, "give a graph written by `kg build`")]
        ) from exc
    return graph
