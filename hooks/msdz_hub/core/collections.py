"""The collections of the hub: where their files live, their URLs and German names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Collection:
    name: str  # folder under data/ and schema name
    url_folder: str  # first URL segment of its pages
    singular: str  # German, for messages and pages
    plural: str
    in_feed: bool  # whether its records appear in the site feed
    unknown: str  # "unbekannte Kommune": German adjective agrees with the noun's gender


COLLECTIONS: dict[str, Collection] = {
    c.name: c
    for c in (
        Collection("topics", "themen", "Thema", "Themen", False, "unbekanntes Thema"),
        Collection("rounds", "foerderrunden", "Förderrunde", "Förderrunden", False, "unbekannte Förderrunde"),
        Collection("cities", "kommunen", "Kommune", "Kommunen", False, "unbekannte Kommune"),
        Collection(
            "projects", "modellvorhaben", "Modellvorhaben", "Modellvorhaben", True, "unbekanntes Modellvorhaben"
        ),
        Collection("events", "veranstaltungen", "Veranstaltung", "Veranstaltungen", True, "unbekannte Veranstaltung"),
        Collection(
            "practices", "praxisbeispiele", "Praxisbeispiel", "Praxisbeispiele", True, "unbekanntes Praxisbeispiel"
        ),
        Collection("news", "aktuelles", "Meldung", "Aktuelles", True, "unbekannte Meldung"),
        Collection("organisations", "partner", "Partner", "Partner", False, "unbekannter Partner"),
    )
}
