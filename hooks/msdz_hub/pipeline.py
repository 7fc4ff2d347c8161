"""The whole run in one place: load -> validate -> model -> render, all in memory.

Nothing is written here. The caller (the MkDocs hook, or ``python -m msdz_hub check``) decides
what to do with the result, and gets a ``DataError`` with every problem before anything exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .feeds import FeedSettings, all_feeds, build_feeds
from .ical import all_calendars
from .loader import load_tree, no_cycle_collection
from .model import Hub, Record
from .opendata import build_open_data
from .problems import DataError, Problem
from .render import GeneratedPage, Renderer
from .validate import Schemas, Validator


@dataclass
class Site:
    hub: Hub
    pages: list[GeneratedPage]
    files: dict[str, bytes]  # further outputs by path in the site: feeds, calendars, open data


def unique_locations(problems: list[Problem]) -> list[Problem]:
    """One problem per place: a value that breaks two rules is reported once, by the first."""
    seen: set[tuple[str, int, int, str]] = set()
    unique = []
    for problem in problems:
        where = (problem.path, problem.line, problem.column, problem.field)
        if where not in seen:
            seen.add(where)
            unique.append(problem)
    return unique


class _EntriesOnce:
    """The renderer as the feeds use it, with each record's entry HTML rendered once: a record
    stands in up to three feeds (the site's, a topic's, a town's), each written as RSS and Atom."""

    def __init__(self, renderer: Renderer):
        self._renderer = renderer
        self._html: dict[str, str] = {}

    def feed_html(self, record: Record) -> str:
        html = self._html.get(record.key)
        if html is None:
            html = self._html[record.key] = self._renderer.feed_html(record)
        return html

    def __getattr__(self, name: str) -> Any:  # everything else as the renderer has it
        return getattr(self._renderer, name)


def load_hub(root: Path) -> Hub:
    """Load and validate ``root/data``; raises DataError listing every problem."""
    with no_cycle_collection():  # no cyclic garbage is made here (see loader)
        schemas = Schemas(root / "data" / "schema")
        records, problems, named = load_tree(root)
        problems += Validator(schemas).validate(records, named)
        if problems:
            raise DataError(unique_locations(problems))
        return Hub(records, schemas)


def build_site(root: Path, settings: FeedSettings, operator: dict | None = None) -> Site:
    """Everything the site shows, in memory; ``operator`` fills the legal pages."""
    hub = load_hub(root)
    renderer = Renderer(root / "overrides" / "hub", hub, settings.site_url, settings.title, settings.author)
    feeds = all_feeds(hub, settings)
    calendars = all_calendars(hub, settings)
    files = build_feeds(feeds, _EntriesOnce(renderer), settings)
    files.update(calendars)
    files.update(build_open_data(hub, root / "data" / "schema", settings))
    files["feeds.opml"] = renderer.render_html("feeds.opml", feeds=feeds).encode("utf-8")
    pages = renderer.pages(feeds=feeds, calendars=sorted(calendars), operator=operator)
    return Site(hub, pages, files)
