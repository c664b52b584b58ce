"""Linked-data publication written by ``kg build``: extra serialisations, the dataset
description (VoID/DCAT) and the ontology documentation."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

__all__ = ["write_publication"]


def write_publication(graph: Graph, ontology: Graph, out: Path) -> list[Path]:
    """Write the publication files into ``out``; return their paths."""
    return []
