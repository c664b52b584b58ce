"""The build's outputs change as one set: ``kill -9`` at any moment leaves the old complete
set or the new one (``void.ttl``'s checksums match the files beside it, the store opens),
and the next build removes what the killed one left behind."""

from __future__ import annotations

import hashlib
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import DCAT, Namespace

from kg.export.rdf import canonical_ntriples
from kg.export.versions import CURRENT_LINK, VERSIONS_DIR
from kg.graph import new_graph
from kg.pipeline import INPUTS_DIGEST_FILE, build, publish
from tests.helpers import publish_killed_at

SPDX = Namespace("http://spdx.org/rdf/terms#")


def _set_of(out: Path) -> str:
    """Check that ``out`` holds one complete set; return its input digest (which set)."""
    void = Graph().parse(out / "void.ttl")
    checked = 0
    for dist in void.objects(None, DCAT.distribution):
        name = str(void.value(dist, DCAT.downloadURL)).rsplit("/", 1)[-1]
        checksum = void.value(dist, SPDX.checksum)
        expected = str(void.value(checksum, SPDX.checksumValue))
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == expected, name
        checked += 1
    assert checked >= 6
    nt = (out / "rujp.nt").read_bytes()
    store = ox.Store.read_only(str(out / "store"))
    assert len(store) >= nt.count(b"\n")  # the data (and the ontology) are loaded
    del store
    return (out / INPUTS_DIGEST_FILE).read_text(encoding="ascii")


def _killed_at(nt: Path, data: Path, ontology: Path, out: Path, point: int) -> bool:
    """Publish the graph of ``nt`` into ``out`` in a process killed after ``point`` steps
    (odd points: 5 ms later, in the middle of the next step). True when it was killed,
    False when it finished first."""
    code = publish_killed_at(nt, data, ontology, out, point)
    if code == -signal.SIGKILL:
        return True
    assert code == 0, f"publishing failed with exit code {code} (its traceback is above)"
    return False


@pytest.fixture(scope="module")
def old_and_new(
    tmp_path_factory: pytest.TempPathFactory, data_dir: Path, graph: Graph
) -> tuple[Path, Graph, Path]:
    """Two small graphs cut from the real one (small, so that each build's write phase is
    short): the old set's graph, with a copy of the data that differs by one cell (so the
    sets' input digests differ), and the new set's graph as N-Triples."""
    folder = tmp_path_factory.mktemp("old")
    old_data = folder / "data"
    shutil.copytree(data_dir, old_data)
    places = old_data / "municipalities.csv"
    text = places.read_text(encoding="utf-8")
    places.write_text(text.replace("Niigata", "Niigata (old)", 1), encoding="utf-8")
    lines = canonical_ntriples(graph).splitlines(keepends=True)
    old = new_graph().parse(data=b"".join(lines[:400]).decode(), format="nt")
    nt = folder / "new.nt"
    nt.write_bytes(b"".join(lines[200:800]))
    return old_data, old, nt


def test_kill_at_twenty_points_leaves_one_complete_set(
    tmp_path: Path, old_and_new: tuple[Path, Graph, Path], data_dir: Path, ontology_dir: Path
) -> None:
    old_data, old, new_nt = old_and_new
    out = tmp_path / "build"
    publish(old, old_data, ontology_dir, out)
    old_set = _set_of(out)
    seen = {old_set: 0, "new": 0}
    killed = 0
    # Every step boundary of a rebuild (even points) and the middle of the longer steps.
    for point in (*range(0, 30, 2), 1, 3, 9, 11, 17, 21, 23):
        if _killed_at(new_nt, data_dir, ontology_dir, out, point):
            killed += 1
        which = _set_of(out)
        assert which in (old_set, _digest(data_dir, ontology_dir)), f"a mix after point {point}"
        seen[old_set if which == old_set else "new"] += 1
        if which != old_set:  # switched: start again from the old set
            publish(old, old_data, ontology_dir, out)
    assert killed >= 20, "the build finished before most kill points"
    assert seen[old_set] and seen["new"], seen  # kills before and after the switch
    _killed_at(new_nt, data_dir, ontology_dir, out, 1000)  # a good build cleans every leftover
    assert _set_of(out) == _digest(data_dir, ontology_dir)
    _assert_clean(out)


def _digest(data: Path, ontology: Path) -> str:
    from kg.pipeline import inputs_digest

    return inputs_digest(data, ontology)


def _assert_clean(out: Path) -> None:
    versions = out / VERSIONS_DIR
    left = sorted(p.name for p in versions.iterdir() if p.name != ".lock")
    assert len(left) <= 2 and not any(n.startswith(".") for n in left), left
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp") or ".store-" in p.name]
    assert (out / CURRENT_LINK).resolve().parent == versions.resolve()


def test_a_folder_of_an_older_build_is_adopted_without_a_mix(
    tmp_path: Path, old_and_new: tuple[Path, Graph, Path], data_dir: Path, ontology_dir: Path
) -> None:
    """Plain files (as older versions of kg wrote them, with a leftover store swap) become
    a version of their own; a kill during that step still leaves one complete set."""
    old_data, old, new_nt = old_and_new
    template = tmp_path / "template"
    publish(old, old_data, ontology_dir, template)
    old_set = _set_of(template)
    for point in (25, 26, 36, 46, 53, 1000):  # before, during and after the adoption
        out = tmp_path / f"plain-{point}"
        shutil.copytree(template / CURRENT_LINK, out, symlinks=False)
        (out / ".store-old-x1y2").mkdir()
        (out / ".rujp.nq.k3j4.tmp").write_bytes(b"half written")
        _killed_at(new_nt, data_dir, ontology_dir, out, point)
        assert _set_of(out) in (old_set, _digest(data_dir, ontology_dir))
    _killed_at(new_nt, data_dir, ontology_dir, out, 1000)
    assert _set_of(out) == _digest(data_dir, ontology_dir)
    _assert_clean(out)


def test_build_keeps_other_files_and_kg_export_reads_one_set(
    tmp_path: Path, data_dir: Path, ontology_dir: Path
) -> None:
    from kg.pipeline import export

    out = tmp_path / "out"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "ranking.png").write_bytes(b"png")
    names: list[str] = []
    record: Callable[[str], None] = names.append
    result = build(data_dir, ontology_dir, out, step=record)
    assert result.report.conforms
    assert {"store", "rujp.ttl", "void.ttl", "switched"} <= set(names)
    assert all(path.parent == out and path.exists() for path in result.outputs)
    assert (out / "figures" / "ranking.png").read_bytes() == b"png"
    assert export(data_dir, ontology_dir, "nt", out=out) == (out / "rujp.nt").read_bytes()
