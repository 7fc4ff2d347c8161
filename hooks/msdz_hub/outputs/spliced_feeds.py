"""Many small feeds fast: the filters' feeds (selections.py), tens of thousands in a large hub.

feedgen takes about 2 ms for a feed's RSS and Atom, too slow for that many. The bytes are the
same as feedgen's (tests/test_feed_pages.py compares them): feedgen serialises each record's
entry once, in each format, and once the head of a feed with stand-ins for its title, description,
addresses and dates; a feed is that head with its own values put in and its entries spliced in
before the closing tag, where feedgen puts them. The list of the feed's page (feed_page.py) is
spliced alike: each record's list item is serialised once, and put into the head's empty list.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from feedgen.util import formatRFC2822
from lxml import etree  # type: ignore[import-untyped]  # feedgen's own XML library; its stubs are not installed

from ..core.dates import at_midnight
from ..core.settings import SiteSettings
from ..model import Record
from .feed_page import add_entry, list_wrapper, page_of, to_root, ways_back
from .feeds import Feed, _entry, _links, feed_generator, last_change, page_entry, render_feed, xml_document

# Stand-ins in the head: private-use characters never written by an editor (validation refuses them).
_TITLE, _DESCRIPTION, _PAGE, _SELF, _ROOT = "\ue000T", "\ue000D", "\ue000P", "\ue000S", "\ue000R"
_UPDATED = dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.UTC)  # dates no feed has
_PUBLISHED = dt.datetime(1902, 3, 4, tzinfo=dt.UTC)
_CLOSE = {"rss": b"</channel></rss>", "atom": b"</feed>"}


def _text(value: str) -> bytes:
    """Text for XML content, escaped as lxml escapes it (the addresses, also in attributes, have no quotes)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()


@functools.lru_cache(maxsize=4096)  # many feeds share their newest entry's dates
def _dates(updated: dt.datetime, published: dt.datetime) -> dict[bytes, bytes]:
    return {
        b"u": _text(formatRFC2822(updated)),
        b"p": _text(formatRFC2822(published)),
        b"a": _text(updated.isoformat()),
    }


@functools.lru_cache(maxsize=16)  # a few folders: the filters' feeds are all two folders deep
def _way_to_root(root: str) -> dict[bytes, bytes]:
    return {b"r": _text(root), b"o": _text(root or "./")}


class SplicedFeeds:
    """Feeds without full text, by path, each made from the shared pieces when asked for."""

    def __init__(self, settings: SiteSettings):
        self._settings = settings
        self._entries: dict[tuple[str, str], bytes] = {}
        self._items: dict[tuple[str, str], bytes] = {}  # a record's list item on the page, by its way to the root
        self._heads: dict[str, tuple[bytes, bytes]] = {kind: self._head(kind) for kind in _CLOSE}
        self._last: tuple[Feed, dict[bytes, bytes]] | None = None  # the feed made last, and its values

    def _head(self, kind: str) -> tuple[bytes, bytes]:
        """The head as two templates: up to the page's empty list of entries, and after it."""
        stand_in = Feed("", _TITLE, _DESCRIPTION, [], page=_PAGE)
        generator = feed_generator(stand_in, self._settings)
        page_of(generator).links = ways_back(_ROOT, _PAGE)
        generator.lastBuildDate(_UPDATED)
        generator.pubDate(_PUBLISHED)
        links = _links(stand_in, self._settings, kind)
        links[0]["href"] = _SELF
        generator.link(links, replace=True)
        body = generator.rss_str(xml_declaration=False) if kind == "rss" else generator.atom_str(xml_declaration=False)
        if not body.endswith(_CLOSE[kind]):
            raise ValueError(f"feedgen wrote a {kind} feed that does not end with {_CLOSE[kind]!r}")
        head = body[: -len(_CLOSE[kind])].replace(b"%", b"%%")  # a template for bytes' % operator
        # the start page's link: the way to the root alone, which is "./" in the root (ways_back)
        head = head.replace(b'href="' + _text(_ROOT) + b'"', b'href="%(o)s"')
        absolute = self._settings.absolute
        for marker, name in (
            (_text(_TITLE), b"t"),
            (_text(_DESCRIPTION), b"d"),
            (_text(absolute(_PAGE)), b"h"),
            (_text(_SELF), b"s"),
            (_text(formatRFC2822(_UPDATED)), b"u"),
            (_text(formatRFC2822(_PUBLISHED)), b"p"),
            (_text(_UPDATED.isoformat()), b"a"),
            (_text(_PAGE), b"q"),  # after the page's address ("h"), which holds it
            (_text(_ROOT), b"r"),
        ):
            head = head.replace(marker, b"%(" + name + b")s")
        before, empty, after = head.partition(b"<ul/>")
        if not empty or b"<ul/>" in after:
            raise ValueError(f"feedgen wrote a {kind} feed without one empty list of entries for its page")
        return before + b"<ul>", b"</ul>" + after

    def _entry(self, record: Record, kind: str) -> bytes:
        found = self._entries.get((record.key, kind))
        if found is None:
            entry = _entry(record, self._settings, None)
            element = entry.rss_entry() if kind == "rss" else entry.atom_entry()
            found = self._entries[(record.key, kind)] = etree.tostring(element, encoding="UTF-8")
        return found

    def _item(self, record: Record, root: str) -> bytes:
        found = self._items.get((record.key, root))
        if found is None:
            wrapper = list_wrapper()
            add_entry(wrapper, page_entry(record, root))
            serialised = etree.tostring(wrapper, encoding="UTF-8")
            opening = serialised.index(b">") + 1  # the wrapper's tags around the item, as feedgen's list has them
            found = self._items[(record.key, root)] = serialised[opening : -len(b"</ul>")]
        return found

    def _values(self, feed: Feed) -> dict[bytes, bytes]:
        """The head's values but the feed's own address, kept for the second of its two files."""
        if self._last is not None and self._last[0] is feed:
            return self._last[1]
        updated = max(last_change(r) for r in feed.records)
        published = at_midnight(max(r.published_day for r in feed.records))
        values = {
            b"t": _text(feed.title),
            b"d": _text(feed.description),
            b"h": _text(self._settings.absolute(feed.page_path)),
            b"q": _text(feed.page_path),
            **_dates(updated, published),
        }
        self._last = feed, values
        return values

    def render(self, feed: Feed, kind: str) -> bytes:
        path = feed.paths[kind]
        if not feed.records:  # an overview without records: no dates to put in
            return render_feed(feed, self._settings, full_text=lambda r: "", pretty=False)[path]
        root = to_root(path)
        values = {**self._values(feed), b"s": _text(self._settings.absolute(path)), **_way_to_root(root)}
        before, after = self._heads[kind]
        items = b"".join(self._item(r, root) for r in feed.records)
        entries = b"".join(self._entry(r, kind) for r in feed.records)
        return xml_document(before % values + items + after % values + entries + _CLOSE[kind], path)

    def outputs(self, feeds: list[Feed]) -> dict[str, Callable[[], bytes]]:
        """Each feed's RSS and Atom file by path, made when called."""
        made: dict[str, Callable[[], bytes]] = {}
        for feed in feeds:
            for kind in ("rss", "atom"):
                made[feed.paths[kind]] = _FeedFile(self, feed, kind)
        return made


class _FeedFile:
    """One feed file, made when called: one small object each (a partial of a bound method is four),
    for a hundred thousand of them in a large hub."""

    __slots__ = ("_feeds", "_feed", "_kind")

    def __init__(self, feeds: SplicedFeeds, feed: Feed, kind: str):
        self._feeds, self._feed, self._kind = feeds, feed, kind

    def __call__(self) -> bytes:
        return self._feeds.render(self._feed, self._kind)
