"""One run of the site's work, the same for `mkdocs build` and `mkdocs serve`.

A ``Session`` sends the worker's messages (``worker``): it loads and validates ``data/``, plans the
site and writes every output into its staging folder. `mkdocs build` runs a session with nothing
to remember, forked beside MkDocs (``build``). `mkdocs serve` keeps one session for its whole run
and runs it in its own process after every save (``serve``); such a session remembers, and a run then

1. re-loads and re-validates only the data files whose bytes changed (``store``); references are
   checked against the names of all files, so the verdict is the one a full load would give;
2. links the hub anew from the kept and the re-loaded records (cheap), and plans the site, keeping
   the similar records where what they are ranked by is unchanged;
3. finds the records that changed: their data, or what the plan derives for them (``graph``);
4. makes again only the outputs that read one of them when they were last made (``tracing``), and
   in those that list every record (overviews, CSV and JSON files) only the parts of the records
   touched (``tracing.Pieces``); writes only files whose bytes changed, so `mkdocs serve --dirty`
   rebuilds only those.

What makes every output stale is named (``Inputs.why_everything``, ``graph.why_everything``): the
settings, a schema or a template; a file added, removed or renamed; what the plan derives for the
whole site. Python code is not an input: `make serve` restarts on such a save (hooks/msdz_serve.py).
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from ..core.markdown_html import forget_rendered
from ..core.problems import DataError
from ..core.settings import SiteSettings
from ..outputs import opendata_csv, search_vocabulary
from ..pages.renderer import TEMPLATES
from ..plan import SitePlan, plan_site
from . import graph, store
from .graph import Graph
from .staging import JINJA_CACHE, private_staging_folder, write_if_changed
from .tracing import Pieces, trace_records, traced
from .worker import Kind, Manifest, Message, SiteWorker

_NOTHING = store.Look({}, {}, 0)  # a build looks at no file twice


@dataclass(frozen=True)
class Inputs:
    """What every output is made from besides the records: a change in one, a full rebuild."""

    settings: str
    schemas: store.Digests
    templates: store.Digests

    @classmethod
    def read(cls, root: Path, settings: SiteSettings) -> Inputs:
        schemas = store.digests(root / "data" / "schema", root)
        return cls(repr(settings), schemas, store.digests(TEMPLATES, TEMPLATES))

    def why_everything(self, before: Inputs) -> str | None:
        """Why every output is made anew, in words for the log; None if these are as ``before``."""
        for name, reason in (("settings", "Einstellungen"), ("schemas", "Schema"), ("templates", "Vorlage")):
            if getattr(self, name) != getattr(before, name):
                return f"{reason} geändert"
        return None


@dataclass(frozen=True)
class Kept:
    """What a complete run of a remembering session leaves for the next."""

    inputs: Inputs
    records: store.Records
    graph: Graph
    incremental: bool  # this run kept the model: schemas, templates and settings as before


class Session:
    """The site's work into ``staging``; with ``remember``, every run after the first makes only
    what a change touched."""

    def __init__(self, root: Path, staging: Path, remember: bool):
        self.root, self.staging, self.remember = root, staging, remember
        if remember:  # what the outputs that read every record derive from each, kept for the next run
            opendata_csv.keep_plain_texts()
            search_vocabulary.keep_counts()
        self.kept: Kept | None = None  # the last complete run's, while it is what the staging folder holds
        self.why_everything: str | None = None  # why the last run made every output, in words
        # The outputs written since the engine last copied the staging folder (``taken``): what
        # `mkdocs serve --dirty` must build or copy again, known without asking the disk for the
        # time stamps of every file (three system calls each, 24 000 files at N = 5 000).
        self.unserved: set[str] = set()
        self.pieces = Pieces()  # each record's part of the outputs that list every record (tracing rule 4)

    def run(self, settings: SiteSettings) -> Generator[Message, None, None]:
        """The worker's messages for one run (see ``worker``)."""
        before = self.kept if self.remember else None
        inputs = Inputs.read(self.root, settings) if self.remember else None
        now = store.data_look(self.root, before.records.files if before else None) if self.remember else _NOTHING
        why, changed = _why_everything(before, inputs, now)
        if changed is None:  # everything is loaded and checked again: only this run's texts are kept
            forget_rendered()
        try:
            if before is None or changed is None:
                records = store.load_all(self.root, now)
            else:
                records = store.load_changed(self.root, before.records, changed, now)
        except DataError as error:
            yield Kind.PROBLEMS, error.problems
            return
        yield Kind.VALID, None
        self.kept = None  # until this run is complete, the staging folder is not what ``kept`` says
        rankings = before.graph.derived.rankings if before is not None and why is None else None
        hub = records.hub()
        if inputs is not None:  # traced before it is planned: what the plan derives, the outputs take (rule 3)
            trace_records(hub, self.pieces)
        plan = plan_site(self.root, settings, self.staging / JINJA_CACHE, hub, rankings)
        yield Kind.MANIFEST, _manifest(plan)
        if inputs is None:  # a build: nothing to compare, nothing to remember
            yield from self._write(plan, None, None)
        else:
            made, stale = self._compare(plan, records, before, why)
            self.pieces.keep(stale.touched if stale is not None else None)
            yield from self._write(plan, made, stale)
            self.kept = Kept(inputs, records, made, incremental=changed is not None)
        if not self.remember:  # a build frees the HTML; a preview keeps it, so that an edit renders
            forget_rendered()  # only its own texts (pages, feeds and CSV files of the others take it)
        yield Kind.FILES, None

    def _compare(
        self, plan: SitePlan, records: store.Records, before: Kept | None, why: str | None
    ) -> tuple[Graph, graph.Stale | None]:
        """What this run's outputs will be made from, and which of them are stale (None: all)."""
        derived = plan.derived()
        pages = frozenset(job.path for job in plan.pages)
        if before is not None and why is None:
            why = graph.why_everything(before.graph, plan, derived)
        self.why_everything = why
        if before is None or why is not None:
            return Graph(derived, pages), None
        fresh = store.fresh_records(records, before.records)
        return Graph(derived, pages, dict(before.graph.reads)), graph.stale(before.graph, derived, fresh)

    def _write(self, plan: SitePlan, made: Graph | None, stale: graph.Stale | None) -> Generator[Message, None, None]:
        """Write every output (or only the stale ones), a ``PAGE`` message after each page; with
        ``made``, each traced, and what it read noted there."""
        for number, job in enumerate(plan.jobs):
            if made is None:  # the HTML of the Markdown fields stays until the CSV files have taken it
                self._write_one(job.path, job.make())
            elif stale is None or job in stale:
                data, read = traced(job.make)
                made.reads[job.path] = made.reads[job.made_with] if job.made_with else read
                self._write_one(job.path, data)
            if number < len(plan.pages):
                yield Kind.PAGE, None

    def _write_one(self, path: str, data: bytes) -> None:
        if write_if_changed(self.staging / path, data) and self.remember:
            self.unserved.add(path)

    def taken(self) -> None:
        """The engine has built and copied every output written so far (a rebuild succeeded)."""
        self.unserved.clear()


def _why_everything(before: Kept | None, inputs: Inputs | None, now: store.Look) -> tuple[str | None, list[str] | None]:
    """Why every record is loaded and every output made anew, in words, or else the files changed."""
    if before is None or inputs is None:
        return "erster Lauf", None
    why = inputs.why_everything(before.inputs)
    if why is not None:
        return why, None
    changed = before.records.changed(now)
    if changed is None:
        return "Datei hinzugefügt, entfernt oder umbenannt", None
    return None, changed


def _manifest(plan: SitePlan) -> Manifest:
    return Manifest([job.path for job in plan.pages], [job.path for job in plan.files])


def build(root: Path, settings: SiteSettings, staging: Path, inline: bool = False) -> SiteWorker:
    """`mkdocs build`: a session that remembers nothing, forked unless ``inline`` (or fork is unsafe)."""
    session = Session(root, staging, remember=False)
    return SiteWorker(staging, lambda: session.run(settings), inline)


_SERVED: dict[str, Session] = {}  # by site folder: the session of each `mkdocs serve` in this process


def serve(root: Path, settings: SiteSettings, site_dir: str) -> SiteWorker:
    """A rebuild of `mkdocs serve` into ``site_dir``: its session, kept in this process for the
    next rebuild, run here as its messages are asked for."""
    session = _SERVED.get(site_dir)
    if session is None:
        session = _SERVED[site_dir] = Session(root, private_staging_folder(), remember=True)
    return SiteWorker(session.staging, lambda: session.run(settings), inline=True)


def served(site_dir: str) -> Session | None:
    """The session of the `mkdocs serve` into ``site_dir``, if one runs in this process."""
    return _SERVED.get(site_dir)
