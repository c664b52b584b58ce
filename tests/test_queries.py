"""Every named query answers its question on the real data; answers are checked against
what the curated tables say."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kg.query.citations import sources_per_value, value_sources
from kg.query.named import bind, get_query, list_queries, with_values
from kg.query.store import open_store, run, select
from kg.tables import Tables, load_tables
from kg.tables.citations import load_citations
from kg.tables.citations import value_sources as cell_sources
from kg.vocab import codes, iris
from tests.helpers import run_cli

STABLE = {
    "twinnings": [
        "japan",
        "japan_label",
        "russia",
        "russia_label",
        "kind",
        "established",
        "status",
    ],
    "conferences": ["number", "start", "end", "host", "host_label", "host_country"],
    "participants": ["number", "municipality", "municipality_label", "country", "person", "role"],
    "members": ["association", "municipality", "municipality_label", "country"],
}


@pytest.fixture(scope="module")
def store(built_out: Path) -> Any:
    return open_store(built_out / "store")


@pytest.fixture(scope="module")
def tables(data_dir: Path) -> Tables:
    return load_tables(data_dir)


def named(store: Any, name: str, **params: str) -> list[dict[str, str]]:
    query = get_query(name)
    return select(store, query.text, bindings=bind(query, params))


def test_at_least_fifteen_documented_queries() -> None:
    queries = list_queries()
    assert len(queries) >= 15
    for q in queries:
        assert q.question.endswith("?"), q.name
        assert q.columns, q.name


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_query_returns_its_documented_columns(query: Any, store: Any) -> None:
    params = {
        p.name: "jp-niigata" if p.kind == "place" else iris.agreement("jp-niigata--ru-khabarovsk")
        for p in query.params
    }
    result = run(store, query.text, bindings=bind(query, params))
    assert [v.value for v in result.variables] == list(query.columns)


def test_stable_interface_columns() -> None:
    for name, columns in STABLE.items():
        assert list(get_query(name).columns) == columns


def _latest_status(tables: Tables) -> dict[str, str]:
    """The latest change of state of each tie (founding events are not states)."""
    latest: dict[str, str] = {}
    for row in sorted(tables.rows["twinning_status"], key=lambda r: r.get("date")):
        if row.get("status") in codes.STATUS_STATES:
            latest[row.get("agreement")] = row.get("status")
    return latest


def test_twinnings_match_the_table(store: Any, tables: Tables) -> None:
    rows = named(store, "twinnings")
    assert len(rows) == len(tables.rows["twinnings"])
    by_pair = {(r["japan"], r["russia"], r["kind"]): r for r in rows}
    latest = _latest_status(tables)
    for t in tables.rows["twinnings"]:
        row = by_pair[(iris.place(t.get("japan")), iris.place(t.get("russia")), t.get("kind"))]
        assert row["established"] == t.get("established")
        assert row["status"] == latest.get(t.get("id"), "")


def test_first_and_27th_conferences(store: Any) -> None:
    rows = {int(r["number"]): r for r in named(store, "conferences")}
    assert rows[1]["host_label"] == "Khabarovsk" and rows[1]["start"].startswith("1970")
    assert rows[1]["host_country"] == "RU"
    assert rows[27]["host"] == iris.place("ru-petropavlovsk-kamchatsky")
    assert (rows[27]["start"], rows[27]["end"]) == ("2019-08-22", "2019-08-23")


def test_conferences_match_the_table(store: Any, tables: Tables) -> None:
    rows = {r["number"]: r for r in named(store, "conferences")}
    assert set(rows) == {m.get("number") for m in tables.rows["meetings"]}
    for m in tables.rows["meetings"]:
        assert rows[m.get("number")]["start"] == m.get("start")
        assert rows[m.get("number")]["host"] == (iris.place(m.get("host")) if m.get("host") else "")


def test_participants_match_the_table(store: Any, tables: Tables) -> None:
    rows = named(store, "participants")
    assert len(rows) == len(tables.rows["participations"])
    got = Counter((r["number"], r["municipality"], r["role"]) for r in rows)
    want = Counter(
        (p.get("meeting"), iris.place(p.get("municipality")), p.get("role"))
        for p in tables.rows["participations"]
    )
    assert got == want


def test_members_match_the_table(store: Any, tables: Tables) -> None:
    rows = named(store, "members")
    want = {(m.get("organisation"), m.get("municipality")) for m in tables.rows["memberships"]}
    assert len(rows) == len(want)


def test_partners_of_niigata(store: Any, tables: Tables) -> None:
    rows = named(store, "partners", city="jp-niigata")
    want = {
        iris.place(t.get("russia"))
        for t in tables.rows["twinnings"]
        if t.get("japan") == "jp-niigata"
    }
    assert {r["partner"] for r in rows} == want and want


def test_eras_partition_the_dated_ties(store: Any, tables: Tables) -> None:
    soviet = named(store, "soviet-era-ties")
    later = named(store, "post-soviet-ties")
    dated = [t for t in tables.rows["twinnings"] if t.get("established")]
    assert len(soviet) + len(later) == len(dated)
    assert all(r["established"][:4] < "1992" for r in soviet)
    assert len(soviet) == sum(1 for t in dated if int(t.get("established")[:4]) < 1992)


def test_counts_by_kind_and_decade(store: Any, tables: Tables) -> None:
    kinds = {r["kind"]: int(r["ties"]) for r in named(store, "ties-by-kind")}
    assert kinds == dict(Counter(t.get("kind") for t in tables.rows["twinnings"]))
    decades = sum(int(r["ties"]) for r in named(store, "ties-by-decade"))
    assert decades == len(tables.rows["twinnings"])


def test_suspended_ties(store: Any, tables: Tables) -> None:
    rows = named(store, "suspended-ties")
    want = [s for s in tables.rows["twinning_status"] if s.get("status") in ("suspended", "ended")]
    assert len(rows) == len(want)
    assert any(r["japan_label"] == "Niigata" and r["date"].startswith("2022") for r in rows)


def test_host_countries_and_repeat_hosts(store: Any, tables: Tables) -> None:
    hosts = [m.get("host") for m in tables.rows["meetings"] if m.get("host")]
    by_country = {
        r["host_country"]: int(r["conferences"])
        for r in named(store, "conferences-by-host-country")
    }
    assert sum(by_country.values()) == len(hosts)
    assert by_country["RU"] == sum(1 for h in hosts if h.startswith("ru-"))
    repeat = {r["host"]: int(r["times"]) for r in named(store, "repeat-hosts")}
    want = {iris.place(h): n for h, n in Counter(hosts).items() if n > 1}
    assert repeat == want


def test_participation_per_city_and_without_twin(store: Any, tables: Tables) -> None:
    per = {r["municipality"]: int(r["conferences"]) for r in named(store, "participation-per-city")}
    want = Counter(iris.place(p.get("municipality")) for p in tables.rows["participations"])
    assert per == dict(want)
    twinned = {t.get(c) for t in tables.rows["twinnings"] for c in ("japan", "russia")}
    without = {r["municipality"] for r in named(store, "participants-without-twin")}
    assert without == {m for m in want if m.rsplit("/", 1)[1] not in twinned}


def test_repeat_attendees(store: Any, tables: Tables) -> None:
    seen: dict[str, set[str]] = {}
    for p in tables.rows["participations"]:
        if p.get("person"):
            seen.setdefault(iris.person(p.get("person")), set()).add(p.get("meeting"))
    want = {k for k, v in seen.items() if len(v) > 1}
    assert {r["person"] for r in named(store, "repeat-attendees")} == want


def test_officers_and_mayors(store: Any, tables: Tables) -> None:
    orgs = tables.ids("organisations")
    officers = named(store, "officers")
    assert len(officers) == sum(1 for p in tables.rows["posts"] if p.get("of") in orgs)
    assert any(r["post"] == "secretariat_head" and "Ivanova" in r["person_label"] for r in officers)
    mayors = named(store, "mayors")
    assert len(mayors) == sum(1 for p in tables.rows["posts"] if p.get("of") not in orgs)


def test_imprecise_and_single_source_facts(store: Any, tables: Tables) -> None:
    rows = named(store, "imprecise-dates")
    ties = [r for r in rows if r["class"] == "TwinningAgreement"]
    assert len(ties) == sum(1 for t in tables.rows["twinnings"] if len(t.get("established")) != 10)
    single = {r["fact"] for r in named(store, "single-source-facts")}
    assert (
        iris.agreement("jp-niigata--ru-khabarovsk") in single
        or len(
            next(
                t for t in tables.rows["twinnings"] if t.get("id") == "jp-niigata--ru-khabarovsk"
            ).list("sources")
        )
        > 1
    )
    one = [t for t in tables.rows["twinnings"] if len(t.list("sources")) == 1]
    assert {iris.agreement(t.get("id")) for t in one} <= single


def test_conflicting_claims(store: Any, tables: Tables) -> None:
    rows = named(store, "conflicting-claims")
    assert len({(r["fact"], r["property"], r["claimed"]) for r in rows}) == len(
        tables.rows["claims"]
    )


def test_sources_of_a_resource(store: Any, tables: Tables) -> None:
    tie = next(t for t in tables.rows["twinnings"] if t.get("id") == "jp-niigata--ru-khabarovsk")
    rows = named(store, "sources-of", resource=iris.agreement(tie.get("id")))
    own = {r["source"] for r in rows if not r["property"].endswith("#statusChange")}
    assert own == {iris.source(s) for s in tie.list("sources")}
    # The links to its lifecycle events cite the sources of those events' rows.
    events = {r["source"] for r in rows if r["property"].endswith("#statusChange")}
    assert events == {
        iris.source(s)
        for e in tables.rows["twinning_status"]
        if e.get("agreement") == tie.get("id")
        for s in e.list("sources")
    }
    # One row per value and source: each column's value cites the sources of its cell.
    citations = load_citations(tables)
    kind = {r["source"] for r in rows if r["property"].endswith("#agreementKind")}
    assert kind == {iris.source(s) for s in cell_sources(tie, "kind", citations)}
    assert {r["value"] for r in rows if r["property"].endswith("#established")} == {
        tie.get("established")
    }
    assert not [r for r in rows if r["property"].endswith(("#confidence", "#curatedIn"))]


def test_sources_of_a_derived_link_are_the_agreements(store: Any, tables: Tables) -> None:
    """On Niigata's page, its twinnedWith Khabarovsk cites the agreement's sources, not the
    sources of the Niigata row (a GeoNames package, pages about other partners)."""
    tie = next(t for t in tables.rows["twinnings"] if t.get("id") == "jp-niigata--ru-khabarovsk")
    rows = named(store, "sources-of", resource=iris.place("jp-niigata"))
    khabarovsk = iris.place("ru-khabarovsk")
    linked = {
        r["source"]
        for r in rows
        if r["property"].endswith("#twinnedWith") and r["value"] == khabarovsk
    }
    assert linked == {iris.source(s) for s in tie.list("sources")}
    niigata = next(m for m in tables.rows["municipalities"] if m.get("id") == "jp-niigata")
    assert linked != {iris.source(s) for s in niigata.list("sources")}


def test_value_sources_agree_with_the_named_query(store: Any) -> None:
    for subject in (
        iris.place("jp-niigata"),
        iris.participation("coastal-mayors-conference", "27", "ru-khabarovsk"),
        iris.agreement("jp-hiroshima--ru-volgograd"),
    ):
        rows = named(store, "sources-of", resource=subject)
        want: dict[str, set[str]] = {}
        for r in rows:
            want.setdefault(r["property"], set()).add(r["source"])
        got = value_sources(store, subject)
        assert got == {p: sorted(s) for p, s in sorted(want.items())}, subject
        per_value = sources_per_value(store, subject)
        assert {v.property for v in per_value} == set(got)
        assert all(v.sources for v in per_value)


def test_parameters_are_bound_as_terms_not_text(store: Any) -> None:
    query = get_query("partners")
    # A value full of SPARQL syntax is one IRI that matches nothing, not an injection.
    terms = bind(query, {"city": "jp-niigata> } UNION { ?a ?b ?c"})
    assert select(store, query.text, bindings=terms) == []
    text = with_values(query.text, bind(query, {"city": "jp-niigata"}))
    assert "VALUES (?city) { (<https://w3id.org/rujp/id/place/jp-niigata>) }" in text


def test_cli_named_query_formats(built_out: Path) -> None:
    store = ["--store", str(built_out / "store")]
    out = run_cli(["query", "--name", "conferences", "--format", "csv", *store])
    assert out.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == STABLE["conferences"]
    tsv = run_cli(["query", "--name", "twinnings", "--format", "tsv", *store])
    assert tsv.stdout.splitlines()[0] == "\t".join(f"?{c}" for c in STABLE["twinnings"])
    listed = run_cli(["queries"])
    assert "partners" in listed.stdout and "--param city=<place>" in listed.stdout


def test_cli_param_errors_exit_2(built_out: Path) -> None:
    store = ["--store", str(built_out / "store")]
    missing = run_cli(["query", "--name", "partners", *store])
    assert missing.exit_code == 2 and "missing parameter" in missing.stderr
    bad = run_cli(["query", "--name", "partners", "--param", "town=x", *store])
    assert bad.exit_code == 2 and "unknown parameter" in bad.stderr
    unknown = run_cli(["query", "--name", "no-such-query", *store])
    assert unknown.exit_code == 2 and "no such named query" in unknown.stderr
    ok = run_cli(["query", "--name", "partners", "--param", "city=ru-khabarovsk", *store])
    assert ok.exit_code == 0 and "Niigata" in ok.stdout
