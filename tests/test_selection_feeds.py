"""A feed for any filter (issue 28.4): every non-empty selection of one filter, or of two that pair,
has its RSS and Atom feed (and a calendar on the events overview), at an address made of its facet
values, listing exactly the records the filter shows; W3C rules as for every feed. No feed follows
the year, a town's feed stands alone, and two filters whose values grow with the hub (topic, round)
do not pair: so the files grow with the records, not with the square of the values."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import feedparser
import icalendar
import pytest

SITE_URL = "https://msdz-brandenburg.github.io/wissenstransfer-hub/"
OVERVIEWS = {
    "praxisbeispiele": "praxisbeispiele-liste",
    "modellvorhaben": "modellvorhaben-liste",
    "veranstaltungen": "veranstaltungen-liste",
}


class _Overview(HTMLParser):
    """The filter form's facets (select name -> data key) and each item's values, as the browser has them."""

    def __init__(self):
        super().__init__()
        self.facets: dict[str, str] = {}
        self.items: list[tuple[str, dict[str, list[str]]]] = []
        self._item: dict[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "select" and "data-hub-facet" in a:
            self.facets[a["name"]] = a["data-hub-facet"]
        if tag == "li" and "data-hub-item" in a:
            self._item = {k[5:]: (v or "").split() for k, v in a.items() if k.startswith("data-")}
        if tag == "a" and self._item is not None:  # the card's title links the record
            self.items.append((a["href"], self._item))
            self._item = None


NO_FEED, ALONE, GROWING = {"jahr"}, {"kommune"}, {"thema", "runde"}


def _has_feed(chosen: tuple[str, ...]) -> bool:
    if set(chosen) & NO_FEED:
        return False
    return len(chosen) == 1 or not (set(chosen) & ALONE or set(chosen) <= GROWING)


def _expected(built_site, folder: str) -> dict[str, set[str]]:
    """Each non-empty selection's file stem -> the records' links it must list."""
    parser = _Overview()
    parser.feed((built_site / folder / "index.html").read_text(encoding="utf-8"))
    params = list(parser.facets)  # in the order of the form
    found: dict[str, set[str]] = {}
    for size in (1, 2):
        for chosen in filter(_has_feed, itertools.combinations(params, size)):
            for href, values in parser.items:
                for combination in itertools.product(*(values.get(parser.facets[p], []) for p in chosen)):
                    stem = "+".join(f"{p}-{v}" for p, v in zip(chosen, combination, strict=True))
                    found.setdefault(stem, set()).add(f"{SITE_URL}{folder}/{href}")
    return found


@pytest.mark.parametrize("folder", list(OVERVIEWS))
def test_every_non_empty_selection_that_the_rule_allows_has_its_feed(built_site, folder):
    expected = _expected(built_site, folder)
    made = {p.name.removesuffix(".rss.xml") for p in (built_site / folder / "auswahl").glob("*.rss.xml")}
    assert made == set(expected) and len(made) > 20
    assert any("+" in stem for stem in made)
    for stem in sorted(expected)[:: max(1, len(expected) // 40)]:  # a spread of them, read in full
        for kind in ("rss", "atom"):
            feed = feedparser.parse((built_site / folder / "auswahl" / f"{stem}.{kind}.xml").read_bytes())
            assert feed.bozo == 0, stem
            links = {e.link for e in feed.entries}
            assert links <= expected[stem] and len(links) == min(20, len(expected[stem])), stem
        if folder == "veranstaltungen":
            calendar = icalendar.Calendar.from_ical((built_site / folder / "auswahl" / f"{stem}.ics").read_bytes())
            assert {str(e["url"]) for e in calendar.walk("VEVENT")} == expected[stem], stem


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
