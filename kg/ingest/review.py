"""Review files: facts written in the data tables' own schema for a curator to check, and
reviewed files merged into ``data/``.

Owns :func:`write_candidates` (one CSV per table — meetings, participations, twinnings,
documents, visits — holding the new and conflicting facts, a municipalities file proposing
the places those facts name that the graph does not hold (blank where the id, country or
English label cannot be derived, for the curator to fill in), plus the evidence columns
``evidence_start``, ``evidence_end``, ``status``, ``article`` and ``review`` (what the
curator must fill in or check; never merged), and a ``sources.csv`` row
per article) and :func:`accept` (checks every reviewed file cell by cell, naming file, row
and field; adds the rows whose keys are not curated yet to a copy of the tables; builds and
validates that copy; only when it conforms, replaces the tables, each by rename). A rejected
or malformed review changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import tempfile
from datetime import date
from pathlib import Path

from kg.errors import InputError, NonConformanceError, Problem
from kg.ingest.meetings import SERIES
from kg.ingest.model import Article, Fact
from kg.tables.checks import read_checked
from kg.tables.schema import TABLES

__all__ = ["EVIDENCE_COLUMNS", "accept", "write_candidates"]

EVIDENCE_COLUMNS = ("evidence_start", "evidence_end", "status", "article", "review")
_TABLE_OF = {"meeting": "meetings", "participation": "participations",
             "twinning": "twinnings", "agreement": "documents", "visit": "visits"}  # fmt: skip


def _source_id(article: Article) -> str:
    digest = hashlib.sha1((article.url or article.path).encode()).hexdigest()[:8]
    return f"ingest-{article.published or 'undated'}-{digest}"


def _row(fact: Fact, source: str, places: dict[str, str]) -> dict[str, str]:
    f = fact.fields
    person = f.get("person", "")
    named = "person" in fact.iris  # the graph knows the person: its key goes in the row
    said = f"Named in the article: {person}." if person and not named else ""
    base = {"sources": source, "confidence": "low" if fact.confidence < 0.7 else "medium"}
    if fact.type == "meeting":
        return {
            **base,
            "number": str(f.get("number") or ""),
            "series": SERIES,
            "start": f.get("start", ""),
            "end": f.get("end", ""),
            "host": f.get("host", ""),
        }
    if fact.type == "participation":
        person = f.get("person", "")
        return {
            **base,
            "meeting": f.get("meeting", ""),
            "municipality": f.get("city", ""),
            "person": person if "-" in person else "",
            "role": f.get("role", ""),
            "note": f"Named in the article: {person}." if person and "-" not in person else "",
        }
    if fact.type == "visit":
        when = f.get("date", "")
        key = f"{f.get('from', '')}--{f.get('to', '')}--{when}" if when and f.get("from") else ""
        return {
            **base,
            "id": key,
            "from": f.get("from", ""),
            "to": f.get("to", ""),
            "start": when,
            "people": person if named else "",
            "note": said,
        }
    if fact.type == "twinning":
        a, b = f["places"]
        return {
            **base,
            "id": f"{a}--{b}",
            "japan": a,
            "russia": b,
            "kind": f.get("kind", ""),
            "established": f.get("established", ""),
        }
    parties = f.get("parties", [])
    return {**base, "id": "", "kind": "agreement", "label_en": f.get("title", "") + " ("
            + ", ".join(places.get(p, p) for p in parties) + ")", "date": f.get("date", ""),
            "parties": ";".join(parties)}  # fmt: skip


def _place_row(prop: dict[str, str], source: str, fact: Fact, article: Article) -> dict[str, str]:
    """A municipalities row proposing a place the graph does not hold (ids never guessed)."""
    return {"id": prop.get("id", ""), "level": prop.get("level", ""),
            "country": prop.get("country", ""), "region": prop.get("region", ""),
            "label_en": prop.get("label_en", ""),
            "label_ru": prop.get("label_ru", ""), "label_ja": prop.get("label_ja", ""),
            "sources": source, "confidence": "low", "review": _to_check(prop),
            "evidence_start": str(fact.evidence[0]), "evidence_end": str(fact.evidence[1]),
            "status": "new", "article": article.path or article.url}  # fmt: skip


def _to_check(prop: dict[str, str]) -> str:
    """What the curator must fill in or check before a proposed place can be accepted."""
    todo = [prop["note"]] if prop.get("note") else []
    if not prop.get("label_ru") and not prop.get("label_ja"):
        todo.append("give its Russian or Japanese name (the article gives only the English)")
    if not prop.get("label_en"):
        todo.append("give its English name")
    return "; ".join(todo)


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(path)


def write_candidates(articles: list[Article], folder: Path) -> list[str]:
    """Write the review files for ``articles`` into ``folder``; return what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    tables: dict[str, list[dict[str, str]]] = {name: [] for name in _TABLE_OF.values()}
    places: dict[str, dict[str, str]] = {}  # new places named by the facts, by key
    sources = []
    for article in articles:
        sid = _source_id(article)
        sources.append({"id": sid, "url": article.url, "title": article.title,
                        "publisher": article.publisher or "", "publisher_kind": "news",
                        "published": article.published,
                        "accessed": date.today().isoformat(), "language": article.lang,
                        "kind": "news", "note": ""})  # fmt: skip
        for fact in article.facts:
            if fact.status == "known" or fact.type not in _TABLE_OF:
                continue
            row = _row(fact, sid, {})
            row.update({"evidence_start": str(fact.evidence[0]),
                        "evidence_end": str(fact.evidence[1]), "status": fact.status,
                        "article": article.path or article.url})  # fmt: skip
            tables[_TABLE_OF[fact.type]].append(row)
            for prop in fact.proposed.get("places", []):
                key = prop["id"] or next(v for k, v in prop.items() if k.startswith("label_"))
                places.setdefault(key, _place_row(prop, sid, fact, article))
    out = []
    tables["municipalities"] = list(places.values())
    for name, rows in {**tables, "sources": sources}.items():
        header = [c.name for c in TABLES[name].columns]
        if name != "sources":
            header += list(EVIDENCE_COLUMNS)
        _write_csv(folder / TABLES[name].file, header, rows)
        out.append(f"wrote {folder / TABLES[name].file} ({len(rows)} rows)")
    return out


def _stripped(review: Path, scratch: Path) -> None:
    """The review file without the evidence columns, for the table checks."""
    with review.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        shutil.copy(review, scratch / review.name)
        return
    keep = [i for i, h in enumerate(rows[0]) if h.strip() not in EVIDENCE_COLUMNS]
    with (scratch / review.name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for row in rows:
            writer.writerow([row[i] if i < len(row) else "" for i in keep] if len(row) >= len(
                rows[0]) else row)  # fmt: skip


def accept(folder: Path, data: Path, ontology: Path) -> list[str]:
    """Merge the reviewed files of ``folder`` into the tables of ``data``, atomically."""
    from kg.pipeline import check
    from kg.validate import format_report

    reviews = [folder / spec.file for spec in TABLES.values() if (folder / spec.file).is_file()]
    if not reviews:
        raise InputError([Problem(str(folder), None, None, "holds no review files",
                                  "write them with `kg ingest ... --candidates DIR`")])  # fmt: skip
    problems: list[Problem] = []
    added: dict[str, list[list[str]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "review"
        scratch.mkdir()
        for review in reviews:
            _stripped(review, scratch)
            spec = next(s for s in TABLES.values() if s.file == review.name)
            rows, found = read_checked(spec, scratch)
            problems += [p._replace(file=str(review)) for p in found]
            added[spec.name] = [[r.get(c.name) for c in spec.columns] for r in rows]
        if problems:
            raise InputError(problems)
        merged = Path(tmp) / "data"
        shutil.copytree(data, merged)
        counts = {}
        for name, new_rows in added.items():
            spec = TABLES[name]
            target = merged / spec.file
            existing, _ = read_checked(spec, merged)
            keys = {r.key for r in existing}
            with target.open(encoding="utf-8-sig", newline="") as handle:
                header = next(csv.reader(handle))
            fresh = []
            for cells in new_rows:
                record = dict(zip([c.name for c in spec.columns], cells, strict=True))
                key = "/".join(record.get(c, "") for c in spec.key)
                if key not in keys:
                    keys.add(key)
                    fresh.append([record.get(h.strip(), "") for h in header])
            if fresh:
                text = target.read_text(encoding="utf-8")
                with target.open("a", encoding="utf-8", newline="") as handle:
                    if text and not text.endswith("\n"):
                        handle.write("\n")
                    csv.writer(handle, lineterminator="\n").writerows(fresh)
            counts[spec.file] = len(fresh)
        checked = check(merged, ontology)
        if not checked.report.conforms:
            raise NonConformanceError(checked.report, format_report(checked.report))
        staged = []
        for file, n in counts.items():
            if n:
                tmp_target = data / (file + ".accept.tmp")
                shutil.copyfile(merged / file, tmp_target)
                staged.append((tmp_target, data / file))
        for tmp_target, target in staged:
            tmp_target.replace(target)
    return [f"added {n} row(s) to {data / file}" for file, n in sorted(counts.items())] + [
        "the merged tables build and conform to every shape"
    ]
