"""Closed namespaces: the ontology's terms and the instance IRI scheme.

``RUJP`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a misspelt term raises
``AttributeError`` instead of silently minting a new IRI. ``tests/test_namespaces.py`` keeps
it and ``ontology/rujp.ttl`` in sync in both directions.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["BASE", "GEO", "ID", "ONTOLOGY_IRI", "RUJP", "SCHEMA", "SH_NS", "WD"]

BASE = "https://w3id.org/rujp/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ID = Namespace(BASE + "id/")
SH_NS = Namespace(BASE + "shapes#")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
WD = Namespace("http://www.wikidata.org/entity/")


class RUJP(DefinedNamespace):
    """Terms of the Russia–Japan municipal ties ontology."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    AgreementKind: URIRef
    AgreementStatus: URIRef
    Claim: URIRef
    Confidence: URIRef
    ConfidenceHigh: URIRef
    ConfidenceLow: URIRef
    ConfidenceMedium: URIRef
    Country: URIRef
    DocAgreement: URIRef
    DocCommunique: URIRef
    DocDeclaration: URIRef
    DocMemorandum: URIRef
    DocOther: URIRef
    Document: URIRef
    DocumentKind: URIRef
    Japan: URIRef
    KindFriendship: URIRef
    KindOther: URIRef
    KindPartner: URIRef
    KindSister: URIRef
    LevelAutonomousOblast: URIRef
    LevelAutonomousOkrug: URIRef
    LevelCity: URIRef
    LevelDistrict: URIRef
    LevelFederalCity: URIRef
    LevelKrai: URIRef
    LevelMetropolis: URIRef
    LevelOblast: URIRef
    LevelPrefecture: URIRef
    LevelRepublic: URIRef
    LevelTown: URIRef
    LevelVillage: URIRef
    LocalGovernment: URIRef
    Meeting: URIRef
    MeetingSeries: URIRef
    Membership: URIRef
    Municipality: URIRef
    MunicipalityLevel: URIRef
    Organisation: URIRef
    ParticipantRole: URIRef
    Participation: URIRef
    Person: URIRef
    PostChair: URIRef
    PostDeputyGovernor: URIRef
    PostDeputyMayor: URIRef
    PostGovernor: URIRef
    PostHolding: URIRef
    PostKind: URIRef
    PostMayor: URIRef
    PostOther: URIRef
    PostSecretariatHead: URIRef
    PostViceChair: URIRef
    RegionalGovernment: URIRef
    RoleDeputyMayor: URIRef
    RoleMayor: URIRef
    RoleOther: URIRef
    RoleRepresentative: URIRef
    Russia: URIRef
    Source: URIRef
    SourceDataset: URIRef
    SourceEncyclopedia: URIRef
    SourceKind: URIRef
    SourceNews: URIRef
    SourceOfficial: URIRef
    SourceReport: URIRef
    SourcedFact: URIRef
    StatusChange: URIRef
    StatusEnded: URIRef
    StatusReaffirmed: URIRef
    StatusResumed: URIRef
    StatusSuspended: URIRef
    TwinningAgreement: URIRef
    accessed: URIRef
    agreementKind: URIRef
    asOf: URIRef
    claimAbout: URIRef
    claimProperty: URIRef
    claimValue: URIRef
    confidence: URIRef
    country: URIRef
    curatedIn: URIRef
    date: URIRef
    documentKind: URIRef
    documentParty: URIRef
    endDate: URIRef
    established: URIRef
    firstYear: URIRef
    founded: URIRef
    foundingDocument: URIRef
    frequency: URIRef
    geonamesId: URIRef
    holder: URIRef
    host: URIRef
    inSeries: URIRef
    japaneseParty: URIRef
    jisCode: URIRef
    kindLocal: URIRef
    level: URIRef
    meeting: URIRef
    member: URIRef
    number: URIRef
    oktmoCode: URIRef
    organisation: URIRef
    organiser: URIRef
    participant: URIRef
    party: URIRef
    postIn: URIRef
    postKind: URIRef
    region: URIRef
    reportedJapaneseCount: URIRef
    reportedRussianCount: URIRef
    representedBy: URIRef
    role: URIRef
    russianParty: URIRef
    seat: URIRef
    sourceKind: URIRef
    startDate: URIRef
    status: URIRef
    statusChange: URIRef
    twinnedWith: URIRef
    venue: URIRef
    wikidataId: URIRef
