"""RSS 2.0 and Atom 1.0 feeds of what is new in the hub, built with feedgen.

One site feed, and one per topic and per town. Identity comes from collection and file name,
never from a title, so renaming a record changes no GUID; every date comes from the data (never
from the clock or git) and carries the Berlin offset it had on that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from feedgen.feed import FeedGenerator
from markupsafe import escape

from .model import BERLIN, Hub, Record

if TYPE_CHECKING:
    from .render import Renderer

FEED_LIMIT = 50  # the full archive is in the open data


@dataclass(frozen=True)
class FeedSettings:
    site_url: str  # absolute, with trailing slash
    title: str
    description: str
    author: str
    tag_authority: str  # e.g. "msdz-hub.example,2026"; empty: use permalinks as ids

    def absolute(self, path: str) -> str:
        return self.site_url.rstrip("/") + "/" + path.lstrip("/")

    def uid(self, record: Record) -> str:
        """A record's identity in feeds and calendars: collection and id, never the title."""
        if self.tag_authority:
            return f"tag:{self.tag_authority}:{record.key}"
        return self.absolute(record.url)


@dataclass(frozen=True)
class Feed:
    """One feed: the records it lists and where it lives."""

    folder: str  # "" for the site feed, "themen/klimawandel/" for a topic
    title: str
    description: str
    records: list[Record]

    @property
    def paths(self) -> dict[str, str]:
        return {"rss": f"{self.folder}rss.xml", "atom": f"{self.folder}atom.xml"}


def at_midnight(day: dt.date) -> dt.datetime:
    """A date as the start of that day in Berlin, independent of the build machine's zone."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=BERLIN)


def feed_records(records: Iterable[Record]) -> list[Record]:
    """Newest first by publication date; ties broken by identity so the order never wobbles."""
    dated = [r for r in records if r.collection.in_feed and r.published]
    dated.sort(key=lambda r: (r.published, r.key), reverse=True)
    return dated[:FEED_LIMIT]


def linked_feed_records(record: Record) -> list[Record]:
    """What a topic's or town's feed lists: every feed-worthy record connected to it."""
    connected: set[Record] = set()
    for collection in ("news", "events", "practices", "projects"):
        connected.update(record.linked(collection))
    return feed_records(connected)


def all_feeds(hub: Hub, settings: FeedSettings) -> list[Feed]:
    feeds = [Feed("", settings.title, settings.description, feed_records(hub.every()))]
    for topic in hub.all("topics"):
        feeds.append(Feed(topic.url, f"Thema {topic.title} – {settings.title}", topic.summary, linked_feed_records(topic)))
    for city in hub.all("cities"):
        feeds.append(
            Feed(city.url, f"{city.title} – {settings.title}",
                 f"Neues aus dem Wissenstransfer-Hub zu {city.title}: Modellvorhaben, Praxisbeispiele, Veranstaltungen, Meldungen.",
                 linked_feed_records(city))
        )
    return feeds


def render_feed(feed: Feed, renderer: "Renderer", settings: FeedSettings, *, atom: bool) -> bytes:
    records = feed.records
    generator = FeedGenerator()
    generator.id(settings.absolute(feed.folder))
    generator.title(feed.title)
    generator.subtitle(feed.description)  # RSS <description> and Atom <subtitle>
    # feedgen takes RSS's <link> from the last link added: self first, the page last.
    self_path = feed.paths["atom" if atom else "rss"]
    generator.link(href=settings.absolute(self_path), rel="self",
                   type="application/atom+xml" if atom else "application/rss+xml")
    generator.link(href=settings.absolute(feed.folder), rel="alternate", type="text/html")
    generator.language("de")
    generator.author({"name": settings.author})  # Atom <author>
    generator.load_extension("dc", atom=False, rss=True)
    generator.dc.dc_publisher(settings.author)  # RSS has no author without an e-mail address
    generator.generator("MSdZ-Wissenstransfer-Hub")
    generator.docs("https://www.rssboard.org/rss-specification")
    newest = max((r.updated or r.published for r in records), default=None)
    if newest:
        generator.lastBuildDate(at_midnight(newest))  # also Atom <updated>
        generator.pubDate(at_midnight(max(r.published for r in records)))
    else:  # an empty feed still needs a stable <updated>: the epoch of the hub's first record
        generator.lastBuildDate(at_midnight(dt.date(2020, 1, 1)))
    # feedgen prepends entries; add oldest first so the feed lists newest first.
    for record in reversed(records):
        entry = generator.add_entry()
        entry.id(settings.uid(record))
        entry.guid(settings.uid(record), permalink=not settings.tag_authority)
        entry.title(f"{record.collection.singular}: {record.title}")
        entry.link(href=settings.absolute(record.url), rel="alternate", type="text/html")
        entry.published(at_midnight(record.published))
        entry.updated(at_midnight(record.updated or record.published))
        entry.author({"name": settings.author})
        for topic in record.refs("topics"):
            entry.category(term=topic.id, label=topic.title, scheme=settings.absolute("themen/"))
        # RSS readers show <description> as HTML: the plain summary goes in escaped, never as markup.
        entry.summary(str(escape(record.summary)), type="html")
        entry.content(renderer.feed_html(record), type="html")
    return generator.atom_str(pretty=True) if atom else generator.rss_str(pretty=True)


def build_feeds(feeds: list[Feed], renderer: "Renderer", settings: FeedSettings) -> dict[str, bytes]:
    files = {}
    for feed in feeds:
        files[feed.paths["rss"]] = render_feed(feed, renderer, settings, atom=False)
        files[feed.paths["atom"]] = render_feed(feed, renderer, settings, atom=True)
    return files
