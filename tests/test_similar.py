"""Similar practices and projects (msdz_hub.views.similar): what shares most comes first, never the
record itself, at most five, and each one shares a topic or a participation format."""

from __future__ import annotations

from support import ROOT

from msdz_hub.load import load_hub
from msdz_hub.views.facets import formats, sizes, topics
from msdz_hub.views.similar import LIMIT, SimilarIndex


def _score(a, b) -> int:
    return (
        3 * len(set(topics(a)) & set(topics(b)))
        + 2 * len(set(formats(a)) & set(formats(b)))
        + (1 if set(sizes(a)) & set(sizes(b)) else 0)
    )


def test_similar_records_rank_by_what_they_share():
    hub = load_hub(ROOT)
    for collection in ("practices", "projects"):
        records = hub.all(collection)
        index = SimilarIndex(records)
        for record in records:
            found = index.of(record)
            assert record not in found and 1 <= len(found) <= LIMIT, record.id
            scores = [_score(record, other) for other in found]
            assert scores == sorted(scores, reverse=True), record.id
            assert all(set(topics(record)) & set(topics(o)) or set(formats(record)) & set(formats(o)) for o in found), (
                record.id
            )
            # with fewer records than the window, nothing better was left out
            best_left_out = max((_score(record, o) for o in records if o is not record and o not in found), default=0)
            assert len(found) < LIMIT or best_left_out <= scores[-1], record.id
