"""The publishing step of ``kg build``: every dataset serialisation, the dataset description
and the ontology documentation, written into the output folder.

The formats and their file names come from :mod:`kg.formats`; the bytes from
:mod:`kg.export.serialise`, the description from :mod:`kg.export.void` and the documentation
from :mod:`kg.export.docs`. Every output is deterministic and byte-identical on rebuild.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from kg.export.docs import ontology_documentation
from kg.export.rdf import canonical_turtle, write_atomic
from kg.export.serialise import DATASET_FORMATS, export_all
from kg.export.void import dataset_description
from kg.paths import GRAPH_FILE, NTRIPLES_FILE, ONTOLOGY_HTML, VOID_FILE

__all__ = ["write_publication"]


def write_publication(
    graph: Graph,
    ontology: Graph,
    out: Path,
    *,
    context: Path | None = None,
    step: Callable[[str], None] | None = None,
    files: dict[str, bytes] | None = None,
) -> list[Path]:
    """Write every serialisation, ``void.ttl`` and ``ontology.html`` into ``out``.

    ``rujp.ttl`` and ``rujp.nt`` are rewritten only when they differ (``kg build`` has just
    written them with the same bytes). Returns the paths written; ``step`` is called with
    the name of each one once it is written. ``files`` are the serialisations of
    :func:`~kg.export.serialise.export_all` when the caller has them already.
    """
    report = step or (lambda _: None)
    files = files if files is not None else export_all(graph, context=context)
    written = []
    for name, fmt in DATASET_FORMATS.items():
        path = out / fmt.file
        just_written = fmt.file in (GRAPH_FILE, NTRIPLES_FILE) and path.is_file()
        if just_written and path.read_bytes() == files[name]:
            continue
        write_atomic(path, files[name])
        written.append(path)
        report(path.name)
    void_path = out / VOID_FILE
    write_atomic(void_path, canonical_turtle(dataset_description(graph, files)))
    report(void_path.name)
    html_path = out / ONTOLOGY_HTML
    write_atomic(html_path, ontology_documentation(ontology))
    report(html_path.name)
    return [*written, void_path, html_path]
