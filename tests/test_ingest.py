"""``kg ingest``: facts from written test articles, the scorer on the development set,
review files and their merge, batch behaviour, and the light commands staying light."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kg.paths import data_dir, ontology_dir

pytest.importorskip("pymorphy3", reason="the optional 'ingest' dependencies are not installed")

from kg.ingest.dates import find_dates
from kg.ingest.evaluate import evaluate
from kg.ingest.numerals import number
from kg.ingest.run import Ingester
from kg.tables import load_tables

ROOT = Path(__file__).resolve().parent
DEV = ROOT / "ingest"
MODEL = DEV / "model" / "kamchatka-2019.txt"
# the founding report sits in a ``shared/seed`` folder beside the checkout (or beside the
# folder of checkouts); it is not part of the repository
SEED = next(
    (p / "shared" / "seed" for p in ROOT.parents[1:3] if (p / "shared" / "seed").is_dir()),
    ROOT.parent.parent / "shared" / "seed",
)

pytestmark = pytest.mark.xdist_group("ingest")

EXPECTED_2019 = {
    ("meeting", "27", "2019-08-22", "2019-08-23", "ru-petropavlovsk-kamchatsky"),
    ("meeting", "1", "1970", "", "ru-khabarovsk"),
    ("meeting", "", "2015", "", "ru-vladivostok"),
    ("meeting", "", "2017", "", "jp-niigata"),
    ("participation", "27", "ru-khabarovsk", "mayor"),
    ("participation", "27", "ru-blagoveshchensk", "mayor"),
    ("participation", "27", "ru-nakhodka", "mayor"),
    ("participation", "27", "jp-niigata", "mayor"),
    ("participation", "27", "jp-maizuru", "mayor"),
    ("participation", "27", "jp-toyama", "representative"),
    ("participation", "27", "jp-kanazawa", "representative"),
}


@pytest.fixture(scope="module")
def ingester() -> Ingester:
    return Ingester(load_tables(data_dir()))


def _keys(facts: list[dict[str, object]]) -> set[tuple[str, ...]]:
    out = set()
    for f in facts:
        if f["type"] == "meeting":
            out.add(("meeting", str(f["number"]), str(f["start"]), str(f["end"]), str(f["host"])))
        elif f["type"] == "participation":
            out.add(("participation", str(f["meeting"]), str(f["city"]), str(f["role"])))
    return out


def _facts(ingester: Ingester, text: str, published: str) -> list[dict[str, Any]]:
    """The facts of one article, as JSON."""
    return [f.to_json() for f in ingester.article(text, published=published).facts]


def _check_2019(ingester: Ingester, path: Path) -> None:
    article = ingester.article(path.read_text(encoding="utf-8"), published="2019-08-22")
    facts = [f.to_json() for f in article.facts]
    assert article.lang == "ru"
    assert _keys(facts) == EXPECTED_2019
    assert {f["status"] for f in facts} == {"known"}
    text = path.read_text(encoding="utf-8")
    for f in facts:
        ev = f["evidence"]
        assert 0 <= ev["start"] < ev["end"] <= len(text)
        assert f["row"].startswith("data/")


def test_article_modelled_on_the_founding_report(ingester: Ingester) -> None:
    _check_2019(ingester, MODEL)


def test_founding_report_itself(ingester: Ingester) -> None:
    files = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    if not files:
        pytest.skip(
            f"the founding report is not beside this checkout ({SEED}); "
            "the modelled article above covers the same facts"
        )
    for path in files:
        _check_2019(ingester, path)


def test_development_set_scores(ingester: Ingester) -> None:
    scores = evaluate(DEV, ingester)
    _p, _r, f, gold = scores.total()
    assert gold >= 80
    assert f >= 0.8, scores.misses
    for lang in ("ru", "ja", "en"):
        assert scores.total(lang=lang)[2] >= 0.7, (lang, scores.misses)
    assert len(list(DEV.rglob("*.json"))) >= 30


def test_dates_and_numerals() -> None:
    pub = date(2019, 8, 22)
    assert [d.value for d in find_dates("открылась в четверг", "ru", pub)] == ["2019-08-22"]
    assert [d.value for d in find_dates("昨年8月に", "ja", pub)] == ["2018-08"]
    assert [d.value for d in find_dates("two years ago", "en", pub)] == ["2017"]
    spans = find_dates("令和元年8月22日と23日", "ja", None)
    assert [(d.value, d.until) for d in spans] == [("2019-08-22", "2019-08-23")]
    assert (number("XXVII"), number("二十七"), number("27")) == (27, 27, 27)


def test_negation_and_plans_state_no_fact(ingester: Ingester) -> None:
    text = (
        "Мэр Владивостока не сможет приехать на встречу. "
        "Ниигата и Хабаровск планируют подписать новое соглашение о побратимстве."
    )
    article = ingester.article(text, published="2019-08-20")
    assert article.facts == []


def _kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT.parent)}
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


def test_batch_skips_a_failing_file_and_prints_json(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(DEV / "04.txt", folder / "a.txt")
    (folder / "b.txt").write_bytes(b"\xff\xfe\x00broken")
    result = _kg("ingest", str(folder), "--published", "2019-09-19", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "b.txt skipped" in result.stderr
    assert "a.txt: ru, 2 facts" in result.stderr
    data = json.loads(result.stdout)
    facts = data["facts"]
    assert {f["type"] for f in facts} == {"twinning", "agreement"}
    assert all({"status", "confidence", "evidence", "iris"} <= f.keys() for f in facts)


def test_candidates_then_accept_merges_atomically(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(data_dir(), data)
    article = tmp_path / "kamo.txt"
    article.write_text(
        "Мэр Ниигаты и мэр Иркутска подписали 5 мая 2019 года соглашение о побратимских "
        "связях между городами. Делегация Иркутска посетила Ниигату 10 июня 2019 года.\n",
        encoding="utf-8",
    )
    review = tmp_path / "review"
    result = _kg(
        "ingest",
        str(article),
        "--candidates",
        str(review),
        "--data",
        str(data),
        "--url",
        "https://example.org/report",
        "--publisher",
        "Example",
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((review / "twinnings.csv").open(encoding="utf-8")))
    assert [(r["japan"], r["russia"], r["established"], r["status"]) for r in rows] == [
        ("jp-niigata", "ru-irkutsk", "2019-05-05", "new")
    ]
    before = (data / "twinnings.csv").read_bytes()
    # a malformed review changes nothing and names file, row and field
    bad = rows[0] | {"kind": "cousin"}
    with (review / "twinnings.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerow(bad)
    result = _kg("ingest", "--accept", str(review), "--data", str(data))
    assert result.returncode == 2
    assert f"{review / 'twinnings.csv'}:2 [kind]" in result.stderr
    assert (data / "twinnings.csv").read_bytes() == before
    # the reviewed file is merged, with the article's source row
    with (review / "twinnings.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerow(rows[0])
    (review / "documents.csv").unlink()
    result = _kg(
        "ingest", "--accept", str(review), "--data", str(data), "--ontology", str(ontology_dir())
    )
    assert result.returncode == 0, result.stderr
    merged = load_tables(data)
    row = merged.by_key("twinnings")["jp-niigata--ru-irkutsk"]
    source = merged.by_key("sources")[row.get("sources")]
    assert source.get("url") == "https://example.org/report"
    visit = merged.by_key("visits")["ru-irkutsk--jp-niigata--2019-06-10"]
    assert (visit.get("from"), visit.get("to"), visit.get("start")) == (
        "ru-irkutsk",
        "jp-niigata",
        "2019-06-10",
    )
    assert visit.get("sources") == row.get("sources")


def test_light_commands_do_not_load_the_nlp_stack() -> None:
    code = (
        "import sys; from kg.cli import build_parser; build_parser('query'); "
        "build_parser('build'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'pymorphy3', 'trafilatura', 'dateparser'} or m.startswith('kg.ingest')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT.parent)},
        check=True,
    )
    assert out.stdout.strip() == "[]"


def test_html_page_main_text_without_boilerplate(ingester: Ingester, tmp_path: Path) -> None:
    from kg.ingest.text import read_article

    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>City news</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a> | Niigata and Vladivostok "
        "sister cities since 1991</nav><main><article><h1>Mayors meet</h1>"
        "<p>Maizuru and Nakhodka became sister cities in June 1961, the first tie of its "
        "kind between the two countries.</p><p>Officials from both ports met again this "
        "year to plan exchanges of students and of sports teams between the cities.</p>"
        "</article></main><footer>Copyright City Hall. All rights reserved.</footer>"
        "</body></html>",
        encoding="utf-8",
    )
    text = read_article(page)
    assert "Maizuru and Nakhodka" in text
    assert "Copyright" not in text
    facts = _facts(ingester, text, "1961-07-01")
    assert [(f["type"], f["places"], f["established"]) for f in facts] == [
        ("twinning", ["jp-maizuru", "ru-nakhodka"], "1961-06")
    ]


def test_people_resolved_or_proposed_with_their_labels(ingester: Ingester) -> None:
    text = (
        "The 25th meeting of mayors of the Russian Far East and the western coast of Japan "
        "opened in Vladivostok on August 24, 2015. Akita Mayor Motomu Hozumi and Niigata "
        "Mayor Akira Shinoda were among the participants."
    )
    facts = _facts(ingester, text, "2015-08-25")
    people = {f["city"]: f for f in facts if f["type"] == "participation"}
    assert people["jp-niigata"]["person"] == "shinoda-akira"
    assert people["jp-niigata"]["iris"]["person"].endswith("/person/shinoda-akira")
    assert "proposed" not in people["jp-niigata"]
    assert people["jp-akita"]["person"] == "Motomu Hozumi"
    assert people["jp-akita"]["proposed"] == {"person": {"label_en": "Motomu Hozumi"}}


def _proposed(facts: list[dict[str, object]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for f in facts:
        for place in f.get("proposed", {}).get("places", []):  # type: ignore[attr-defined]
            out[place["id"] or place.get("label_ja", "")] = place
    return out


def test_new_places_proposed_with_labels_country_and_key(ingester: Ingester) -> None:
    ru = ingester.article(
        "Делегация города Уссурийска прибыла в Ниигату 12 октября 2018 года. "
        "Японская делегация из города Касивадзаки прибыла в Дальнегорск 14 августа 2017 года. "
        "В городе Дальнегорске гости провели переговоры.",
        published="2018-10-15",
    )
    facts = [f.to_json() for f in ru.facts]
    assert [(f["type"], f["from"], f["to"], f["date"]) for f in facts] == [
        ("visit", "ru-ussuriysk", "jp-niigata", "2018-10-12"),
        ("visit", "jp-kashiwazaki", "ru-dalnegorsk", "2017-08-14"),
    ]
    places = _proposed(facts)
    ussuriysk = {k: v for k, v in places["ru-ussuriysk"].items() if k != "note"}
    assert ussuriysk == {"id": "ru-ussuriysk", "country": "RU", "level": "city", "status": "new",
                         "label_en": "Ussuriysk", "label_ru": "Уссурийск"}  # fmt: skip
    assert "English" in places["ru-ussuriysk"]["note"]  # a romanised key is to be checked
    assert places["jp-kashiwazaki"]["label_ru"] == "Касивадзаки"
    assert places["jp-kashiwazaki"]["country"] == "JP"
    assert places["ru-dalnegorsk"]["label_ru"] == "Дальнегорск"  # found without its cue too
    ja = ingester.article("佐渡市の訪問団が3日、ロシア沿海地方のパルチザンスク市を訪問した。",
                          published="2019-10-05")  # fmt: skip
    places = _proposed([f.to_json() for f in ja.facts])
    assert places["佐渡市"]["country"] == "JP" and places["佐渡市"]["id"] == ""
    assert places["パルチザンスク市"]["region"] == "ru-primorsky-krai"
    assert places["パルチザンスク市"]["country"] == "RU"
    far = ingester.article("カリフォルニア州の代表団が新潟市を訪問した。", published="2019-10-05")
    places = _proposed([f.to_json() for f in far.facts])
    assert places["カリフォルニア州"]["country"] == ""  # katakana alone does not make it Russian
    en = ingester.article(
        "A delegation led by the mayor of Dalnegorsk, a mining town in Primorsky Krai, "
        "arrived in Niigata on 28 September 2015.",
        published="2015-09-30",
    )
    facts = [f.to_json() for f in en.facts]
    assert [(f["from"], f["to"]) for f in facts] == [("ru-dalnegorsk", "jp-niigata")]
    # a name the graph holds under its key is that place, not a new one
    known = ingester.article("Делегация города Находки посетила Майдзуру 3 мая 2019 года.",
                             published="2019-05-05")  # fmt: skip
    assert [f.to_json().get("proposed") for f in known.facts] == [None]


def test_candidates_propose_new_places_as_municipality_rows(tmp_path: Path) -> None:
    article = tmp_path / "artyom.txt"
    article.write_text(
        "A delegation from the Russian city of Artyom visited Joetsu City on 5 July 2019.\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    shutil.copytree(data_dir(), data)
    review = tmp_path / "review"
    result = _kg("ingest", str(article), "--candidates", str(review), "--data", str(data),
                 "--url", "https://example.org/artyom", "--publisher", "Example")  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = review / "municipalities.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [(r["id"], r["country"], r["label_en"], r["status"]) for r in rows] == [
        ("ru-artyom", "RU", "Artyom", "new")
    ]
    assert "Russian or Japanese name" in rows[0]["review"]  # what the curator must add
    visits = list(csv.DictReader((review / "visits.csv").open(encoding="utf-8")))
    assert [(v["from"], v["to"]) for v in visits] == [("ru-artyom", "jp-joetsu")]
    # once the curator gives the Russian name, the place and its visit are merged
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerow(rows[0] | {"label_ru": "Артём", "review": ""})
    result = _kg(
        "ingest", "--accept", str(review), "--data", str(data), "--ontology", str(ontology_dir())
    )
    assert result.returncode == 0, result.stderr
    merged = load_tables(data)
    assert merged.by_key("municipalities")["ru-artyom"].get("label_ru") == "Артём"
    assert merged.by_key("visits")["ru-artyom--jp-joetsu--2019-07-05"].get("from") == "ru-artyom"


def test_national_delegation_and_the_two_cities_look_back(ingester: Ingester) -> None:
    text = (
        "Twenty-five years ago, on June 3, 1993, Ishikari and the Russian port town of Vanino "
        "signed a sister city agreement, one of the first ties between Hokkaido and Khabarovsk "
        "Krai. The Russian delegation arrived in Ishikari on June 2 and was received at city "
        "hall."
    )
    facts = _facts(ingester, text, "2018-06-05")
    got = {(f["type"], str(f.get("places") or f.get("parties") or f.get("from"))) for f in facts}
    assert got == {
        ("twinning", "['jp-ishikari', 'ru-vanino']"),
        ("agreement", "['jp-ishikari', 'ru-vanino']"),
        ("visit", "ru-vanino"),
    }


def test_a_place_named_by_a_noun_phrase_is_resolved(ingester: Ingester) -> None:
    text = (
        "The 24th Japan-Russia coastal mayors' conference opened in Maizuru on August 22. "
        "The mayors of Niigata and Hakodate attended. The Japanese port city, which became "
        "Nakhodka's sister city in 1961, showed its guests a museum."
    )
    facts = _facts(ingester, text, "2013-08-24")
    ties = [(f["places"], f["established"]) for f in facts if f["type"] == "twinning"]
    assert ties == [(["jp-maizuru", "ru-nakhodka"], "1961")]  # the host, not the last city
    ru = ingester.article(
        "Делегация Хабаровска прибыла в Ниигату 20 июля 2015 года. Визит приурочен к юбилею "
        "побратимских связей, которые города установили в 1965 году.",
        published="2015-07-22",
    )
    got = [(f.type, f.fields.get("places") or f.fields.get("from")) for f in ru.facts]
    assert got == [("visit", "ru-khabarovsk"), ("twinning", ["jp-niigata", "ru-khabarovsk"])]
