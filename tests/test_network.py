"""Network projections, measures, exports and the `kg network` commands, on the real data.

Expected values are computed in the tests from the curated tables (data/*.csv), never typed in.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.network import (
    ENGINE_TOLERANCE,
    EXPORT_FORMATS,
    GRAPHS,
    IGRAPH_FROM,
    NetworkData,
    aggregates,
    betweenness,
    bipartite_network,
    closeness,
    communities,
    compute,
    coparticipation_network,
    core_number,
    eigenvector,
    export_bytes,
    extract,
    flatten,
    pagerank,
    project,
    rank,
    ranking_changes,
    render,
    simple,
    snapshots,
    twinning_network,
    uses_igraph,
)
from kg.vocab import iris
from kg.vocab.namespaces import RUJP
from tests.helpers import run_cli


def _rows(data_dir: Path, name: str) -> list[dict[str, str]]:
    with (data_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def data(graph: Graph) -> NetworkData:
    return extract(graph)


@pytest.fixture(scope="module")
def twinnings(data_dir: Path) -> list[dict[str, str]]:
    return _rows(data_dir, "twinnings")


def _place(key: str) -> str:
    return iris.place(key)


def _latest_status(data_dir: Path, year: int | None = None) -> dict[str, tuple[str, str]]:
    latest: dict[str, tuple[str, str]] = {}
    for row in _rows(data_dir, "twinning_status"):
        if year is not None and int(row["date"][:4]) > year:
            continue
        current = (row["date"], row["status"])
        if row["agreement"] not in latest or current > latest[row["agreement"]]:
            latest[row["agreement"]] = current
    return latest


# -- twinning network ---------------------------------------------------------------------


def test_niigata_degree_is_its_number_of_agreements(
    data: NetworkData, twinnings: list[dict[str, str]]
) -> None:
    expected = sum(1 for r in twinnings if "jp-niigata" in (r["japan"], r["russia"]))
    assert expected > 0
    assert twinning_network(data).degree(_place("jp-niigata")) == expected


def test_every_degree_is_the_number_of_agreements(
    data: NetworkData, twinnings: list[dict[str, str]]
) -> None:
    counts = Counter(r["japan"] for r in twinnings) + Counter(r["russia"] for r in twinnings)
    g = twinning_network(data)
    assert {node: g.degree(node) for node in g} == {_place(k): n for k, n in counts.items()}


def test_one_edge_per_agreement_between_its_parties(
    data: NetworkData, twinnings: list[dict[str, str]]
) -> None:
    g = twinning_network(data)
    assert g.is_multigraph()
    edges = {(key, frozenset((u, v))) for u, v, key in g.edges(keys=True)}
    expected = {
        (iris.agreement(r["id"]), frozenset((_place(r["japan"]), _place(r["russia"]))))
        for r in twinnings
    }
    assert edges == expected
    for _, _, key, attrs in g.edges(keys=True, data=True):
        row = next(r for r in twinnings if iris.agreement(r["id"]) == key)
        assert attrs["kind"] == row["kind"]
        assert attrs.get("established", "") == row["established"]
        assert attrs.get("year") == (int(row["established"][:4]) if row["established"] else None)
        assert {s.rsplit("/", 1)[-1] for s in attrs["sources"]} == set(row["sources"].split(";"))


def test_only_places_are_nodes_never_classes_labels_or_agreements(data: NetworkData) -> None:
    for name in ("twinning", "coparticipation"):
        for node in project(data, name):
            assert node.startswith(iris.ID_BASE + "place/"), node
    b = bipartite_network(data)
    kinds = {attrs["node_type"] for _, attrs in b.nodes(data=True)}
    assert kinds == {"place", "conference"}


def test_type_and_label_triples_make_no_edges(graph: Graph, data: NetworkData) -> None:
    noisy = Graph()
    for triple in graph:
        noisy.add(triple)
    niigata, moscow = URIRef(_place("jp-niigata")), URIRef(_place("ru-moscow"))
    noisy.add((niigata, RDF.type, moscow))
    noisy.add((moscow, RDF.type, niigata))
    noisy.add((niigata, RUJP.twinnedWith, moscow))  # derived link without an agreement node
    for name in GRAPHS:
        before, after = project(data, name), project(noisy, name)
        assert sorted(before.edges()) == sorted(after.edges())


def test_bipartite_attribute_and_country(data: NetworkData, data_dir: Path) -> None:
    country = {r["id"]: r["country"] for r in _rows(data_dir, "municipalities")}
    g = twinning_network(data)
    for node, attrs in g.nodes(data=True):
        key = node.rsplit("/", 1)[-1]
        assert attrs["country"] == country[key]
        assert attrs["bipartite"] == (1 if country[key] == "JP" else 0)
    assert nx.bipartite.is_bipartite_node_set(g, [n for n, b in g.nodes(data="bipartite") if b])


def test_node_labels_and_coordinates_come_from_the_tables(
    data: NetworkData, data_dir: Path
) -> None:
    rows = {r["id"]: r for r in _rows(data_dir, "municipalities")}
    g = twinning_network(data)
    for _, attrs in g.nodes(data=True):
        row = rows[attrs["data_key"]]
        for lang in ("en", "ru", "ja"):
            assert attrs.get(f"label_{lang}", "") == row[f"label_{lang}"]
        assert attrs["level"] == row["level"]
        if row["lat"]:
            assert attrs["lat"] == pytest.approx(float(row["lat"]))
            assert attrs["lon"] == pytest.approx(float(row["lon"]))
        else:
            assert "lat" not in attrs


def test_attributes_are_plain_python_values(data: NetworkData) -> None:
    def plain(value: Any) -> bool:
        if isinstance(value, list):
            return all(isinstance(v, str | int) for v in value)
        return isinstance(value, str | int | float) and value is not None

    for name in GRAPHS:
        g = project(data, name)
        for _, attrs in g.nodes(data=True):
            assert all(plain(v) for v in attrs.values()), attrs
        for *_, attrs in g.edges(data=True):
            assert all(plain(v) for v in attrs.values()), attrs


def test_edge_status_is_the_latest_status_change(data: NetworkData, data_dir: Path) -> None:
    latest = _latest_status(data_dir)
    assert latest
    for _, _, key, attrs in twinning_network(data).edges(keys=True, data=True):
        agreement = key.removeprefix(iris.ID_BASE + "twinning/")
        if agreement in latest:
            assert (attrs["status_date"], attrs["status"]) == latest[agreement]
        else:
            assert attrs["status"] == "none"


@pytest.mark.parametrize("year", [1970, 1991, 2000, 2021, 2022])
def test_twinning_snapshot_has_the_ties_dated_up_to_the_year(
    data: NetworkData, twinnings: list[dict[str, str]], data_dir: Path, year: int
) -> None:
    latest = _latest_status(data_dir, year)
    expected = {
        iris.agreement(r["id"])
        for r in twinnings
        if r["established"]
        and int(r["established"][:4]) <= year
        and latest.get(r["id"], ("", ""))[1] != "ended"
    }
    g = twinning_network(data, year)
    assert {key for *_, key in g.edges(keys=True)} == expected
    for _, _, key, attrs in g.edges(keys=True, data=True):
        status = latest.get(key.removeprefix(iris.ID_BASE + "twinning/"))
        assert attrs["status"] == (status[1] if status else "none")


def test_an_ended_tie_leaves_the_snapshots_after_it_ends(graph: Graph) -> None:
    changed = Graph()
    for triple in graph:
        changed.add(triple)
    agreement = URIRef(iris.agreement("jp-niigata--ru-khabarovsk"))
    change = URIRef(iris.status_change("jp-niigata--ru-khabarovsk", "2010", "ended"))
    changed.add((agreement, RUJP.statusChange, change))
    changed.add((change, RUJP.status, RUJP.StatusEnded))
    changed.add((change, RUJP.date, Literal("2010", datatype=XSD.gYear)))
    keys = {y: {k for *_, k in twinning_network(changed, y).edges(keys=True)} for y in (2009, 2010)}
    assert str(agreement) in keys[2009]
    assert str(agreement) not in keys[2010]
    assert str(agreement) in {k for *_, k in twinning_network(changed).edges(keys=True)}


# -- conferences --------------------------------------------------------------------------


def _attendance(data_dir: Path, year: int | None = None) -> dict[str, set[str]]:
    meetings = {r["number"]: r for r in _rows(data_dir, "meetings")}
    who: dict[str, set[str]] = defaultdict(set)
    for row in _rows(data_dir, "participations"):
        start = meetings[row["meeting"]]["start"]
        if year is None or (start and int(start[:4]) <= year):
            who[row["meeting"]].add(_place(row["municipality"]))
    return who


@pytest.mark.parametrize("year", [None, 2009, 2015])
def test_coparticipation_weight_is_the_number_of_shared_conferences(
    data: NetworkData, data_dir: Path, year: int | None
) -> None:
    shared: Counter[frozenset[str]] = Counter()
    for places in _attendance(data_dir, year).values():
        for u, v in combinations(sorted(places), 2):
            shared[frozenset((u, v))] += 1
    g = coparticipation_network(data, year)
    assert {frozenset((u, v)): w for u, v, w in g.edges(data="weight")} == dict(shared)
    for *_, attrs in g.edges(data=True):
        assert len(attrs["conferences"]) == attrs["weight"]


def test_bipartite_network_has_one_edge_per_participation(
    data: NetworkData, data_dir: Path
) -> None:
    rows = _rows(data_dir, "participations")
    series = {r["number"]: r["series"] for r in _rows(data_dir, "meetings")}
    b = bipartite_network(data)
    expected = {
        frozenset((_place(r["municipality"]), iris.meeting(series[r["meeting"]], r["meeting"])))
        for r in rows
    }
    assert {frozenset(e) for e in b.edges()} == expected
    assert b.number_of_edges() == len(rows)
    for _, attrs in b.nodes(data=True):
        assert attrs["bipartite"] == (1 if attrs["node_type"] == "conference" else 0)


def test_snapshots_of_every_projection(data: NetworkData) -> None:
    for name in GRAPHS:
        snaps = snapshots(data, name, [1995, 2010, 2030])
        sizes = [snaps[y].number_of_edges() for y in (1995, 2010, 2030)]
        assert sizes == sorted(sizes)
        assert set(snaps[2030].nodes) <= set(project(data, name).nodes)


# -- measures ----------------------------------------------------------------------------


def _graphs(data: NetworkData) -> list[Any]:
    return [simple(project(data, name)) for name in GRAPHS]


def test_closeness_equals_networkx(data: NetworkData) -> None:
    for g in _graphs(data):
        ours, ref = closeness(g), nx.closeness_centrality(g)
        assert ours == pytest.approx(ref, abs=1e-12)


def test_pagerank_is_the_stationary_vector_of_the_google_matrix(data: NetworkData) -> None:
    for g in _graphs(data):
        matrix = nx.google_matrix(g, alpha=0.85, weight="weight")
        values, vectors = np.linalg.eig(matrix.T)
        stationary = np.real(vectors[:, np.argmax(np.real(values))])
        stationary = stationary / stationary.sum()
        ours = pagerank(g)
        assert [ours[n] for n in g] == pytest.approx(list(stationary), abs=1e-8)
        assert sum(ours.values()) == pytest.approx(1.0)


def test_eigenvector_per_component() -> None:
    g = nx.Graph()
    nx.add_path(g, ["a", "b", "c"])
    nx.add_star(g, ["hub", "x", "y", "z", "w"])
    g.add_node("alone")
    ours = eigenvector(g)
    assert ours["alone"] == 0.0
    assert sum(v * v for v in ours.values()) == pytest.approx(1.0 - 1 / 9)
    ref = nx.eigenvector_centrality(g.subgraph(["hub", "x", "y", "z", "w"]), max_iter=1000)
    share = math.sqrt(5 / 9)
    for node, value in ref.items():
        assert ours[node] == pytest.approx(value * share, abs=1e-6)
    assert ours["hub"] > ours["b"]


def test_betweenness_exact_then_sampled(data: NetworkData) -> None:
    g = simple(twinning_network(data))
    exact = betweenness(g)
    assert not exact.sampled
    assert exact.values == pytest.approx(nx.betweenness_centrality(g))
    per_component = betweenness(g, exact_limit=5, samples=10_000)
    assert not per_component.sampled
    assert per_component.values == pytest.approx(exact.values, abs=1e-12)
    sampled = betweenness(g, exact_limit=10, samples=8, seed=1)
    assert sampled.sampled and sampled.sources == 8
    assert sampled.values == betweenness(g, exact_limit=10, samples=8, seed=1).values
    assert sampled.values != exact.values


def test_core_numbers_and_communities(data: NetworkData) -> None:
    g = simple(coparticipation_network(data))
    assert core_number(g) == nx.core_number(g)
    found = communities(g, seed=0)
    assert sorted(n for group in found.groups for n in group) == sorted(g)
    assert found.modularity == pytest.approx(
        nx.community.modularity(g, [set(c) for c in found.groups], weight="weight")
    )
    assert found.groups == communities(g, seed=0).groups


def test_country_aggregates_count_each_agreement_once_per_side(
    data: NetworkData, twinnings: list[dict[str, str]]
) -> None:
    metrics = compute(twinning_network(data), "twinning")
    by_country = {r["group"]: r for r in metrics.aggregates if r["by"] == "country"}
    assert by_country["JP"]["degree_sum"] == len(twinnings)
    assert by_country["RU"]["degree_sum"] == len(twinnings)
    assert by_country["JP"]["nodes"] == len({r["japan"] for r in twinnings})
    assert sum(r["pagerank_share"] for r in by_country.values()) == pytest.approx(1.0, abs=1e-5)
    regions = {r["group"]: r for r in metrics.aggregates if r["by"] == "region"}
    assert regions["jp-hokkaido-pref"]["nodes"] == sum(
        1
        for n, attrs in twinning_network(data).nodes(data=True)
        if attrs.get("region", "").endswith("/jp-hokkaido-pref") or n.endswith("/jp-hokkaido-pref")
    )
    g = twinning_network(data)
    ranks = pagerank(simple(g))
    raw = {n: {"degree": g.degree(n), "pagerank": ranks[n]} for n in g}
    assert aggregates(g, raw) == metrics.aggregates


def test_compute_summary(data: NetworkData) -> None:
    g = twinning_network(data)
    summary = compute(g, "twinning").summary
    assert summary["nodes"] == g.number_of_nodes()
    assert summary["edges"] == g.number_of_edges()
    assert summary["components"] == nx.number_connected_components(g)
    assert summary["betweenness_sampled"] is False
    assert "bipartite_density" in summary
    assert "bipartite_density" not in compute(coparticipation_network(data)).summary


def test_rankings_follow_the_snapshots(data: NetworkData) -> None:
    snaps = snapshots(data, "twinning", [1991, 2022])
    rows = ranking_changes(snaps, "degree", top=5)
    for year, g in snaps.items():
        best = max(d for _, d in g.degree())
        firsts = {r["node"] for r in rows if r[f"rank_{year}"] == 1}
        assert firsts == {n for n, d in g.degree() if d == best}
    assert rank({"a": 3.0, "b": 3.0, "c": 1.0}) == {"a": 1, "b": 1, "c": 3}


# -- exports -------------------------------------------------------------------------------


def _load(data: bytes, fmt: str, multigraph: bool) -> Any:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data), force_multigraph=multigraph)
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data))
    if fmt == "json":
        return nx.node_link_graph(json.loads(data), edges="edges")
    loaded = nx.MultiGraph() if multigraph else nx.Graph()
    for row in csv.DictReader(io.StringIO(data.decode("utf-8"))):
        u, v = row.pop("source"), row.pop("target")
        loaded.add_edge(u, v, **{k: x for k, x in row.items() if x != ""})
    return loaded


def _edge_map(g: Any) -> dict[frozenset[str], dict[str, Any]]:
    return {frozenset((u, v)): dict(attrs) for u, v, attrs in g.edges(data=True)}


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("name", GRAPHS)
def test_exports_load_back_with_networkx(data: NetworkData, name: str, fmt: str) -> None:
    g = project(data, name)
    payload = export_bytes(g, fmt)
    assert payload == export_bytes(project(data, name), fmt)  # deterministic
    loaded = _load(payload, fmt, g.is_multigraph())
    assert set(loaded.nodes) == set(g.nodes) or fmt == "csv"
    assert set(_edge_map(loaded)) == set(_edge_map(g))
    if fmt == "json":
        assert nx.utils.graphs_equal(loaded, g)
        return
    flat = flatten(g)
    expected_edges = _edge_map(flat)
    for pair, attrs in _edge_map(loaded).items():
        attrs.pop("id", None)  # GEXF edge id
        attrs.pop("key", None)  # CSV key column
        if fmt == "csv":
            expected = {k: str(v) for k, v in expected_edges[pair].items()}
        else:
            expected = expected_edges[pair]
        assert attrs == expected
    if fmt in ("graphml", "gexf"):
        for node, loaded_attrs in loaded.nodes(data=True):
            attrs = dict(loaded_attrs)
            if fmt == "gexf":
                assert attrs.pop("label") == flat.nodes[node].get("label_en", "")
            assert attrs == flat.nodes[node]
    if g.is_multigraph() and fmt in ("graphml", "csv"):
        assert {k for *_, k in loaded.edges(keys=True)} == {k for *_, k in g.edges(keys=True)}


# -- CLI ----------------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    result = run_cli(list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_metrics_json_csv_table(built_out: Path, twinnings: list[dict[str, str]]) -> None:
    rdf = str(built_out / "rujp.nt")
    code, out, _ = _run(
        "network", "metrics", "--graph", "twinning", "--format", "json", "--rdf", rdf
    )
    assert code == 0
    payload = json.loads(out)
    niigata = next(r for r in payload["nodes"] if r["node"] == _place("jp-niigata"))
    assert niigata["degree"] == sum(1 for r in twinnings if r["japan"] == "jp-niigata")
    assert payload["summary"]["edges"] == len(twinnings)
    code, out, _ = _run(
        "network", "metrics", "--graph", "bipartite", "--format", "csv", "--rdf", rdf
    )
    table = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(table) == payload_nodes(rdf, "bipartite")
    code, out, _ = _run(
        "network", "metrics", "--graph", "coparticipation", "--year", "2011", "--rdf", rdf
    )
    assert code == 0 and "coparticipation network as of 2011" in out


def payload_nodes(rdf: str, name: str) -> int:
    return int(project(extract(Graph().parse(rdf, format="nt")), name).number_of_nodes())


def test_cli_export_writes_a_loadable_file(built_out: Path, tmp_path: Path) -> None:
    target = tmp_path / "twinning.graphml"
    rdf = str(built_out / "rujp.nt")
    code, out, _ = _run("network", "export", "--format", "graphml", "-o", str(target), "--rdf", rdf)
    assert code == 0, out
    loaded = nx.read_graphml(target)
    assert (
        loaded.number_of_edges()
        == twinning_network(extract(Graph().parse(rdf, format="nt"))).number_of_edges()
    )


def test_cli_rankings(built_out: Path) -> None:
    rdf = str(built_out / "rujp.nt")
    code, out, _ = _run(
        "network", "rankings", "--years", "1991,2022", "--format", "json", "--rdf", rdf
    )
    assert code == 0
    rows = json.loads(out)
    assert rows and {"rank_1991", "rank_2022"} <= set(rows[0])
    code, _, err = _run("network", "rankings", "--years", "soon", "--rdf", rdf)
    assert code == 2 and "--years" in err


def test_cli_missing_graph_exits_2(tmp_path: Path) -> None:
    code, _, err = _run("network", "metrics", "--rdf", str(tmp_path / "none.nt"))
    assert code == 2
    assert "kg build" in err
    broken = tmp_path / "broken.nt"
    broken.write_text("<not n-triples\n", encoding="utf-8")
    code, _, err = _run(
        "network", "export", "--format", "csv", "-o", str(tmp_path / "x.csv"), "--rdf", str(broken)
    )
    assert code == 2 and "cannot parse" in err
    assert not (tmp_path / "x.csv").exists()


def test_render_formats(data: NetworkData) -> None:
    metrics = compute(twinning_network(data), "twinning")
    assert render(metrics, "table").startswith("# twinning network")
    assert len(render(metrics, "csv").splitlines()) == len(metrics.nodes) + 1
    with pytest.raises(ValueError):
        render(metrics, "xml")


def test_benchmark_covers_every_measure_of_every_projection(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kg.network import MEASURES
    from tests.benchmarks.bench_network import run

    rows = run([1], memory=True)
    for name in GRAPHS:
        measured = {r["measure"] for r in rows if r["graph"] == name}
        assert measured == {"projection", *MEASURES}
        assert all(r["peak_mib"] is not None for r in rows if r["graph"] == name)
    assert "betweenness" in capsys.readouterr().out


def test_measures_cope_with_isolated_nodes_and_empty_graphs() -> None:
    g = nx.Graph()
    nx.add_path(g, ["a", "b", "c", "d"])
    g.add_nodes_from(["x", "y"])
    assert closeness(g) == pytest.approx(nx.closeness_centrality(g))
    assert eigenvector(g)["x"] == 0.0
    assert pagerank(g)["x"] == pytest.approx(pagerank(g)["y"])
    assert sum(pagerank(g).values()) == pytest.approx(1.0)
    lonely = nx.Graph()
    lonely.add_nodes_from(["p", "q"])
    summary = compute(lonely).summary
    assert summary["components"] == 2 and summary["degree_assortativity"] is None
    assert closeness(nx.Graph()) == {} and pagerank(nx.Graph()) == {}


# -- engines: NetworkX (reference) and igraph agree ----------------------------------------


def _assert_engines_agree(g: Any, *, exact_limit: int, samples: int) -> None:
    """Every engine-switched measure of ``g``: igraph equals NetworkX (the reference)."""
    for measure in (pagerank, eigenvector, closeness):
        ref, fast = measure(g, engine="networkx"), measure(g, engine="igraph")
        assert list(fast) == list(ref)
        assert fast == pytest.approx(ref, abs=ENGINE_TOLERANCE), measure.__name__
    exact = betweenness(g, engine="networkx"), betweenness(g, engine="igraph")
    assert exact[1].values == pytest.approx(exact[0].values, abs=1e-12)
    assert exact[1].sampled is exact[0].sampled
    sampled = [
        betweenness(g, exact_limit=exact_limit, samples=samples, seed=3, engine=engine)
        for engine in ("networkx", "igraph")
    ]
    assert (sampled[0].sampled, sampled[0].sources) == (sampled[1].sampled, sampled[1].sources)
    assert sampled[1].values == pytest.approx(sampled[0].values, abs=1e-12)


@pytest.mark.parametrize("year", [None, 2011])
def test_engines_agree_on_the_real_networks(data: NetworkData, year: int | None) -> None:
    for name in GRAPHS:
        g = simple(project(data, name, year))
        assert not uses_igraph(g)  # the real networks run on the reference by default
        _assert_engines_agree(g, exact_limit=10, samples=6)
    sampled = betweenness(simple(twinning_network(data)), exact_limit=10, samples=6)
    assert sampled.sampled


@pytest.fixture(scope="module")
def synthetic_networks() -> dict[str, Any]:
    """The projections of a synthetic graph ten times the real data's size."""
    from tests.benchmarks.synthetic import synthetic_graph

    synthetic = extract(synthetic_graph(10, seed=0))
    return {name: simple(project(synthetic, name)) for name in GRAPHS}


def test_engines_agree_on_a_synthetic_graph_ten_times_larger(
    synthetic_networks: dict[str, Any],
) -> None:
    for name, g in synthetic_networks.items():
        assert g.number_of_nodes() + g.number_of_edges() >= IGRAPH_FROM, name
        assert uses_igraph(g)  # igraph is the default at this size
        assert pagerank(g) == pagerank(g, engine="igraph")
        _assert_engines_agree(g, exact_limit=50, samples=32)
        assert betweenness(g, exact_limit=50, samples=32).sampled  # a component is sampled


def test_engines_agree_on_disconnected_weighted_graphs_with_isolated_nodes() -> None:
    g = nx.Graph()
    nx.add_path(g, ["a", "b", "c", "d"], weight=2.0)
    nx.add_star(g, ["hub", "x", "y", "z"])
    g.add_edge("x", "y", weight=5.0)
    g.add_edge("p", "q", weight=3.0)
    g.add_nodes_from(["alone", "lonely"])
    _assert_engines_agree(g, exact_limit=3, samples=2)
    for engine in ("networkx", "igraph"):
        assert closeness(g, engine=engine)["alone"] == 0.0
        assert eigenvector(g, engine=engine)["alone"] == 0.0
        assert eigenvector(g, engine=engine)["p"] == pytest.approx(math.sqrt(1 / 12))
        assert sum(pagerank(g, engine=engine).values()) == pytest.approx(1.0)
        assert closeness(nx.Graph(), engine=engine) == {}
        assert pagerank(nx.Graph(), engine=engine) == {}
    with pytest.raises(ValueError, match="engine"):
        pagerank(g, engine="scipy")  # type: ignore[arg-type]


def test_rank_ties_survive_rounding_noise(data: NetworkData) -> None:
    # the pairs of the twinning network tie mathematically; each engine sums in its own order
    g = twinning_network(data, 1992)
    for engine in ("networkx", "igraph"):
        values = eigenvector(simple(g), engine=engine)
        ranks = rank(values)
        for u, v in combinations(values, 2):
            if abs(values[u] - values[v]) < 1e-12:
                assert ranks[u] == ranks[v]
