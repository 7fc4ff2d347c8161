"""RSS 2.0 and Atom 1.0 feeds of what is new in the hub, built with feedgen.

One site feed, and one per topic and per town. Identity comes from collection and file name,
never from a title, so renaming a record changes no GUID. Publication dates come from the data;
an entry's <updated> is the record's last change (``Record.changed``: its file's last commit,
distinct to the second across the hub), never the clock; each carries its Berlin offset.

The site feed carries each entry's full text; a topic's or town's feed its title, summary and
link (there are hundreds of them, and a subscriber opens the page or the site feed to read on).
Each feed is written as RSS and as Atom from one feedgen generator. The full text comes from a
function the caller passes (the renderer's HTML fragment of a record): feeds know no templates.

Every feed names the site's stylesheet ``feed.css`` in an ``xml-stylesheet`` processing instruction
right after the XML declaration, so that a browser shows a readable German page instead of raw
XML; feed readers and validators ignore it. It is CSS, not XSLT: Chromium deprecated XSLT (a
warning on every such page) and is removing it, while every browser styles XML with CSS.
feedgen has no option for it: it writes the feed without its declaration and ``xml_document`` puts
both in front. CSS cannot make links; the entries' links and German dates come with the feed, in one
XHTML element at channel or feed level (feed_page.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from markupsafe import escape

from ..core.dates import at_midnight
from ..core.settings import SiteSettings
from ..model import Hub, Record
from .feed_page import NAME, FeedPageExtension, PageEntry, page_of, to_root, ways_back

# How many of the newest entries a feed keeps. Older entries drop out; the full archive is in the
# open data (daten/).
FEED_LIMIT = 50  # the site feed (rss.xml, atom.xml): everything new in the hub, with full text
TOPIC_TOWN_FEED_LIMIT = 20  # each topic's and each town's feed: narrower, summaries, hundreds of them
FEED_LIMITS = {"site": FEED_LIMIT, "topic_town": TOPIC_TOWN_FEED_LIMIT}  # as the subscription page names them

_EPOCH = dt.date(2020, 1, 1)  # an empty feed's stable <updated>: the hub's first year


def entry_id(record: Record, settings: SiteSettings) -> str:
    """A record's identity in the feeds: collection and id, never the title."""
    if settings.tag_authority:
        return f"tag:{settings.tag_authority}:{record.key}"
    return settings.absolute(record.url)


STYLESHEET = "feed.css"  # at the site's root: how a browser shows every feed


@dataclass(frozen=True, slots=True)  # slots: the filters' feeds are tens of thousands
class Feed:
    """One feed: the records it lists (newest first) and where it lives."""

    folder: str  # "" for the site feed, "themen/klimawandel/" for a topic
    title: str
    description: str
    records: list[Record]
    full_text: bool = False  # entries with the record's whole text, not only its summary
    stem: str = ""  # start of the file names: "thema-klimawandel." for a selection's feed
    page: str | None = None  # the page it follows, if not its folder: "praxisbeispiele/?thema=…"
    selection: bool = False  # a feed of an overview's filter (selection_feeds): not in the OPML

    @property
    def paths(self) -> dict[str, str]:
        return {"rss": f"{self.folder}{self.stem}rss.xml", "atom": f"{self.folder}{self.stem}atom.xml"}

    @property
    def page_path(self) -> str:
        return self.folder if self.page is None else self.page


def xml_document(body: bytes, path: str) -> bytes:
    """A feed's bytes as feedgen wrote them without the XML declaration, with that declaration and
    the processing instruction naming the stylesheet (relative: served from wherever the site is)."""
    href = to_root(path) + STYLESHEET
    return (
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        + f'<?xml-stylesheet type="text/css" href="{href}"?>\n'.encode()
        + body
    )


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


def all_feeds(hub: Hub, settings: SiteSettings) -> list[Feed]:
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


def entry_title(record: Record) -> str:
    return f"{record.collection.singular}: {record.title}"


def page_entry(record: Record, root: str) -> PageEntry:
    """A record as the feed's page lists it; ``root`` leads from the feed's folder to the site's."""
    return PageEntry(root + record.url, entry_title(record), record.published_day)


def _entry(record: Record, settings: SiteSettings, full_text: Callable[[Record], str] | None) -> FeedEntry:
    """A record's entry, made for the feed that lists it: kept for all feeds, the entries of a
    large hub (thousands, in hundreds of feeds) would outweigh what the pages need."""
    uid = entry_id(record, settings)
    entry = FeedEntry()
    entry.id(uid)
    entry.guid(uid, permalink=not settings.tag_authority)
    entry.title(entry_title(record))
    entry.link(href=settings.absolute(record.url), rel="alternate", type="text/html")
    entry.published(at_midnight(record.published_day))
    entry.updated(last_change(record))
    entry.author({"name": settings.publisher})
    for topic in record.refs("topics"):
        entry.category(term=topic.id, label=topic.title, scheme=settings.absolute("themen/"))
    # RSS readers show <description> as HTML: the plain summary goes in escaped, never as markup.
    entry.summary(str(escape(record.summary)), type="html")
    if full_text is not None:
        entry.content(full_text(record), type="html")
    return entry


def _links(feed: Feed, settings: SiteSettings, kind: str) -> list[dict[str, str]]:
    # feedgen takes RSS's <link> from the last link given: self first, the page last.
    return [
        {"href": settings.absolute(feed.paths[kind]), "rel": "self", "type": f"application/{kind}+xml"},
        {"href": settings.absolute(feed.page_path), "rel": "alternate", "type": "text/html"},
    ]


def feed_generator(feed: Feed, settings: SiteSettings) -> FeedGenerator:
    """A feed's generator with everything but its entries and links."""
    generator = FeedGenerator()
    generator.id(settings.absolute(feed.page_path))
    generator.title(feed.title)
    generator.subtitle(feed.description)  # RSS <description> and Atom <subtitle>
    generator.language("de")
    generator.author({"name": settings.publisher})  # Atom <author>
    generator.load_extension("dc", atom=False, rss=True)
    generator.dc.dc_publisher(settings.publisher)  # RSS has no author without an e-mail address
    generator.generator("MSdZ-Wissenstransfer-Hub")
    generator.docs("https://www.rssboard.org/rss-specification")
    generator.register_extension(NAME, FeedPageExtension)  # the links of the feed's page
    page_of(generator).links = ways_back(to_root(feed.paths["rss"]), feed.page_path)
    if feed.records:
        generator.lastBuildDate(max(last_change(r) for r in feed.records))  # also Atom <updated>
        generator.pubDate(at_midnight(max(r.published_day for r in feed.records)))
    else:
        generator.lastBuildDate(at_midnight(_EPOCH))
    return generator


def render_feed(
    feed: Feed, settings: SiteSettings, full_text: Callable[[Record], str], pretty: bool = True
) -> dict[str, bytes]:
    """One feed as RSS and as Atom, by path; ``full_text`` gives a record's HTML for a feed of
    full texts (``Feed.full_text``)."""
    generator = feed_generator(feed, settings)
    root = to_root(feed.paths["rss"])
    for record in feed.records:  # newest first
        generator.add_entry(_entry(record, settings, full_text if feed.full_text else None), order="append")
        page_of(generator).entries.append(page_entry(record, root))
    generator.link(_links(feed, settings, "atom"), replace=True)
    atom = generator.atom_str(pretty=pretty, xml_declaration=False)
    generator.link(_links(feed, settings, "rss"), replace=True)
    rss = generator.rss_str(pretty=pretty, xml_declaration=False)
    return {
        feed.paths["rss"]: xml_document(rss, feed.paths["rss"]),
        feed.paths["atom"]: xml_document(atom, feed.paths["atom"]),
    }


class _Together:
    """Outputs made by one call (a feed's RSS and Atom come from one generator): made when the
    first is asked for, each handed out once and then dropped, so that finished feeds free their memory."""

    def __init__(self, make: Callable[[], dict[str, bytes]]):
        self._make = make
        self._made: dict[str, bytes] = {}

    def take(self, path: str) -> bytes:
        if path not in self._made:  # the first of the pair, or asked for again
            self._made = self._make()
        return self._made.pop(path)


def feed_outputs(
    feeds: list[Feed], settings: SiteSettings, full_text: Callable[[Record], str]
) -> dict[str, Callable[[], bytes]]:
    """Every feed's files by path, RSS before Atom, each made when called."""
    outputs: dict[str, Callable[[], bytes]] = {}
    for feed in feeds:
        together = _Together(functools.partial(render_feed, feed, settings, full_text))
        for path in (feed.paths["rss"], feed.paths["atom"]):
            outputs[path] = functools.partial(together.take, path)
    return outputs
