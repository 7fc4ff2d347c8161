"""The site's plan: from a loaded hub (``load``), every output and how each is made.

The plan lists every output of the site as a ``Job``: its path at once, its bytes when asked.
Pages come first, then every other file (feeds, calendars, open data, OPML). Nothing is written
here. The caller (the engine, or a test) decides what to do with the jobs, and gets a
``DataError`` with every problem before anything exists.

The plan also names what it derives for the whole site outside any one output's making (the
links between records, their change times and similar records, what each feed and calendar
lists, the site's own details): an incremental rebuild compares these (``SitePlan.derived``), and
hands back the similar records it may keep (``Rankings``), so the engine never looks inside the
renderer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .core.collections import COLLECTIONS
from .core.settings import SiteSettings
from .core.source_status import STATUS_FILE, load_status
from .load import load_hub
from .model import Hub, Record
from .outputs.feeds import FEED_LIMITS, STYLESHEET, Feed, all_feeds, feed_outputs
from .outputs.ical import calendar_outputs, calendar_sources
from .outputs.letter_feed import letter_feed
from .outputs.opendata import open_data_outputs
from .outputs.search_vocabulary import vocabulary_outputs
from .outputs.selections import selection_feeds
from .outputs.sitemap import PACKED, SITEMAP, sitemap_outputs
from .outputs.spliced_feeds import SplicedFeeds
from .pages.letters import LetterPages
from .pages.portable import portable_maker
from .pages.renderer import Renderer
from .views import facets
from .views.letters import letters
from .views.similar import SimilarIndex
from .views.source_review import build_day, review

__all__ = ["Job", "Rankings", "Site", "SitePlan", "build_site", "plan_site"]

# Pages a German public body must offer, filled from `extra.operator` in mkdocs.yml (Leichte
# Sprache, BITV 2.0 § 4, gives the operator's contact too).
LEGAL_PAGES = ("impressum", "datenschutz", "barrierefreiheit", "leichte-sprache")

Outputs = dict[str, Callable[[], bytes]]  # what an output module makes, by path


@dataclass(frozen=True, slots=True)  # slots: 100 000 of them at N = 5 000, in the forked worker
class Job:
    """One output of the site: where it goes now, its bytes when ``make`` is called."""

    path: str  # in the docs tree: "kommunen/zossen.md", "themen/klimawandel/rss.xml"
    make: Callable[[], bytes]
    edit_path: str | None = None  # pages of records only: the data file to edit, from the repository root
    made_with: str | None = None  # the job whose call makes this one's bytes too (a feed's Atom: its RSS)


@dataclass
class Site:
    hub: Hub
    pages: dict[str, str]  # Markdown by path in the docs tree
    files: dict[str, bytes]  # further outputs by path in the site: feeds, calendars, open data


SIMILAR = ("practices", "projects")  # the collections whose pages list similar records
RankingInputs = tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]


@dataclass(frozen=True)
class Ranking:
    """One collection's similar records by id, and what they were ranked by (``ranking_inputs``)."""

    inputs: RankingInputs
    similar: dict[str, tuple[str, ...]]


Rankings = dict[str, Ranking]  # by collection (SIMILAR)


def ranking_inputs(hub: Hub, name: str) -> RankingInputs:
    """What ``SimilarIndex`` ranks by: each record's topics, formats and town sizes, in the hub's
    order (a title counts only through that order)."""
    return tuple(
        (r.id, tuple(facets.topics(r)), tuple(facets.formats(r)), tuple(facets.sizes(r))) for r in hub.all(name)
    )


Keys = tuple[str, ...]  # record keys, "collection/id"


@dataclass(frozen=True)
class RecordLinks:
    """What the plan derives for one record beyond its own data; any page that shows the record may show it."""

    outgoing: tuple[tuple[str, Keys], ...]  # by collection: the records it references
    incoming: tuple[tuple[str, Keys], ...]  # by collection: the records that reference it
    changed: dt.datetime | None
    similar: Keys


@dataclass(frozen=True)
class SiteShape:
    """What the plan derives for the whole site that pages show: the feeds' titles, which feeds and
    calendars exist, the publisher, the files."""

    feeds: tuple[tuple[str, str, str, bool], ...]  # folder, title, description, full text
    listed: tuple[str, ...]  # the paths of every feed and calendar
    publisher: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class Derived:
    """All the plan derives outside the making of any one output: what an incremental rebuild compares."""

    shape: SiteShape
    lists: dict[str, Keys]  # by feed, calendar or letter path: what only that file shows (a calendar's name first)
    records: dict[str, RecordLinks]  # by record key
    rankings: Rankings


@dataclass
class SitePlan:
    """What the site will hold, known by path before anything is rendered.

    The MkDocs hook needs the paths at once (to register the files, and to check links to them);
    the rendering itself can then run alongside MkDocs (see ``engine``).
    """

    hub: Hub
    settings: SiteSettings
    renderer: Renderer
    feeds: list[Feed]
    pages: list[Job]  # Markdown pages, in the order they are best made
    files: list[Job]  # every other output, made after the pages
    similar: dict[str, SimilarIndex]  # by collection (SIMILAR)
    ranked_by: dict[str, RankingInputs] = field(default_factory=dict)  # what ``similar`` ranks by, once known

    @property
    def jobs(self) -> list[Job]:
        return self.pages + self.files

    def derived(self) -> Derived:
        """What the plan derives for the site and each record (costs a ranking of all similar records)."""
        lists = self._lists()
        links = {r.key: self._links(r) for r in self.hub.every()}
        return Derived(self._shape(tuple(sorted(lists))), lists, links, self._rankings())

    def _links(self, record: Record) -> RecordLinks:
        name = record.collection.name
        return RecordLinks(
            tuple((n, _keys(linked)) for n, linked in self.hub.outgoing[record.key].items()),
            tuple((n, _keys(linked)) for n, linked in self.hub.incoming[record.key].items()),
            self.hub.changed.get(record.key),
            _keys(self.similar[name].of(record)) if name in self.similar else (),
        )

    def _lists(self) -> dict[str, Keys]:
        lists = {f.paths[kind]: _keys(f.records) for f in self.feeds for kind in ("rss", "atom")}
        for path, events, name in calendar_sources(self.hub, self.settings):
            lists[path] = (name, *_keys(events))
        found = letters(self.hub)  # its dates put a record into a month's letter, not a read of it
        for letter in found:
            lists[letter.path] = lists[letter.text_path] = (*_keys(letter.new), "", *_keys(letter.changed))
        for path in ("monatsbrief/index.md", "monatsbrief/rss.xml", "monatsbrief/atom.xml"):
            lists[path] = tuple(key for letter in found for key in (letter.month, *lists[letter.path]))
        return lists

    def _shape(self, listed: tuple[str, ...]) -> SiteShape:
        feeds = tuple((f.folder, f.title, f.description, f.full_text) for f in self.feeds)
        files = tuple(sorted(job.path for job in self.files))
        return SiteShape(feeds, listed, repr(self.renderer.publisher), files)

    def _rankings(self) -> Rankings:
        return {
            name: Ranking(
                self.ranked_by.get(name) or ranking_inputs(self.hub, name),
                {r.id: tuple(s.id for s in index.of(r)) for r in self.hub.all(name)},
            )
            for name, index in self.similar.items()
        }


def _keys(records: list[Record]) -> Keys:
    return tuple(r.key for r in records)


def _encoded(render: Callable[..., str], *args: Any, **context: Any) -> Callable[[], bytes]:
    """A maker of UTF-8 bytes from a renderer's method that returns text."""
    return lambda: render(*args, **context).encode("utf-8")


def page_jobs(renderer: Renderer, hub: Hub, feeds: list[Feed], calendars: list[str]) -> list[Job]:
    """Home, the service pages, and per collection its overview and one page per record."""
    context = dict(feeds=feeds, calendars=frozenset(calendars))
    operator = renderer.settings.operator
    jobs = [
        Job("index.md", _encoded(renderer.home, context)),
        Job("abonnieren/index.md", _encoded(renderer.render, "abonnieren.md", feed_limits=FEED_LIMITS, **context)),
        Job("abonnieren/kalender.md", _encoded(renderer.render, "subscribe/kalender.md")),
        Job("daten/index.md", _encoded(renderer.render, "daten.md", **context)),
        *(
            Job(f"{name}/index.md", _encoded(renderer.render, f"legal/{name}.md", operator=operator))
            for name in LEGAL_PAGES
        ),
    ]
    jobs += letter_jobs(renderer, hub)[0]
    for name, collection in COLLECTIONS.items():
        records = hub.all(name)
        jobs.append(Job(f"{collection.url_folder}/index.md", _encoded(renderer.overview, name, collection, records)))
        for record in records:
            jobs.append(Job(record.src_uri, _encoded(renderer.record_page, name, record, context), record.path))
    return jobs


def letter_jobs(renderer: Renderer, hub: Hub) -> tuple[list[Job], Outputs]:
    """The Monatsbrief: its pages (the archive, each letter), and each letter's text and the feed."""
    found, pages = letters(hub), LetterPages(renderer)
    jobs = [Job("monatsbrief/index.md", _encoded(pages.archive, found))]
    jobs += [Job(letter.path, _encoded(pages.letter, letter)) for letter in found]
    files = {letter.text_path: _encoded(pages.plain_text, letter) for letter in found}
    for path in ("monatsbrief/rss.xml", "monatsbrief/atom.xml"):
        files[path] = functools.partial(_one_of, functools.partial(letter_feed, found, renderer.settings), path)
    return jobs, files


def _one_of(make: Callable[[], dict[str, bytes]], path: str) -> bytes:
    return make()[path]


def file_jobs(renderer: Renderer, feeds: list[Feed], calendars: Outputs, open_data: Outputs) -> list[Job]:
    """Feeds (RSS before Atom), calendars, open data and the OPML list of the feeds."""
    listed = [f for f in feeds if not f.selection]  # the filters' feeds are too many for the OPML
    outputs = {
        **feed_outputs(listed, renderer.settings, full_text=renderer.feed_html),
        **SplicedFeeds(renderer.settings).outputs([f for f in feeds if f.selection]),
        **calendars,
        **open_data,
        "feeds.opml": _encoded(renderer.render_html, "feeds.opml", feeds=listed),
        STYLESHEET: _encoded(renderer.render_html, f"feed/{STYLESHEET}", settings=renderer.settings),
        **letter_jobs(renderer, renderer.hub)[1],
    }
    same = {path: path for path in outputs}  # the RSS path a feed's Atom job names: one string, not a copy each
    made_with = {feed.paths["atom"]: same[feed.paths["rss"]] for feed in feeds}  # one generator writes both
    # The Markdown fields' HTML stays in memory for them: the feeds and the open data's CSV files
    # take what the check rendered (core.markdown_html); the engine frees it after a build.
    return [Job(path, make, made_with=made_with.get(path)) for path, make in outputs.items()]


def plan_site(
    root: Path,
    settings: SiteSettings,
    template_cache: Path | None = None,
    hub: Hub | None = None,
    rankings: Rankings | None = None,
) -> SitePlan:
    """Load and validate ``root/data`` (DataError with every problem), unless ``hub`` is that
    already, and plan the site; ``template_cache`` keeps compiled templates between runs; a
    collection's similar records are taken from ``rankings`` (an earlier plan's) where what they
    were ranked by is unchanged."""
    hub = hub or load_hub(root)
    similar = {name: SimilarIndex(hub.all(name)) for name in SIMILAR}
    ranked_by = {name: ranking_inputs(hub, name) for name in rankings or {}}
    for name, known in (rankings or {}).items():
        if known.inputs == ranked_by[name]:
            similar[name].adopt({rid: [hub.get(name, i) for i in ids] for rid, ids in known.similar.items()})
    statuses = load_status(root / STATUS_FILE)  # written by the weekly source check, read offline
    renderer = Renderer(hub, settings, template_cache, similar=similar, source_status=statuses)
    feeds = all_feeds(hub, settings) + selection_feeds(hub, settings)
    calendars = calendar_outputs(hub, settings)
    open_data = open_data_outputs(hub, root / "data" / "schema", settings)
    files = file_jobs(renderer, feeds, calendars, {**open_data, **vocabulary_outputs(hub)})
    pages = page_jobs(renderer, hub, feeds, sorted(calendars))
    sitemap = sitemap_outputs(hub, settings, renderer.render_html, [job.path for job in pages], root)
    files += [Job(SITEMAP, sitemap[SITEMAP]), Job(PACKED, sitemap[PACKED], made_with=SITEMAP)]
    # the editors' page of the source check (noindex: not in the sitemap), reviewed when made (so traced)
    review_page = lambda: renderer.render("redaktion-quellen.md", review=review(hub, statuses, build_day()))  # noqa: E731
    pages.append(Job("redaktion/quellen/index.md", lambda: review_page().encode("utf-8")))
    edit = settings.edit_url  # what every engine reads alike: relative links, the edit link (pages.portable)
    pages = [dataclasses.replace(j, make=portable_maker(j.make, j.path, edit(j.edit_path))) for j in pages]
    return SitePlan(hub, settings, renderer, feeds, pages, files, similar, ranked_by)


def build_site(root: Path, settings: SiteSettings) -> Site:
    """Everything the site shows, in memory (for tests and tools; the hook streams it instead)."""
    plan = plan_site(root, settings)
    pages = {job.path: job.make().decode("utf-8") for job in plan.pages}
    return Site(plan.hub, pages, {job.path: job.make() for job in plan.files})
