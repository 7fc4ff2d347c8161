"""RSS 2.0 and Atom 1.0 feeds of what is new in the hub, built with feedgen.

One site feed, and one per topic and per town. Identity comes from collection and file name,
never from a title, so renaming a record changes no GUID. Publication dates come from the data;
an entry's <updated> is the record's last change (``Record.changed``: its file's last commit,
distinct to the second across the hub), never the clock; each carries its Berlin offset.

The site feed carries each entry's full text; a topic's or town's feed its title, summary and
link (there are hundreds of them, and a subscriber opens the page or the site feed to read on).
Each feed is written as RSS and as Atom from one feedgen generator.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from markupsafe import escape

from .dates import at_midnight
from .model import Hub, Record

if TYPE_CHECKING:
    from .render import Renderer

# How many of the newest entries a feed keeps. Older entries drop out; the full archive is in the
# open data (daten/).
FEED_LIMIT = 50  # the site feed (rss.xml, atom.xml): everything new in the hub, with full text
TOPIC_TOWN_FEED_LIMIT = 20  # each topic's and each town's feed: narrower, summaries, hundreds of them

_EPOCH = dt.date(2020, 1, 1)  # an empty feed's stable <updated>: the hub's first year


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
    """One feed: the records it lists (newest first) and where it lives."""

    folder: str  # "" for the site feed, "themen/klimawandel/" for a topic
    title: str
    description: str
    records: list[Record]
    full_text: bool = False  # entries with the record's whole text, not only its summary

    @property
    def paths(self) -> dict[str, str]:
        return {"rss": f"{self.folder}rss.xml", "atom": f"{self.folder}atom.xml"}


def last_change(record: Record) -> dt.datetime:
    """The record's last change; every feed-worthy record has one (it has a publication day)."""
    return record.changed or at_midnight(record.updated_day)


def feed_records(records: Iterable[Record], limit: int) -> list[Record]:
    """The ``limit`` newest feed-worthy records by publication day; ties broken by identity so the
    order never wobbles. A record without a publication day is in no feed."""
    dated = (r for r in records if r.collection.in_feed and r.published)
    return heapq.nlargest(limit, dated, key=lambda r: (r.published_day, r.key))


def linked_feed_records(record: Record) -> list[Record]:
    """What a topic's or town's feed lists: the newest feed-worthy records connected to it."""
    connected: set[Record] = set()
    for collection in ("news", "events", "practices", "projects"):
        connected.update(record.linked(collection))
    return feed_records(connected, TOPIC_TOWN_FEED_LIMIT)


def all_feeds(hub: Hub, settings: FeedSettings) -> list[Feed]:
    feeds = [Feed("", settings.title, settings.description, feed_records(hub.every(), FEED_LIMIT), True)]
    for topic in hub.all("topics"):
        feeds.append(
            Feed(topic.url, f"Thema {topic.title} – {settings.title}", topic.summary, linked_feed_records(topic))
        )
    for city in hub.all("cities"):
        feeds.append(
            Feed(
                city.url,
                f"{city.title} – {settings.title}",
                f"Neues aus dem Wissenstransfer-Hub zu {city.title}: Modellvorhaben, Praxisbeispiele, Veranstaltungen, Meldungen.",
                linked_feed_records(city),
            )
        )
    return feeds


def _entry(record: Record, full_text: bool, renderer: Renderer, settings: FeedSettings) -> FeedEntry:
    """A record's entry, made for the feed that lists it: kept for all feeds, the entries of a
    large hub (thousands, in hundreds of feeds) would outweigh what the pages need."""
    uid = settings.uid(record)
    entry = FeedEntry()
    entry.id(uid)
    entry.guid(uid, permalink=not settings.tag_authority)
    entry.title(f"{record.collection.singular}: {record.title}")
    entry.link(href=settings.absolute(record.url), rel="alternate", type="text/html")
    entry.published(at_midnight(record.published_day))
    entry.updated(last_change(record))
    entry.author({"name": settings.author})
    for topic in record.refs("topics"):
        entry.category(term=topic.id, label=topic.title, scheme=settings.absolute("themen/"))
    # RSS readers show <description> as HTML: the plain summary goes in escaped, never as markup.
    entry.summary(str(escape(record.summary)), type="html")
    if full_text:
        entry.content(renderer.feed_html(record), type="html")
    return entry


def _links(feed: Feed, settings: FeedSettings, kind: str) -> list[dict[str, str]]:
    # feedgen takes RSS's <link> from the last link given: self first, the page last.
    return [
        {"href": settings.absolute(feed.paths[kind]), "rel": "self", "type": f"application/{kind}+xml"},
        {"href": settings.absolute(feed.folder), "rel": "alternate", "type": "text/html"},
    ]


def render_feed(feed: Feed, renderer: Renderer, settings: FeedSettings) -> dict[str, bytes]:
    """One feed as RSS and as Atom, by path."""
    generator = FeedGenerator()
    generator.id(settings.absolute(feed.folder))
    generator.title(feed.title)
    generator.subtitle(feed.description)  # RSS <description> and Atom <subtitle>
    generator.language("de")
    generator.author({"name": settings.author})  # Atom <author>
    generator.load_extension("dc", atom=False, rss=True)
    generator.dc.dc_publisher(settings.author)  # RSS has no author without an e-mail address
    generator.generator("MSdZ-Wissenstransfer-Hub")
    generator.docs("https://www.rssboard.org/rss-specification")
    if feed.records:
        generator.lastBuildDate(max(last_change(r) for r in feed.records))  # also Atom <updated>
        generator.pubDate(at_midnight(max(r.published_day for r in feed.records)))
    else:
        generator.lastBuildDate(at_midnight(_EPOCH))
    for record in feed.records:  # newest first
        generator.add_entry(_entry(record, feed.full_text, renderer, settings), order="append")
    generator.link(_links(feed, settings, "atom"), replace=True)
    atom = generator.atom_str(pretty=True)
    generator.link(_links(feed, settings, "rss"), replace=True)
    return {feed.paths["rss"]: generator.rss_str(pretty=True), feed.paths["atom"]: atom}


def iter_feeds(feeds: list[Feed], renderer: Renderer, settings: FeedSettings) -> Iterator[tuple[str, bytes]]:
    """Every feed as (path, bytes), RSS before Atom, one feed at a time (the caller may free each)."""
    for feed in feeds:
        yield from render_feed(feed, renderer, settings).items()
