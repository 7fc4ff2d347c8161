"""Many small feeds fast: the filters' feeds (selections.py), tens of thousands in a large hub.

feedgen takes about 2 ms for a feed's RSS and Atom, too slow for that many. The bytes are the
same as feedgen's (tests/test_feed_pages.py compares them): feedgen serialises each record's
entry once, in each format, and once the head of a feed with stand-ins for its title, description,
addresses and dates; a feed is that head with its own values put in and its entries spliced in
before the closing tag, where feedgen puts them.
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
from .feeds import Feed, _entry, _links, feed_generator, last_change, render_feed, xml_document

# Stand-ins in the head: private-use characters never written by an editor (validation refuses them).
_TITLE, _DESCRIPTION, _PAGE, _SELF = "\ue000T", "\ue000D", "\ue000P", "\ue000S"
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


class SplicedFeeds:
    """Feeds without full text, by path, each made from the shared pieces when asked for."""

    def __init__(self, settings: SiteSettings):
        self._settings = settings
        self._entries: dict[tuple[str, str], bytes] = {}
        self._heads: dict[str, bytes] = {kind: self._head(kind) for kind in _CLOSE}

    def _head(self, kind: str) -> bytes:
        stand_in = Feed("", _TITLE, _DESCRIPTION, [], page=_PAGE)
        generator = feed_generator(stand_in, self._settings)
        generator.lastBuildDate(_UPDATED)
        generator.pubDate(_PUBLISHED)
        links = _links(stand_in, self._settings, kind)
        links[0]["href"] = _SELF
        generator.link(links, replace=True)
        body = generator.rss_str(xml_declaration=False) if kind == "rss" else generator.atom_str(xml_declaration=False)
        if not body.endswith(_CLOSE[kind]):
            raise ValueError(f"feedgen wrote a {kind} feed that does not end with {_CLOSE[kind]!r}")
        head = body[: -len(_CLOSE[kind])].replace(b"%", b"%%")  # a template for bytes' % operator
        absolute = self._settings.absolute
        for marker, name in (
            (_text(_TITLE), b"t"),
            (_text(_DESCRIPTION), b"d"),
            (_text(absolute(_PAGE)), b"h"),
            (_text(_SELF), b"s"),
            (_text(formatRFC2822(_UPDATED)), b"u"),
            (_text(formatRFC2822(_PUBLISHED)), b"p"),
            (_text(_UPDATED.isoformat()), b"a"),
        ):
            head = head.replace(marker, b"%(" + name + b")s")
        return head

    def _entry(self, record: Record, kind: str) -> bytes:
        found = self._entries.get((record.key, kind))
        if found is None:
            entry = _entry(record, self._settings, None)
            element = entry.rss_entry() if kind == "rss" else entry.atom_entry()
            found = self._entries[(record.key, kind)] = etree.tostring(element, encoding="UTF-8")
        return found

    def render(self, feed: Feed, kind: str) -> bytes:
        path = feed.paths[kind]
        if not feed.records:  # an overview without records: no dates to put in
            return render_feed(feed, self._settings, full_text=lambda r: "", pretty=False)[path]
        updated = max(last_change(r) for r in feed.records)
        published = at_midnight(max(r.published_day for r in feed.records))
        absolute = self._settings.absolute
        values = {
            b"t": _text(feed.title),
            b"d": _text(feed.description),
            b"h": _text(absolute(feed.page_path)),
            b"s": _text(absolute(path)),
            **_dates(updated, published),
        }
        head = self._heads[kind] % values
        entries = b"".join(self._entry(r, kind) for r in feed.records)
        return xml_document(head + entries + _CLOSE[kind], path)

    def outputs(self, feeds: list[Feed]) -> dict[str, Callable[[], bytes]]:
        """Each feed's RSS and Atom file by path, made when called."""
        made: dict[str, Callable[[], bytes]] = {}
        for feed in feeds:
            for kind in ("rss", "atom"):
                made[feed.paths[kind]] = functools.partial(self.render, feed, kind)
        return made
