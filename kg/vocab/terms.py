"""Every term of the ontology and the project's base IRIs, as plain strings.

The one owner of the vocabulary. It imports nothing (no rdflib), so light modules (the
server, the resource pages, the query CLI) use it as well as the graph builder. The base IRI
of terms and instances is written here and nowhere else. ``tests/test_vocab.py`` keeps
:class:`RUJP` and ``ontology/rujp.ttl`` in sync in both directions; the closed rdflib
namespace :data:`kg.vocab.namespaces.RUJP` is derived from :data:`TERMS`.

>>> RUJP.japaneseParty
'https://w3id.org/rujp/ontology#japaneseParty'
>>> "Meeting" in TERMS
True
"""

from __future__ import annotations

#: True only for type checkers: importing typing would cost a light command ~10 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = [
    "BASE",
    "CURATION_PREDICATES",
    "DATASET_IRI",
    "DCT",
    "GEO",
    "GEONAMES",
    "GRAPH_IRI",
    "ID_BASE",
    "ONTOLOGY_IRI",
    "ONTOLOGY_NS",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RUJP",
    "SCHEMA",
    "SH",
    "SHAPES_NS",
    "SKOS",
    "TERMS",
    "WD",
    "WD_QUALIFIER",
    "WD_REFERENCE",
    "XSD",
]

#: The base of every IRI the project mints.
BASE: Final = "https://w3id.org/rujp/"
ONTOLOGY_IRI: Final = BASE + "ontology"
ONTOLOGY_NS: Final = ONTOLOGY_IRI + "#"
ID_BASE: Final = BASE + "id/"
SHAPES_NS: Final = BASE + "shapes#"
#: The named graph the data is loaded into in a remote store.
GRAPH_IRI: Final = BASE + "graph"
#: The dataset (VoID/DCAT description).
DATASET_IRI: Final = BASE + "dataset"

# Vocabularies the project reuses.
RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS: Final = "http://www.w3.org/2000/01/rdf-schema#"
XSD: Final = "http://www.w3.org/2001/XMLSchema#"
OWL: Final = "http://www.w3.org/2002/07/owl#"
SKOS: Final = "http://www.w3.org/2004/02/skos/core#"
DCT: Final = "http://purl.org/dc/terms/"
PROV: Final = "http://www.w3.org/ns/prov#"
SH: Final = "http://www.w3.org/ns/shacl#"
SCHEMA: Final = "https://schema.org/"
GEO: Final = "http://www.w3.org/2003/01/geo/wgs84_pos#"
WD: Final = "http://www.wikidata.org/entity/"
WD_QUALIFIER: Final = "http://www.wikidata.org/prop/qualifier/"
WD_REFERENCE: Final = "http://www.wikidata.org/prop/reference/"
ORG: Final = "http://www.w3.org/ns/org#"
GEONAMES: Final = "https://sws.geonames.org/"

_NS: Final = ONTOLOGY_NS


class RUJP:
    """The terms of the Russia–Japan municipal ties ontology, as IRI strings."""

    AgreementKind = _NS + "AgreementKind"
    AgreementStatus = _NS + "AgreementStatus"
    CitedValue = _NS + "CitedValue"
    Claim = _NS + "Claim"
    Confidence = _NS + "Confidence"
    ConfidenceHigh = _NS + "ConfidenceHigh"
    ConfidenceLow = _NS + "ConfidenceLow"
    ConfidenceMedium = _NS + "ConfidenceMedium"
    Country = _NS + "Country"
    DocAgreement = _NS + "DocAgreement"
    DocCommunique = _NS + "DocCommunique"
    DocDeclaration = _NS + "DocDeclaration"
    DocMemorandum = _NS + "DocMemorandum"
    DocOther = _NS + "DocOther"
    Document = _NS + "Document"
    DocumentKind = _NS + "DocumentKind"
    Japan = _NS + "Japan"
    KindFriendship = _NS + "KindFriendship"
    KindOther = _NS + "KindOther"
    KindPartner = _NS + "KindPartner"
    KindSister = _NS + "KindSister"
    LevelAutonomousOblast = _NS + "LevelAutonomousOblast"
    LevelAutonomousOkrug = _NS + "LevelAutonomousOkrug"
    LevelCity = _NS + "LevelCity"
    LevelDistrict = _NS + "LevelDistrict"
    LevelFederalCity = _NS + "LevelFederalCity"
    LevelKrai = _NS + "LevelKrai"
    LevelMetropolis = _NS + "LevelMetropolis"
    LevelOblast = _NS + "LevelOblast"
    LevelPrefecture = _NS + "LevelPrefecture"
    LevelRepublic = _NS + "LevelRepublic"
    LevelTown = _NS + "LevelTown"
    LevelVillage = _NS + "LevelVillage"
    LocalGovernment = _NS + "LocalGovernment"
    Meeting = _NS + "Meeting"
    MeetingSeries = _NS + "MeetingSeries"
    Membership = _NS + "Membership"
    Municipality = _NS + "Municipality"
    MunicipalityLevel = _NS + "MunicipalityLevel"
    Organisation = _NS + "Organisation"
    ParticipantRole = _NS + "ParticipantRole"
    Participation = _NS + "Participation"
    Person = _NS + "Person"
    PostChair = _NS + "PostChair"
    PostDeputyGovernor = _NS + "PostDeputyGovernor"
    PostDeputyMayor = _NS + "PostDeputyMayor"
    PostGovernor = _NS + "PostGovernor"
    PostHolding = _NS + "PostHolding"
    PostKind = _NS + "PostKind"
    PostMayor = _NS + "PostMayor"
    PostOther = _NS + "PostOther"
    PostSecretariatHead = _NS + "PostSecretariatHead"
    PostViceChair = _NS + "PostViceChair"
    PublisherAcademic = _NS + "PublisherAcademic"
    PublisherAggregator = _NS + "PublisherAggregator"
    PublisherAssociation = _NS + "PublisherAssociation"
    PublisherEncyclopedia = _NS + "PublisherEncyclopedia"
    PublisherKind = _NS + "PublisherKind"
    PublisherLocalGovernment = _NS + "PublisherLocalGovernment"
    PublisherMirror = _NS + "PublisherMirror"
    PublisherNationalAgency = _NS + "PublisherNationalAgency"
    PublisherNationalGovernment = _NS + "PublisherNationalGovernment"
    PublisherNews = _NS + "PublisherNews"
    PublisherReferenceData = _NS + "PublisherReferenceData"
    RegionalGovernment = _NS + "RegionalGovernment"
    RoleDeputyMayor = _NS + "RoleDeputyMayor"
    RoleMayor = _NS + "RoleMayor"
    RoleOther = _NS + "RoleOther"
    RoleRepresentative = _NS + "RoleRepresentative"
    Russia = _NS + "Russia"
    Source = _NS + "Source"
    SourceDataset = _NS + "SourceDataset"
    SourceEncyclopedia = _NS + "SourceEncyclopedia"
    SourceKind = _NS + "SourceKind"
    SourceNews = _NS + "SourceNews"
    SourceOfficial = _NS + "SourceOfficial"
    SourceReport = _NS + "SourceReport"
    SourcedFact = _NS + "SourcedFact"
    StatusChange = _NS + "StatusChange"
    StatusCouncilApproval = _NS + "StatusCouncilApproval"
    StatusEnded = _NS + "StatusEnded"
    StatusInherited = _NS + "StatusInherited"
    StatusLetterOfIntent = _NS + "StatusLetterOfIntent"
    StatusReaffirmed = _NS + "StatusReaffirmed"
    StatusResumed = _NS + "StatusResumed"
    StatusSigned = _NS + "StatusSigned"
    StatusSuspended = _NS + "StatusSuspended"
    StatusUpgraded = _NS + "StatusUpgraded"
    TwinningAgreement = _NS + "TwinningAgreement"
    Visit = _NS + "Visit"
    accessed = _NS + "accessed"
    agreementKind = _NS + "agreementKind"
    asOf = _NS + "asOf"
    asOfEarliest = _NS + "asOfEarliest"
    asOfLatest = _NS + "asOfLatest"
    citedProperty = _NS + "citedProperty"
    citedSubject = _NS + "citedSubject"
    citedValue = _NS + "citedValue"
    claimAbout = _NS + "claimAbout"
    claimProperty = _NS + "claimProperty"
    claimValue = _NS + "claimValue"
    confidence = _NS + "confidence"
    country = _NS + "country"
    curatedIn = _NS + "curatedIn"
    date = _NS + "date"
    destination = _NS + "destination"
    dateEarliest = _NS + "dateEarliest"
    dateLatest = _NS + "dateLatest"
    documentKind = _NS + "documentKind"
    documentParty = _NS + "documentParty"
    endDate = _NS + "endDate"
    endEarliest = _NS + "endEarliest"
    endLatest = _NS + "endLatest"
    established = _NS + "established"
    establishedEarliest = _NS + "establishedEarliest"
    establishedLatest = _NS + "establishedLatest"
    firstYear = _NS + "firstYear"
    founded = _NS + "founded"
    foundedEarliest = _NS + "foundedEarliest"
    foundedLatest = _NS + "foundedLatest"
    foundingDocument = _NS + "foundingDocument"
    frequency = _NS + "frequency"
    geonamesId = _NS + "geonamesId"
    holder = _NS + "holder"
    host = _NS + "host"
    inSeries = _NS + "inSeries"
    japaneseParty = _NS + "japaneseParty"
    jisCode = _NS + "jisCode"
    kindLocal = _NS + "kindLocal"
    ledBy = _NS + "ledBy"
    level = _NS + "level"
    meeting = _NS + "meeting"
    member = _NS + "member"
    number = _NS + "number"
    oktmoCode = _NS + "oktmoCode"
    organisation = _NS + "organisation"
    organiser = _NS + "organiser"
    participant = _NS + "participant"
    partnerOf = _NS + "partnerOf"
    party = _NS + "party"
    postIn = _NS + "postIn"
    postKind = _NS + "postKind"
    purpose = _NS + "purpose"
    predecessor = _NS + "predecessor"
    publisherKind = _NS + "publisherKind"
    region = _NS + "region"
    reportedJapaneseCount = _NS + "reportedJapaneseCount"
    reportedRussianCount = _NS + "reportedRussianCount"
    representedBy = _NS + "representedBy"
    role = _NS + "role"
    russianParty = _NS + "russianParty"
    seat = _NS + "seat"
    sourceKind = _NS + "sourceKind"
    startDate = _NS + "startDate"
    startEarliest = _NS + "startEarliest"
    startLatest = _NS + "startLatest"
    status = _NS + "status"
    statusChange = _NS + "statusChange"
    twinnedWith = _NS + "twinnedWith"
    venue = _NS + "venue"
    visitor = _NS + "visitor"
    wikidataId = _NS + "wikidataId"


#: The local names of every term, sorted.
TERMS: Final = tuple(sorted(name for name in vars(RUJP) if not name.startswith("_")))

#: Predicates that record how a fact node was curated (its sources, confidence grade, table
#: and the curator's note) rather than a value a source supports; every other triple of a
#: fact node is a value, supported by its ``rujp:CitedValue`` node's sources if it has one,
#: else by the sources its subject cites.
CURATION_PREDICATES: Final = (
    PROV + "wasDerivedFrom",
    ONTOLOGY_NS + "confidence",
    ONTOLOGY_NS + "curatedIn",
    RDFS + "comment",
)

#: Prefixes of the Turtle, TriG and RDF/XML serialisations and the JSON-LD context.
PREFIXES: Final = {
    "claim": ID_BASE + "claim/",
    "dcterms": DCT,
    "document": ID_BASE + "document/",
    "geo": GEO,
    "geonames": GEONAMES,
    "org": ORG,
    "orgs": ID_BASE + "org/",
    "owl": OWL,
    "person": ID_BASE + "person/",
    "place": ID_BASE + "place/",
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "rujp": ONTOLOGY_NS,
    "schema": SCHEMA,
    "series": ID_BASE + "series/",
    "skos": SKOS,
    "source": ID_BASE + "source/",
    "twinning": ID_BASE + "twinning/",
    "wd": WD,
    "xsd": XSD,
}
