"""What the site's search (Pagefind) learns about a record's page beyond its text.

Pagefind indexes the built HTML; the theme prints these values into each record page as
``data-pagefind-meta`` (shown with a result: collection, towns, date) and ``data-pagefind-filter``
(what a reader narrows the results by, with counts). The filters are the overviews' facets
(msdz_hub.views.facets), so a search and an overview agree on a record's topics, round, towns and years.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Record
from . import facets

# Filter keys as Pagefind stores them; the search's labels (docs/assets/search.js) name them in German.
COLLECTION, TOPIC, ROUND, TOWN, YEAR = "bereich", "thema", "runde", "kommune", "jahr"


def _titles(record: Record, collection: str, ids: list[str]) -> list[str]:
    return [record.hub.get(collection, i).title for i in ids]


def _towns(record: Record) -> list[str]:
    if record.collection.name == "cities":
        return [record.title]
    return _titles(record, "cities", facets.cities(record))


def search_fields(record: Record, format_date: Callable[[Any], str]) -> dict[str, Any]:
    """Front matter ``hub_search`` of a record's page: ``meta`` and ``filters`` for Pagefind.

    The date is an event's start, else the publication, in the pages' German format. Every value
    is plain text; the theme escapes it when printing."""
    towns = _towns(record)
    moment = record.start or record.published
    meta = {
        "collection": record.collection.singular,
        "town": ", ".join(towns),
        "date": format_date(moment) if moment else "",
    }
    filters = {
        COLLECTION: [record.collection.singular],
        TOPIC: [record.title]
        if record.collection.name == "topics"
        else _titles(record, "topics", facets.topics(record)),
        ROUND: [record.title]
        if record.collection.name == "rounds"
        else _titles(record, "rounds", facets.rounds(record)),
        TOWN: towns,
        YEAR: facets.years(record),
    }
    return {"meta": {k: v for k, v in meta.items() if v}, "filters": {k: v for k, v in filters.items() if v}}
