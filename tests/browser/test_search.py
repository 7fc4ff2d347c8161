"""Search in German, as readers use it: Material's search (lunr, in Chromium) over the built index.

The index is tuned after the build by hooks/msdz_hub/search_index.py; these tests check what a
reader notices – which pages a query finds and in which order – and what the index holds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from browsing import open_search
from msdz_hub.collections import COLLECTIONS
from msdz_hub.search_index import other_spellings, spellings
from support import ROOT

GROSSRAESCHEN_PROJECT = "modellvorhaben/grossraeschen-altdoebern-2021/"


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
        assert found[other][0] == found[original][0], found


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
    assert not [d["location"] for d in docs if "<li>https://" in d["text"] or "<li>http://" in d["text"]]
    steckbriefe = [d for d in docs if d["title"] == "Steckbrief"]
    assert steckbriefe
    for label in ("Förderrunde:", "Themen:", "Kommunen:", "Landkreis:"):
        assert not [d["location"] for d in steckbriefe if f"<li>{label}" in d["text"]], label
    # the values stay searchable
    project = next(d for d in steckbriefe if d["location"] == GROSSRAESCHEN_PROJECT + "#steckbrief")
    assert "Altdöbern" in project["text"]


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
