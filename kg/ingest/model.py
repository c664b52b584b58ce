"""The values ``kg ingest`` produces: a fact found in an article, and the article's facts.

Owns :class:`Fact` (type, interface fields, confidence, evidence offsets, status against the
graph, resolved IRIs) and :class:`Article`, with their JSON form — the interface of issue 11:
``{"url", "lang", "published", "facts": [...]}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["FACT_FIELDS", "FACT_TYPES", "Article", "Fact"]

#: The fields of each fact type, in output order (the public interface; keep the names).
FACT_FIELDS: dict[str, tuple[str, ...]] = {
    "meeting": ("name", "number", "start", "end", "host"),
    "participation": ("meeting", "city", "person", "role"),
    "visit": ("from", "to", "date", "person"),
    "twinning": ("places", "kind", "established"),
    "agreement": ("title", "parties", "date"),
}
FACT_TYPES = tuple(FACT_FIELDS)


@dataclass
class Fact:
    """One fact found in an article."""

    type: str
    fields: dict[str, Any]
    evidence: tuple[int, int]
    confidence: float
    status: str = "new"
    iris: dict[str, str] = field(default_factory=dict)
    row: str = ""
    curated: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    proposed: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The fact as the JSON interface writes it."""
        out: dict[str, Any] = {"type": self.type}
        for name in FACT_FIELDS[self.type]:
            out[name] = self.fields.get(name, "")
        out["status"] = self.status
        out["confidence"] = round(self.confidence, 2)
        out["evidence"] = {"start": self.evidence[0], "end": self.evidence[1]}
        out["iris"] = dict(sorted(self.iris.items()))
        if self.row:
            out["row"] = self.row
        if self.curated:
            out["curated"] = dict(sorted(self.curated.items()))
        if self.sources:
            out["sources"] = sorted(self.sources)
        if self.proposed:
            out["proposed"] = self.proposed
        return out


@dataclass
class Article:
    """An article read: where it came from, its language, date, title and facts."""

    path: str
    url: str
    lang: str
    published: str
    title: str
    facts: list[Fact] = field(default_factory=list)
    publisher: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "lang": self.lang,
            "published": self.published,
            "facts": [f.to_json() for f in self.facts],
        }
