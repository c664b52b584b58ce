"""`kg stats` counts agree with the tables they summarise."""

from __future__ import annotations

import json
from pathlib import Path

from kg.stats import coverage
from kg.tables import load_tables
from tests.helpers import run_cli


def test_sections_add_up(data_dir: Path) -> None:
    tables = load_tables(data_dir)
    report = coverage(tables)
    twinnings = tables.rows["twinnings"]
    for title in (
        "Twinnings by kind",
        "Twinnings by decade established",
        "Twinnings by latest status",
    ):
        assert sum(r[-1] for r in report.section(title).rows) == len(twinnings), title
    unknown = dict(report.section("Twinnings by decade established").rows).get("unknown", 0)
    assert unknown == sum(1 for r in twinnings if not r.get("established"))
    places = report.section("Municipalities and regions by country and level").rows
    assert sum(r[-1] for r in places) == len(tables.rows["municipalities"])
    conf = dict(report.section("Conferences").rows)
    assert conf["conferences curated"] == len(tables.rows["meetings"])
    numbers = {r.get("number") for r in tables.rows["meetings"]}
    missing = str(conf["numbers not yet curated"]).split(", ")
    assert not numbers & set(missing)
    per = report.section("Participation rows per conference").rows
    assert sum(r[1] for r in per) == len(tables.rows["participations"])


def test_unlinked_municipalities_are_listed(data_dir: Path) -> None:
    tables = load_tables(data_dir)
    listed = {
        r[0]
        for r in coverage(tables).section("Municipalities without a Wikidata or GeoNames link").rows
    }
    want = {
        r.get("id")
        for r in tables.rows["municipalities"]
        if not (r.get("wikidata") or r.get("geonames"))
    }
    assert listed == want


def test_cli_stats_text_and_json() -> None:
    text = run_cli(["stats"])
    assert text.exit_code == 0
    assert "Twinnings by kind" in text.stdout
    data = json.loads(run_cli(["stats", "--format", "json"]).stdout)
    assert "Sources by language" in data
    assert all("sources" in row for row in data["Sources by language"])


def test_trust_sections_add_up(data_dir: Path) -> None:
    tables = load_tables(data_dir)
    report = coverage(tables)
    values = dict(report.section("Value-level provenance").rows)
    assert (
        values["with at least one supporting source"]
        <= values["displayed values (filled cells of fact rows)"]
    )
    assert (
        values["with their own per-value citation (citations.csv)"]
        + values["citing their row's sources"]
        == values["displayed values (filled cells of fact rows)"]
    )
    kinds = report.section("Sources by publisher kind").rows
    assert sum(r[-1] for r in kinds) == len(tables.rows["sources"])
    places = dict(report.section("Places with real coordinates").rows)
    assert places["with coordinates"] + places["without coordinates"] == len(
        tables.rows["municipalities"]
    )
    assert places["coordinates cited to reference data only"] <= places["with coordinates"]
    editions = dict(report.section("Conference editions").rows)
    numbers = [int(r.get("number")) for r in tables.rows["meetings"]]
    assert editions["editions known to exist (1 to the latest number)"] == max(numbers)
    assert editions["with year and host"] <= min(editions["with a year"], editions["with a host"])
    undated = str(editions["editions whose year is not yet sourced"]).split(", ")
    dated = {r.get("number") for r in tables.rows["meetings"] if r.get("start")}
    assert not dated & set(undated)
    assert len(undated) + len(dated) == max(numbers)
