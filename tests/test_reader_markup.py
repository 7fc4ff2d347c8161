"""What readers, assistive technology and search engines get from the built site (issue 6):
filters on the overviews, the map of the towns, events with machine-readable dates, the timeline,
schema.org JSON-LD, Open Graph, canonical URLs and the sitemap. Browser behaviour is tested in
tests/browser/test_reader_features.py."""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from support import ROOT

from msdz_hub.core.collections import COLLECTIONS
from msdz_hub.views.structured_data import json_ld

SITE_URL = "https://msdz-brandenburg.github.io/wissenstransfer-hub/"


def data(collection: str) -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "data" / collection).glob("*.yml"))
    }


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside chosen elements."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {k: (v if v is not None else "") for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script = attributes

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, {k: (v if v is not None else "") for k, v in attrs}))

    def handle_data(self, text):
        if self._script is not None:
            self.scripts.append((self._script, text))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        """Elements by attribute values; ``class_`` stands for class, ``_`` in other names for '-'."""
        names = {k: "class" if k == "class_" else k.replace("_", "-") for k in wanted}
        return [a for t, a in self.tags if t == tag and all(a.get(names[k]) == v for k, v in wanted.items())]

    def json_ld(self) -> list[dict]:
        return [json.loads(text) for attrs, text in self.scripts if attrs.get("type") == "application/ld+json"]


def overview_items(site: Path, folder: str) -> dict[str, dict[str, str]]:
    """The filterable items of an overview, by the id of the record each links to."""
    html = read(site, folder)
    found = {}
    for match in re.finditer(r"<li [^>]*data-hub-item[^>]*>(.*?)</li>", html, re.S):
        attrs = Elements(match.group(0)).tags[0][1]
        record_id = re.search(r'href="([a-z0-9-]+)/"', match.group(1)).group(1)
        found[record_id] = attrs
    return found


def tokens(value: str) -> set[str]:
    return set(value.split())


# -- facets ---------------------------------------------------------------------------------------


def test_practices_overview_items_carry_the_topics_and_formats_of_their_data(built_site):
    found = overview_items(built_site, "praxisbeispiele")
    practices = data("practices")
    projects = data("projects")
    assert set(found) == set(practices)
    for practice_id, practice in practices.items():
        attrs = found[practice_id]
        assert tokens(attrs["data-topics"]) == set(practice["topics"]), practice_id
        assert tokens(attrs["data-formats"]) == set(practice.get("formats", [])), practice_id
        rounds = {projects[p]["round"] for p in practice["projects"]}
        assert tokens(attrs["data-round"]) == rounds, practice_id
        towns = {c for p in practice["projects"] for c in projects[p]["cities"] + projects[p].get("partner_cities", [])}
        assert towns | set(practice.get("cities", [])) == tokens(attrs["data-cities"]), practice_id
        assert tokens(attrs["data-year"]) and all(re.fullmatch(r"20\d\d", y) for y in tokens(attrs["data-year"]))


def test_projects_and_events_overviews_carry_town_round_and_year(built_site):
    projects = overview_items(built_site, "modellvorhaben")
    for project_id, project in data("projects").items():
        attrs = projects[project_id]
        assert tokens(attrs["data-cities"]) == set(project["cities"] + project.get("partner_cities", []))
        assert attrs["data-round"] == project["round"]
    events = overview_items(built_site, "veranstaltungen")
    assert set(events) == set(data("events"))
    for event_id, event in data("events").items():
        attrs = events[event_id]
        assert str(event["start"])[:4] in tokens(attrs["data-year"])
        assert attrs["data-kind"] == event["kind"]
        assert set(event.get("topics", [])) == tokens(attrs["data-topics"])
        if event.get("location", {}).get("city"):
            assert event["location"]["city"] in tokens(attrs["data-cities"])


@pytest.mark.parametrize(
    "folder, collection",
    [("praxisbeispiele", "practices"), ("modellvorhaben", "projects"), ("veranstaltungen", "events")],
)
def test_filter_form_has_labelled_selects_for_the_values_in_use_and_is_hidden_without_script(
    built_site, folder, collection
):
    html = read(built_site, folder)
    page = Elements(html)
    (form,) = page.find("form", class_="hub-facets")
    assert "hidden" in form  # without JavaScript the reader gets the full list, no dead form
    assert page.find("fieldset") and "<legend>" in html
    selects = page.find("select")
    assert {s["name"] for s in selects} >= {"thema", "kommune", "jahr"}
    labels = {a["for"] for a in page.find("label")}
    assert {s["id"] for s in selects} <= labels  # every select has its <label>
    (status,) = [a for t, a in page.tags if "data-hub-status" in a]
    assert status["aria-live"] == "polite" and status["role"] == "status"
    assert "Filter zurücksetzen" in html
    topics_in_use = {t for record in data(collection).values() for t in record.get("topics", [])}
    options = re.search(r'<select id="filter-thema".*?</select>', html, re.S).group(0)
    assert set(re.findall(r'<option value="([a-z0-9-]+)"', options)) == topics_in_use
    assert any(a.get("src", "").endswith("assets/facets.js") for a in page.find("script"))


# -- map ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["", "kommunen/"])
def test_map_has_a_named_link_to_every_town(built_site, url):
    html = read(built_site, url) if url else (built_site / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg class=\"hub-map__svg\".*?</svg>", html, re.S).group(0)
    assert "<title" in svg and 'class="hub-map__land"' in svg
    links = Elements(svg).find("a")
    cities = data("cities")
    assert {a["aria-label"] for a in links} == {c["title"] for c in cities.values()}
    for link in links:
        target = posixpath.normpath(posixpath.join(url, link["href"]))
        town = next(i for i, c in cities.items() if c["title"] == link["aria-label"])
        assert target == f"kommunen/{town}", link
        assert (built_site / target / "index.html").exists()
    caption = re.search(r'<figure class="hub-map"[^>]*>.*?<figcaption>(.*?)</figcaption>', html, re.S).group(1)
    assert "Natural Earth" in caption  # the outline's source, credited under the map


# -- events and timeline --------------------------------------------------------------------------


def test_events_overview_has_machine_readable_dates_newest_first(built_site):
    html = read(built_site, "veranstaltungen")
    events = data("events")
    ids = [
        (when, i)
        for i, when in re.findall(
            r'<li [^>]*data-hub-item[^>]*>\s*<p class="hub-card__title"><strong><a href="([a-z0-9-]+)/".*?<time datetime="([^"]+)">',
            html,
            re.S,
        )
    ]
    assert sorted(i for _, i in ids) == sorted(events)
    starts = [str(events[i]["start"])[:10] for _, i in ids]
    assert starts == sorted(starts, reverse=True)  # what a reader without JavaScript gets
    for datetime_value, event_id in ids:
        assert datetime_value[:10] == str(events[event_id]["start"])[:10]
    assert 'data-hub-when="upcoming"' in html and 'data-hub-when="past"' in html
    assert "Kommende Veranstaltungen" in html and "Vergangene Veranstaltungen" in html


def test_home_page_timeline_is_an_ordered_list_of_dates(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    timeline = html.split('id="chronik-der-landesinitiative"')[1].split("</ol>")[0]
    dates = re.findall(r'<li><time datetime="([0-9-]+)">', timeline)
    assert len(dates) >= 6
    assert dates == sorted(dates)
    for round_ in data("rounds").values():
        if round_.get("application_deadline"):
            assert str(round_["application_deadline"]) in dates
    assert "veranstaltungen/auftakt-2020/" in timeline


# -- structured data, Open Graph, canonical URLs, sitemap -----------------------------------------


def test_json_ld_cannot_close_its_script_element():
    text = json_ld({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!--"}


EXPECTED_TYPES = {"events": "Event", "cities": "Place", "news": "NewsArticle", "practices": "Article"}


@pytest.mark.parametrize("collection", sorted(EXPECTED_TYPES))
def test_record_pages_have_json_ld_of_their_type(built_site, collection):
    for record_id, record in data(collection).items():
        url = f"{COLLECTIONS[collection].url_folder}/{record_id}/"
        blocks = Elements(read(built_site, url)).json_ld()
        assert len(blocks) == 1, url
        item = blocks[0]
        assert item["@context"] == "https://schema.org"
        assert item["@type"] == EXPECTED_TYPES[collection], url
        assert item["url"] == SITE_URL + url
        assert item["name"] == record["title"]
        if collection == "events":
            assert item["startDate"][:10] == str(record["start"])[:10]
            assert item["eventAttendanceMode"].startswith("https://schema.org/")
            assert item["location"] and item["organizer"]
            if "end" in record:
                assert item["endDate"][:10] == str(record["end"])[:10]
        elif collection == "cities":
            assert item["geo"] == {
                "@type": "GeoCoordinates",
                "latitude": record["coordinates"]["lat"],
                "longitude": record["coordinates"]["lon"],
            }
        else:
            assert item["datePublished"] == str(record["published"])
            assert item["publisher"]["name"]


def test_home_page_names_the_organisation_behind_the_hub(built_site):
    blocks = Elements((built_site / "index.html").read_text(encoding="utf-8")).json_ld()
    types = {node["@type"] for node in blocks[0]["@graph"]}
    assert types == {"GovernmentOrganization", "WebSite"}
    organisation = next(n for n in blocks[0]["@graph"] if n["@type"] == "GovernmentOrganization")
    assert organisation["name"] == "Ministerium für Infrastruktur und Landesplanung des Landes Brandenburg"


def html_pages(site: Path) -> list[Path]:
    """The readers' pages: not the 404 page, not the editors' CMS at admin/ (tests/browser/test_cms.py)."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and p.relative_to(site).parts[0] != "admin")


def test_every_page_has_open_graph_description_and_canonical_url(built_site):
    for path in html_pages(built_site):
        head = Elements(path.read_text(encoding="utf-8").split("</head>")[0])
        og = {a["property"]: a["content"] for a in head.find("meta") if a.get("property", "").startswith("og:")}
        assert set(og) >= {"og:title", "og:description", "og:type", "og:url", "og:locale", "og:site_name"}, path
        assert og["og:locale"] == "de_DE" and og["og:title"] and og["og:description"], path
        assert og["og:type"] in ("website", "article")
        (canonical,) = head.find("link", rel="canonical")
        assert canonical["href"] == og["og:url"]
        url = path.relative_to(built_site).parent.as_posix()
        assert og["og:url"] == SITE_URL + ("" if url == "." else url + "/")
        assert head.find("meta", name="description")[0]["content"], path


def test_articles_are_typed_as_articles_for_link_previews(built_site):
    for collection in ("news", "practices"):
        record_id = next(iter(data(collection)))
        head = Elements(read(built_site, f"{COLLECTIONS[collection].url_folder}/{record_id}/").split("</head>")[0])
        assert head.find("meta", property="og:type")[0]["content"] == "article"


def test_sitemap_lists_every_record_page(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for path in sorted((ROOT / "data").glob("*/*.yml")):
        assert f"{SITE_URL}{COLLECTIONS[path.parent.name].url_folder}/{path.stem}/" in locations, path
