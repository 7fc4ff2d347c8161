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
4. **What the plan derives before any output is made** (links, change times, similar records, the
   feeds' and calendars' lists, the site's details) is read outside tracing; it is compared as a
   value instead (``graph``).

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


class _Tracer:
    """The hub's memo of derived values (model.derived), traced: an output that takes a value from the
    memo reads the records its first derivation read, so it depends on them as if it derived it."""

    @staticmethod
    def capture(derive: Callable[..., T], *args: Any) -> tuple[T, frozenset[str]]:
        return traced(lambda: derive(*args))

    @staticmethod
    def note(keys: frozenset[str]) -> None:
        if _reads is not None:
            _reads.update(keys)

    @staticmethod
    def listing(records: list[Any], keys: frozenset[str]) -> list[Any]:
        return NotingList(records, keys)


def trace_records(hub: Hub) -> None:
    """Give every record of ``hub`` traced data (same values, so the outputs stay the same)."""
    for record in hub.every():
        record.data = TracedData(record.data, record.key)
    hub.trace_with(_Tracer())


def traced(make: Callable[[], T]) -> tuple[T, frozenset[str]]:
    """``make()`` and the keys of the records it read."""
    global _reads
    outer, _reads = _reads, set()
    try:
        value = make()
        return value, frozenset(_reads)
    finally:
        _reads = outer
