"""The whole run in one place: load -> validate -> model (``load``) -> plan -> render.

The plan lists every output of the site as a ``Job``: its path at once, its bytes when asked.
Pages come first, then every other file (feeds, calendars, open data, OPML). Nothing is written
here. The caller (the MkDocs hook's worker, or a test) decides what to do with the jobs, and gets
a ``DataError`` with every problem before anything exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .core.collections import COLLECTIONS
from .core.settings import SiteSettings
from .core.source_status import STATUS_FILE, SourceStatus, load_status
from .load import load_hub
from .model import Hub
from .outputs.feeds import FEED_LIMITS, Feed, all_feeds, feed_outputs
from .outputs.ical import calendar_outputs
from .outputs.opendata import open_data_outputs
from .pages.markdown_html import to_html
from .pages.renderer import Renderer
from .views.source_review import build_day, review

__all__ = ["Job", "Site", "SitePlan", "build_site", "load_hub", "plan_site"]

# Pages a German public body must offer, filled from `extra.operator` in mkdocs.yml.
LEGAL_PAGES = ("impressum", "datenschutz", "barrierefreiheit")

Outputs = dict[str, Callable[[], bytes]]  # what an output module makes, by path


@dataclass(frozen=True)
class Job:
    """One output of the site: where it goes now, its bytes when ``make`` is called."""

    path: str  # in the docs tree: "kommunen/zossen.md", "themen/klimawandel/rss.xml"
    make: Callable[[], bytes]
    edit_path: str | None = None  # pages of records only: the data file to edit, from the repository root


@dataclass
class Site:
    hub: Hub
    pages: dict[str, str]  # Markdown by path in the docs tree
    files: dict[str, bytes]  # further outputs by path in the site: feeds, calendars, open data


@dataclass
class SitePlan:
    """What the site will hold, known by path before anything is rendered.

    The MkDocs hook needs the paths at once (to register the files, and to check links to them);
    the rendering itself can then run alongside MkDocs (see ``worker``).
    """

    hub: Hub
    settings: SiteSettings
    renderer: Renderer
    feeds: list[Feed]
    pages: list[Job]  # Markdown pages, in the order they are best made
    files: list[Job]  # every other output, made after the pages

    @property
    def jobs(self) -> list[Job]:
        return self.pages + self.files


def _encoded(render: Callable[..., str], *args: Any, **context: Any) -> Callable[[], bytes]:
    """A maker of UTF-8 bytes from a renderer's method that returns text."""
    return lambda: render(*args, **context).encode("utf-8")


def page_jobs(renderer: Renderer, hub: Hub, feeds: list[Feed], calendars: list[str]) -> list[Job]:
    """Home, the service pages, and per collection its overview and one page per record."""
    context = dict(feeds=feeds, calendars=calendars)
    operator = renderer.settings.operator
    jobs = [
        Job("index.md", _encoded(renderer.home, context)),
        Job("abonnieren/index.md", _encoded(renderer.render, "abonnieren.md", feed_limits=FEED_LIMITS, **context)),
        Job("daten/index.md", _encoded(renderer.render, "daten.md", **context)),
        *(
            Job(f"{name}/index.md", _encoded(renderer.render, f"legal/{name}.md", operator=operator))
            for name in LEGAL_PAGES
        ),
    ]
    for name, collection in COLLECTIONS.items():
        records = hub.all(name)
        jobs.append(Job(f"{collection.url_folder}/index.md", _encoded(renderer.overview, name, collection, records)))
        for record in records:
            jobs.append(Job(record.src_uri, _encoded(renderer.record_page, name, record, context), record.path))
    return jobs


def _after_pages(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """The first file's maker: the pages are made, and the Markdown fields' HTML they shared is
    needed only by the site feed's few entries from here on; freed, its memory serves the files."""

    def make_first() -> bytes:
        to_html.cache_clear()
        return make()

    return make_first


def file_jobs(renderer: Renderer, feeds: list[Feed], calendars: Outputs, open_data: Outputs) -> list[Job]:
    """Feeds (RSS before Atom), calendars, open data and the OPML list of the feeds."""
    outputs = {
        **feed_outputs(feeds, renderer.settings, full_text=renderer.feed_html),
        **calendars,
        **open_data,
        "feeds.opml": _encoded(renderer.render_html, "feeds.opml", feeds=feeds),
    }
    jobs = [Job(path, make) for path, make in outputs.items()]
    return [Job(jobs[0].path, _after_pages(jobs[0].make)), *jobs[1:]]


def plan_site(
    root: Path,
    settings: SiteSettings,
    template_cache: Path | None = None,
    hub: Hub | None = None,
) -> SitePlan:
    """Load and validate ``root/data`` (DataError with every problem), unless ``hub`` is that
    already, and plan the site; ``template_cache`` keeps compiled templates between runs."""
    hub = hub or load_hub(root)
    statuses = load_status(root / STATUS_FILE)  # written by the weekly source check, read offline
    renderer = Renderer(hub, settings, template_cache, source_status=statuses)
    feeds = all_feeds(hub, settings)
    calendars = calendar_outputs(hub, settings)
    files = file_jobs(renderer, feeds, calendars, open_data_outputs(hub, root / "data" / "schema", settings))
    pages = page_jobs(renderer, hub, feeds, sorted(calendars))
    pages.insert(len(LEGAL_PAGES) + 3, Job("redaktion/quellen/index.md", _source_page(renderer, hub, statuses)))
    return SitePlan(hub, settings, renderer, feeds, pages, files)


def _source_page(renderer: Renderer, hub: Hub, statuses: dict[str, SourceStatus]) -> Callable[[], bytes]:
    """The editors' page of the source check, reviewed when it is made (so its reads are traced)."""
    return lambda: renderer.render("redaktion-quellen.md", review=review(hub, statuses, build_day())).encode("utf-8")


def build_site(root: Path, settings: SiteSettings) -> Site:
    """Everything the site shows, in memory (for tests and tools; the hook streams it instead)."""
    plan = plan_site(root, settings)
    pages = {job.path: job.make().decode("utf-8") for job in plan.pages}
    return Site(plan.hub, pages, {job.path: job.make() for job in plan.files})
