"""One page's reading of the store: the objects and subjects of a node, labels in the page's
language (agreements and meetings without a label in that language are named from their
parties, kind, series and number in it), composed names of n-ary nodes, values as HTML with
links that keep the page language, and the sources cited (per value, through
:mod:`kg.serve.pages.provenance`).

Light: pyoxigraph only.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.serve.pages.html import (
    Sources,
    esc,
    iri_path,
    link_html,
    safe_href,
    short_name,
    with_lang,
)
from kg.serve.pages.i18n import LANGS, TERM_NAMES, UI, meeting_name
from kg.serve.pages.predicates import (
    LABEL,
    PREF_LABEL,
    SCHEMA_NAME,
    TITLE,
    TYPE,
    XSD_STRING,
)
from kg.serve.pages.provenance import node_sources, value_sources
from kg.vocab import terms

__all__ = ["Term", "View"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class View:
    """Reads one page's worth of the store, with labels in the chosen language."""

    def __init__(self, store: ox.Store, lang: str) -> None:
        self.store = store
        self.lang = lang
        self.ui = UI[lang]
        self.sources = Sources()
        self._labels: dict[str, tuple[str, str]] = {}
        self._per_value: dict[str, dict[str, list[str]]] = {}

    def objects(self, subject: str, predicate: str) -> list[Term]:
        quads = self.store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None)
        return sorted({q.object for q in quads}, key=str)

    def subjects(self, predicate: str, obj: str) -> list[str]:
        quads = self.store.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(obj))
        return sorted({q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)})

    def iris(self, subject: str, predicate: str) -> list[str]:
        return [o.value for o in self.objects(subject, predicate) if isinstance(o, ox.NamedNode)]

    def first_iri(self, subject: str, predicate: str) -> str | None:
        found = self.iris(subject, predicate)
        return found[0] if found else None

    def literal(self, subject: str, predicate: str) -> str:
        values = [o.value for o in self.objects(subject, predicate) if isinstance(o, ox.Literal)]
        return values[0] if values else ""

    def term_text(self, subject: str, predicate: str, depth: int = 0) -> str:
        """A literal's text or an IRI's label: a claim's value may be either."""
        for o in self.objects(subject, predicate):
            if isinstance(o, ox.Literal):
                return o.value
            if isinstance(o, ox.NamedNode):
                return self.label(o.value, depth)[0]
        return ""

    def types(self, subject: str) -> set[str]:
        return set(self.iris(subject, TYPE))

    def pick(self, literals: list[ox.Literal]) -> tuple[str, str] | None:
        """The literal in the page language, else English, else the first; with its tag."""
        for want in (self.lang, "en"):
            for lit in literals:
                if lit.language == want:
                    return lit.value, want
        if literals:
            return literals[0].value, literals[0].language or ""
        return None

    def label(self, iri: str, depth: int = 0) -> tuple[str, str]:
        """(text, language tag) naming ``iri`` on this page."""
        if iri not in self._labels:
            self._labels[iri] = self._label(iri, depth)
        return self._labels[iri]

    def _label(self, iri: str, depth: int) -> tuple[str, str]:
        found: tuple[str, str] | None = None
        for predicate in (LABEL, PREF_LABEL, TITLE, SCHEMA_NAME):
            lits = [o for o in self.objects(iri, predicate) if isinstance(o, ox.Literal)]
            found = self.pick(lits)
            if found is not None:
                break
        if found is not None and found[1] == self.lang:
            return found
        if depth < 2:
            localised = self._localised(iri, depth + 1)
            if localised is not None:
                return localised
        if found is not None:
            return found
        if iri in TERM_NAMES:
            return TERM_NAMES[iri][LANGS.index(self.lang)], self.lang
        if depth < 2:
            composed = self._composed(iri, depth + 1)
            if composed:
                return composed, ""
        return short_name(iri), ""

    def _localised(self, iri: str, depth: int) -> tuple[str, str] | None:
        """A name in the page language for an agreement (its parties and kind) or a meeting
        (its series and number), when the store has none in that language."""
        types = self.types(iri)
        if terms.RUJP.TwinningAgreement in types:
            japan = self.first_iri(iri, terms.RUJP.japaneseParty)
            russia = self.first_iri(iri, terms.RUJP.russianParty)
            kind = self.first_iri(iri, terms.RUJP.agreementKind)
            if not (japan and russia):
                return None
            names = [self.label(japan, depth), self.label(russia, depth)]
            text = f"{names[0][0]} – {names[1][0]}"
            if kind:
                text += f" ({self.label(kind, depth)[0]})"
            same = all(n[1] == self.lang for n in names)
            return text, self.lang if same else ""
        if terms.RUJP.Meeting in types:
            series = self.first_iri(iri, terms.RUJP.inSeries)
            number = self.literal(iri, terms.RUJP.number)
            if not (series and number):
                return None
            name, lang = self.label(series, depth)
            if lang != self.lang:
                return None
            return meeting_name(self.lang, name, number), self.lang
        return None

    def _composed(self, iri: str, depth: int) -> str:
        """A name for an n-ary node from the names of the nodes it links."""

        def name(predicate: str) -> str:
            target = self.first_iri(iri, predicate)
            return self.label(target, depth)[0] if target else ""

        types = self.types(iri)
        parts: list[str] = []
        if terms.RUJP.Participation in types:
            parts = [name(terms.RUJP.participant), name(terms.RUJP.meeting)]
        elif terms.RUJP.Membership in types:
            parts = [name(terms.RUJP.member), name(terms.RUJP.organisation)]
        elif terms.RUJP.PostHolding in types:
            parts = [name(terms.RUJP.holder), name(terms.RUJP.postKind), name(terms.RUJP.postIn)]
        elif terms.RUJP.StatusChange in types:
            parts = [name(terms.RUJP.status), self.literal(iri, terms.RUJP.date)]
        elif terms.RUJP.Claim in types:
            claimed = self.term_text(iri, terms.RUJP.claimValue, depth)
            parts = [name(terms.RUJP.claimProperty), claimed]
        return " — ".join(p for p in parts if p)

    def link(self, iri: str) -> str:
        text, lang = self.label(iri)
        return link_html(iri, text, lang, self.lang)

    def link_text(self, iri: str, text: str) -> str:
        """A link to ``iri`` showing ``text`` (keeps the page language)."""
        return link_html(iri, text, "", self.lang)

    def href(self, path: str) -> str:
        """A local path that keeps the page language."""
        return with_lang(path, self.lang)

    def value(self, term: Term, *, plain: bool = False) -> str:
        """A value as HTML: a link, or a literal with its language (and, unless ``plain``,
        its datatype)."""
        if isinstance(term, ox.NamedNode):
            if iri_path(term.value) is None and safe_href(term.value) is not None:
                text, _ = self.label(term.value)
                return link_html(term.value, text if text != short_name(term.value) else term.value)
            return self.link(term.value)
        if isinstance(term, ox.Literal):
            attr = f' lang="{esc(term.language)}"' if term.language else ""
            text = f"<span{attr}>{esc(term.value)}</span>"
            datatype = term.datatype.value
            if not (plain or term.language) and datatype != XSD_STRING:
                text += f' <span class="dt">{esc(short_name(datatype))}</span>'
            return text
        return esc(str(term))

    def sources_of(self, iri: str) -> list[str]:
        """The sources of a fact node."""
        return node_sources(self.store, iri)

    def value_sources(self, iri: str, predicate: str) -> list[str]:
        """The sources of one value of a node: per value when known, else the node's."""
        if iri not in self._per_value:
            self._per_value[iri] = value_sources(self.store, iri)
        return self._per_value[iri].get(predicate) or self.sources_of(iri)

    def refs(self, iri: str, predicate: str = "") -> str:
        """Numbered references to the sources of a node (or of one of its values)."""
        found = self.value_sources(iri, predicate) if predicate else self.sources_of(iri)
        return self.sources.refs(found) if found else ""
