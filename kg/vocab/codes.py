"""The code lists: the values a curator writes in a table cell, each tied to its ontology term.

Declared once here; the table checks, the graph builder, the network projections, the
figures, the interactive view and the resource pages all read them from this module. Each
code is the ``skos:notation`` of an individual of the ontology (``rujp:KindSister`` has the
notation ``sister``); ``tests/test_vocab.py`` fails when the ontology and a list disagree.
Light: plain strings, no rdflib.

>>> KIND.term("sister")
'https://w3id.org/rujp/ontology#KindSister'
>>> KIND.code("https://w3id.org/rujp/ontology#KindFriendship")
'friendship'
>>> LEVEL.notations[:3]
('city', 'town', 'village')
"""

from __future__ import annotations

from typing import NamedTuple

from kg.vocab.terms import ONTOLOGY_NS

__all__ = [
    "CODE_LISTS",
    "CONFIDENCE",
    "COUNTRY",
    "DOCUMENT_KIND",
    "KIND",
    "LEVEL",
    "LEVELS_MUNICIPAL",
    "LEVELS_REGIONAL",
    "POST",
    "PUBLISHER_KIND",
    "ROLE",
    "SOURCE_KIND",
    "STATUS",
    "STATUS_FOUNDING",
    "STATUS_STATES",
    "CodeList",
]


class CodeList(NamedTuple):
    """A closed list of codes: ``codes`` maps each notation to the local name of its term.

    ``scheme`` is the ontology class whose individuals are the codes.
    """

    name: str
    scheme: str
    codes: tuple[tuple[str, str], ...]

    @property
    def notations(self) -> tuple[str, ...]:
        """The codes in their documented order."""
        return tuple(code for code, _ in self.codes)

    def term(self, code: str) -> str:
        """The IRI of a code's ontology term (``KeyError`` for an unknown code)."""
        for notation, local in self.codes:
            if notation == code:
                return ONTOLOGY_NS + local
        raise KeyError(f"{code!r} is not a code of {self.name}")

    def code(self, iri: str) -> str:
        """The code of an ontology term's IRI (``KeyError`` for a term not in the list)."""
        for notation, local in self.codes:
            if ONTOLOGY_NS + local == iri:
                return notation
        raise KeyError(f"{iri} is not a term of {self.name}")

    def as_terms(self) -> dict[str, str]:
        """``{code: term IRI}`` in the documented order."""
        return {code: ONTOLOGY_NS + local for code, local in self.codes}


COUNTRY = CodeList("country", "Country", (("JP", "Japan"), ("RU", "Russia")))
LEVELS_MUNICIPAL = ("city", "town", "village", "district")
LEVELS_REGIONAL = (
    "prefecture",
    "metropolis",
    "krai",
    "oblast",
    "republic",
    "federal_city",
    "autonomous_okrug",
    "autonomous_oblast",
)
LEVEL = CodeList(
    "level",
    "MunicipalityLevel",
    (
        ("city", "LevelCity"),
        ("town", "LevelTown"),
        ("village", "LevelVillage"),
        ("district", "LevelDistrict"),
        ("prefecture", "LevelPrefecture"),
        ("metropolis", "LevelMetropolis"),
        ("krai", "LevelKrai"),
        ("oblast", "LevelOblast"),
        ("republic", "LevelRepublic"),
        ("federal_city", "LevelFederalCity"),
        ("autonomous_okrug", "LevelAutonomousOkrug"),
        ("autonomous_oblast", "LevelAutonomousOblast"),
    ),
)
KIND = CodeList(
    "kind",
    "AgreementKind",
    (
        ("sister", "KindSister"),
        ("friendship", "KindFriendship"),
        ("partner", "KindPartner"),
        ("other", "KindOther"),
    ),
)
STATUS = CodeList(
    "status",
    "AgreementStatus",
    (
        ("suspended", "StatusSuspended"),
        ("ended", "StatusEnded"),
        ("resumed", "StatusResumed"),
        ("reaffirmed", "StatusReaffirmed"),
        ("letter-of-intent", "StatusLetterOfIntent"),
        ("council-approval", "StatusCouncilApproval"),
        ("signed", "StatusSigned"),
        ("upgraded", "StatusUpgraded"),
        ("inherited", "StatusInherited"),
    ),
)
#: Lifecycle events that change the state of a tie after it exists (the ``status`` of
#: ``kg query --name twinnings``); the others mark how it came about.
STATUS_STATES = ("suspended", "ended", "resumed", "reaffirmed")
#: Lifecycle events that may come before the tie's establishment date.
STATUS_FOUNDING = ("letter-of-intent", "council-approval", "signed")
ROLE = CodeList(
    "role",
    "ParticipantRole",
    (
        ("mayor", "RoleMayor"),
        ("deputy_mayor", "RoleDeputyMayor"),
        ("representative", "RoleRepresentative"),
        ("other", "RoleOther"),
    ),
)
POST = CodeList(
    "post",
    "PostKind",
    (
        ("mayor", "PostMayor"),
        ("deputy_mayor", "PostDeputyMayor"),
        ("governor", "PostGovernor"),
        ("deputy_governor", "PostDeputyGovernor"),
        ("chair", "PostChair"),
        ("vice_chair", "PostViceChair"),
        ("secretariat_head", "PostSecretariatHead"),
        ("other", "PostOther"),
    ),
)
DOCUMENT_KIND = CodeList(
    "document kind",
    "DocumentKind",
    (
        ("memorandum", "DocMemorandum"),
        ("agreement", "DocAgreement"),
        ("communique", "DocCommunique"),
        ("declaration", "DocDeclaration"),
        ("other", "DocOther"),
    ),
)
CONFIDENCE = CodeList(
    "confidence",
    "Confidence",
    (("high", "ConfidenceHigh"), ("medium", "ConfidenceMedium"), ("low", "ConfidenceLow")),
)
SOURCE_KIND = CodeList(
    "source kind",
    "SourceKind",
    (
        ("news", "SourceNews"),
        ("official", "SourceOfficial"),
        ("encyclopedia", "SourceEncyclopedia"),
        ("dataset", "SourceDataset"),
        ("report", "SourceReport"),
    ),
)

PUBLISHER_KIND = CodeList(
    "publisher kind",
    "PublisherKind",
    (
        ("local-government", "PublisherLocalGovernment"),
        ("national-government", "PublisherNationalGovernment"),
        ("national-agency", "PublisherNationalAgency"),
        ("association", "PublisherAssociation"),
        ("news", "PublisherNews"),
        ("encyclopedia", "PublisherEncyclopedia"),
        ("reference-data", "PublisherReferenceData"),
        ("academic", "PublisherAcademic"),
        ("aggregator", "PublisherAggregator"),
        ("mirror", "PublisherMirror"),
    ),
)

#: Every code list, by name.
CODE_LISTS: dict[str, CodeList] = {
    cl.name: cl
    for cl in (
        COUNTRY,
        LEVEL,
        KIND,
        STATUS,
        ROLE,
        POST,
        DOCUMENT_KIND,
        CONFIDENCE,
        SOURCE_KIND,
        PUBLISHER_KIND,
    )
}
