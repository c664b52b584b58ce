"""Articles end to end: read, detect the language, extract, resolve; one article or a batch.

Owns :class:`Ingester` (the gazetteer, people index and resolver built once from the curated
tables, then reused for every article), :func:`collect` (files and folders to articles) and
the rendering of results as a table, JSON or CSV.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.errors import InputError, KgError, Problem, UsageError
from kg.ingest.extract import extract
from kg.ingest.gazetteer import Gazetteer
from kg.ingest.lang import LANGUAGES, detect
from kg.ingest.model import FACT_FIELDS, Article
from kg.ingest.people import PeopleIndex
from kg.ingest.resolve import Resolver
from kg.ingest.text import read_article
from kg.tables.schema import Tables

__all__ = ["ARTICLE_SUFFIXES", "Failure", "Ingester", "collect", "render"]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class Failure:
    """A file that could not be ingested, and why."""

    path: str
    message: str


def _date(text: str | None, where: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"{where}: '{text}' is not a date", "write YYYY-MM-DD") from exc


class Ingester:
    """Turns article texts into resolved facts against one set of curated tables."""

    def __init__(self, tables: Tables) -> None:
        self.gazetteer = Gazetteer.from_tables(tables)
        self.people = PeopleIndex(tables)
        self.resolver = Resolver(tables)

    def article(
        self,
        text: str,
        *,
        path: str = "",
        url: str = "",
        lang: str = "auto",
        published: str = "",
        publisher: str = "",
    ) -> Article:
        """The facts of one article's text."""
        language = detect(text) if lang == "auto" else lang
        if language not in LANGUAGES:
            raise UsageError(f"unknown language '{lang}'", "use auto, ru, ja or en")
        pub = _date(published, "--published")
        facts = extract(text, language, pub, self.gazetteer, self.people)
        numbers: dict[str, str] = {}
        for fact in facts:
            if fact.type == "meeting":
                numbers[str(fact.fields.get("number") or fact.fields.get("start"))] = (
                    self.resolver.meeting_number(fact.fields)
                )
        for fact in facts:
            if fact.type == "participation":
                meeting = str(fact.fields["meeting"])
                fact.fields["meeting"] = numbers.get(meeting) or meeting
            self.resolver.resolve(fact)
            person = fact.fields.get("person", "")
            if person and "person" not in fact.iris:  # a person the graph does not know yet
                fact.proposed["person"] = {f"label_{language}": person}
        title = next((line.strip() for line in text.splitlines() if line.strip()), "")[:200]
        return Article(path, url or (Path(path).resolve().as_uri() if path else ""), language,
                       published, title, facts, publisher)  # fmt: skip

    def files(self, paths: list[Path], **options: str) -> Iterator[tuple[Path, Article | Failure]]:
        """Each file's article, or the reason it failed; a failure never stops the batch."""
        for path in paths:
            try:
                text = read_article(path)
                yield path, self.article(text, path=str(path), **options)
            except KgError as exc:
                lines = [line.removeprefix("[ERROR] ") for line in exc.lines()]
                yield path, Failure(str(path), "; ".join(lines))
            except OSError as exc:
                yield path, Failure(str(path), exc.strerror or str(exc))


def collect(inputs: list[Path]) -> list[Path]:
    """The article files named or contained (one level) in ``inputs``, sorted per folder."""
    out: list[Path] = []
    missing = []
    for item in inputs:
        if item.is_dir():
            out += sorted(p for p in item.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
        elif item.exists():
            out.append(item)
        else:
            missing.append(Problem(str(item), None, None, "does not exist", "give a file"))
    if missing:
        raise InputError(missing)
    return out


def _cell(value: object) -> str:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def render(articles: list[Article], fmt: str) -> str:
    """The articles' facts as ``table``, ``json`` or ``csv``."""
    if fmt == "json":
        data = [a.to_json() for a in articles]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    header = ["article", "type", "status", "confidence", "fields", "evidence", "row"]
    rows = []
    for a in articles:
        for f in a.facts:
            fields = " ".join(
                f"{k}={_cell(f.fields.get(k, ''))}"
                for k in FACT_FIELDS[f.type]
                if f.fields.get(k, "") not in ("", [])
            )
            rows.append([a.path or a.url, f.type, f.status, f"{f.confidence:.2f}", fields,
                         f"{f.evidence[0]}-{f.evidence[1]}", f.row])  # fmt: skip
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buf.getvalue()
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"
