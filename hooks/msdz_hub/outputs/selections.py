"""Feeds for any filter of an overview: one per non-empty selection of one or two filters.

The overviews of practices, projects and events filter in the browser (views/facets.py,
docs/assets/facets.js); a reader who filtered „Größe unter 10.000 Einwohner, Thema Klimawandel“
can subscribe to exactly that. Every selection of one or two of the form's filters (the year and
the town included) that some record matches gets an RSS and an Atom feed (and, on the events
overview, a calendar). Its address is made of the facet values in the order of the form, where a
facet most records share comes last, so it stays the same as long as the values exist:
``praxisbeispiele/auswahl/groesse-unter-10000+thema-klimawandel.rss.xml``. A reader who chose three
or more filters is offered the nearest selection of two of them, and the page says so
(docs/assets/subscribe.js). The collection's whole overview (no filter) has its feeds at
``praxisbeispiele/rss.xml``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from ..core.collections import COLLECTIONS
from ..core.settings import SiteSettings
from ..model import Hub, Record
from ..views.facets import FACETS_OF, Facet, facet_values, facets
from ..views.subscriptions import MAX_FACETS, SELECTION_FOLDER
from .feeds import TOPIC_TOWN_FEED_LIMIT, Feed, feed_records


@dataclass(frozen=True)
class Selection:
    """One filter state of an overview: (facet, value) pairs in the order of the form."""

    collection: str
    choices: tuple[tuple[Facet, str], ...]
    description: str  # „Größe der Kommune: unter 10.000 Einwohner · Thema: Klimawandel“
    slug: str  # „groesse-unter-10000+thema-klimawandel“: the files' names

    @property
    def folder(self) -> str:
        return f"{COLLECTIONS[self.collection].url_folder}/{SELECTION_FOLDER}"

    @property
    def page(self) -> str:
        """The overview with this filter set, as facets.js writes it into the address."""
        query = "&".join(f"{facet.param}={value}" for facet, value in self.choices)
        return f"{COLLECTIONS[self.collection].url_folder}/?{query}"


Combination = tuple[tuple[str, str], ...]  # ((facet key, value), ...)


def _newest_first(records: list[Record]) -> list[Record]:
    """The records a feed may list, in a feed's order (feeds.feed_records), sorted once."""
    dated = [r for r in records if r.collection.in_feed and r.published]
    return sorted(dated, key=lambda r: (r.published_day, r.key), reverse=True)


def combinations(values: dict[str, str], keys: tuple[str, ...]) -> Iterator[Combination]:
    """The selections a record with these facet values is in: each of its values alone, and each
    pair of values of two facets, in the order of ``keys``."""
    tokens = [[(key, v) for v in values.get(key, "").split()] for key in keys]
    for size in range(1, MAX_FACETS + 1):
        for chosen in itertools.combinations(tokens, size):
            yield from itertools.product(*chosen)


def _matches(records: list[Record], keys: tuple[str, ...]) -> dict[Combination, list[Record]]:
    """Records by each selection they are in, in the order given (newest first: each list is then a
    feed's order as it is)."""
    found: dict[Combination, list[Record]] = {}
    for record in records:
        for combination in combinations(facet_values(record), keys):
            found.setdefault(combination, []).append(record)
    return found


def _selections(hub: Hub, collection: str) -> list[tuple[Selection, list[Record]]]:
    records = hub.all(collection)
    offered = {f.key: f for f in facets(hub, collection, records)}  # those the form shows
    labels = {key: {o.value: f"{f.label}: {o.label}" for o in f.options} for key, f in offered.items()}
    names = {key: {o.value: f"{f.param}-{o.value}" for o in f.options} for key, f in offered.items()}
    keys = tuple(offered)  # in the order of the form, as the page names a selection (subscribe.js)
    return [
        (
            Selection(
                collection,
                tuple((offered[k], v) for k, v in combination),
                " · ".join(labels[k][v] for k, v in combination),
                "+".join(names[k][v] for k, v in combination),
            ),
            matched,
        )
        for combination, matched in sorted(_matches(_newest_first(records), keys).items())
    ]


def selections(hub: Hub, collection: str) -> list[tuple[Selection, list[Record]]]:
    """Every non-empty selection of one or two of the overview's filters, with its records (newest
    first); made once per hub for its feeds and its calendars."""
    return hub.remember(("selections", collection), _selections, hub, collection)


def _collection_feed(hub: Hub, collection: str, settings: SiteSettings) -> Feed:
    info = COLLECTIONS[collection]
    return Feed(
        f"{info.url_folder}/",
        f"{info.plural} – {settings.title}",
        f"Neue {info.plural} im Wissenstransfer-Hub „Meine Stadt der Zukunft“.",
        feed_records(hub.all(collection), TOPIC_TOWN_FEED_LIMIT),
        selection=True,
    )


def selection_feeds(hub: Hub, settings: SiteSettings) -> list[Feed]:
    """The feeds of every overview's filter states: the whole collection, then each selection."""
    feeds = []
    for collection in FACETS_OF:
        info = COLLECTIONS[collection]
        feeds.append(_collection_feed(hub, collection, settings))
        for selection, matched in selections(hub, collection):
            feeds.append(
                Feed(
                    selection.folder,
                    f"{info.plural} – {selection.description} – {settings.title}",
                    f"Neue {info.plural} im Wissenstransfer-Hub, ausgewählt nach {selection.description}.",
                    matched[:TOPIC_TOWN_FEED_LIMIT],
                    stem=f"{selection.slug}.",
                    page=selection.page,
                    selection=True,
                )
            )
    return feeds


def selection_calendars(hub: Hub, settings: SiteSettings) -> list[tuple[str, list[Record], str]]:
    """(path, events, name) of the events overview's selections: a calendar for each."""
    return [
        (
            f"{selection.folder}{selection.slug}.ics",
            events,
            f"Veranstaltungen – {selection.description} – {settings.title}",
        )
        for selection, events in selections(hub, "events")
    ]
