"""What the site's search (Pagefind) learns about a record's page beyond its text.

Pagefind indexes the built HTML; the theme prints these values into each record page as
``data-pagefind-meta`` (shown with a result: collection, towns, date) and ``data-pagefind-filter``
(what a reader narrows the results by, with counts). The filters are the overviews' facets
(msdz_hub.views.facets), so a search and an overview agree on a record's topics, round, towns and years.

Two further things rank and find the pages: ``weight`` scales every word of a page (practices and
projects, the hub's core, above news, events and partners), and ``parts`` and ``synonyms`` are words
the page does not say itself (msdz_hub.views.search_words), indexed hidden and at low weight.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Record
from . import facets
from .search_words import hidden_words

# Filter keys as Pagefind stores them; the search's labels (docs/assets/search.js) name them in German.
COLLECTION, TOPIC, ROUND, TOWN, YEAR = "bereich", "thema", "runde", "kommune", "jahr"
# How much a word counts on a page of each collection (Pagefind's data-pagefind-weight, 1 by default):
# what a town tried and learnt comes first; news, dates and partners name the same words in passing.
PAGE_WEIGHT = {"news": 0.5, "events": 0.5, "organisations": 0.4}
PARTS_WEIGHT, SYNONYMS_WEIGHT = 0.5, 0.3  # below a word the page says (1)
# Pages a reader looks up by their name: a topic, a town, a project. Their title is also the meta field
# ``name``, which the search boosts (docs/assets/search.js, metaWeights) when a query covers it, so that
# „Gemeinwohl“ brings the topic first, not the event or practice that says the word more often.
NAMED = frozenset({"topics", "cities", "projects"})


def _titles(record: Record, collection: str, ids: list[str]) -> list[str]:
    return [record.hub.get(collection, i).title for i in ids]


def _towns(record: Record) -> list[str]:
    if record.collection.name == "cities":
        return [record.title]
    return _titles(record, "cities", facets.cities(record))


def own_date(record: Record, format_date: Callable[[Any], str]) -> str:
    """When what the record tells of happened, never when the hub published it: an event's day, the
    years of a project, practice or round („2021–2022“), a news item's day; "" for the others."""
    name = record.collection.name
    if record.start is not None:
        return format_date(record.start)
    if name in ("projects", "practices", "rounds"):
        years = facets.years(record)
        return f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(years)
    if name == "news" and record.published:
        return format_date(record.published)
    return ""


def search_fields(record: Record, format_date: Callable[[Any], str]) -> dict[str, Any]:
    """Front matter ``hub_search`` of a record's page: ``meta`` and ``filters`` for Pagefind, the page's
    ``weight``, and the hidden ``parts`` and ``synonyms``. Every value is plain text; the theme
    escapes it when printing."""
    towns = _towns(record)
    meta = {
        "collection": record.collection.singular,
        "town": ", ".join(towns),
        "date": own_date(record, format_date),
        "name": record.title if record.collection.name in NAMED else "",
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
    parts, synonyms = hidden_words(record)
    return {
        "meta": {k: v for k, v in meta.items() if v},
        "filters": {k: v for k, v in filters.items() if v},
        "weight": PAGE_WEIGHT.get(record.collection.name, 1),
        "hidden": [
            {"weight": weight, "words": " ".join(found)}
            for weight, found in ((PARTS_WEIGHT, parts), (SYNONYMS_WEIGHT, synonyms))
            if found
        ],
    }
