"""JSON-LD: compaction of triples with the project's context (``ontology/context.jsonld``).

Owns the JSON-LD writer shared by the dataset export (``rujp.jsonld``) and the resource
views of ``kg serve``. The context has simple terms, prefixes, type coercion and language
maps; a value is written under a term only when it fits the term exactly, so expansion always
gives back the same triples. Deterministic: nodes sorted by IRI, keys and values sorted.
Light: pyoxigraph and the standard library only.

>>> import pyoxigraph as ox
>>> from kg.vocab import terms
>>> niigata = ox.NamedNode(terms.ID_BASE + "place/jp-niigata")
>>> triple = ox.Triple(niigata, ox.NamedNode(terms.RUJP.jisCode), ox.Literal("151009"))
>>> jsonld_document([triple], default_context())["@graph"]
[{'id': 'place:jp-niigata', 'jisCode': '151009'}]
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from json.encoder import encode_basestring as _quote
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import InputError, Problem
from kg.paths import CONTEXT_FILE
from kg.vocab import terms

__all__ = ["default_context", "jsonld_bytes", "jsonld_document", "load_context"]

_TYPE = terms.RDF + "type"
_XSD_STRING = terms.XSD + "string"

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def load_context(path: Path) -> dict[str, Any]:
    """Read a JSON-LD context file (``{"@context": {...}}``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(
            [Problem(str(path), None, None, f"cannot read the JSON-LD context: {exc}", "fix it")]
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("@context"), dict):
        raise InputError(
            [Problem(str(path), None, None, "no @context object", 'write {"@context": {...}}')]
        )
    return data


def default_context() -> dict[str, Any]:
    """The context shipped with the ontology (``ontology/context.jsonld``)."""
    from kg.paths import ontology_dir

    return load_context(ontology_dir() / CONTEXT_FILE)


@dataclass(frozen=True)
class _TermDef:
    name: str
    iri: str
    coerce: str | None  # "@id", "@vocab", a datatype IRI, or None
    container: str | None


@dataclass
class _Compactor:
    """Compaction with a context of simple terms, prefixes, type coercion and language maps.

    A value is written under a term only when it matches the term's coercion exactly;
    any other value goes under a compact IRI key in expanded form, so expansion always
    gives back the same triples.
    """

    context: dict[str, Any]
    prefixes: dict[str, str] = field(default_factory=dict)
    terms: dict[str, _TermDef] = field(default_factory=dict)
    #: IRIs already compacted with a prefix (the answer does not depend on ``vocab`` then).
    compacted: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        raw = self.context
        for name, value in raw.items():
            if isinstance(value, str) and not value.startswith("@") and value[-1:] in "/#":
                self.prefixes[name] = value
        for name, value in sorted(raw.items()):
            if name in self.prefixes or name.startswith("@"):
                continue
            if isinstance(value, str):
                if value.startswith("@"):
                    continue
                definition = _TermDef(name, self._expand(value), None, None)
            elif isinstance(value, dict) and isinstance(value.get("@id"), str):
                coerce = value.get("@type")
                if coerce not in (None, "@id", "@vocab"):
                    coerce = self._expand(str(coerce))
                definition = _TermDef(
                    name, self._expand(value["@id"]), coerce, value.get("@container")
                )
            else:
                continue
            self.terms.setdefault(definition.iri, definition)

    def _expand(self, value: str) -> str:
        prefix, colon, suffix = value.partition(":")
        if colon and prefix in self.prefixes and not suffix.startswith("//"):
            return self.prefixes[prefix] + suffix
        return value

    def compact_iri(self, iri: str, *, vocab: bool) -> str:
        if vocab and iri in self.terms:
            return self.terms[iri].name
        found = self.compacted.get(iri)
        if found is None:
            found = self.compacted[iri] = self._compact(iri)
        return found

    def _compact(self, iri: str) -> str:
        best = ""
        for name, base in self.prefixes.items():
            suffix = iri[len(base) :]
            fits = iri.startswith(base) and suffix and not suffix.startswith("//")
            if fits and len(base) > len(self.prefixes.get(best, "")):
                best = name
        if best:
            return f"{best}:{iri[len(self.prefixes[best]) :]}"
        return iri

    def _expanded(self, term: Term) -> dict[str, str]:
        if isinstance(term, ox.NamedNode):
            return {"@id": self.compact_iri(term.value, vocab=False)}
        if isinstance(term, ox.Literal):
            if term.language:
                return {"@value": term.value, "@language": term.language}
            if term.datatype.value != _XSD_STRING:
                return {
                    "@value": term.value,
                    "@type": self.compact_iri(term.datatype.value, vocab=True),
                }
            return {"@value": term.value}
        raise ValueError(f"cannot write {term} in JSON-LD without blank nodes")

    def _value(self, definition: _TermDef | None, term: Term) -> Any:
        """The compact value under the term, or None when it does not fit the term."""
        if definition is None:
            return None
        if isinstance(term, ox.NamedNode):
            if definition.container is not None:
                return None
            if definition.coerce == "@id":
                return self.compact_iri(term.value, vocab=False)
            if definition.coerce == "@vocab":
                return self.compact_iri(term.value, vocab=True)
            if definition.coerce is None:
                return self._expanded(term)
            return None
        if not isinstance(term, ox.Literal):
            return None
        if definition.container == "@language":
            return (term.language, term.value) if term.language else None
        if definition.container is not None:
            return None
        if definition.coerce in ("@id", "@vocab"):
            return None
        if definition.coerce is not None:
            fits = not term.language and term.datatype.value == definition.coerce
            return term.value if fits else None
        if not term.language and term.datatype.value == _XSD_STRING:
            return term.value
        return self._expanded(term)

    def node(self, subject: str, pairs: list[tuple[str, Term]]) -> dict[str, Any]:
        types: list[str] = []
        values: dict[str, list[Any]] = {}
        languages: dict[str, dict[str, list[str]]] = {}
        for predicate, obj in pairs:
            if predicate == _TYPE and isinstance(obj, ox.NamedNode):
                types.append(self.compact_iri(obj.value, vocab=True))
                continue
            definition = self.terms.get(predicate)
            value = self._value(definition, obj)
            if definition is not None and value is not None:
                if definition.container == "@language":
                    lang, text = value
                    languages.setdefault(definition.name, {}).setdefault(lang, []).append(text)
                else:
                    values.setdefault(definition.name, []).append(value)
            else:
                key = self.compact_iri(predicate, vocab=False)
                values.setdefault(key, []).append(self._expanded(obj))
        result: dict[str, Any] = {"id": self.compact_iri(subject, vocab=False)}
        if types:
            result["type"] = _one_or_list(sorted(types))
        for key in sorted({*values, *languages}):
            if key in languages:
                result[key] = {
                    lang: _one_or_list(sorted(texts))
                    for lang, texts in sorted(languages[key].items())
                }
            else:
                items = values[key]
                if len(items) > 1:
                    items.sort(key=lambda v: json.dumps(v, sort_keys=True))
                result[key] = _one_or_list(items)
        return result


def _one_or_list(items: list[Any]) -> Any:
    return items[0] if len(items) == 1 else items


def jsonld_document(triples: Iterable[ox.Triple], context: dict[str, Any]) -> dict[str, Any]:
    """A compacted JSON-LD document: the context inline, one node object per subject.

    Deterministic: nodes sorted by IRI, keys and values sorted. ``context`` is the content
    of ``ontology/context.jsonld``.
    """
    compactor = _Compactor(context["@context"])
    by_subject: dict[str, list[tuple[str, Term]]] = {}
    for triple in triples:
        if not isinstance(triple.subject, ox.NamedNode):
            raise ValueError(f"cannot write {triple.subject} in JSON-LD without blank nodes")
        by_subject.setdefault(triple.subject.value, []).append(
            (triple.predicate.value, triple.object)
        )
    graph = [compactor.node(s, by_subject[s]) for s in sorted(by_subject)]
    return {"@context": context["@context"], "@graph": graph}


def _dump(value: Any, level: int, out: list[str]) -> None:
    """Append ``value`` to ``out`` as ``json.dumps(value, ensure_ascii=False, indent=2)``
    writes it at indentation ``level`` (the same bytes, in half the time: the standard
    encoder falls back to pure Python when it indents)."""
    kind = type(value)
    if kind is str:
        out.append(_quote(value))
    elif kind is dict and value:
        inner = "\n" + " " * (level + 2)
        sep = "{" + inner
        for key, item in value.items():
            out.append(sep)
            out.append(_quote(key))
            out.append(": ")
            _dump(item, level + 2, out)
            sep = "," + inner
        out.append("\n" + " " * level + "}")
    elif kind is list and value:
        inner = "\n" + " " * (level + 2)
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _dump(item, level + 2, out)
            sep = "," + inner
        out.append("\n" + " " * level + "]")
    else:
        out.append(json.dumps(value, ensure_ascii=False))


def jsonld_bytes(triples: Iterable[ox.Triple], context: dict[str, Any]) -> bytes:
    """:func:`jsonld_document` as UTF-8 JSON, indented, with a final newline."""
    out: list[str] = []
    _dump(jsonld_document(triples, context), 0, out)
    out.append("\n")
    return "".join(out).encode("utf-8")
