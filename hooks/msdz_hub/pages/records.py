"""Record pages: what a page says about itself (front matter), and what the templates ask of a
record wherever it appears (its labels, towns, population classes, rounds, similar records)."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..core.settings import SiteSettings
from ..model import Hub, Record
from ..views import structured_data
from ..views.facets import cities as city_ids
from ..views.facets import facet_values
from ..views.facets import rounds as round_ids
from ..views.search_data import search_fields
from ..views.similar import SimilarIndex
from ..views.town_size import SIZE_CLASSES, centrality_class, size_class
from .text import format_date, yaml_front_matter


def front_matter(record: Record, settings: SiteSettings, publisher: dict[str, Any]) -> str:
    """Page metadata for the theme: title, description, a topic's or town's own feed, the page's
    dates, and what search engines and link previews read (``hub_og_type``, ``hub_jsonld``; see
    structured_data). The plan adds its edit link (pages.portable).

    The theme prints title and description into <title>, the header and a meta attribute
    without escaping, so they are HTML-escaped here; readers see the same text.
    """
    meta: dict[str, Any] = {
        "title": html.escape(record.title, quote=True),
        "description": html.escape(record.summary, quote=True),
        "hub_og_type": structured_data.og_type(record),
    }
    if record.collection.name in ("topics", "cities"):
        meta["hub_feed"] = record.url
    # the page's dates for any engine's template: first published (where the record has it), last changed
    if record.published:
        meta["hub_created"] = record.published.isoformat()
    if record.changed:
        meta["hub_changed"] = record.changed.date().isoformat()
    meta["hub_search"] = search_fields(record, format_date)
    data = structured_data.record_data(record, settings, publisher)
    if data:
        meta["hub_jsonld"] = structured_data.json_ld(data)
    return yaml_front_matter(meta)


def record_page(
    env: jinja2.Environment,
    settings: SiteSettings,
    publisher: dict[str, Any],
    name: str,
    record: Record,
    context: dict[str, Any],
) -> str:
    """A record's page (template ``record/<collection>.md``) with its front matter."""
    return front_matter(record, settings, publisher) + env.get_template(f"record/{name}.md").render(r=record, **context)


class RecordHelpers:
    """Filters and globals of the templates that look at one record, for the cards of overviews,
    topic, town and round pages as for the record's own page."""

    def __init__(self, hub: Hub, similar: dict[str, SimilarIndex] | None = None):
        self.hub = hub
        self._similar = similar or {name: SimilarIndex(hub.all(name)) for name in ("practices", "projects")}

    def filters(self) -> dict[str, Callable[..., Any]]:
        return dict(
            label=self.label,
            labels=self.labels_of,
            facet_attrs=self.facet_attrs,
            towns=self.towns,
            town_sizes=self.town_sizes,
            card_rounds=self.card_rounds,
        )

    def globals(self) -> dict[str, Any]:
        return dict(
            similar=self.similar,
            size_class=size_class,
            centrality_class=centrality_class,
            size_classes=SIZE_CLASSES,
        )

    def label(self, value: str, collection: str, *path: str) -> str:
        return self.hub.labels(collection, *path).get(value, value)

    def labels_of(self, values: list[str], collection: str, *path: str) -> list[str]:
        labels = self.hub.labels(collection, *path)
        return [labels.get(v, v) for v in values]

    @staticmethod
    def facet_attrs(record: Record) -> Markup:
        """The data attributes of an overview's list item, which docs/assets/facets.js filters by."""
        # what Markup(' data-{}="{}"').format(key, value) gives, at a fraction of its cost (one per facet
        # and list item: 7 000 on an overview of 1 000)
        return Markup("".join(f' data-{escape(key)}="{escape(value)}"' for key, value in facet_values(record).items()))

    def towns(self, record: Record) -> list[Record]:
        """The towns a record belongs to, also through its projects (what the town filter uses)."""
        return [self.hub.get("cities", i) for i in city_ids(record)]

    @staticmethod
    def town_sizes(record: Record) -> list[str]:
        """The population classes of the towns of a practice or project, as German labels."""
        if record.collection.name not in ("practices", "projects"):
            return []
        values = facet_values(record)["size"].split()
        return [c.label for c in SIZE_CLASSES if c.value in values]

    def card_rounds(self, record: Record) -> list[Record]:
        if record.collection.name not in ("practices", "projects"):
            return []
        return [self.hub.get("rounds", i) for i in round_ids(record)]

    def similar(self, record: Record) -> list[Record]:
        """Up to five practices (or projects) most like this one (see similar.py)."""
        return self._similar[record.collection.name].of(record)
