"""Stage 4: write deterministic serialisations and the embedded store.

Owns the canonical Turtle and N-Triples of the graph, the embedded pyoxigraph store and the
atomic write every output goes through: each file is written to a temporary name in the same
folder and renamed into place, so a failed run never leaves a half-written output. Light at
import: rdflib is only a type here (the graph is passed in).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kg.paths import GRAPH_FILE, NTRIPLES_FILE, ONTOLOGY_COPY, STORE_DIR

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "canonical_ntriples",
    "canonical_turtle",
    "check_writable",
    "write_atomic",
    "write_graph_outputs",
    "write_store",
]


def _about(exc: OSError, path: Path) -> OSError:
    """The same error, naming ``path`` (the output asked for) instead of a temporary file."""
    return type(exc)(exc.errno, exc.strerror, str(path))


def check_writable(path: Path, *, folder: bool = False) -> None:
    """Fail now, before any work, if ``path`` (a file, or a folder if ``folder``) could not
    be written: it is of the wrong kind, or its nearest existing folder refuses a new entry.

    Creates nothing that stays behind. Raises :class:`OSError` naming ``path``.
    """
    if path.exists() and path.is_dir() != folder:
        if folder:
            raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder", str(path))
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    existing = path if folder and path.is_dir() else path.parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, f"{existing} is a file, not a folder", str(path))
    try:
        Path(tempfile.mkdtemp(prefix=".kg-probe-", dir=existing)).rmdir()
    except OSError as exc:
        raise _about(exc, path) from exc


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    An :class:`OSError` names ``path`` (not the temporary file), so the CLI can say which
    output could not be written.
    """
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _about(exc, path) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).chmod(0o644)  # mkstemp makes 0600; published files are world-readable
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _about(exc, path) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def canonical_turtle(graph: Graph, ntriples: bytes | None = None) -> bytes:
    """Sorted, diff-friendly Turtle, byte-identical on rebuild: the layout of
    :mod:`kg.export.turtle`, with the prefixes bound in ``graph``. ``ntriples`` is the
    graph's canonical N-Triples when the caller has it already."""
    from kg.export.turtle import turtle_from_ntriples

    nt = ntriples if ntriples is not None else canonical_ntriples(graph)
    return turtle_from_ntriples(nt, {name: str(ns) for name, ns in graph.namespaces()})


def canonical_ntriples(graph: Graph) -> bytes:
    """N-Triples with lines sorted, byte-identical on rebuild.

    The lines rdflib's N-Triples writer makes, each distinct IRI written once (rdflib's
    writer checks and formats every occurrence again).
    """
    from rdflib import Literal
    from rdflib.plugins.serializers.nt import _quoteLiteral

    iris: dict[object, str] = {}
    lines: set[str] = set()
    for s, p, o in graph:
        st = iris.get(s)
        if st is None:
            st = iris[s] = s.n3()
        pt = iris.get(p)
        if pt is None:
            pt = iris[p] = p.n3()
        if isinstance(o, Literal):
            lines.add(f"{st} {pt} {_quoteLiteral(o)} .")
            continue
        ot = iris.get(o)
        if ot is None:
            ot = iris[o] = o.n3()
        lines.add(f"{st} {pt} {ot} .")
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def write_store(ntriples: bytes, ontology_ttl: bytes, out: Path) -> Path:
    """(Re)create the embedded pyoxigraph store from the data and the ontology.

    The new store is loaded beside the old one and swapped in by renames.
    """
    import pyoxigraph as ox

    out.mkdir(parents=True, exist_ok=True)
    final = out / STORE_DIR
    tmp = Path(tempfile.mkdtemp(prefix=".store-", dir=out))
    try:
        store = ox.Store(str(tmp))
        store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
        store.bulk_load(ontology_ttl, format=ox.RdfFormat.TURTLE)
        store.flush()
        del store
        old = None
        if final.exists():
            old = Path(tempfile.mkdtemp(prefix=".store-old-", dir=out))
            old.rmdir()
            final.rename(old)
        tmp.rename(final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def write_graph_outputs(
    graph: Graph,
    ontology_ttl: bytes,
    out: Path,
    *,
    step: Callable[[str], None] | None = None,
    turtle: bytes | None = None,
    ntriples: bytes | None = None,
) -> list[Path]:
    """Write Turtle, N-Triples and the embedded store into ``out``; return the paths.

    ``turtle`` and ``ntriples`` are the graph's canonical serialisations when the caller
    has them already (they are computed otherwise). ``step`` is called with the name of each
    output once it is written.
    """
    turtle = turtle if turtle is not None else canonical_turtle(graph)
    ntriples = ntriples if ntriples is not None else canonical_ntriples(graph)
    ttl_path, nt_path, ontology_path = out / GRAPH_FILE, out / NTRIPLES_FILE, out / ONTOLOGY_COPY
    report = step or (lambda _: None)
    store = write_store(ntriples, ontology_ttl, out)
    report(store.name)
    for path, data in ((ttl_path, turtle), (nt_path, ntriples), (ontology_path, ontology_ttl)):
        write_atomic(path, data)
        report(path.name)
    return [ttl_path, nt_path, ontology_path, store]
