"""Pages that list records: the overview of each collection, and the lists of practices and
projects on topic, town and round pages (grouped by town size), with the overviews' filters."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup

from ..core.collections import Collection
from ..model import Hub, Record
from ..views.facets import facet_values, facets
from ..views.subscriptions import overview_feeds
from ..views.town_size import SIZE_CLASSES
from .text import block, plain, yaml_front_matter


def overview_page(env: jinja2.Environment, name: str, collection: Collection, records: list[Record]) -> str:
    """A collection's overview (template ``overview/<collection>.md``)."""
    overview = env.get_template(f"overview/{name}.md")
    context = dict(collection=collection, records=records)
    # The overview's introduction is its description for search engines and link previews.
    intro = plain(block(overview, "intro", context))
    return yaml_front_matter({"description": html.escape(intro, quote=True)} if intro else {}) + overview.render(
        **context
    )


class ListHelpers:
    """Globals of the templates that list records; ``render_html`` renders an HTML template."""

    def __init__(self, hub: Hub, render_html: Callable[..., str]):
        self.hub = hub
        self.render_html = render_html

    def globals(self) -> dict[str, Any]:
        return dict(
            by_size=self.by_size, facet_form=self.facet_form, events_sections=self.events_sections, card=self.card
        )

    def card(self, record: Record, make: Callable[[Record], Markup]) -> Markup:
        """``make(record)``: a record's card in an overview; `make serve` keeps it across runs while
        nothing it shows changes (Hub.piece), so an edit renders one card, not a thousand."""
        return self.hub.piece(("card", record.key), make, record)

    @staticmethod
    def by_size(records: list[Record]) -> list[tuple[Any, list[Record]]]:
        """The records under each population class of their towns (a record may be under several)."""
        sized = [(r, facet_values(r).get("size", "").split()) for r in records]  # once per record, not per class
        groups = [(c, [r for r, values in sized if c.value in values]) for c in SIZE_CLASSES]
        return [(c, found) for c, found in groups if found]

    def facet_form(self, collection: str, records: list[Record], legend: str, noun: str, target: str) -> Markup:
        """The filter form of an overview (raw HTML; hidden until facets.js runs)."""
        return Markup(
            self.render_html(
                "overview/_facets.html",
                facets=facets(self.hub, collection, records),
                legend=legend,
                noun=noun,
                target=target,
                subscription=overview_feeds(collection),
            )
        )

    def events_sections(self) -> Markup:
        """The empty "upcoming" and "past" sections that docs/assets/events.js fills."""
        return Markup(self.render_html("overview/_event_sections.html"))
