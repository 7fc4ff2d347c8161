"""RSS 2.0 and Atom 1.0 feeds of what is new in the hub, built with feedgen.

Identity comes from collection and file name, never from a title, so renaming a record changes
no GUID; every date comes from the data (never from the clock or git) and carries the Berlin
offset it had on that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from feedgen.feed import FeedGenerator

from .model import BERLIN, Hub, Record

if TYPE_CHECKING:
    from .render import Renderer

FEED_LIMIT = 50


@dataclass(frozen=True)
class FeedSettings:
    site_url: str  # absolute, with trailing slash
    title: str
    description: str
    author: str
    tag_authority: str  # e.g. "msdz-hub.example,2026"; empty: use permalinks as ids

    def absolute(self, path: str) -> str:
        return self.site_url.rstrip("/") + "/" + path.lstrip("/")


def at_midnight(day: dt.date) -> dt.datetime:
    """A date as the start of that day in Berlin, independent of the build machine's zone."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=BERLIN)


def entry_id(record: Record, settings: FeedSettings) -> str:
    if settings.tag_authority:
        return f"tag:{settings.tag_authority}:{record.key}"
    return settings.absolute(record.url)


def feed_records(records: Iterable[Record]) -> list[Record]:
    """Newest first by publication date; ties broken by identity so the order never wobbles."""
    dated = [r for r in records if r.collection.in_feed and r.published]
    dated.sort(key=lambda r: (r.published, r.key), reverse=True)
    return dated[:FEED_LIMIT]


def render_feed(
    records: list[Record], renderer: "Renderer", settings: FeedSettings, *,
    title: str, description: str, page_path: str, feed_path: str, atom: bool,
) -> bytes:
    generator = FeedGenerator()
    generator.id(settings.absolute(page_path))
    generator.title(title)
    generator.subtitle(description)  # RSS <description> and Atom <subtitle>
    # feedgen takes RSS's <link> from the last link added: self first, the page last.
    generator.link(href=settings.absolute(feed_path), rel="self")
    generator.link(href=settings.absolute(page_path), rel="alternate")
    generator.language("de")
    generator.author({"name": settings.author})
    generator.generator("MSdZ-Wissenstransfer-Hub")
    newest = max((r.updated or r.published for r in records), default=None)
    if newest:
        generator.lastBuildDate(at_midnight(newest))  # also Atom <updated>
        generator.pubDate(at_midnight(max(r.published for r in records)))
    # feedgen prepends entries; add oldest first so the feed lists newest first.
    for record in reversed(records):
        entry = generator.add_entry()
        entry.id(entry_id(record, settings))
        entry.guid(entry_id(record, settings), permalink=not settings.tag_authority)
        entry.title(f"{record.collection.singular}: {record.title}")
        entry.link(href=settings.absolute(record.url), rel="alternate")
        entry.published(at_midnight(record.published))
        entry.updated(at_midnight(record.updated or record.published))
        entry.author({"name": settings.author})
        for topic in record.refs("topics"):
            entry.category(term=topic.id, label=topic.title, scheme=settings.absolute("themen/"))
        entry.summary(record.summary)
        entry.content(renderer.feed_html(record), type="html")
    if atom:
        return generator.atom_str(pretty=True)
    return generator.rss_str(pretty=True)


def build_feeds(hub: Hub, renderer: "Renderer", settings: FeedSettings) -> dict[str, bytes]:
    records = feed_records(hub.every())
    common = dict(title=settings.title, description=settings.description, page_path="")
    return {
        "rss.xml": render_feed(records, renderer, settings, feed_path="rss.xml", atom=False, **common),
        "atom.xml": render_feed(records, renderer, settings, feed_path="atom.xml", atom=True, **common),
    }
