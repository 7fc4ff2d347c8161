"""The links of a feed's page: a feedgen extension that puts one XHTML ``<div>`` into every feed.

A browser shows a feed as a page through CSS (feed.css), and CSS cannot make a link or turn
an RSS or Atom date into a German one. Elements in the XHTML namespace can: in an XML document a
browser styles, ``<a href>`` is a real link and ``<time>`` holds a German date. So each feed
carries, once at channel or feed level, a ``<div xmlns="http://www.w3.org/1999/xhtml">`` with a
list of its entries (title as link, German date) and the ways back (the feed's page, the start page,
all subscriptions). Not the summaries: each would stand twice in every feed (half as many bytes
again in the filters' feeds); the entry's page has it, a click away.

Why there: the W3C Feed Validation Service accepts an XHTML ``div`` as an extension of an RSS
``channel`` and of an Atom ``feed``, and warns "Misplaced XHTML content" for XHTML inside an
``item`` or ``entry``; a namespace prefix on it draws "Avoid namespace prefix" in Atom, the default
namespace nothing. Feed readers skip the element (feedparser reports it only as new feed-level
``xhtml_*`` keys; every other field stays as it was, tests/test_feed_pages.py). The links are
relative to the feed's folder, like the stylesheet's address: they work wherever the site is served.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from feedgen.ext.base import BaseExtension
from lxml import etree  # type: ignore[import-untyped]  # feedgen's own XML library; its stubs are not installed

from ..pages.text import format_date

XHTML = "http://www.w3.org/1999/xhtml"
NAME = "feed_page"  # the extension's attribute on a FeedGenerator


@dataclass(frozen=True)
class PageEntry:
    """One entry as the feed's page lists it."""

    href: str  # relative to the feed's folder
    title: str
    day: dt.date  # its publication day


def to_root(path: str) -> str:
    """From a file at ``path`` in the site back to the site's root: "" or "../../"."""
    return "../" * path.count("/")


def ways_back(root: str, page_path: str) -> list[tuple[str, str]]:
    """The links under the entries, as (address, text): the feed's page, the start page, all subscriptions."""
    return [
        (root + page_path or "./", "Zur Seite dieses Feeds"),  # "./": the site feed's page is the root
        (root or "./", "Zur Startseite"),
        (root + "abonnieren/", "Alle Feeds, Kalender und den Monatsbrief abonnieren"),
    ]


def _sub(parent: etree._Element, tag: str, text: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{XHTML}}}{tag}", attributes)
    element.text = text
    return element


def add_entry(parent: etree._Element, entry: PageEntry) -> None:
    """An entry's list item: its title as a link to its page, and its German date."""
    item = etree.SubElement(parent, f"{{{XHTML}}}li")
    _sub(item, "a", entry.title, href=entry.href)
    _sub(item, "time", format_date(entry.day), datetime=entry.day.isoformat())


def list_wrapper() -> etree._Element:
    """The list's element: entries go in it (feeds.py) or, serialised inside it, are cut out (spliced_feeds.py)."""
    return etree.Element(f"{{{XHTML}}}ul", nsmap={None: XHTML})


def page_of(generator: object) -> FeedPageExtension:
    """The extension of a generator that registered it (feeds.feed_generator)."""
    extension = getattr(generator, NAME)
    assert isinstance(extension, FeedPageExtension)
    return extension


class FeedPageExtension(BaseExtension):
    """The feed's page links; feedgen calls it before it appends the entries, so the div stands
    after the feed's own fields and before its items."""

    def __init__(self) -> None:
        self.entries: list[PageEntry] = []
        self.links: list[tuple[str, str]] = []
        self._made: etree._Element | None = None

    def element(self) -> etree._Element:
        """Made once, when feedgen first writes the feed, with the entries and links given by then:
        writing its Atom and its RSS moves the same element from one tree to the other."""
        if self._made is None:
            self._made = self._make()
        return self._made

    def _make(self) -> etree._Element:
        division = etree.Element(f"{{{XHTML}}}div", nsmap={None: XHTML})
        entries = etree.SubElement(division, f"{{{XHTML}}}ul")
        for entry in self.entries:
            add_entry(entries, entry)
        for href, text in self.links:
            _sub(etree.SubElement(division, f"{{{XHTML}}}p"), "a", text, href=href)
        return division

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        feed.find("channel").append(self.element())
        return feed

    def extend_atom(self, feed: etree._Element) -> etree._Element:
        feed.append(self.element())
        return feed
