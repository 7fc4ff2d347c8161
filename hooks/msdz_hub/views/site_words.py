"""The words of the hub's records: every text a record holds, its words, and how often each occurs.

Counted once per hub (``counts``) and shared: views.search_words takes the long words it splits
and the vocabulary it checks the parts against from here, outputs.search_vocabulary the list
„Meinten Sie …?“ suggests from. In `make serve` the counts are kept between rebuilds
(``keep_counts``), so a rebuild counts only the records whose data changed.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..model import Hub

WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # a reference to another record, no text
MIN_COUNTED = 4  # shorter words are neither suggested nor split
# Keys of a record that hold no text a reader searches for.
NOT_TEXT = frozenset({"sources", "sources_checked", "published", "updated", "start", "end", "url", "geo"})

_counted: weakref.WeakKeyDictionary[Hub, WordCounts] = weakref.WeakKeyDictionary()
_kept: WordCounts | None = None  # the counts of the last rebuild of `make serve`, see ``keep_counts``


def words(text: str) -> list[str]:
    return WORD.findall(text)


def texts(value: Any) -> Iterator[str]:
    """Every text in a record's data, read with the plain dict methods: what is counted for all
    pages at once must not make each page depend on every record (msdz_hub.engine.tracing)."""
    if isinstance(value, str):
        if not value.startswith(("http://", "https://")) and not ID.fullmatch(value):
            yield value
    elif isinstance(value, dict):
        for key, item in dict.items(value):
            if key not in NOT_TEXT:
                yield from texts(item)
    elif isinstance(value, list):
        for item in list.__iter__(value):
            yield from texts(item)


def keep_counts() -> None:
    """Count the words of each record once for the whole process (`make serve`): a rebuild then
    counts only the records whose data changed. A build keeps nothing (the memory is the pages')."""
    global _kept
    _kept = _kept or WordCounts(keep=True)


def counts(hub: Hub) -> WordCounts:
    """The words of ``hub``'s records, counted once per hub (read untraced, see ``texts``)."""
    counted = _counted.get(hub)
    if counted is None:
        counted = _counted[hub] = _kept or WordCounts()
        counted.count(hub)
    return counted


class WordCounts:
    """The words of a hub's records, counted per record. Kept across the rebuilds of `make serve`
    (``keep``), a record is counted again only when its data changed, so the vocabulary, which reads
    every record, costs a rebuild little; a build counts each record once and keeps nothing."""

    def __init__(self, keep: bool = False):
        self.keep = keep
        self._records: dict[str, tuple[tuple[Any, ...], Counter[str], Counter[str]]] = {}
        self.spelled: Counter[str] = Counter()  # words of at least MIN_COUNTED letters, as spelled
        self.titled: Counter[str] = Counter()  # lower-case words of titles: in how many records

    def count(self, hub: Hub) -> None:
        """Bring the counts to ``hub``'s records (read untraced, see ``texts``)."""
        seen, forgot = set(), False
        for record in hub.every():
            seen.add(record.key)
            data = tuple(dict.items(record.data))  # the same values as last time: the same words
            before = self._records.get(record.key)
            if before is not None and before[0] == data:
                continue
            if before is not None:
                self._forget(record.key)
                forgot = True
            own = Counter(w for text in texts(record.data) for w in words(text) if len(w) >= MIN_COUNTED)
            titled = Counter({w.lower() for w in words(str(dict.get(record.data, "title", "")))})
            self.spelled.update(own)
            self.titled.update(titled)
            if self.keep:
                self._records[record.key] = (data, own, titled)
        for key in self._records.keys() - seen:
            self._forget(key)
            forgot = True
        if forgot:
            self.spelled, self.titled = +self.spelled, +self.titled  # without the words now counted 0

    def _forget(self, key: str) -> None:
        _, own, titled = self._records.pop(key)
        self.spelled.subtract(own)
        self.titled.subtract(titled)


def vocabulary(hub: Hub, limit: int = 20_000, parts: Counter[str] | None = None) -> list[tuple[str, int]]:
    """The words of the hub's records with how often each occurs, most frequent first, in the spelling
    met most: what „Meinten Sie …?“ may suggest. Words met once are left out unless in a title or
    in data/synonyms.yml. ``parts``: words the search finds inside compounds, with how often."""
    counted = counts(hub)
    totals: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    listed = {word.lower(): word for group in hub.search_words.groups for word in group}
    also = Counter(dict.fromkeys(listed.values(), 1)) + (parts or Counter())  # where no page says them
    for word, n in (*counted.spelled.items(), *also.items()):
        lower = word.lower()
        totals[lower] += n
        spellings.setdefault(lower, Counter())[word] += n
    titled, found = counted.titled, {w.lower() for w in also}
    kept = [(w, n) for w, n in totals.items() if n > 1 or w in titled or w in found]
    kept.sort(key=lambda item: (-item[1], item[0]))
    return [(_most_met(spellings[w]), n) for w, n in kept[:limit]]


def _most_met(spellings: Counter[str]) -> str:
    """The spelling met most; of equally frequent ones the first in code point order (a noun's
    capital first), so the answer never depends on the order the records were counted in."""
    return min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]
