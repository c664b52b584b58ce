"""The scorer: precision, recall and F1 per fact type and language against gold files.

Owns :func:`evaluate` and :func:`format_scores`. A gold folder holds ``NN.txt`` with
``NN.json`` (``{"url", "lang", "published", "facts": [...]}``), in sub-folders too. Facts are
compared on their interface fields after normalising places to graph keys (an English or
any listed name is looked up in the gazetteer) and people to graph keys or a case-folded
name; an agreement's free-text title is not compared.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError, Problem
from kg.ingest.model import FACT_TYPES
from kg.ingest.run import Ingester

__all__ = ["Scores", "evaluate", "format_scores"]

_PLACE_FIELDS = ("host", "city", "from", "to")
_LIST_FIELDS = ("places", "parties")
_COMPARED = {
    "meeting": ("number", "start", "end", "host"),
    "participation": ("meeting", "city", "role", "person"),
    "visit": ("from", "to", "date", "person"),
    "twinning": ("places", "kind", "established"),
    "agreement": ("parties", "date"),
}


@dataclass
class Scores:
    """True positives, predictions and gold facts per (type, language)."""

    counts: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, key: tuple[str, str], tp: int, pred: int, gold: int) -> None:
        c = self.counts.setdefault(key, [0, 0, 0])
        c[0] += tp
        c[1] += pred
        c[2] += gold

    def total(self, type_: str | None = None, lang: str | None = None) -> tuple[float, ...]:
        tp = pred = gold = 0
        for (t, lg), (a, b, c) in self.counts.items():
            if (type_ is None or t == type_) and (lang is None or lg == lang):
                tp, pred, gold = tp + a, pred + b, gold + c
        p = tp / pred if pred else 1.0
        r = tp / gold if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, float(gold)


def _norm(ingester: Ingester, fact: dict[str, Any]) -> tuple[str, ...]:
    out = [str(fact.get("type"))]
    for name in _COMPARED.get(str(fact.get("type")), ()):
        value = fact.get(name, "")
        if name in _PLACE_FIELDS and value:
            place = ingester.gazetteer.lookup(str(value))
            value = place.id if place else str(value).lower()
        elif name in _LIST_FIELDS:
            ids = []
            for item in value or []:
                place = ingester.gazetteer.lookup(str(item))
                ids.append(place.id if place else str(item).lower())
            value = ";".join(sorted(ids))
        elif name == "person" and value:
            value = ingester.people.resolve(str(value)) or str(value)
            value = str(value).lower().replace(" ", "").replace("・", "")
        out.append(str(value))
    return tuple(out)


def evaluate(folder: Path, ingester: Ingester) -> Scores:
    """Run the extractor over every gold article under ``folder`` and score it."""
    golds = sorted(folder.rglob("*.json"))
    pairs = [(g, g.with_suffix(".txt")) for g in golds if g.with_suffix(".txt").is_file()]
    if not pairs:
        raise InputError([Problem(str(folder), None, None, "holds no NN.txt + NN.json pairs",
                                  "give a folder of gold articles")])  # fmt: skip
    scores = Scores()
    for gold_path, text_path in pairs:
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError([Problem(str(gold_path), exc.lineno, None, exc.msg,
                                      "fix the JSON")]) from exc  # fmt: skip
        article = ingester.article(
            text_path.read_text(encoding="utf-8"),
            lang=gold.get("lang", "auto"),
            published=gold.get("published", ""),
        )
        lang = article.lang
        found = Counter(_norm(ingester, f.to_json()) for f in article.facts)
        wanted = Counter(_norm(ingester, f) for f in gold.get("facts", []))
        for type_ in FACT_TYPES:
            f_t = Counter({k: v for k, v in found.items() if k[0] == type_})
            w_t = Counter({k: v for k, v in wanted.items() if k[0] == type_})
            tp = sum((f_t & w_t).values())
            scores.add((type_, lang), tp, sum(f_t.values()), sum(w_t.values()))
        for key in sorted((found - wanted).keys()):
            scores.misses.append(f"{text_path.name} extra   {' | '.join(key)}")
        for key in sorted((wanted - found).keys()):
            scores.misses.append(f"{text_path.name} missing {' | '.join(key)}")
    return scores


def format_scores(scores: Scores, verbose: bool = False) -> str:
    """A table of P/R/F1 per type, per language and overall."""
    lines = [f"{'':16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}"]

    def row(name: str, values: tuple[float, ...]) -> None:
        p, r, f, n = values
        lines.append(f"{name:16}{p:7.2f}{r:7.2f}{f:7.2f}{int(n):7d}")

    for type_ in FACT_TYPES:
        row(type_, scores.total(type_=type_))
    for lang in ("ru", "ja", "en"):
        row(f"lang={lang}", scores.total(lang=lang))
    row("all", scores.total())
    if verbose:
        lines += scores.misses
    return "\n".join(lines) + "\n"
