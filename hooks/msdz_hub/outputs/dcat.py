"""The open data's catalogue in DCAT-AP.de (Turtle), which GovData and the Länder portals harvest.

One dcat:Dataset per collection with a JSON and a CSV distribution. DCAT-AP.de 2.0 requires of the
catalogue title, description, publisher and its datasets; of a dataset title and description; of
a distribution its access URL and licence (from the DCAT-AP.de licence list). The recommended
properties that the hub knows are given as well: theme, modified, download URL, format, media type,
the licence's attribution text and the state Brandenburg as political geocoding.
Written line by line: every literal goes through ``_literal``, every IRI through ``_iri``.
"""

from __future__ import annotations

import datetime as dt
import re

from ..core.collections import COLLECTIONS
from ..model import Hub

LICENCE_URI = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
THEMES = (
    "http://publications.europa.eu/resource/authority/data-theme/REGI",  # Regionen und Städte
    "http://publications.europa.eu/resource/authority/data-theme/GOVE",
)  # Regierung, öffentl. Sektor
FILE_TYPES = {"json": "JSON", "csv": "CSV"}
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv"}
BRANDENBURG = "http://dcat-ap.de/def/politicalGeocoding/stateKey/12"
STATE_LEVEL = "http://dcat-ap.de/def/politicalGeocodingLevel/state"

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}

DESCRIPTIONS = {
    "topics": "Die Themen der Landesinitiative, nach denen Praxisbeispiele und Vorhaben geordnet sind.",
    "rounds": "Die Förderrunden der Landesinitiative mit Zeitraum, Themen und Begleitung.",
    "cities": "Die beteiligten Städte und Gemeinden mit Landkreis, Lage und Einwohnerzahl samt Stand, Quelle und Entwicklung.",
    "projects": "Die geförderten Modellvorhaben mit Kommunen, Themen, Beteiligungsformaten und Ergebnissen, "
    "ihrer Ansprechstelle (Dienststelle, Telefon, E-Mail, Kontaktseite, Tag der Bestätigung) und ihrem "
    "Stand nach der Förderung (laufend, verstetigt, eingestellt oder unbekannt).",
    "events": "Konferenzen, Werkstätten und Beteiligungsveranstaltungen mit Datum und Ort.",
    "practices": "Übertragbare Praxisbeispiele mit Ausgangslage, Vorgehen, Aufwand und Stolpersteinen; eine "
    "eigene Ansprechstelle, wo sie von der des Modellvorhabens abweicht.",
    "news": "Meldungen aus der Landesinitiative und den Modellvorhaben.",
    "organisations": "Ministerien, Hochschulen, Büros und weitere Partner der Modellvorhaben.",
}


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"@de'


def _iri(url: str) -> str:
    if re.search(r'[\s<>"{}|\\^`]', url):
        raise ValueError(f"not an IRI for Turtle: {url!r}")
    return f"<{url}>"


def _date(day: dt.date) -> str:
    return f'"{day.isoformat()}"^^xsd:date'


def modified(hub: Hub, collection: str, build_day: dt.date) -> dt.date:
    """The newest date a record of the collection carries; the build's day where none has one."""
    days = [r.updated for r in hub.records[collection].values() if r.updated]
    return max(days) if days else build_day


def _contact_point(node: str, name: str, email: str) -> list[str]:
    """Whom to ask about the data (DCAT-AP.de recommends it): the operator's unit and its mailbox."""
    lines = [f"{_iri(node)} a vcard:Organization ;", f"  vcard:fn {_literal(name)}"]
    if email:
        lines[-1] += " ;"
        lines.append(f"  vcard:hasEmail {_iri('mailto:' + email)}")
    return [*lines[:-1], lines[-1] + " .", ""]


def catalog_ttl(
    hub: Hub,
    absolute,
    title: str,
    description: str,
    publisher: str,
    attribution: str,
    build_day: dt.date,
    contact: tuple[str, str] = ("", ""),
) -> bytes:
    """The catalogue as Turtle; ``absolute`` turns a site path into a full URL; ``contact`` is the
    (name, e-mail) every dataset names as its contact point ("" for none)."""
    catalog = absolute("daten/catalog.ttl")
    agent = absolute("daten/#herausgeber")
    contact_node = absolute("daten/#kontakt")
    lines = [f"@prefix {p}: <{uri}> ." for p, uri in PREFIXES.items()] + [""]
    datasets = [absolute(f"daten/#{name}") for name in COLLECTIONS]
    lines += [
        f"{_iri(catalog)} a dcat:Catalog ;",
        f"  dct:title {_literal(title)} ;",
        f"  dct:description {_literal(description)} ;",
        f"  dct:publisher {_iri(agent)} ;",
        "  dct:language <http://publications.europa.eu/resource/authority/language/DEU> ;",
        f"  foaf:homepage {_iri(absolute(''))} ;",
        f"  dcat:dataset {', '.join(_iri(d) for d in datasets)} .",
        "",
        f"{_iri(agent)} a foaf:Agent, foaf:Organization ;",
        f"  foaf:name {_literal(publisher)} .",
        "",
    ]
    if contact[0]:
        lines += _contact_point(contact_node, *contact)
    for name, collection in COLLECTIONS.items():
        dataset = absolute(f"daten/#{name}")
        distributions = {kind: absolute(f"daten/#{name}-{kind}") for kind in FILE_TYPES}
        lines += [
            f"{_iri(dataset)} a dcat:Dataset ;",
            f"  dct:title {_literal(collection.plural + ' – ' + title)} ;",
            f"  dct:description {_literal(DESCRIPTIONS.get(name, collection.plural))} ;",
            f"  dct:identifier {_literal(name)} ;",
            f"  dct:publisher {_iri(agent)} ;",
            f"  dct:modified {_date(modified(hub, name, build_day))} ;",
            f"  dcat:theme {', '.join(_iri(t) for t in THEMES)} ;",
            f"  dcat:landingPage {_iri(absolute(collection.url_folder + '/'))} ;",
            f"  dcatde:politicalGeocodingURI {_iri(BRANDENBURG)} ;",
            f"  dcatde:politicalGeocodingLevelURI {_iri(STATE_LEVEL)} ;",
            *([f"  dcat:contactPoint {_iri(contact_node)} ;"] if contact[0] else []),
            f"  dcat:distribution {', '.join(_iri(d) for d in distributions.values())} .",
            "",
        ]
        for kind, distribution in distributions.items():
            url = absolute(f"daten/{name}.{kind}")
            lines += [
                f"{_iri(distribution)} a dcat:Distribution ;",
                f"  dct:title {_literal(f'{collection.plural} als {FILE_TYPES[kind]}')} ;",
                f"  dcat:accessURL {_iri(url)} ;",
                f"  dcat:downloadURL {_iri(url)} ;",
                f"  dct:format <http://publications.europa.eu/resource/authority/file-type/{FILE_TYPES[kind]}> ;",
                f"  dcat:mediaType <https://www.iana.org/assignments/media-types/{MEDIA_TYPES[kind]}> ;",
                f"  dct:license {_iri(LICENCE_URI)} ;",
                f"  dcatde:licenseAttributionByText {_literal(attribution)} ;",
                f"  dct:modified {_date(modified(hub, name, build_day))} .",
                "",
            ]
    return "\n".join(lines).encode("utf-8")
