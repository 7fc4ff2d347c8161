"""The home page and what it shows beyond lists: the initiative's timeline and the map of the
towns (also on the towns' overview)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup

from ..core.settings import SiteSettings
from ..model import Hub
from ..views import geo, structured_data
from .text import block, plain, relative_url, yaml_front_matter

# Kinds of events that belong in the initiative's timeline on the home page.
TIMELINE_KINDS = (
    "bekanntgabe",
    "auslobung",
    "fachkonferenz",
    "transferwerkstatt",
    "bilanzkonferenz",
    "abschlusskonferenz",
)


def home_page(
    env: jinja2.Environment, settings: SiteSettings, publisher: dict[str, Any], context: dict[str, Any]
) -> str:
    """The home page (template ``home.md``); its lead is also the site's description in JSON-LD."""
    home = env.get_template("home.md")
    description = plain(block(home, "lead", context))
    meta = {"hub_jsonld": structured_data.json_ld(structured_data.home_data(settings, publisher, description))}
    return yaml_front_matter(meta) + home.render(**context)


def timeline(hub: Hub) -> list[dict[str, Any]]:
    """Milestones of the initiative, oldest first: the rounds' deadlines and the key events.

    Key events are those of the initiative as a whole (conferences, announcements, transfer
    workshops), not the many events a single town held for its own project.
    """
    entries = []
    for round_ in hub.all("rounds"):
        if round_.data.get("application_deadline"):
            entries.append(
                dict(
                    date=dt.date.fromisoformat(str(round_.data["application_deadline"])),
                    prefix="Bewerbungsschluss: ",
                    record=round_,
                )
            )
    for event in hub.all("events"):
        kind = event.data["kind"]
        if kind in TIMELINE_KINDS or (kind == "auftakt" and not event.data.get("projects")):
            entries.append(dict(date=event.start, prefix="", record=event))

    def day(entry: dict[str, Any]) -> dt.date:
        d = entry["date"]
        return d.date() if isinstance(d, dt.datetime) else d

    return sorted(entries, key=lambda e: (day(e), e["record"].title))


def map_model(hub: Hub, outline: dict | None) -> dict[str, Any]:
    """What map.svg draws: the land's outline (schematic without one), Berlin, and each town with
    its label placed clear of the others."""
    towns = hub.all("cities")
    rings = outline["geometry"]["coordinates"] if outline else []
    points = (
        [tuple(p) for ring in rings for p in ring]
        + [(t.data["coordinates"]["lon"], t.data["coordinates"]["lat"]) for t in towns]
        + [geo.BERLIN]
    )
    projection = geo.fit(points, width=600, padding=24 if rings else 70)
    font_size, radius = 13.0, 5.0
    berlin = projection.point(*geo.BERLIN)
    berlin_box = geo.Box(berlin[0] - 24, berlin[1] - 12, berlin[0] + 24, berlin[1] + 6)
    markers = [(*projection.point(t.data["coordinates"]["lon"], t.data["coordinates"]["lat"]), t.title) for t in towns]
    labels = geo.place_labels(markers, (projection.width, projection.height), font_size, radius, [berlin_box])
    return dict(
        width=projection.width,
        height=projection.height,
        font_size=font_size,
        radius=radius,
        land=geo.path_data(rings, projection),
        berlin=berlin,
        source=outline["properties"]["source"] if outline else "",
        towns=[dict(record=t, x=m[0], y=m[1], label=label) for t, m, label in zip(towns, markers, labels, strict=True)],
    )


class HomeHelpers:
    """Globals of the home page's templates; ``render_html`` renders an HTML template."""

    def __init__(self, hub: Hub, outline: dict | None, render_html: Callable[..., str]):
        self.hub = hub
        self.outline = outline  # the land's outline for the map; without the file the map is schematic
        self.render_html = render_html

    def globals(self) -> dict[str, Any]:
        return dict(town_map=self.town_map, timeline=self.timeline)

    def town_map(self, page_dir: str) -> Markup:
        """Inline SVG map of the towns, with links relative to ``page_dir`` ("" or "kommunen/")."""
        return Markup(
            self.render_html("map.svg", map=map_model(self.hub, self.outline), page_dir=page_dir, relative=relative_url)
        )

    def timeline(self) -> list[dict[str, Any]]:
        return timeline(self.hub)
