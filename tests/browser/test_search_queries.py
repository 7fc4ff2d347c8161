"""What a town employee types into the search, in Chromium, and the page that must come up.

Each query names the page a reader looks for: it must be among the first three results, or first
(a town's or topic's own page for its name). The words come from how towns talk: a part of a
compound („Anpassung“ for Klimaanpassung) and the compound for its parts, plurals, umlauts written
out or left off, typos („Meinten Sie …?“), abbreviations, and other words for the hub's words
(data/synonyms.yml). Ranking puts practices and projects above news, events and partners.
"""

from __future__ import annotations

import re

import pytest
from browsing import open_search
from playwright.sync_api import expect

FIRST, TOP3 = 1, 3

QUERIES = [
    # a part finds the compound (Pagefind alone finds none of these: issue 738)
    ("Anpassung", "modellvorhaben/brandenburg-an-der-havel-2023/", TOP3),
    ("Werkstatt", "praxisbeispiele/transferwerkstaetten-zwischen-modellstaedten/", FIRST),
    ("Jugend", "praxisbeispiele/ar-vr-beteiligung-jugendfreizeitflaeche/", TOP3),
    ("Nutzung", "praxisbeispiele/serious-game-stadtspielraum/", TOP3),
    ("Beteiligung", "praxisbeispiele/ansprech-bar-anlaufstelle-innenstadt/", TOP3),
    # the compound finds the page, also in the plural
    ("Klimaanpassung", "modellvorhaben/brandenburg-an-der-havel-2023/", FIRST),
    ("Jugendbeteiligung", "praxisbeispiele/ar-vr-beteiligung-jugendfreizeitflaeche/", TOP3),
    ("Transferwerkstätten", "praxisbeispiele/transferwerkstaetten-zwischen-modellstaedten/", FIRST),
    ("Zwischennutzungen", "praxisbeispiele/summer-school-pavillon-als-zwischennutzung/", FIRST),
    ("Bürgerbeteiligungen", "praxisbeispiele/jugendwerkstatt-und-online-karte/", TOP3),
    ("Bürgerräte", "praxisbeispiele/leerstehende-villa-als-offener-treffpunkt/", TOP3),
    # a town's or topic's own page first for its name, however it is spelt
    ("Grossraeschen", "kommunen/grossraeschen/", FIRST),
    ("Großräschen", "kommunen/grossraeschen/", FIRST),
    ("Angermuende", "kommunen/angermuende/", FIRST),
    ("Chosebuz", "kommunen/cottbus/", FIRST),
    ("Herzberg", "kommunen/herzberg-elster/", FIRST),
    ("Eberswalde", "kommunen/eberswalde/", FIRST),
    ("Klimawandel", "themen/klimawandel/", FIRST),
    ("Digitalisierung", "themen/digitalisierung/", FIRST),
    ("Vitale Innenstadt", "themen/vitale-innenstadt/", FIRST),
    ("Gemeinwohl", "themen/gemeinwohl/", FIRST),  # not the Transferwerkstatt named after it
    ("Lokale Mobilität", "themen/lokale-mobilitaet/", FIRST),
    ("Zossen", "kommunen/zossen/", FIRST),  # not its project „Zukunft Zossen“
    ("Zukunft Zossen", "modellvorhaben/zossen-2021/", FIRST),  # a project's own page for its name
    # umlauts written out, a letter left out
    ("Waermeplanung", "praxisbeispiele/eigentuemerbefragung-waermeplanung-altstadt/", FIRST),
    ("Klimaanpasung", "modellvorhaben/brandenburg-an-der-havel-2023/", FIRST),
    ("Zwischennutzng", "praxisbeispiele/summer-school-pavillon-als-zwischennutzung/", FIRST),
    # other words for the hub's words (data/synonyms.yml)
    ("Partizipation", "themen/teilhabe/", FIRST),
    ("Hitze", "modellvorhaben/brandenburg-an-der-havel-2023/", TOP3),
    ("Starkregen", "praxisbeispiele/serious-game-stadtspielraum/", TOP3),
    ("Leerstand", "praxisbeispiele/leerstehende-villa-als-offener-treffpunkt/", FIRST),
    ("Ortskern", "themen/vitale-innenstadt/", TOP3),
    # abbreviations; the project says „öffentlichen Personennahverkehr“: its part Nahverkehr is a synonym
    ("ÖPNV", "modellvorhaben/eberswalde-2021/", TOP3),
    ("OEPNV", "modellvorhaben/eberswalde-2021/", TOP3),
    ("ISEK", "modellvorhaben/bad-belzig-2021/", TOP3),
    ("INSEK", "modellvorhaben/bad-belzig-2021/", TOP3),
    # what a method is called
    ("Reallabor", "praxisbeispiele/strassen-reallabor-dortustrasse/", FIRST),
    ("Serious Game", "praxisbeispiele/serious-game-stadtspielraum/", FIRST),
]


@pytest.fixture(scope="module")
def searching(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


@pytest.mark.parametrize("query, expected, within", QUERIES, ids=[f"{q}-{w}" for q, _, w in QUERIES])
def test_a_query_finds_the_page_a_reader_looks_for(searching, query, expected, within):
    results = open_search(searching, query)
    assert expected in results[:within], (query, results[:5])


def test_the_suite_has_thirty_queries_of_every_kind():
    assert len({q for q, _, _ in QUERIES}) >= 30


@pytest.mark.parametrize(
    "typo, meant, expected",
    [
        ("Partizipaton", "Partizipation", "themen/teilhabe/"),
        ("Grosraeschen", "Großräschen", "kommunen/grossraeschen/"),
        ("Leerstnd", "Leerstand", "praxisbeispiele/leerstehende-villa-als-offener-treffpunkt/"),
        ("Ebersalde", "Eberswalde", "kommunen/eberswalde/"),
    ],
)
def test_a_typo_is_offered_the_word_the_site_uses_and_the_link_runs_that_search(searching, typo, meant, expected):
    results = open_search(searching, typo)
    assert results.count < 3
    offer = searching.locator("[data-hub-search-suggestion]")
    expect(offer).to_have_text(f"Meinten Sie „{meant}“?")
    expect(searching.locator("[data-hub-search-status]")).to_contain_text(f"Meinten Sie „{meant}“?")  # announced
    offer.get_by_role("link", name=meant).click()
    status = searching.locator("[data-hub-search-status]")
    expect(status).to_have_text(re.compile(rf"\d+ Ergebniss?e? für „{meant}“\."))
    pages = searching.locator(".hub-search__result a").evaluate_all("a => a.map(l => new URL(l.href).pathname)")
    assert f"/{expected}" in pages[:3], pages[:5]
    expect(offer).to_be_hidden()


@pytest.mark.parametrize(
    "typo, meant", [("Zwischennutzng", "Zwischennutzung"), ("Jugendbeteilgung", "Jugendbeteiligung")]
)
def test_a_typo_that_finds_a_few_pages_by_chance_is_still_offered_the_word(searching, typo, meant):
    results = open_search(searching, typo)
    assert 3 <= results.count < 10  # a few weak hits: Pagefind matched a part of the word
    offer = searching.locator("[data-hub-search-suggestion]")
    expect(offer).to_have_text(f"Meinten Sie „{meant}“?")
    assert results  # the results stay; the offer sits above them


def checked(page, query: str) -> None:
    """Until the search has decided whether to offer another spelling for ``query``."""
    expect(page.locator(f'[data-hub-search-suggestion][data-checked="{query}"]')).to_have_count(1)


@pytest.mark.parametrize(
    "typo, meant",
    [("Beteilgung", "Beteiligung"), ("Digitalisirung", "Digitalisierung"), ("Stadtentwiklung", "Stadtentwicklung")],
)
def test_a_typo_of_a_frequent_word_is_offered_the_word_however_many_pages_it_finds(searching, typo, meant):
    results = open_search(searching, typo)
    assert results.count >= 10  # Pagefind found many pages by a part of the word: no sign it is right
    checked(searching, typo)
    offer = searching.locator("[data-hub-search-suggestion]")
    expect(offer).to_have_text(f"Meinten Sie „{meant}“?")
    offer.get_by_role("link", name=meant).click()
    expect(searching.locator("[data-hub-search-status]")).to_have_text(re.compile(rf"\d+ Ergebnisse für „{meant}“\."))


@pytest.mark.parametrize(
    "query",
    [
        "Klimawandel",
        "Beteiligung",
        "Klimaanpassung",
        "Digitalisierung",
        "Bürgerbeteiligungen",  # another form than the site's
        "Anpassung",  # found inside compounds only
        "Grossraeschen",  # a town's name, umlauts written out
        "Eberswalde",
        "Beteiligungsprozesse",
    ],
)
def test_a_correctly_spelled_word_is_not_second_guessed(searching, query):
    open_search(searching, query)
    checked(searching, query)
    expect(searching.locator("[data-hub-search-suggestion]")).to_be_hidden()
    expect(searching.locator("[data-hub-search-status]")).not_to_contain_text("Meinten Sie")


def test_practices_and_projects_rank_above_news_events_and_partners(searching):
    results = open_search(searching, "Bürgerbeteiligung")
    assert all(p.startswith(("praxisbeispiele/", "modellvorhaben/", "themen/")) for p in results[:2]), results[:5]


@pytest.mark.parametrize(
    "query, record, date",
    [
        ("Bürger:innenrat zweier Nachbarkommunen", "praxisbeispiele/interkommunaler-buergerinnenrat/", "2021–2022"),
        ("Grossraeschen Altdoebern", "modellvorhaben/grossraeschen-altdoebern-2021/", "2021–2022"),
        (
            "Ortstermin Paulikloster",
            "veranstaltungen/ortstermin-paulikloster-lets-play-klimaanpassung-2024/",
            "4. November 2024",
        ),
    ],
)
def test_a_result_shows_the_records_own_date_never_the_sites(searching, query, record, date):
    open_search(searching, query)
    result = searching.locator(".hub-search__result", has=searching.locator(f"a[href$='/{record}']"))
    meta = result.locator(".hub-search__meta")
    expect(meta).to_contain_text(date)
    expect(meta).not_to_contain_text("2026")  # the site's publish date


def test_the_search_filters_have_no_empty_legend(searching):
    open_search(searching, "Partizipaton")  # one result: nothing to narrow
    expect(searching.locator("[data-hub-search-refine]")).to_be_hidden()
    expect(searching.get_by_text("Ergebnisse eingrenzen")).to_be_hidden()
