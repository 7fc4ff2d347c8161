"""The hub as connected records: every reference resolved, every link known from both ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Protocol, TypeVar

from .core.collections import COLLECTIONS, Collection
from .core.dates import BERLIN, parse_date, parse_moment
from .core.paths import ids_at
from .core.search_words import SearchWords
from .reading import RawRecord
from .schemas import Schemas

# Sorting by title the way a German reader expects: umlauts next to their base letter.
_SORT_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "Ä": "a", "Ö": "o", "Ü": "u"})

_DATED = frozenset(("news", "events", "practices"))  # collections listed newest first

T = TypeVar("T")


def sort_key(text: str) -> str:
    return text.translate(_SORT_FOLD).casefold()


@dataclass(eq=False)
class Record:
    collection: Collection
    id: str
    path: str  # its data file, relative to the repository root
    data: dict[str, Any]
    hub: Hub = field(repr=False)
    # Stable identity across renames: collection and file name, never the title. Set once here: a
    # cached_property takes a lock on every read in Python 3.11 (a fifth of making a hub of 10 000).
    key: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.key = f"{self.collection.name}/{self.id}"

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def summary(self) -> str:
        return self.data.get("summary", "")

    @property
    def src_uri(self) -> str:
        """The generated page's path in the docs tree."""
        return f"{self.collection.url_folder}/{self.id}.md"

    @property
    def url(self) -> str:
        """The page's URL relative to the site root, as design.md fixes it."""
        return f"{self.collection.url_folder}/{self.id}/"

    @property
    def published(self) -> dt.date | None:
        value = self.data.get("published")
        return parse_date(value) if value else None

    @property
    def published_day(self) -> dt.date:
        """``published`` of a dated record: the schemas of news, events, practices and projects require
        it, and only those reach feeds and calendars. Asking any other record is a bug in the caller."""
        day = self.published
        if day is None:
            raise ValueError(f"{self.key} has no publication day (published)")
        return day

    @property
    def updated(self) -> dt.date | None:
        value = self.data.get("updated")
        return parse_date(value) if value else self.published

    @property
    def updated_day(self) -> dt.date:
        """``updated`` of a dated record, which falls back to its publication day and so always exists."""
        return self.updated or self.published_day

    @property
    def changed(self) -> dt.datetime | None:
        """When the record last changed: its file's last commit, else its updated or published day
        (see ``change_times``); the same moment on its page, in the feeds, sitemap and open data."""
        return self.hub.changed.get(self.key)

    @property
    def sources_checked(self) -> dt.date | None:
        value = self.data.get("sources_checked")
        return parse_date(value) if value else None

    @property
    def start(self) -> dt.date | dt.datetime | None:
        return parse_moment(self.data["start"]) if "start" in self.data else None

    @property
    def event_start(self) -> dt.date | dt.datetime:
        """``start`` of an event, which its schema requires; asking a record of another kind is a bug."""
        moment = self.start
        if moment is None:
            raise ValueError(f"{self.key} has no start (start)")
        return moment

    @property
    def end(self) -> dt.date | dt.datetime | None:
        return parse_moment(self.data["end"]) if "end" in self.data else None

    @property
    def sort_date(self) -> dt.date:
        """Events sort by when they happen, everything else by when it was published."""
        moment = self.start or self.published or dt.date.min
        return moment.date() if isinstance(moment, dt.datetime) else moment

    def refs(self, name: str) -> list[Record]:
        """The records a reference field points to, in the order the editor wrote them."""
        target = self.hub.ref_targets[self.collection.name].get(name)
        value = self.data.get(name)
        if target is None or value is None:
            return []
        ids = value if isinstance(value, list) else [value]
        return [self.hub.get(target, i) for i in ids]

    def linked(self, collection: str) -> list[Record]:
        """Every record of ``collection`` connected to this one, in either direction. A town is also
        connected to whatever is connected to its projects (its page shows both rounds' practices)."""
        # derived once per hub: feeds, the record's page and its town's page ask the same
        return self.hub.remember_list((f"linked {collection}", self.key), self._linked, collection)

    def _linked(self, collection: str) -> list[Record]:
        found = set(self.hub.outgoing[self.key].get(collection, ())) | set(
            self.hub.incoming[self.key].get(collection, ())
        )
        if self.collection.name == "cities" and collection != "projects":
            for project in self.linked("projects"):
                found |= set(project.linked(collection)) - {self}
        return self.hub.ordered(found)


def change_times(records: Iterable[Record], commit_times: dict[str, int]) -> dict[str, dt.datetime]:
    """Each record's moment of last change, distinct to the second across the whole hub.

    The base is the commit time of the record's file; outside git (or for a file git does not know) noon in
    Berlin on its ``updated`` or ``published`` day; records with neither get none. One commit often changes many
    files, and feed readers (and the W3C validator) take entries with the same atom:updated for duplicates:
    going from the newest, each record whose moment is taken gets the one a second before the previous record's;
    it moves by at most as many seconds as records share it, and depends on the commits alone, not on the build.
    """
    based: list[tuple[dt.datetime, str]] = []
    for record in records:
        seconds = commit_times.get(record.path)
        if seconds is not None:
            based.append((dt.datetime.fromtimestamp(seconds, BERLIN), record.key))
        elif record.updated:
            day = record.updated
            based.append((dt.datetime(day.year, day.month, day.day, 12, tzinfo=BERLIN), record.key))
    based.sort(reverse=True)
    times: dict[str, dt.datetime] = {}
    previous: dt.datetime | None = None
    for moment, key in based:
        if previous is not None and moment >= previous:
            moment = previous - dt.timedelta(seconds=1)
        times[key] = previous = moment
    return times


class Tracer(Protocol):
    """What an observer of the records' reads (msdz_hub.engine.tracing) offers the memo of derived values."""

    def capture(self, derive: Callable[..., T], *args: Any) -> tuple[T, frozenset[str]]:
        """``derive(*args)`` and the keys of the records it read."""

    def note(self, keys: frozenset[str]) -> None:
        """Count ``keys`` as read by whatever is being made now."""

    def listing(self, records: list[Record], keys: frozenset[str]) -> list[Record]:
        """A copy of ``records`` that counts ``keys`` as read whenever its items are looked at."""

    def piece(self, key: tuple[str, str], make: Callable[..., T], *args: Any) -> T:
        """``make(*args)``, kept across the runs of `make serve` while no record it read is touched."""


_NONE: frozenset[str] = frozenset()


def derived(derive: Callable[[Record], T]) -> Callable[[Record], T]:
    """A value of a record that many pages ask for (its towns, their size classes, its facets), derived
    once per hub, so the next rebuild (a new hub) derives it anew. Every caller gets the same object:
    hand out copies of a mutable one."""
    name = f"{derive.__module__}.{derive.__qualname__}"

    @wraps(derive)
    def remembered(record: Record) -> T:
        return record.hub.remember((name, record.key), derive, record)

    return remembered


class Hub:
    """All records, by collection and id, with the links between them in both directions."""

    def __init__(self, raw_records: Iterable[RawRecord], schemas: Schemas, commit_times: dict[str, int] | None = None):
        self.schemas = schemas
        self.records: dict[str, dict[str, Record]] = {name: {} for name in COLLECTIONS}
        for raw in raw_records:
            self.records[raw.collection][raw.id] = Record(COLLECTIONS[raw.collection], raw.id, raw.path, raw.data, self)
        # top-level reference fields by name, e.g. ref_targets["projects"]["cities"] == "cities"
        self.ref_targets: dict[str, dict[str, str]] = {
            name: {f.path[0]: f.target for f in fields if f.path[1:] in ((), ("*",))}
            for name, fields in schemas.ref_fields.items()
        }
        self.outgoing: dict[str, dict[str, list[Record]]] = {record.key: {} for record in self.every()}
        self.incoming: dict[str, dict[str, list[Record]]] = {record.key: {} for record in self.every()}
        for name, by_id in self.records.items():
            fields = [(ref.path, ref.target, self.records[ref.target]) for ref in schemas.ref_fields[name]]
            for record in by_id.values():
                outgoing = self.outgoing[record.key]
                for path, target_name, targets in fields:
                    ids = ids_at(record.data, path)
                    if not ids:
                        continue
                    linked = outgoing.setdefault(target_name, [])
                    for record_id in ids:
                        target = targets[record_id]
                        linked.append(target)
                        self.incoming[target.key].setdefault(name, []).append(record)
        self.changed = change_times(self.every(), commit_times or {})
        # derived values by (what, record key), with the keys they read; on the hub, so a new hub derives anew
        self._memo: dict[tuple[str, str], tuple[Any, frozenset[str]]] = {}
        self._tracer: Tracer | None = None
        self.search_words = SearchWords()  # data/synonyms.yml, set by load_hub

    def _remembered(self, key: tuple[str, str], derive: Callable[..., T], *args: Any) -> tuple[T, frozenset[str]]:
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = self._tracer.capture(derive, *args) if self._tracer else (derive(*args), _NONE)
        return hit

    def remember(self, key: tuple[str, str], derive: Callable[..., T], *args: Any) -> T:
        """``derive(*args)``, computed once per hub and ``key``; traced, every call notes what the first read."""
        value, reads = self._remembered(key, derive, *args)
        if self._tracer:
            self._tracer.note(reads)
        return value

    def remember_list(self, key: tuple[str, str], derive: Callable[..., list[Record]], *args: Any) -> list[Record]:
        """``remember`` for a list of records, a copy each call; traced, what the first derivation read
        counts as read once the list's records are looked at, not for its length alone: the home page
        counts every collection, and that does not depend on any record's title."""
        value, reads = self._remembered(key, derive, *args)
        return self._tracer.listing(value, reads) if self._tracer else list(value)

    def piece(self, key: tuple[str, str], make: Callable[..., T], *args: Any) -> T:
        """A record's text in an output listing every record (a card, a CSV row); see ``Tracer.piece``."""
        return self._tracer.piece(key, make, *args) if self._tracer else make(*args)

    def trace_with(self, tracer: Tracer) -> None:
        """Derive through ``tracer`` from now on; what was derived before it noted no reads, so it goes."""
        self._tracer = tracer
        self._memo.clear()

    def get(self, collection: str, record_id: str) -> Record:
        return self.records[collection][record_id]

    def every(self) -> Iterable[Record]:
        for by_id in self.records.values():
            yield from by_id.values()

    def all(self, collection: str) -> list[Record]:
        # sorted once per hub (the plan and many pages ask); a copy each, so no caller reorders another's
        return self.remember_list(("all", collection), self.ordered, self.records[collection].values())

    @staticmethod
    def ordered(records: Iterable[Record]) -> list[Record]:
        """Dated collections newest first, the others by title."""
        by_title = sorted(records, key=_title_order)
        dated = [r for r in by_title if r.collection.name in _DATED]
        undated = [r for r in by_title if r.collection.name not in _DATED]  # one pass, not `r not in dated`
        dated.sort(key=_sort_day, reverse=True)
        return undated + dated if undated else dated

    def labels(self, collection: str, *path: str) -> dict[str, str]:
        return self.schemas.labels(collection, *path)


# A record's place in a list, once per hub: folding a title or parsing a day for every list cost most.
@derived
def _title_order(record: Record) -> tuple[str, str]:
    return sort_key(record.title), record.id


@derived
def _sort_day(record: Record) -> dt.date:
    return record.sort_date
