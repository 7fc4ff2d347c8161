"""Issue 17 as a reader meets it: filter by town size, similar practices, the printed Steckbrief,
the open data as spreadsheet and as a DCAT-AP.de catalogue."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import rdflib
from pypdf import PdfReader
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF
from support import ROOT

from msdz_hub.core.collections import COLLECTIONS
from msdz_hub.load import load_hub
from msdz_hub.views.town_size import SIZE_CLASSES, size_class

HUB = load_hub(ROOT)


def _practices_of_size(value: str) -> set[str]:
    """From the data: practices with a town (own, or through its projects) of that size class."""
    from msdz_hub.views.facets import cities

    found = set()
    for practice in HUB.records["practices"].values():
        classes = {size_class(HUB.get("cities", c)) for c in cities(practice)}
        if any(c is not None and c.value == value for c in classes):
            found.add(practice.title)
    return found


@pytest.mark.parametrize("size", [c.value for c in SIZE_CLASSES])
def test_size_filter_in_url_leaves_exactly_those_practices(tracked_page, site_url, size):
    page = tracked_page.page
    page.goto(f"{site_url}praxisbeispiele/?groesse={size}")
    shown = page.locator("#praxisbeispiele-liste [data-hub-item]:visible .hub-card__title a")
    titles = {t.strip() for t in shown.all_inner_texts()}
    expected = _practices_of_size(size)
    assert expected, f"no practice from a town of class {size} in the data"
    assert titles == expected
    assert page.locator("#filter-groesse").input_value() == size
    status = page.locator("[data-hub-status]").inner_text()
    assert status.startswith(f"{len(expected)} von {len(HUB.records['practices'])}")


def test_without_javascript_practices_are_listed_by_size(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}praxisbeispiele/?groesse=unter-10000")
    assert page.locator("form[data-hub-facets]").is_hidden()  # no dead form
    page.locator(".hub-by-size > summary").click()  # the reader opens the list by size
    for size in SIZE_CLASSES:
        heading = page.locator(f"#groesse-{size.value}")
        expected = _practices_of_size(size.value)
        if not expected:
            continue
        links = heading.locator("xpath=following-sibling::ul[1]//a").all_inner_texts()
        assert set(links) == expected, size.label
    context.close()


def test_every_practice_page_shows_similar_practices(built_site: Path):
    for practice in HUB.records["practices"].values():
        html = (built_site / practice.url / "index.html").read_text(encoding="utf-8")
        section = re.search(r'<section[^>]*class="hub-similar".*?</section>', html, re.S)
        assert section, practice.id
        links = re.findall(r'class="hub-card__title"><strong><a href="\.\./([^/"]+)/"', section.group(0))
        assert 1 <= len(links) <= 5, practice.id
        assert practice.id not in links
        assert set(links) <= set(HUB.records["practices"])


def _longest_practice() -> str:
    def length(r):
        return len(str(r.data))

    return max(HUB.records["practices"].values(), key=length).id


def test_printed_practice_is_a_clean_a4_steckbrief(browser, site_url, artifacts):
    practice = HUB.get("practices", _longest_practice())
    page = browser.new_page()
    page.goto(f"{site_url}{practice.url}")
    page.emulate_media(media="print")
    pdf = artifacts / "steckbrief.pdf"  # kept for a look after the run
    page.pdf(path=str(pdf), format="A4", print_background=False)
    reader = PdfReader(str(pdf))
    assert 1 <= len(reader.pages) <= 3, f"{len(reader.pages)} pages"
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4 in points
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    flat = text.replace(" ", "")
    assert practice.title.replace(" ", "") in flat
    from msdz_hub.views.facets import cities

    for town in cities(practice):  # the towns, also those of its projects
        assert HUB.get("cities", town).title.replace(" ", "") in flat, town
    assert "Steckbrief" in text and "Quellen" in text and "Stand:" in text
    for source in practice.data["sources"]:
        assert source["url"] in flat, source["url"]  # in print each source shows its full address
    assert practice.url in flat  # the page's own address
    for chrome in ("Filter zurücksetzen", "Suche", "Ähnliche Praxisbeispiele", "Impressum", "Seite bearbeiten"):
        assert chrome not in text, chrome
    page.close()


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_csv_opens_with_umlauts_and_german_headers(built_site: Path, collection):
    raw = (built_site / "daten" / f"{collection}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["Kennung", "Adresse der Seite"]
    assert "Kurzfassung" in header or collection == "rounds"
    assert len(body) == len(HUB.records[collection])
    by_id = {row[0]: row for row in body}
    for record in HUB.records[collection].values():
        row = by_id[record.id]
        assert len(row) == len(header)
        assert row[header.index("Titel" if "Titel" in header else "Name")] == record.title


def test_dcat_catalogue_lists_every_collection_with_licence_and_downloads(built_site: Path):
    graph = rdflib.Graph()
    graph.parse(built_site / "daten" / "catalog.ttl", format="turtle")
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    catalog = catalogs[0]
    # DCAT-AP.de 2.0, mandatory for a catalogue: title, description, publisher (with a name), datasets
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset):
        assert graph.value(catalog, prop) is not None, prop
    assert graph.value(graph.value(catalog, DCTERMS.publisher), FOAF.name) is not None
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert len(datasets) == len(COLLECTIONS)
    licence = rdflib.URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
    downloads = set()
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCTERMS.modified, DCAT.theme):
            assert graph.value(dataset, prop) is not None, (dataset, prop)
        media = set()
        for distribution in graph.objects(dataset, DCAT.distribution):
            # mandatory for a distribution: access URL and licence
            assert graph.value(distribution, DCAT.accessURL) is not None
            assert graph.value(distribution, DCTERMS.license) == licence
            download = str(graph.value(distribution, DCAT.downloadURL))
            downloads.add(download.rsplit("/daten/", 1)[1])
            media.add(str(graph.value(distribution, DCAT.mediaType)).rsplit("/", 2)[-1])
        assert media == {"json", "csv"}
    assert downloads == {f"{name}.{kind}" for name in COLLECTIONS for kind in ("json", "csv")}
    for name in downloads:
        assert (built_site / "daten" / name).is_file(), name


def test_csv_keeps_umlauts(built_site: Path):
    rows = list(
        csv.DictReader(
            io.StringIO((built_site / "daten" / "cities.csv").read_text(encoding="utf-8-sig")), delimiter=";"
        )
    )
    names = {row["Name"] for row in rows}
    assert "Großräschen" in names and "Altdöbern" in names
    assert any("Mittelzentrum" in row["Zentralörtliche Funktion"] for row in rows)
