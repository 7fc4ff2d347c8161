"""The Monatsbrief's own feed: one entry per letter (views/letters.py), newest first, with
feedgen like every other feed of the site (and the same stylesheet for browsers)."""

from __future__ import annotations

from feedgen.entry import FeedEntry
from markupsafe import escape

from ..core.dates import at_midnight
from ..core.settings import SiteSettings
from ..pages.text import format_date
from ..views.letters import FOLDER, Letter
from .feed_page import PageEntry, page_of, to_root
from .feeds import Feed, _links, feed_generator, xml_document


def _title(letter: Letter) -> str:
    return f"Monatsbrief {format_date(letter.month)}"


def _entry(letter: Letter, settings: SiteSettings) -> FeedEntry:
    uid = (
        f"tag:{settings.tag_authority}:{FOLDER}{letter.month}"
        if settings.tag_authority
        else settings.absolute(letter.url)
    )
    entry = FeedEntry()
    entry.id(uid)
    entry.guid(uid, permalink=not settings.tag_authority)
    entry.title(_title(letter))
    entry.link(href=settings.absolute(letter.url), rel="alternate", type="text/html")
    day = at_midnight(letter.last_day)
    entry.published(day)
    entry.updated(day)
    entry.author({"name": settings.publisher})
    entry.summary(str(escape(f"Neu im Wissenstransfer-Hub: {letter.summary}.")), type="html")
    return entry


def letter_feed(letters: list[Letter], settings: SiteSettings) -> dict[str, bytes]:
    """The feed of all letters as RSS and as Atom, by path."""
    feed = Feed(
        FOLDER,
        f"Monatsbrief – {settings.title}",
        "Einmal im Monat alles, was im Wissenstransfer-Hub neu ist oder sich geändert hat.",
        [],
    )
    generator = feed_generator(feed, settings)
    if letters:
        generator.lastBuildDate(at_midnight(letters[0].last_day))
        generator.pubDate(at_midnight(letters[0].last_day))
    root = to_root(feed.paths["rss"])
    for letter in letters:
        generator.add_entry(_entry(letter, settings), order="append")
        page_of(generator).entries.append(PageEntry(root + letter.url, _title(letter), letter.last_day))
    made = {}
    for kind in ("atom", "rss"):
        generator.link(_links(feed, settings, kind), replace=True)
        body = (
            generator.atom_str(pretty=True, xml_declaration=False)
            if kind == "atom"
            else generator.rss_str(pretty=True, xml_declaration=False)
        )
        made[feed.paths[kind]] = xml_document(body, feed.paths[kind])
    return made
