"""Search in German, as readers use it: Material's search (lunr, in Chromium) over the built index.

The index is made during the build: the templates keep navigation, sources and labels out of it
(data-search-exclude) and hooks/msdz_hub/search_index.py adds the other spellings of each entry.
These tests check what a reader notices – which pages a query finds and in which order – and what
the index holds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from browsing import open_search
from msdz_hub.collections import COLLECTIONS
from msdz_hub.search_index import json_as_utf8, other_spellings, rewrite_json_as_utf8, spellings, tune_page_entries
from support import ROOT

GROSSRAESCHEN_PROJECT = "modellvorhaben/grossraeschen-altdoebern-2021/"
# Headings of the sections in which a record page lists other records (macro `related`) or its
# sources: navigation, found on the linked records' own pages.
LINK_SECTIONS = {
    "Quellen", "Modellvorhaben", "Praxisbeispiele", "Veranstaltungen", "Aktuelles", "Kommunen",
    "Organisationen", "Förderrunde", "Förderrunden", "Beteiligte Modellvorhaben", "Beteiligte Kommunen",
    "Beteiligte Organisationen", "Praxisbeispiele aus diesem Vorhaben", "Modellvorhaben dieser Runde",
    "In den Förderrunden",
}


def record_data(collection: str) -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((ROOT / "data" / collection).glob("*.yml"))}


def text_of(value) -> str:
    """Every text of a record's data, joined: what its editors wrote."""
    if isinstance(value, dict):
        return " ".join(text_of(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(text_of(v) for v in value)
    return " ".join(value.split()) if isinstance(value, str) else ""


def entries_of(docs: list[dict], page: str) -> list[dict]:
    return [d for d in docs if d["location"].split("#")[0] == page]


@pytest.fixture(scope="session")
def search_index(built_site: Path) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def home(browser, site_url):
    """The home page, its search used for one query after another (as a reader would)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


@pytest.mark.parametrize("query", ["Großräschen", "Grossraeschen", "Grossraschen", "Grossräschen"])
def test_the_grossraeschen_project_is_found_however_the_town_is_spelt(home, query):
    results = open_search(home, query)
    assert results[0] == "kommunen/grossraeschen/"
    assert GROSSRAESCHEN_PROJECT in results


@pytest.mark.parametrize("spelt", [
    ("Großräschen", "Grossraeschen", "Grossraschen"),
    ("Bürgerrat", "Buergerrat", "Burgerrat"),
    ("Altdöbern", "Altdoebern", "Altdobern"),
], ids=["grossraeschen", "buergerrat", "altdoebern"])
def test_spellings_without_umlauts_find_the_same_pages(home, spelt):
    found = {query: open_search(home, query) for query in spelt}
    counts = {query: results.count for query, results in found.items()}
    original, *others = spelt
    assert counts[original] > 0
    for other in others:
        assert counts[other] == counts[original], counts
        if counts[original] == len(found[original]):  # all shown (Material shows ten at first)
            assert set(found[other]) == set(found[original]), found
        # Ranked by other fields (the spellings sit once on each page's entry), the best page for
        # the word as written is still near the top for the other spellings.
        assert found[original][0] in found[other][:5], found


def test_a_year_is_searchable(home):
    # "Runde 1: Modellvorhaben 2021–2022": the year stands between a space and a dash
    results = open_search(home, "2021")
    assert "foerderrunden/runde-1/" in results
    assert any(page.endswith("-2021/") for page in results)


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_a_records_page_comes_first_when_searching_its_title(home, collection):
    folder = COLLECTIONS[collection].url_folder
    first = sorted((ROOT / "data" / collection).glob("*.yml"))[0]
    title = yaml.safe_load(first.read_text(encoding="utf-8"))["title"]
    assert open_search(home, title)[0] == f"{folder}/{first.stem}/"


@pytest.mark.parametrize("query, record", [
    ("Zossen", "kommunen/zossen/"),
    ("Klimawandel", "themen/klimawandel/"),
    ("Cottbus", "kommunen/cottbus/"),
])
def test_a_town_or_topic_ranks_above_the_overviews_that_list_it(home, query, record):
    assert open_search(home, query)[0] == record


def test_search_runs_in_the_browser_with_german_support_and_nothing_from_other_hosts(tracked_page, site_url):
    page = tracked_page.page
    page.goto(site_url)
    assert open_search(page, "Klimaanpassung")
    loaded = [url for url in tracked_page.requests if "/lunr/" in url or "search_index.json" in url]
    assert any(url.endswith("/lunr.de.min.js") for url in loaded), loaded
    assert tracked_page.foreign_requests() == []
    assert tracked_page.errors == []


def test_the_index_leaves_out_source_lists_and_fact_labels(search_index):
    docs = search_index["docs"]
    assert not [d["location"] for d in docs if d["title"] == "Quellen"]
    # no web addresses of sources, unless the record's own text quotes one
    for name, collection in COLLECTIONS.items():
        for record_id, data in record_data(name).items():
            indexed = " ".join(d["text"] for d in entries_of(docs, f"{collection.url_folder}/{record_id}/"))
            own_text = text_of({k: v for k, v in data.items() if k != "sources"})
            sources = [s["url"] if isinstance(s, dict) else s for s in data.get("sources", [])]
            assert [url for url in sources if url in indexed and url not in own_text] == [], record_id
    steckbriefe = [d for d in docs if d["title"] in ("Steckbrief", "Auf einen Blick")]
    assert steckbriefe
    for label in ("Förderrunde:", "Themen:", "Kommunen:", "Landkreis:", "Website:", "Art:"):
        assert not [d["location"] for d in steckbriefe if label in d["text"]], label
    # the values stay searchable; the web address of a town is not searched, like the sources
    project = next(d for d in steckbriefe if d["location"] == GROSSRAESCHEN_PROJECT + "#steckbrief")
    assert "Altdöbern" in project["text"] and "Runde 1" in project["text"]
    town = next(d for d in steckbriefe if d["location"] == "kommunen/grossraeschen/#steckbrief")
    assert "Oberspreewald-Lausitz" in town["text"] and "grossraeschen.de" not in town["text"]
    assert "<li></li>" not in town["text"]


def test_the_index_holds_no_lists_of_links_to_other_records(search_index):
    docs = search_index["docs"]
    folders = {c.url_folder for c in COLLECTIONS.values()}
    record_sections = [d for d in docs if d["location"].split("/")[0] in folders and "/#" in d["location"]]
    assert not {(d["location"], d["title"]) for d in record_sections if d["title"] in LINK_SECTIONS}
    # A town's page links all its projects; their titles reach the town's entries only where the
    # town's own text names them, never as a list of links.
    for city, data in record_data("cities").items():
        titles = [p["title"] for p in record_data("projects").values()
                  if city in p.get("cities", []) + p.get("partner_cities", [])]
        assert titles, city
        indexed = " ".join(d["text"] for d in entries_of(docs, f"kommunen/{city}/"))
        own_text = text_of(data)
        assert [t for t in titles if indexed.count(t) > own_text.count(t)] == [], city


def test_overviews_and_the_home_page_are_in_the_index_without_their_lists(search_index):
    docs = search_index["docs"]
    for name, collection in COLLECTIONS.items():
        entries = entries_of(docs, f"{collection.url_folder}/")
        assert [d["title"] for d in entries] == [collection.plural], name  # no sections of list items
        assert entries[0]["text"], name  # the introduction
        titles = [r["title"] for r in record_data(name).values()]
        assert not [t for t in titles if t in entries[0]["text"]], name
    home = entries_of(docs, "")
    assert "Landesinitiative" in home[0]["text"]
    assert {d["title"] for d in home[1:]}.isdisjoint({"Einstieg", "Aktuelles", "Veranstaltungen", "Chronik der Landesinitiative"})


def test_an_overview_is_found_by_its_introduction(home):
    # "Die Landesinitiative hat Modellvorhaben in zwei Wettbewerbsrunden ausgewählt und gefördert."
    assert "foerderrunden/" in open_search(home, "Wettbewerbsrunden")


def test_the_index_stays_small(search_index, built_site):
    size = (built_site / "search" / "search_index.json").stat().st_size
    pages = {d["location"].split("#")[0] for d in search_index["docs"]}
    assert len(pages) > 100
    assert size / len(pages) < 4000, f"{size} bytes for {len(pages)} pages"


def test_the_index_has_no_stemmer_that_would_break_umlaut_queries(search_index):
    config = search_index["config"]
    assert config["lang"] == ["de"]
    assert "stemmer" not in config["pipeline"]  # queries are prefix queries, which skip the stemmer
    assert config["fields"]["title_spellings"] == config["fields"]["title"]
    assert config["fields"]["text_spellings"] == config["fields"]["text"]


@pytest.mark.parametrize("word, expected", [
    ("großräschen", {"grossraeschen", "grossraschen", "grossräschen"}),
    ("bürgerrat", {"buergerrat", "burgerrat"}),
    ("chóśebuz", {"chosebuz"}),
    ("zossen", set()),
    ("für", set()),  # a stop word: not in the index at all
])
def test_other_spellings_of_a_word(word, expected):
    assert set(spellings(word)) == expected


def test_spellings_are_plain_words_even_from_markup():
    words = list(other_spellings("<p>&lt;scrïpt&gt;alert(1)&lt;/scrïpt&gt; Die Bürger:innen</p>"))
    assert "script" in words and "bürgerinnen" in words and "buergerinnen" in words
    assert all(word.isalnum() for word in words), words


def test_an_entry_gets_each_spelling_once_however_often_its_word_occurs():
    entry = {"location": "kommunen/grossraeschen/", "title": "Großräschen",
             "text": "<p>Großräschen und Altdöbern.</p> <ul><li>In Großräschen</li> <li>großräschen, Altdöbern</li></ul>"}
    tune_page_entries([entry])
    assert entry["title_spellings"] == "grossraeschen grossraschen grossräschen"
    assert entry["text_spellings"].split() == ["grossraeschen", "grossraschen", "grossräschen", "altdoebern", "altdobern"]
    assert entry["text"].count("Großräschen") == 2  # the text itself stays as written


def test_an_entry_in_plain_ascii_gets_no_spellings():
    entry = {"location": "kommunen/zossen/", "title": "Zossen", "text": "<p>Zossen und Cottbus, 2021–2022.</p>"}
    tune_page_entries([entry])
    assert entry == {"location": "kommunen/zossen/", "title": "Zossen", "text": "Zossen und Cottbus, 2021–2022."}


def test_spellings_of_an_entry_are_plain_words_from_markup_and_entities():
    entry = {"location": "x/", "title": "&lt;b&gt;Grün&lt;/b&gt;",
             "text": "<p>&lt;scrïpt&gt;alert(1)&lt;/scrïpt&gt; <code>Fläche&amp;Straße</code></p>"}
    tune_page_entries([entry])
    assert entry["title_spellings"] == "gruen grun"
    assert entry["text_spellings"].split() == ["script", "flaeche", "flache", "strasse"]


def test_gender_forms_become_one_word_with_its_spellings():
    entry = {"location": "x/", "title": "Bürger:innenrat",
             "text": "<p>Manager*innen, Expert_innen und der Bürger:innenrat</p>"}
    tune_page_entries([entry])
    assert set(entry["title_spellings"].split()) == {
        "buerger", "burger", "bürgerinnenrat", "buergerinnenrat", "burgerinnenrat"}
    assert {"managerinnen", "expertinnen", "bürgerinnenrat", "buergerinnenrat"} <= set(entry["text_spellings"].split())


def test_paragraph_and_list_tags_leave_the_index_and_inline_code_stays():
    entries = [{"location": "x/", "title": "X", "text": "<p>Eins</p> <p>zwei</p>"},
               {"location": "x/#steckbrief", "title": "Steckbrief",
                "text": "<ul> <li>Zossen</li> <li></li> </ul> <ul> <li> </li> </ul> <p>a <code>x</code> <code>y</code></p>"}]
    tune_page_entries(entries)
    assert entries[0]["text"] == "Eins zwei"
    assert entries[1]["text"] == "Zossen a <code>x</code> <code>y</code>"


def test_a_pages_spellings_sit_once_on_its_own_entry_and_its_rank_too():
    entries = [{"location": "p/", "title": "Bürgerrat", "text": "<p>Der Bürgerrat in Zossen</p>", "boost": 2},
               {"location": "p/#vorgehen", "title": "Übertragbarkeit", "text": "<p>Bürgerrat und Großräschen</p>", "boost": 2},
               {"location": "p/#stolpersteine", "title": "Stolpersteine", "text": "<p>Zossen</p>", "boost": 2}]
    tune_page_entries(entries)
    assert entries[0]["title_spellings"] == "buergerrat burgerrat"
    assert entries[0]["text_spellings"].split() == [
        "buergerrat", "burgerrat", "uebertragbarkeit", "ubertragbarkeit", "grossraeschen", "grossraschen", "grossräschen"]
    assert entries[0]["boost"] == 2
    for section in entries[1:]:
        assert not {"title_spellings", "text_spellings", "boost"} & section.keys(), section


def test_the_index_file_is_written_as_utf8(built_site):
    raw = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Großräschen" in raw and "\\u00f6" not in raw and "\\u00e4" not in raw


@pytest.mark.parametrize("value", [
    "München „Zitat“ – 😀", "\\u00e4 as text", "\\\\u00fc", "\x01 control\n\t", '"quoted" \\ back', "ß" * 3, "",
])
def test_json_as_utf8_keeps_every_value(value):
    data = {"docs": [{"text": value, "title": value + "ä"}]}
    ascii_json = json.dumps(data, separators=(",", ":"))
    written = json_as_utf8(ascii_json)
    assert json.loads(written) == data
    assert written.isascii() == (value + "ä").isascii()


def test_a_large_index_is_rewritten_piece_by_piece_with_the_same_values(tmp_path):
    data = {"docs": [{"location": f"p{i}/", "text": "Größe, „Zitat“, 😀 \\u00e4, \\\\ " * (i % 7)} for i in range(500)]}
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    rewrite_json_as_utf8(path, chunk_chars=97)  # pieces far smaller than the file
    written = path.read_text(encoding="utf-8")
    assert json.loads(written) == data and "Größe" in written
