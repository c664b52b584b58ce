"""The top of a resource page: its title with the names in en/ru/ja, and a short fact box.

The fact box shows the node's key values (country, region, level, kind, dates, series,
host, ...) with their sources, and for a place what became of its ties ("3 ties: 0 active,
3 suspended"), its first and latest tie and the conferences it attended. Status counts come
from :func:`tie_status`, which the twinnings table uses too. Light: pyoxigraph only.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.serve.pages.html import esc
from kg.serve.pages.i18n import LANGS
from kg.serve.pages.predicates import ALT_LABEL, LABEL
from kg.serve.pages.view import View
from kg.vocab import terms

__all__ = ["ENDED", "KEY_FACTS", "fact_box", "tie_status", "ties_of", "title_html"]

#: The values a fact box shows first, in order (each with its sources).
KEY_FACTS = (
    terms.RUJP.country,
    terms.RUJP.region,
    terms.RUJP.level,
    terms.RUJP.agreementKind,
    terms.RUJP.kindLocal,
    terms.RUJP.established,
    terms.RUJP.inSeries,
    terms.RUJP.number,
    terms.RUJP.startDate,
    terms.RUJP.endDate,
    terms.RUJP.host,
    terms.RUJP.venue,
    terms.RUJP.organiser,
    terms.RUJP.seat,
    terms.RUJP.founded,
    terms.RUJP.documentKind,
    terms.RUJP.date,
    terms.RUJP.status,
    terms.RUJP.holder,
    terms.RUJP.postKind,
    terms.RUJP.postIn,
)

#: Latest statuses after which a tie no longer counts as active.
ENDED = {terms.RUJP.StatusSuspended, terms.RUJP.StatusEnded}


def title_html(view: View, iri: str) -> str:
    """The page title in the page language, with the names in the other languages below."""
    title, title_lang = view.label(iri)
    attr = f' lang="{esc(title_lang)}"' if title_lang else ""
    names: list[str] = []
    for code in LANGS:
        for lit in view.objects(iri, LABEL):
            if isinstance(lit, ox.Literal) and lit.language == code and lit.value != title:
                names.append(f'<span lang="{code}">{esc(lit.value)}</span>')
    others = " · ".join(names)
    line = f'<p class="names">{others}</p>' if others else ""
    return f"<h1{attr}>{esc(title)}</h1>{line}"


def tie_status(view: View, agreement: str) -> tuple[str | None, str, str]:
    """``(status IRI, date, status change IRI)`` of the latest status change of a tie;
    ``(None, "", "")`` when none is recorded."""
    latest: tuple[str, str, str] | None = None
    for change in view.iris(agreement, terms.RUJP.statusChange):
        date = view.literal(change, terms.RUJP.date)
        status = view.first_iri(change, terms.RUJP.status)
        if status and (latest is None or date > latest[1]):
            latest = (status, date, change)
    return latest if latest else (None, "", "")


def ties_of(view: View, place: str) -> list[tuple[str, str | None]]:
    """``(agreement, partner)`` for every tie of a place."""
    ties = []
    for predicate, other in (
        (terms.RUJP.japaneseParty, terms.RUJP.russianParty),
        (terms.RUJP.russianParty, terms.RUJP.japaneseParty),
    ):
        for agreement in view.subjects(predicate, place):
            ties.append((agreement, view.first_iri(agreement, other)))
    return ties


def _row(label: str, value: str) -> str:
    return f"<tr><th>{esc(label)}</th><td>{value}</td></tr>"


def _ties_rows(view: View, iri: str) -> list[str]:
    ties = ties_of(view, iri)
    if not ties:
        return []
    ui = view.ui
    stopped = {"suspended": 0, "ended": 0}
    dated = []
    for agreement, partner in ties:
        status, _, _ = tie_status(view, agreement)
        if status == terms.RUJP.StatusSuspended:
            stopped["suspended"] += 1
        elif status == terms.RUJP.StatusEnded:
            stopped["ended"] += 1
        established = view.literal(agreement, terms.RUJP.established)
        if established and partner:
            dated.append((established, partner, agreement))
    active = len(ties) - stopped["suspended"] - stopped["ended"]
    key = "ties_summary_one" if len(ties) == 1 else "ties_summary"
    text = ui[key].format(n=len(ties), active=active, suspended=stopped["suspended"])
    if stopped["ended"]:
        text += ui["ended_part"].format(ended=stopped["ended"])
    rows = [_row(ui["ties"], f'<a href="#twinnings" class="ties">{esc(text)}</a>')]
    if dated:
        dated.sort()
        first, latest = dated[0], dated[-1]
        rows.append(_row(ui["first_tie"], f"{esc(first[0])} · {view.link(first[1])}"))
        if latest != first:
            rows.append(_row(ui["latest_tie"], f"{esc(latest[0])} · {view.link(latest[1])}"))
    return rows


def _attended_row(view: View, iri: str) -> list[str]:
    starts = sorted(
        view.literal(meeting, terms.RUJP.startDate)
        for participation in view.subjects(terms.RUJP.participant, iri)
        for meeting in view.iris(participation, terms.RUJP.meeting)
    )
    if not starts:
        return []
    years = sorted({s[:4] for s in starts if s})
    span = f" ({years[0]}–{years[-1]})" if len(years) > 1 else (f" ({years[0]})" if years else "")
    count = view.ui["ofn"].format(n=len(starts))
    return [_row(view.ui["conferences_n"], f'<a href="#attended">{esc(count + span)}</a>')]


def fact_box(view: View, iri: str, types: set[str]) -> str:
    """The key values of a node with their sources; for a place its ties and conferences."""
    rows = []
    for predicate in KEY_FACTS:
        values = view.objects(iri, predicate)
        if not values:
            continue
        shown = ", ".join(view.value(v, plain=True) for v in values)
        rows.append(_row(view.label(predicate)[0], f"{shown} {view.refs(iri, predicate)}"))
    alt = [v for v in view.objects(iri, ALT_LABEL) if isinstance(v, ox.Literal)]
    if alt:
        rows.append(_row(view.ui["names_other"], ", ".join(view.value(v) for v in alt)))
    if types & {terms.RUJP.Municipality, terms.RUJP.RegionalGovernment}:
        rows += _ties_rows(view, iri)
        rows += _attended_row(view, iri)
    if not rows:
        return ""
    return f'<table class="facts" id="facts"><tbody>{"".join(rows)}</tbody></table>'
