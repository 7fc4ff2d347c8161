"""The data tables of the synthetic hub (bench/synthetic.py): how many records of each collection, and
the words and town names of their text."""

from __future__ import annotations

# Share of the records per collection; news take what is left. Rounds are capped by the schema
# (number 1–20), topics and rounds have a floor so that every reference field has targets.
SHARES = {
    "topics": 0.04,
    "rounds": 0.01,
    "cities": 0.10,
    "organisations": 0.12,
    "projects": 0.12,
    "events": 0.18,
    "practices": 0.20,
}
FLOORS = {
    "topics": 2,
    "rounds": 1,
    "cities": 1,
    "organisations": 1,
    "projects": 1,
    "events": 1,
    "practices": 1,
    "news": 1,
}

WORDS = (
    "Stadt Quartier Bürgerinnen Bürger Beteiligung Verwaltung Zukunft Innenstadt Mobilität Wärmewende "
    "Klimaanpassung Gemeinwohl Werkstatt Beirat Jugendliche Senioren Vereine Ehrenamt Fläche Brache "
    "Marktplatz Bahnhof Radweg Spielplatz Bibliothek Rathaus Schule Hochschule Planung Konzept Leitbild "
    "Umfrage Zwischennutzung Reallabor Förderung Landesinitiative Modellvorhaben Transfer Erfahrungen "
    "Ergebnisse gemeinsam schnell öffentlich digital grün lebendig nachhaltig ländlich städtisch "
    "größer kleiner älter jünger wählten prüften öffneten begleiteten diskutierten entwickelten "
    "erprobten übertrugen gestalteten Straßen Plätze Gärten Höfe Wege Brücken Ufer Wälder Dörfer "
    "Ortsteile Nachbarschaften Initiativen Partner Gutachten Wettbewerb Ausstellung Spaziergang Karte "
    "Befragung Rückmeldungen Vorschläge Maßnahmen Haushalt Personal Zeitplan Stolpersteine Übertragbarkeit"
).split()
# Words with an umlaut, ß or another non-ASCII letter make up about 8 % of the words in the real
# records (measured on data/ on 26.11.2026; tests/test_synthetic_hub.py keeps both close). The
# synthetic text draws them at that rate, so the search index (which adds other spellings for such
# words) and the pages weigh what real ones would.
SPECIAL_SHARE = 0.08
PLAIN_WORDS = tuple(w for w in WORDS if w.isascii())
SPECIAL_WORDS = tuple(w for w in WORDS if not w.isascii())
TOWNS = (
    "Angermünde Bad Belzig Cottbus Eberswalde Großräschen Herzberg Neuruppin Perleberg Wittenberge "
    "Zossen Altdöbern Fürstenwalde Müncheberg Lübbenau Königs Wusterhausen Schwedt Prenzlau Templin"
).split()
