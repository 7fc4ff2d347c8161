"""Feeds that open as pages (issue 28.1): every RSS and Atom feed names the site's stylesheet (CSS,
not the XSLT Chromium is removing) and carries its entries as links with German dates in one XHTML
element (outputs/feed_page.py); a browser shows it as a German page with the feed's entries and
the ways back (tests/browser/test_feed_page_browser.py), and feed readers see every field they saw
before."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import feedparser
import pytest

from msdz_hub.outputs.feeds import Feed, render_feed
from msdz_hub.outputs.selections import selection_feeds
from msdz_hub.outputs.spliced_feeds import SplicedFeeds
from msdz_hub.pages.text import css_string, format_date
from msdz_hub.plan import plan_site

PI = re.compile(
    rb'^<\?xml version=\'1.0\' encoding=\'UTF-8\'\?>\n<\?xml-stylesheet type="text/css" href="([^"]+)"\?>\n'
)
SAMPLE_FEEDS = [
    "rss.xml",
    "atom.xml",
    "themen/klimawandel/rss.xml",
    "kommunen/zossen/atom.xml",
    "praxisbeispiele/rss.xml",
    "praxisbeispiele/auswahl/groesse-unter-10000+thema-klimawandel.rss.xml",
    "veranstaltungen/auswahl/thema-klimawandel.atom.xml",
    "veranstaltungen/auswahl/kommune-potsdam+jahr-2024.rss.xml",  # a town and a year: a pair with its feed
    "monatsbrief/rss.xml",
    "monatsbrief/atom.xml",
]


X = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"
# The page's element as every feed has it: the XHTML namespace as default, no prefix.
NEW_KEYS = {"xhtml_div", "xhtml_ul", "xhtml_li", "xhtml_a", "xhtml_time", "xhtml_p"}  # what feedparser adds
PAGE_DIV = re.compile(rb'<div xmlns="http://www\.w3\.org/1999/xhtml">.*?</div>', re.S)


def _feed_files(files: dict[str, bytes]) -> list[str]:
    return [p for p in files if p.endswith(("rss.xml", "atom.xml"))]


def test_every_feed_names_the_stylesheet_that_the_site_serves(tiny_hub):
    files = tiny_hub.build().files
    feeds = _feed_files(files)
    assert len(feeds) > 10 and "feed.css" in files and "feed.xsl" not in files
    for path in feeds:
        found = PI.match(files[path])
        assert found, path
        # relative to the feed, it reaches the site's root from any folder
        depth = path.count("/")
        assert found.group(1).decode() == "../" * depth + "feed.css", path


def test_feed_readers_parse_the_feeds_exactly_as_without_the_stylesheet_and_the_page(tiny_hub):
    """Every field feedparser gave for the plain feed stays; the page's XHTML adds feed-level keys only."""
    files = tiny_hub.build().files
    for path in _feed_files(files):
        parsed = feedparser.parse(files[path])
        plain = PI.sub(b"<?xml version='1.0' encoding='UTF-8'?>\n", files[path])
        assert PAGE_DIV.search(plain), path
        before = feedparser.parse(PAGE_DIV.sub(b"", plain, count=1))
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.entries == before.entries and before.entries, path
        assert {key: parsed.feed[key] for key in before.feed} == before.feed, path
        assert set(parsed.feed) - set(before.feed) == NEW_KEYS, path


def test_a_feed_without_entries_says_so_and_leads_back(tiny_hub):
    plan = plan_site(tiny_hub.root, _settings(tiny_hub))
    made = render_feed(Feed("themen/leer/", "Thema Leer", "Nichts.", []), plan.settings, full_text=lambda r: "")
    for path, data in made.items():
        assert b"<ul/>" in data  # feed.css: „Dieser Feed enthält zurzeit keine Einträge.“
        parsed, before = feedparser.parse(data), feedparser.parse(PAGE_DIV.sub(b"", data))
        assert parsed.bozo == 0 and parsed.entries == before.entries == [], path
        assert set(parsed.feed) - set(before.feed) == NEW_KEYS - {"xhtml_li", "xhtml_time"}, path
        assert re.findall(rb'<a href="([^"]+)"', data) == [b"../../themen/leer/", b"../../", b"../../abonnieren/"], path


def _published_day(item: ElementTree.Element) -> dt.date:
    if item.tag == "item":
        return email.utils.parsedate_to_datetime(item.findtext("pubDate")).date()
    return dt.datetime.fromisoformat(item.findtext(f"{ATOM}published")).date()


def _entries(feed: ElementTree.Element) -> tuple[ElementTree.Element, list[tuple[ElementTree.Element, str, str]]]:
    """The element holding the feed's fields, and each entry with its title and page."""
    if feed.tag == "rss":
        channel = feed.find("channel")
        return channel, [(i, i.findtext("title"), i.findtext("link")) for i in channel.findall("item")]
    return feed, [(e, e.findtext(f"{ATOM}title"), _alternate(e)) for e in feed.findall(f"{ATOM}entry")]


def _alternate(element: ElementTree.Element) -> str:
    """An Atom element's page: its link with rel="alternate", or none (which means the same)."""
    return next(x.get("href") for x in element.findall(f"{ATOM}link") if x.get("rel", "alternate") == "alternate")


def test_the_page_lists_each_entry_as_a_link_to_its_page_with_its_german_date(tiny_hub):
    files = tiny_hub.build().files
    for path in _feed_files(files):
        url = "https://hub.example/" + path
        top, entries = _entries(ElementTree.fromstring(files[path]))
        # W3C Feed Validation Service: XHTML is an extension of the channel or feed, never inside an
        # item or entry ("Misplaced XHTML content"), and without a prefix ("Avoid namespace prefix").
        assert len(top.findall(f"{X}div")) == 1 and len([*top.iter(f"{X}div")]) == 1, path
        assert not [e for entry, _, _ in entries for e in entry.iter() if e.tag.startswith(X)], path
        assert not re.search(rb"xmlns:\w+=.http://www.w3.org/1999/xhtml", files[path]), path
        listed = top.findall(f"{X}div/{X}ul/{X}li")
        assert len(listed) == len(entries) > 0, path
        for item, (entry, title, page) in zip(listed, entries, strict=True):
            link, time = item.find(f"{X}a"), item.find(f"{X}time")
            assert urljoin(url, link.get("href")) == page and link.text == title, path
            day = _published_day(entry)
            assert time.get("datetime") == day.isoformat() and time.text == format_date(day), path
            assert re.fullmatch(r"\d{1,2}\. [A-Z][a-zä]+ \d{4}", time.text)
        back = [(urljoin(url, a.get("href")), a.text) for a in top.findall(f"{X}div/{X}p/{X}a")]
        page = top.findtext("link") if top.tag == "channel" else _alternate(top)
        assert back == [
            (page, "Zur Seite dieses Feeds"),
            ("https://hub.example/", "Zur Startseite"),
            ("https://hub.example/abonnieren/", "Alle Feeds, Kalender und den Monatsbrief abonnieren"),
        ], path


def test_the_stylesheet_says_in_german_what_a_feed_is_and_names_the_site(tiny_hub):
    """The texts of the page; that Chromium shows them with the feed's entries, the browser test shows."""
    css = tiny_hub.build().files["feed.css"].decode()
    assert css.startswith('@charset "UTF-8";') and "xsl" not in css.lower()
    assert "Diese Seite ist ein Feed" in css and "So abonnieren Sie diesen Feed" in css
    assert 'content: "Testhub";' in css and "Die neuesten Einträge" in css
    assert '@namespace h url("http://www.w3.org/1999/xhtml");' in css  # the page's links and dates
    assert css.count("{") == css.count("}")


def test_a_site_text_cannot_leave_its_css_string():
    assert css_string('Hub "X" \\ Y\nZ') == '"Hub \\"X\\" \\\\ Y\\A Z"'


def test_the_filters_feeds_are_the_bytes_feedgen_writes_for_them(tiny_hub):
    """The fast splicing of selection feeds (outputs/spliced_feeds.py) changes no byte, also where
    a facet's label holds characters XML escapes."""
    tiny_hub.write(
        "topics/gemeinwohl.yml",
        """
        title: 'Gemein & "Wohl" <heute>'
        summary: Ein Thema mit Zeichen, die XML maskiert.
    """,
    )
    project = tiny_hub.root / "data" / "projects" / "zossen-2021.yml"
    project.write_text(
        project.read_text(encoding="utf-8").replace("topics: [klimawandel]", "topics: [klimawandel, gemeinwohl]")
    )
    plan = plan_site(tiny_hub.root, _settings(tiny_hub))
    feeds = selection_feeds(plan.hub, plan.settings)
    assert len([f for f in feeds if f.stem]) >= 2 and any("&" in f.title for f in feeds)
    spliced = SplicedFeeds(plan.settings)
    for feed in feeds:
        made = render_feed(feed, plan.settings, full_text=lambda r: "", pretty=False)
        for kind in ("rss", "atom"):
            assert spliced.render(feed, kind) == made[feed.paths[kind]], feed.paths[kind]


def _settings(tiny_hub):
    from support import TEST_OPERATOR

    from msdz_hub.core.settings import Operator, SiteSettings

    return SiteSettings(
        "https://hub.example/", "Testhub", "D", "Testredaktion", "hub.example,2026", Operator.from_dict(TEST_OPERATOR)
    )


@pytest.mark.parametrize("path", SAMPLE_FEEDS)
def test_feeds_of_the_real_hub_name_the_stylesheet_and_parse(built_site, path):
    data = (built_site / path).read_bytes()
    found = PI.match(data)
    assert found and (built_site / path).parent.joinpath(found.group(1).decode()).resolve() == built_site / "feed.css"
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0 and parsed.entries and parsed.feed.language == "de"
    # every link of the feed's page leads to a page of the built site
    hrefs = re.findall(rb'<a href="([^"]+)"', PAGE_DIV.search(data).group())
    assert len(hrefs) == len(parsed.entries) + 3
    for href in hrefs:
        target = urlsplit(urljoin("https://hub.example/" + path, href.decode().replace("&amp;", "&"))).path
        assert (built_site / target.lstrip("/") / "index.html").exists(), (path, href)
