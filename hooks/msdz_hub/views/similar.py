"""Similar records: for a practice the practices, for a project the projects that share most with it.

Shared topics count most, then shared participation formats, then a town of the same size class.
Comparing every pair would grow with the square of the records; instead an inverted index lists,
for each topic and format, the records that have it, and only records met there are candidates.
A topic that many records share would still make that quadratic, so each record meets at most
``WINDOW`` neighbours on either side in each list (the lists are ordered newest first, so the
neighbours are the records closest in time): the work grows linearly with the records.
The town size only ranks candidates; as a way to find them it is far too coarse (four classes).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable

from ..model import Record, sort_key
from .facets import formats, sizes, topics

LIMIT = 5  # at most this many similar records on a page
WINDOW = 60  # neighbours met in each feature's list on either side of the record

# (feature kind, weight, values of a record); the first two find candidates, all three rank them
_FEATURES: tuple[tuple[str, int, Callable[[Record], list[str]]], ...] = (
    ("topic", 3, topics),
    ("format", 2, formats),
)
_SIZE_WEIGHT = 1


class SimilarIndex:
    """The similar records of every record in one collection, computed once on first use."""

    def __init__(self, records: Iterable[Record]):
        self._records = list(records)  # newest first (Hub.all's order): the order of every list
        self._similar: dict[str, list[Record]] | None = None

    def of(self, record: Record) -> list[Record]:
        if self._similar is None:
            self._similar = self._compute()
        return self._similar.get(record.id, [])

    def adopt(self, similar: dict[str, list[Record]]) -> None:
        """Take the ranking as known (an incremental rebuild whose ranking inputs are unchanged)."""
        self._similar = similar

    def _compute(self) -> dict[str, list[Record]]:
        features = {r.id: {(kind, v) for kind, _, values in _FEATURES for v in values(r)} for r in self._records}
        size = {r.id: set(sizes(r)) for r in self._records}
        postings: dict[tuple[str, str], list[Record]] = defaultdict(list)
        position: dict[tuple[tuple[str, str], str], int] = {}
        for record in self._records:
            for feature in sorted(features[record.id]):
                position[feature, record.id] = len(postings[feature])
                postings[feature].append(record)
        weight = {kind: w for kind, w, _ in _FEATURES}
        rank = {r.id: i for i, r in enumerate(self._records)}
        result = {}
        for record in self._records:
            scores: dict[str, int] = defaultdict(int)
            others: dict[str, Record] = {}
            for feature in features[record.id]:
                listed = postings[feature]
                at = position[feature, record.id]
                for other in listed[max(0, at - WINDOW) : at + WINDOW + 1]:
                    if other is not record:
                        scores[other.id] += weight[feature[0]]
                        others[other.id] = other
            for other_id in scores:
                if size[record.id] & size[other_id]:
                    scores[other_id] += _SIZE_WEIGHT
            best = heapq.nsmallest(LIMIT, scores, key=lambda i: (-scores[i], rank[i], sort_key(others[i].title)))
            result[record.id] = [others[i] for i in best]
        return result
