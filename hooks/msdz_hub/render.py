"""Render the hub's pages from Jinja templates in overrides/hub/ into Markdown documents.

Templates produce Markdown, so MkDocs checks their links (``--strict``) and builds the table of
contents; Pagefind indexes the built pages for search. Every value a template prints is
escaped for both HTML and Markdown unless it is already ``Markup`` (links built here, HTML that
went through the sanitiser), so text from data can never become markup by accident.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from . import geo, structured_data
from .collections import COLLECTIONS
from .dates import parse_moment
from .facets import cities as city_ids
from .facets import facet_values, facets
from .facets import rounds as round_ids
from .feeds import FEED_LIMIT, TOPIC_TOWN_FEED_LIMIT
from .markup import to_html
from .model import Hub, Record
from .search_data import search_fields
from .similar import SimilarIndex
from .town_size import SIZE_CLASSES, centrality_class, size_class

MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]

# Pages a German public body must offer, filled from `extra.operator` in mkdocs.yml.
LEGAL_PAGES = ("impressum", "datenschutz", "barrierefreiheit")

# Kinds of events that belong in the initiative's timeline on the home page.
TIMELINE_KINDS = (
    "bekanntgabe",
    "auslobung",
    "fachkonferenz",
    "transferwerkstatt",
    "bilanzkonferenz",
    "abschlusskonferenz",
)

# Characters Python-Markdown gives a meaning to; a backslash makes them literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # path in the docs tree, e.g. "kommunen/zossen.md"
    content: str  # Markdown
    edit_path: str | None  # data file to edit, relative to the repository root


def escape_markdown(value: Any) -> Markup:
    """Plain text -> text that Markdown and HTML both show literally."""
    if isinstance(value, Markup):
        return value
    text = html.escape(str(value), quote=True)
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


def format_date(value: str | dt.date | dt.datetime) -> str:
    """German long date; '2021-05' -> 'Mai 2021', '2021' -> '2021'."""
    if isinstance(value, dt.datetime):
        return f"{value.day}. {MONTHS[value.month - 1]} {value.year}, {value:%H:%M} Uhr"
    if isinstance(value, dt.date):
        return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return format_date(parse_moment(value))


def iso_date(value: str | dt.date | dt.datetime) -> Markup:
    """A machine-readable date for <time datetime> and data attributes (ISO 8601, no escapes)."""
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    return Markup(html.escape(text, quote=True))


def iso_day(value: dt.date | dt.datetime) -> Markup:
    """The calendar day of a moment (in its own time zone, Berlin for the hub), ISO 8601."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return Markup(day.isoformat())


def relative_url(record: Record, page_dir: str) -> str:
    """The link from a page in ``page_dir`` ("" or "kommunen/") to a record, for raw HTML.

    MkDocs rewrites only Markdown links; in raw HTML (the SVG map) the link must already be
    relative to the page: from /kommunen/ the town is "zossen/", from the home page "kommunen/zossen/".
    """
    path = posixpath.relpath(record.url, page_dir or ".")
    return path.rstrip("/") + "/"


class Renderer:
    def __init__(
        self,
        template_dir: Path,
        hub: Hub,
        site_url: str,
        site_name: str = "",
        publisher: str = "",
        template_cache: Path | None = None,
    ):
        self.hub = hub
        # Compiled templates kept between runs; one folder per environment, as their options differ.
        caches: dict[str, jinja2.BytecodeCache | None] = {"html": None, "md": None}
        if template_cache is not None:
            for kind in caches:
                (template_cache / kind).mkdir(parents=True, exist_ok=True)
                caches[kind] = jinja2.FileSystemBytecodeCache(str(template_cache / kind))
        self.site_url = site_url.rstrip("/") + "/"
        self.site = structured_data.site_info(hub, self.site_url, site_name, publisher)
        # The land's outline for the map of the towns; without the file the map is schematic.
        self.outline = geo.load_outline(template_dir / "map" / "brandenburg.json")
        # HTML fragments (feed content): plain HTML autoescaping, absolute links.
        self.html_env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(template_dir),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=caches["html"],
        )
        self.html_env.filters.update(
            absolute=self.absolute_url,
            html=to_html,
            date_de=format_date,
            label=self.label,
            site_url=self.absolute_path,
            iso=iso_date,
        )
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(template_dir),
            undefined=jinja2.StrictUndefined,  # a misspelt variable fails the build
            autoescape=True,
            finalize=escape_markdown,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=caches["md"],
        )
        self.env.filters.update(
            link=self.link,
            links=self.links,
            markdown=self.markdown,
            date_de=format_date,
            label=self.label,
            labels=self.labels_of,
            markdown_list=self.markdown_list,
            external=self.external_link,
            site_url=self.absolute_path,
            iso=iso_date,
            day=iso_day,
            facet_attrs=self.facet_attrs,
            towns=self.towns,
            town_sizes=self.town_sizes,
            card_rounds=self.card_rounds,
        )
        self._similar = {name: SimilarIndex(hub.all(name)) for name in ("practices", "projects")}
        self.env.globals.update(
            similar=self.similar,
            size_class=size_class,
            centrality_class=centrality_class,
            size_classes=SIZE_CLASSES,
            by_size=self.by_size,
            hub=hub,
            collections=COLLECTIONS,
            facet_form=self.facet_form,
            town_map=self.town_map,
            events_sections=self.events_sections,
            timeline=self.timeline,
            feed_limits=dict(site=FEED_LIMIT, topic_town=TOPIC_TOWN_FEED_LIMIT),
        )

    # -- helpers available in templates ---------------------------------------------------------

    @staticmethod
    def link(record: Record) -> Markup:
        """A Markdown link to a record's page; MkDocs resolves and checks it."""
        return Markup(f"[{escape_markdown(record.title)}](/{record.src_uri})")

    def links(self, records: list[Record], separator: str = ", ") -> Markup:
        return Markup(separator).join(self.link(r) for r in records)

    @staticmethod
    def markdown(text: str) -> Markup:
        """A Markdown field: sanitised HTML, set apart by blank lines as a raw HTML block."""
        return Markup('\n<div class="hub-text">\n') + to_html(text) + Markup("\n</div>\n")

    def absolute_path(self, path: str) -> Markup:
        """The absolute URL of a path in the site, for showing and copying (ids are safe)."""
        return Markup(self.site_url + path.lstrip("/"))

    def absolute_url(self, record: Record) -> str:
        return self.site_url + record.url

    def feed_html(self, record: Record) -> str:
        """A record as an HTML fragment for feed readers: sanitised, every link absolute."""
        return self.html_env.get_template("feed/entry.html").render(r=record)

    @staticmethod
    def markdown_list(items: list[str], ordered: bool = False) -> Markup:
        """A list whose items are Markdown fields, as one sanitised raw HTML block."""
        tag = Markup("ol" if ordered else "ul")
        body = Markup("").join(Markup("<li>") + to_html(item) + Markup("</li>\n") for item in items)
        return Markup('\n<{0} class="hub-list">\n').format(tag) + body + Markup("</{0}>\n").format(tag)

    @staticmethod
    def external_link(url: str, text: str | None = None) -> Markup:
        """A Markdown link to another site; characters that would end the link are encoded."""
        target = url
        for char, code in (("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), (" ", "%20"), ('"', "%22")):
            target = target.replace(char, code)
        return Markup(f"[{escape_markdown(text or url)}]({target})")

    def label(self, value: str, collection: str, *path: str) -> str:
        return self.hub.labels(collection, *path).get(value, value)

    def labels_of(self, values: list[str], collection: str, *path: str) -> list[str]:
        labels = self.hub.labels(collection, *path)
        return [labels.get(v, v) for v in values]

    # -- reader features: filters, map, events, timeline --------------------------------------

    @staticmethod
    def facet_attrs(record: Record) -> Markup:
        """The data attributes of an overview's list item, which docs/assets/facets.js filters by."""
        return Markup("").join(
            Markup(' data-{}="{}"').format(key, value) for key, value in facet_values(record).items()
        )

    def towns(self, record: Record) -> list[Record]:
        """The towns a record belongs to, also through its projects (what the town filter uses)."""
        return [self.hub.get("cities", i) for i in city_ids(record)]

    def town_sizes(self, record: Record) -> list[str]:
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

    def by_size(self, records: list[Record]) -> list[tuple[Any, list[Record]]]:
        """The records under each population class of their towns (a record may be under several)."""
        groups = [(c, [r for r in records if c.value in facet_values(r).get("size", "").split()]) for c in SIZE_CLASSES]
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
            )
        )

    def events_sections(self) -> Markup:
        """The empty "upcoming" and "past" sections that docs/assets/events.js fills."""
        return Markup(self.render_html("overview/_event_sections.html"))

    def town_map(self, page_dir: str) -> Markup:
        """Inline SVG map of the towns, with links relative to ``page_dir`` ("" or "kommunen/")."""
        return Markup(self.render_html("map.svg", map=self._map_model(), page_dir=page_dir, relative=relative_url))

    def _map_model(self) -> dict[str, Any]:
        towns = self.hub.all("cities")
        rings = self.outline["geometry"]["coordinates"] if self.outline else []
        points = (
            [tuple(p) for ring in rings for p in ring]
            + [(t.data["coordinates"]["lon"], t.data["coordinates"]["lat"]) for t in towns]
            + [geo.BERLIN]
        )
        projection = geo.fit(points, width=600, padding=24 if rings else 70)
        font_size, radius = 13.0, 5.0
        berlin = projection.point(*geo.BERLIN)
        berlin_box = geo.Box(berlin[0] - 24, berlin[1] - 12, berlin[0] + 24, berlin[1] + 6)
        markers = [
            (*projection.point(t.data["coordinates"]["lon"], t.data["coordinates"]["lat"]), t.title) for t in towns
        ]
        labels = geo.place_labels(markers, (projection.width, projection.height), font_size, radius, [berlin_box])
        return dict(
            width=projection.width,
            height=projection.height,
            font_size=font_size,
            radius=radius,
            land=geo.path_data(rings, projection),
            berlin=berlin,
            source=self.outline["properties"]["source"] if self.outline else "",
            towns=[
                dict(record=t, x=m[0], y=m[1], label=label) for t, m, label in zip(towns, markers, labels, strict=True)
            ],
        )

    def timeline(self) -> list[dict[str, Any]]:
        """Milestones of the initiative, oldest first: the rounds' deadlines and the key events.

        Key events are those of the initiative as a whole (conferences, announcements, transfer
        workshops), not the many events a single town held for its own project.
        """
        entries = []
        for round_ in self.hub.all("rounds"):
            if round_.data.get("application_deadline"):
                entries.append(
                    dict(
                        date=dt.date.fromisoformat(str(round_.data["application_deadline"])),
                        prefix="Bewerbungsschluss: ",
                        record=round_,
                    )
                )
        for event in self.hub.all("events"):
            kind = event.data["kind"]
            if kind in TIMELINE_KINDS or (kind == "auftakt" and not event.data.get("projects")):
                entries.append(dict(date=event.start, prefix="", record=event))

        def day(entry: dict[str, Any]) -> dt.date:
            d = entry["date"]
            return d.date() if isinstance(d, dt.datetime) else d

        return sorted(entries, key=lambda e: (day(e), e["record"].title))

    # -- pages ----------------------------------------------------------------------------------

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    @staticmethod
    def _block(template: jinja2.Template, name: str, context: dict[str, Any]) -> str:
        """One block of a template rendered alone ("" if the template has none)."""
        block = template.blocks.get(name)
        return "".join(block(template.new_context(context))) if block else ""

    def render_html(self, template: str, **context: Any) -> str:
        return self.html_env.get_template(template).render(**context)

    def page_jobs(self, feeds: list, calendars: list[str], operator: dict | None = None) -> list[PageJob]:
        """Home, one overview per collection, one page per record, and the service pages: each
        known by its path at once, rendered only when asked (the build streams them to MkDocs)."""
        context = dict(feeds=feeds, calendars=calendars)
        jobs = [
            PageJob("index.md", None, partial(self._home, context)),
            PageJob("abonnieren/index.md", None, partial(self.render, "abonnieren.md", **context)),
            PageJob("daten/index.md", None, partial(self.render, "daten.md", **context)),
            *(
                PageJob(f"{name}/index.md", None, partial(self.render, f"legal/{name}.md", operator=operator or {}))
                for name in LEGAL_PAGES
            ),
        ]
        for name, collection in COLLECTIONS.items():
            records = self.hub.all(name)
            overview = partial(self._overview, name, collection, records)
            jobs.append(PageJob(f"{collection.url_folder}/index.md", None, overview))
            for record in records:
                jobs.append(PageJob(record.src_uri, record.path, partial(self._record_page, name, record, context)))
        return jobs

    def _home(self, context: dict[str, Any]) -> str:
        home = self.env.get_template("home.md")
        home_meta = {
            "hub_jsonld": structured_data.json_ld(
                structured_data.home_data(self.site, _plain(self._block(home, "lead", context)))
            )
        }
        return _yaml_front_matter(home_meta) + home.render(**context)

    def _overview(self, name: str, collection: Any, records: list[Record]) -> str:
        overview = self.env.get_template(f"overview/{name}.md")
        overview_context = dict(collection=collection, records=records)
        # The overview's introduction is its description for search engines and link previews.
        intro = _plain(self._block(overview, "intro", overview_context))
        return _yaml_front_matter({"description": html.escape(intro, quote=True)} if intro else {}) + overview.render(
            **overview_context
        )

    def _record_page(self, name: str, record: Record, context: dict[str, Any]) -> str:
        return front_matter(record, self.site) + self.env.get_template(f"record/{name}.md").render(r=record, **context)


@dataclass(frozen=True)
class PageJob:
    """A page to be: its path and data file now, its Markdown when ``render`` is called."""

    src_uri: str
    edit_path: str | None
    make: Callable[[], str]  # returns the Markdown

    def render(self) -> GeneratedPage:
        return GeneratedPage(self.src_uri, self.make(), self.edit_path)


def front_matter(record: Record, site: structured_data.SiteInfo | None = None) -> str:
    """Page metadata for the theme: title, description, a topic's or town's own feed, and what
    search engines and link previews read (``hub_og_type``, ``hub_jsonld``; see structured_data).

    The theme prints title and description into <title>, the header and a meta attribute
    without escaping, so they are HTML-escaped here; readers see the same text.
    """
    meta: dict[str, str] = {
        "title": html.escape(record.title, quote=True),
        "description": html.escape(record.summary, quote=True),
        "hub_og_type": structured_data.og_type(record),
    }
    if record.collection.name in ("topics", "cities"):
        meta["hub_feed"] = record.url
    if record.changed:  # the sitemap's <lastmod> (set by the MkDocs hook)
        meta["hub_changed"] = record.changed.date().isoformat()
    meta["hub_search"] = search_fields(record, format_date)  # type: ignore[assignment]
    data = structured_data.record_data(record, site) if site else None
    if data:
        meta["hub_jsonld"] = structured_data.json_ld(data)
    return _yaml_front_matter(meta)


def _yaml_front_matter(meta: dict[str, str]) -> str:
    if not meta:
        return ""
    # libyaml's emitter: the pure-Python one was a quarter of the hook's time on large hubs
    dumped = yaml.dump(meta, Dumper=_YamlDumper, allow_unicode=True, sort_keys=True, width=10_000)
    return "---\n" + dumped + "---\n\n"


_YamlDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _plain(markdown_text: str) -> str:
    """Literal text of a template block: one line, without Markdown's backslash escapes or attributes."""
    text = re.sub(r"\{:[^}]*\}", "", markdown_text)
    text = html.unescape(re.sub(r"\\(.)", r"\1", text))
    return " ".join(text.split())
