"""Search in German, as readers use it: the site's dialog over Pagefind's index, in Chromium.

The index is written after the build (hooks/msdz_hub/engine/search_index.py) from the pages' content only:
the templates mark navigation, fact lists, labels and sources data-pagefind-ignore and give records
their collection, towns and date (data-pagefind-meta) and filters (data-pagefind-filter).
These tests check what a reader notices: which pages a query finds, what a result shows, that a
filter narrows the results, and that nothing of the search is loaded before it is opened.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from browsing import open_search
from playwright.sync_api import expect
from support import ROOT

from msdz_hub.core.collections import COLLECTIONS

GROSSRAESCHEN_PROJECT = "modellvorhaben/grossraeschen-altdoebern-2021/"


@pytest.fixture(scope="module")
def home(browser, site_url):
    """The home page, its search used for one query after another (as a reader would)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


@pytest.mark.parametrize("query", ["Großräschen", "Grossraeschen", "Grossräschen", "Grossraschen"])
def test_the_grossraeschen_project_is_found_however_the_town_is_spelt(home, query):
    results = open_search(home, query)
    assert GROSSRAESCHEN_PROJECT in results[:5], results
    assert "kommunen/grossraeschen/" in results[:3], results


def test_spellings_without_umlauts_find_the_same_pages(home):
    found = {query: open_search(home, query) for query in ("Großräschen", "Grossraeschen", "Grossräschen")}
    counts = {query: results.count for query, results in found.items()}
    assert len(set(counts.values())) == 1 and counts["Großräschen"] > 0, counts


def practices_about(word: str) -> set[str]:
    """Practice pages whose own text uses ``word`` (the data, not the search, decides). The sources'
    titles are left out: the sources are not searched (data-pagefind-ignore)."""
    found = set()
    for path in (ROOT / "data" / "practices").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.pop("sources", None)
        if word in json.dumps(data, ensure_ascii=False, default=str):
            found.add(f"praxisbeispiele/{path.stem}/")
    return found


def test_a_plural_finds_the_pages_about_the_singular(home):
    about = practices_about("Bürgerbeteiligung")
    assert about
    assert not [
        p
        for p in about
        if "Bürgerbeteiligungen" in (ROOT / "data" / "practices" / f"{Path(p).name}.yml").read_text(encoding="utf-8")
    ]
    results = open_search(home, "Bürgerbeteiligungen")
    assert about <= set(results), (about, results)


@pytest.mark.parametrize(
    "query, record",
    [
        ("Zossen", "kommunen/zossen/"),
        ("Klimawandel", "themen/klimawandel/"),
        ("Cottbus", "kommunen/cottbus/"),
    ],
)
def test_a_town_or_topic_ranks_first(home, query, record):
    assert open_search(home, query)[0] == record


@pytest.mark.parametrize("collection", ["practices", "projects", "events"])
def test_a_records_page_is_found_by_its_title(home, collection):
    folder = COLLECTIONS[collection].url_folder
    first = sorted((ROOT / "data" / collection).glob("*.yml"))[0]
    title = yaml.safe_load(first.read_text(encoding="utf-8"))["title"]
    assert f"{folder}/{first.stem}/" in open_search(home, title)[:3]


def test_a_result_shows_its_collection_town_and_the_marked_words(home):
    open_search(home, "Großräschen")
    project = home.locator(".hub-search__result", has=home.locator(f"a[href$='/{GROSSRAESCHEN_PROJECT}']"))
    expect(project.locator(".hub-search__meta")).to_contain_text("Modellvorhaben")
    expect(project.locator(".hub-search__meta")).to_contain_text("Großräschen")
    expect(project.locator(".hub-search__excerpt mark").first).to_be_visible()


def test_a_filter_narrows_the_results_and_shows_counts(home):
    before = open_search(home, "Beteiligung")
    select = home.locator("#hub-search-filter-bereich")
    option = select.locator("option", has_text="Praxisbeispiel")
    label = option.text_content().strip()
    expected = int(re.search(r"\((\d+)\)", label).group(1))
    assert 0 < expected < before.count
    select.select_option(label=label)
    status = home.locator("[data-hub-search-status]")
    expect(status).to_have_text(f"{expected} Ergebnisse für „Beteiligung“.")
    pages = home.locator(".hub-search__result a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert pages and all(p.startswith("/praxisbeispiele/") for p in pages), pages
    select.select_option(value="")  # back to all, for the next test
    expect(status).to_have_text(f"{before.count} Ergebnisse für „Beteiligung“.")


def test_nothing_of_the_search_loads_before_it_is_opened_and_nothing_from_other_hosts(tracked_page, site_url):
    page = tracked_page.page
    page.goto(site_url + "kommunen/zossen/")
    page.wait_for_load_state("networkidle")
    early = [url for url in tracked_page.requests if "pagefind" in url or "search" in url]
    assert early == []
    page.locator("[data-hub-search-open]").click()
    assert open_search(page, "Klimaanpassung")
    loaded = [url for url in tracked_page.requests if "/pagefind/" in url]
    assert any(url.endswith("/pagefind/pagefind.js") for url in loaded), loaded
    assert any("wasm.de.pagefind" in url for url in loaded), loaded  # German stemming
    assert tracked_page.foreign_requests() == []
    assert tracked_page.errors == []


def test_keyboard_only_open_search_follow_a_result_and_close(tracked_page, site_url):
    page = tracked_page.page
    page.goto(site_url)
    page.keyboard.press("s")
    dialog = page.locator("#hub-search")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("[data-hub-search-open]")).to_be_focused()  # focus goes back to the button
    page.keyboard.press("Enter")
    expect(page.locator("#hub-search-input")).to_be_focused()
    open_search(page, "Zossen")
    expect(page.locator("[data-hub-search-status]")).to_have_attribute("role", "status")  # announced
    page.keyboard.press("Enter")  # the first result
    page.wait_for_url(re.compile(r"/kommunen/zossen/$"))


def test_the_old_index_is_gone_and_pagefind_indexed_only_content(built_site):
    assert not (built_site / "search" / "search_index.json").exists()
    assert (built_site / "pagefind" / "pagefind.js").exists()
    page = (built_site / "kommunen" / "zossen" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in page and 'data-pagefind-filter="kommune"' in page
    assert "data-search-exclude" not in page
    assert "data-pagefind-body" not in (built_site / "404.html").read_text(encoding="utf-8")
