"""The whole run in one place: load -> validate -> model (``load``) -> plan -> render.

Nothing is written here. The caller (the MkDocs hook, or ``python -m msdz_hub check``) decides
what to do with the result, and gets a ``DataError`` with every problem before anything exists.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .feeds import Feed, FeedSettings, all_feeds, iter_feeds
from .ical import calendar_sources, iter_calendars
from .load import load_hub
from .markup import to_html
from .model import Hub
from .opendata import iter_open_data, open_data_paths
from .render import GeneratedPage, PageJob, Renderer

__all__ = ["Site", "SitePlan", "build_site", "load_hub", "plan_site"]


@dataclass
class Site:
    hub: Hub
    pages: list[GeneratedPage]
    files: dict[str, bytes]  # further outputs by path in the site: feeds, calendars, open data


@dataclass
class SitePlan:
    """What the site will hold, known by path before anything is rendered.

    The MkDocs hook needs the paths at once (to register the files, and to check links to them);
    the rendering itself can then run alongside MkDocs (see ``worker``).
    """

    hub: Hub
    settings: FeedSettings
    renderer: Renderer
    feeds: list[Feed]
    calendars: list[str]  # paths of the calendar files
    pages: list[PageJob]
    schema_dir: Path

    @property
    def file_paths(self) -> list[str]:
        """Paths of every output that is not a page: feeds, calendars, open data, OPML."""
        paths = [path for feed in self.feeds for path in (feed.paths["rss"], feed.paths["atom"])]
        paths += self.calendars
        paths += open_data_paths(self.schema_dir)
        paths.append("feeds.opml")
        return paths

    def render_files(self) -> Iterator[tuple[str, bytes]]:
        """Every output that is not a page, one kind after the other (each freed once yielded)."""
        # The pages are written: the Markdown fields' HTML they shared is needed only by the
        # site feed's few entries from here on; freed, its memory serves the files instead.
        to_html.cache_clear()
        yield from iter_feeds(self.feeds, self.renderer, self.settings)
        yield from iter_calendars(self.hub, self.settings)
        yield from iter_open_data(self.hub, self.schema_dir, self.settings)
        yield "feeds.opml", self.renderer.render_html("feeds.opml", feeds=self.feeds).encode("utf-8")


def plan_site(
    root: Path,
    settings: FeedSettings,
    operator: dict | None = None,
    template_cache: Path | None = None,
    hub: Hub | None = None,
) -> SitePlan:
    """Load and validate ``root/data`` (DataError with every problem), unless ``hub`` is that
    already, and plan the site; ``operator`` fills the legal pages; ``template_cache`` keeps
    compiled templates between runs."""
    hub = hub or load_hub(root)
    renderer = Renderer(
        root / "overrides" / "hub", hub, settings.site_url, settings.title, settings.author, template_cache
    )
    feeds = all_feeds(hub, settings)
    calendars = sorted(path for path, _, _ in calendar_sources(hub, settings))
    pages = renderer.page_jobs(feeds=feeds, calendars=calendars, operator=operator)
    return SitePlan(hub, settings, renderer, feeds, calendars, pages, root / "data" / "schema")


def build_site(root: Path, settings: FeedSettings, operator: dict | None = None) -> Site:
    """Everything the site shows, in memory (for tests and tools; the hook streams it instead)."""
    plan = plan_site(root, settings, operator)
    pages = [job.render() for job in plan.pages]
    return Site(plan.hub, pages, dict(plan.render_files()))
