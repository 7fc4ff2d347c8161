"""Which records an output read while it was made: the dependencies of incremental rebuilds.

An output's dependencies are derived from what it actually read, not listed by hand. The rule:

1. **A read** is any look at a record's ``data`` while an output is made (``traced``): a key, a
   value, its length, a copy (``TracedData`` notes every way of reading a dict), directly or through
   the ``Record`` properties built on it (title, dates, references, ``linked``). It counts for the
   record whose data it is.
2. **A list the hub derived** from reading records (``Hub.all``, ``Record.linked``: ``NotingList``)
   reads, once its items are looked at, every record it was derived from: its members and order came
   from them. Its length alone reads none; a count changes only with a file added or removed, and
   that rebuilds everything anyway.
3. **A memoised value carries its sources.** ``Hub.remember`` (``model.derived``) keeps the keys its
   first derivation read and notes them again in every later caller, in whatever output asks. So a
   value made from records and handed to more than one output goes through ``Hub.remember``. Any
   other cache (a dict on an object, ``functools.cache``) hands a second output the value without its
   sources, and that output silently stops depending on them.
4. **A piece kept across runs carries its sources too.** An output that lists every record (an
   overview's cards, a collection's CSV rows) makes each record's part through ``Hub.piece``: `make
   serve` keeps the piece with the keys it read (``Pieces``) and makes it again only once one of
   them is touched (its data, or what the plan derives for it, changed); a kept piece notes its
   keys in the output that takes it, as rule 3 does.
5. **What the plan derives before any output is made** (links, change times, similar records, the
   feeds' and calendars' lists, the site's details) is read outside any output; it is compared as a
   value instead (``graph``). The hub is traced before it is planned, so what the plan derives
   through ``Hub.remember`` keeps its sources for the outputs that take it (rule 3); a list the plan
   keeps is a plain one (rule 2 does not apply outside an output).

tests/test_dependencies.py holds the rule: for the calendars, feeds, overviews and similar-records
lists an edit must leave the incremental output equal to a full build, and the same edit with one
read moved out of the traced region (a mutation) must not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..model import Hub

T = TypeVar("T")
_reads: set[str] | None = None  # keys read by the output being made; None: nothing is traced


class TracedData(dict):
    """A record's data that notes its record's key whenever it is read."""

    __slots__ = ("_key",)

    def __init__(self, data: dict[str, Any], key: str):
        super().__init__(data)
        self._key = key

    # The three reads made most (hundreds of thousands in a rebuild at N = 5 000) with their own
    # signatures, so no call packs ``*args`` and ``**kwargs`` as the generic ones below do.
    def __getitem__(self, key: str) -> Any:
        if _reads is not None:
            _reads.add(self._key)
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        if _reads is not None:
            _reads.add(self._key)
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        if _reads is not None:
            _reads.add(self._key)
        return dict.__contains__(self, key)


def _noting(name: str) -> Callable[..., Any]:
    read = getattr(dict, name)

    def method(self: TracedData, *args: Any, **kwargs: Any) -> Any:
        if _reads is not None:
            _reads.add(self._key)
        return read(self, *args, **kwargs)

    method.__name__ = name
    return method


# every other way of reading a dict (pure C shortcuts on a subclass go through these as well)
for _name in ("__iter__", "__len__", "keys", "values", "items", "__eq__", "copy"):
    setattr(TracedData, _name, _noting(_name))


class NotingList(list):
    """A list of records (``Hub.all``, ``Record.linked``) whose order and items came from reading the
    records in ``keys``: looking at its items counts them as read; its length (and whether it is empty)
    alone does not, as a count changes only with a file added or deleted (a full rebuild anyway)."""

    __slots__ = ("_keys", "_noted")

    def __init__(self, records: list[Any], keys: frozenset[str]):
        super().__init__(records)
        self._keys = keys
        self._noted: set[str] | None = None  # the reads last noted into: a loop over x[i] notes once

    def _note(self) -> None:
        if _reads is not None and self._noted is not _reads:
            _reads.update(self._keys)
            self._noted = _reads


def _noting_items(name: str) -> Callable[..., Any]:
    read = getattr(list, name)

    def method(self: NotingList, *args: Any, **kwargs: Any) -> Any:
        self._note()
        return read(self, *args, **kwargs)

    method.__name__ = name
    return method


# Every way of looking at a list's items. A plain list on the left of `+` or `==` would read a
# subclass's items directly, but Python asks the subclass's reflected method first (`__radd__`).
for _name in (
    *("__iter__", "__reversed__", "__getitem__", "__contains__", "__repr__", "__reduce_ex__", "__mul__", "__rmul__"),
    *("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__add__", "index", "count", "copy", "pop", "sort"),
):
    setattr(NotingList, _name, _noting_items(_name))
NotingList.__radd__ = lambda self, other: list(other) + list(self)  # type: ignore[attr-defined]


Piece = tuple[Any, frozenset[str]]  # a record's text in an output that lists every record, and its reads


class Pieces:
    """The pieces (rule 4) of the last runs of `make serve`, by key, with the keys each read."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, str], Piece] = {}

    def keep(self, touched: frozenset[str] | None) -> None:
        """Forget the pieces that read a touched record (None: every record is made anew)."""
        self.made = {} if touched is None else {k: p for k, p in self.made.items() if p[1].isdisjoint(touched)}


class _Tracer:
    """The hub's memo of derived values (model.derived), traced: an output that takes a value from the
    memo reads the records its first derivation read, so it depends on them as if it derived it."""

    def __init__(self, pieces: Pieces):
        self.pieces = pieces

    def piece(self, key: tuple[str, str], make: Callable[..., T], *args: Any) -> T:
        hit = self.pieces.made.get(key)
        if hit is None:
            hit = self.pieces.made[key] = self.capture(make, *args)
        self.note(hit[1])
        return hit[0]

    @staticmethod
    def capture(derive: Callable[..., T], *args: Any) -> tuple[T, frozenset[str]]:
        return traced(lambda: derive(*args))

    @staticmethod
    def note(keys: frozenset[str]) -> None:
        if _reads is not None:
            _reads.update(keys)

    @staticmethod
    def listing(records: list[Any], keys: frozenset[str]) -> list[Any]:
        # outside any output (the plan, rule 5) a plain copy: what the plan keeps is compared as a value
        return NotingList(records, keys) if _reads is not None else list(records)


def trace_records(hub: Hub, pieces: Pieces | None = None) -> None:
    """Give every record of ``hub`` traced data (same values, so the outputs stay the same); its
    pieces are taken from ``pieces`` (rule 4), else made for this hub alone."""
    for record in hub.every():
        record.data = TracedData(record.data, record.key)
    hub.trace_with(_Tracer(pieces or Pieces()))


def traced(make: Callable[[], T]) -> tuple[T, frozenset[str]]:
    """``make()`` and the keys of the records it read."""
    global _reads
    outer, _reads = _reads, set()
    try:
        value = make()
        return value, frozenset(_reads)
    finally:
        _reads = outer
