"""A feed for any filter (issue 28.4): every non-empty selection of one or two of an overview's
filters (the year and the town included) has its RSS and Atom feed (and a calendar on the events
overview), at an address made of its facet values, listing exactly the records that filter finds,
worked out from the YAML files (tests/selection_truth.py), not by the generator; W3C rules as for
every feed."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest
from selection_truth import FOLDERS, Truth
from support import ROOT

SITE_URL = "https://msdz-brandenburg.github.io/wissenstransfer-hub/"
ATOM = "{http://www.w3.org/2005/Atom}"
FEED_LIMIT = 20  # the newest entries a filter's feed lists (the calendar lists all)


class _Form(HTMLParser):
    """The overview's filter form: select name -> (data key, the values it offers), in its order."""

    def __init__(self):
        super().__init__()
        self.facets: dict[str, tuple[str, list[str]]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "select" and "data-hub-facet" in a:
            self._select = a["name"]
            self.facets[self._select] = (a["data-hub-facet"], [])
        if tag == "option" and self._select and a.get("value"):
            self.facets[self._select][1].append(a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _form(built_site, folder: str) -> dict[str, tuple[str, list[str]]]:
    parser = _Form()
    parser.feed((built_site / folder / "index.html").read_text(encoding="utf-8"))
    return parser.facets


def _expected(built_site, collection: str) -> dict[str, list[str]]:
    """Each non-empty selection of one or two of the form's filters (file stem) -> the links of the
    records it finds, newest first (published, then identity, as every feed orders them)."""
    folder = FOLDERS[collection]
    form = _form(built_site, folder)
    found: dict[str, list[tuple[str, str]]] = {}
    for record_id, day, values in Truth(ROOT / "data").items(collection):
        for size in (1, 2):
            for chosen in itertools.combinations(form, size):  # in the order of the form
                offered = [sorted(values[form[p][0]]) for p in chosen]
                for combination in itertools.product(*offered):
                    stem = "+".join(f"{p}-{v}" for p, v in zip(chosen, combination, strict=True))
                    found.setdefault(stem, []).append((f"{day}/{record_id}", f"{SITE_URL}{folder}/{record_id}/"))
    return {stem: [link for _, link in sorted(records, reverse=True)] for stem, records in found.items()}


def _listed(path, kind: str) -> list[str]:
    root = ElementTree.parse(path).getroot()
    if kind == "rss":
        return [item.findtext("link") for item in root.iter("item")]
    return [e.find(f"{ATOM}link").get("href") for e in root.iter(f"{ATOM}entry")]  # an entry's one link: its page


@pytest.mark.parametrize("collection", list(FOLDERS))
def test_every_non_empty_selection_of_one_or_two_filters_has_its_feed_with_exactly_its_records(built_site, collection):
    folder = FOLDERS[collection]
    expected = _expected(built_site, collection)
    params = set(_form(built_site, folder))
    assert {"jahr", "kommune", "thema"} <= params, params  # the year and the town are filters with feeds
    selections = built_site / folder / "auswahl"
    kinds = ("rss.xml", "atom.xml", "ics") if collection == "events" else ("rss.xml", "atom.xml")
    for kind in kinds:
        made = {p.name.removesuffix(f".{kind}") for p in selections.glob(f"*.{kind}")}
        assert made == set(expected), (kind, sorted(made ^ set(expected))[:10])
    pairs = {tuple(sorted(re.sub(r"-.*", "", part) for part in stem.split("+"))) for stem in expected if "+" in stem}
    assert {("jahr", "kommune"), ("jahr", "thema"), ("kommune", "thema")} <= pairs, pairs
    for stem, links in expected.items():
        for kind in ("rss", "atom"):
            assert _listed(selections / f"{stem}.{kind}.xml", kind) == links[:FEED_LIMIT], (stem, kind)
        if collection == "events":
            calendar = icalendar.Calendar.from_ical((selections / f"{stem}.ics").read_bytes())
            assert sorted(str(e["url"]) for e in calendar.walk("VEVENT")) == sorted(links), stem
    for stem in sorted(expected)[:: max(1, len(expected) // 40)]:  # a spread of them, read as a feed reader does
        for kind in ("rss", "atom"):
            feed = feedparser.parse((selections / f"{stem}.{kind}.xml").read_bytes())
            assert feed.bozo == 0 and [e.link for e in feed.entries] == expected[stem][:FEED_LIMIT], stem


def test_selection_feeds_name_their_filter_and_point_back_to_it(built_site):
    path = built_site / "praxisbeispiele/auswahl/groesse-unter-10000+thema-klimawandel.atom.xml"
    feed = feedparser.parse(path.read_bytes())
    # in the order of the form, where the broad topic comes last
    assert feed.feed.title.startswith(
        "Praxisbeispiele – Größe der Kommune: unter 10.000 Einwohner · Thema: Klimawandel"
    )
    assert feed.feed.link == SITE_URL + "praxisbeispiele/?groesse=unter-10000&thema=klimawandel"
    # the feed's page in a browser leads there too (outputs/feed_page.py), relative to the feed
    back = re.search(r'<a href="([^"]+)">Zur Seite dieses Feeds</a>', path.read_text(encoding="utf-8")).group(1)
    assert back == "../../praxisbeispiele/?groesse=unter-10000&amp;thema=klimawandel"
    assert re.search(r"auswahl/groesse-unter-10000\+thema-klimawandel\.atom\.xml$", feed.feed.links[0].href)
