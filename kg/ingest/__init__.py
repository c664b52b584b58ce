"""``kg ingest``: news reports and official pages in Russian, Japanese and English turned into
reviewed, sourced facts (meetings, participations, visits, twinnings, signed agreements).

One concern per module: :mod:`~kg.ingest.text` (reading, HTML main text, sentences),
:mod:`~kg.ingest.lang`, :mod:`~kg.ingest.gazetteer` (places of the graph under every name),
:mod:`~kg.ingest.morph`, :mod:`~kg.ingest.translit`, :mod:`~kg.ingest.dates`,
:mod:`~kg.ingest.numerals`, :mod:`~kg.ingest.people`, :mod:`~kg.ingest.cues`,
:mod:`~kg.ingest.doc` (an article as the extractors see it), :mod:`~kg.ingest.meetings`
(editions and attendance), :mod:`~kg.ingest.ties` (visits, twinnings, signed agreements),
:mod:`~kg.ingest.extract` (all facts of an article), :mod:`~kg.ingest.resolve` (status
against the graph), :mod:`~kg.ingest.run` (articles end to end),
:mod:`~kg.ingest.evaluate` (the scorer) and :mod:`~kg.ingest.review` (candidates and
accept). Nothing here is imported by the light commands; the NLP libraries are the optional
``ingest`` extra.
"""

from __future__ import annotations

__all__: list[str] = []
