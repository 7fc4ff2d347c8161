"""Feeds that open as pages (issue 28.1): every RSS and Atom feed names the site's stylesheet (CSS,
not the XSLT Chromium is removing), a browser shows it as a German page with the feed's entries and
the way back (tests/browser/test_subscribe_browser.py), and feed readers see exactly what they saw
before."""

from __future__ import annotations

import re

import feedparser
import pytest

from msdz_hub.outputs.feeds import render_feed
from msdz_hub.outputs.selections import selection_feeds
from msdz_hub.outputs.spliced_feeds import SplicedFeeds
from msdz_hub.pages.text import css_string
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
    "monatsbrief/rss.xml",
    "monatsbrief/atom.xml",
]


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


def test_feed_readers_parse_the_feeds_exactly_as_without_the_stylesheet(tiny_hub):
    files = tiny_hub.build().files
    for path in _feed_files(files):
        with_pi = feedparser.parse(files[path])
        without = feedparser.parse(PI.sub(b"<?xml version='1.0' encoding='UTF-8'?>\n", files[path]))
        assert with_pi.bozo == 0, (path, with_pi.get("bozo_exception"))
        assert with_pi.feed == without.feed and with_pi.entries == without.entries, path


def test_the_stylesheet_says_in_german_what_a_feed_is_and_names_the_site(tiny_hub):
    """The texts of the page; that Chromium shows them with the feed's entries, the browser test shows."""
    css = tiny_hub.build().files["feed.css"].decode()
    assert css.startswith('@charset "UTF-8";') and "xsl" not in css.lower()
    assert "Diese Seite ist ein Feed" in css and "So abonnieren Sie diesen Feed" in css
    assert 'content: "Testhub";' in css and "Die neuesten Einträge" in css
    assert "Zur Startseite: https://hub.example/\\A Alle Feeds" in css
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
