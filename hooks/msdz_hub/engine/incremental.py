"""Incremental rebuilds for `mkdocs serve`: after a save, only what the change touches.

The model stays in memory between the rebuilds of one `mkdocs serve` (this module stays imported
while the package's code is unchanged; see the hook). A rebuild then

1. re-loads and re-validates only the data files whose size or time stamp changed; references are
   checked against the names of all files, so the verdict is the one a full load would give;
2. links the hub anew from the kept and the re-loaded records (cheap), and plans the site;
3. finds the records that changed: their data, or what the model derives for them (links in both
   directions, change time, similar records);
4. renders again only the outputs that read one of them when they were last made (``tracing``),
   and writes only files whose bytes changed, so `mkdocs serve --dirty` rebuilds only those.

A renamed, added or deleted file, a changed schema, template, hook or setting, or a change in what
the plan derives for the whole site (the feeds' lists and titles, the calendars, the site's own
details) falls back to rendering everything; the first two also to loading everything.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.git_dates import head_commit, last_commit_times
from ..core.problems import DataError
from ..core.settings import SiteSettings
from ..load import load_hub, located_problems, unique_locations
from ..model import Hub
from ..outputs.ical import calendar_sources
from ..pages.markdown_html import to_html
from ..plan import plan_site
from ..reading import RawRecord, load_file, load_tree, no_cycle_collection
from ..schemas import SchemaFileError, Schemas
from ..validation import Validator
from ..validation.search_words import load_search_words
from ..views import facets
from .staging import JINJA_CACHE, write_if_changed
from .tracing import trace_records, traced
from .worker import Kind, Manifest, Message, PlannedPage, SiteWorker

_PACKAGE = Path(__file__).resolve().parent


def _stamps(folder: Path, root: Path | None = None, skip: str = "__pycache__") -> dict[str, tuple[int, int]]:
    """(time stamp, size) of every file below ``folder``, by its path from ``root`` (or ``folder``)."""
    found = {}
    for base, subfolders, names in os.walk(folder):
        subfolders[:] = [s for s in subfolders if s not in (skip, "__pycache__")]
        for name in names:
            path = os.path.join(base, name)
            info = os.lstat(path)
            found[Path(os.path.relpath(path, root or folder)).as_posix()] = (info.st_mtime_ns, info.st_size)
    return found


def code_changed() -> bool:
    """Whether a module of the package changed since it was imported (the hook then reloads it)."""
    return _stamps(_PACKAGE) != _CODE_AT_IMPORT


_CODE_AT_IMPORT: dict[str, tuple[int, int]] = _stamps(_PACKAGE)


@dataclass
class Memory:
    """What one rebuild leaves for the next."""

    inputs: tuple  # settings, schemas, hooks, the package's code and templates: any change, a full rebuild
    stamps: dict[str, tuple[int, int]]  # data files (not schemas) by path from the root
    raws: dict[str, RawRecord]  # the records by path, in the order a full load reads them
    named: set[tuple[str, str]]
    schemas: Schemas
    head: str | None  # the git commit whose times the hub has
    commit_times: dict[str, int]
    derived: dict[str, tuple]  # by record key: what the model derives for it
    shape: tuple  # what the plan derives for the whole site
    lists: dict[str, tuple]  # the records each feed and calendar lists, by path
    manifest: Manifest
    reads: dict[str, frozenset[str]]  # output path -> keys of the records it read
    similar: dict[str, tuple] = dataclasses.field(default_factory=dict)  # see _similar_inputs
    incremental: bool = False  # this rebuild kept the model (no full rebuild)


_MEMORY: dict[Path, Memory] = {}  # by staging folder


def start(root: Path, settings: SiteSettings, staging: Path) -> SiteWorker:
    """The worker of `mkdocs serve`: ``serve_steps`` in the caller's process (the model stays here)."""
    return SiteWorker(staging, lambda: serve_steps(root, settings, staging), inline=True)


def serve_steps(root: Path, settings: SiteSettings, staging: Path) -> Generator[Message, None, None]:
    """``worker.build_steps`` for `mkdocs serve`: the same messages and outputs, made incrementally."""
    inputs = _inputs(root, settings)
    stamps = _stamps(root / "data", root, skip="schema")
    before = _MEMORY.get(staging)
    full = before is None or before.inputs != inputs or set(before.stamps) != set(stamps)
    changed = [] if full else [p for p, s in stamps.items() if before.stamps[p] != s]  # type: ignore[union-attr]
    if before is not None and any(path not in before.raws for path in changed):
        full = True  # a file that is not a record (ignored, or a problem before): as a full load decides
    try:
        memory = yield from (_load_all(root) if full else _load_changed(root, before, changed))  # type: ignore[arg-type]
    except DataError as error:
        yield Kind.PROBLEMS, error.problems
        return
    _MEMORY.pop(staging, None)  # until this rebuild is complete, the staging folder is not what it says
    memory.inputs, memory.stamps = inputs, stamps
    memory.incremental = not full
    yield from _render(root, settings, staging, memory, None if full else before)
    _MEMORY[staging] = memory  # before the last message: the caller need not ask past it
    yield Kind.FILES, None


def _inputs(root: Path, settings: SiteSettings) -> tuple:
    hook_files = {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in (root / "hooks").glob("*.py")}
    return repr(settings), _stamps(root / "data" / "schema"), hook_files, _stamps(_PACKAGE)  # templates in it


def _load_all(root: Path) -> Generator[Message, None, Memory]:
    with no_cycle_collection():
        try:
            schemas = Schemas(root / "data" / "schema")
        except SchemaFileError:
            load_hub(root)  # raises the DataError that names the schema file
            raise
        records, problems, named = load_tree(root)
        problems += located_problems(Validator(schemas), records, named)
    if problems:
        raise DataError(unique_locations(problems))
    yield Kind.VALID, None
    head = head_commit(root)
    empty: dict = {}
    raws = {raw.path: raw for raw in records}
    return Memory((), {}, raws, named, schemas, head, last_commit_times(root), empty, (), {}, Manifest([], []), {})


def _load_changed(root: Path, before: Memory, changed: list[str]) -> Generator[Message, None, Memory]:
    raws, fresh, problems = dict(before.raws), [], []
    for path in changed:
        record, file_problems = load_file(root / path, path, path.split("/")[1])
        problems += file_problems
        if record is not None:
            raws[path] = record
            fresh.append(record)
    problems += located_problems(Validator(before.schemas), fresh, before.named)
    if problems:
        raise DataError(unique_locations(problems))
    yield Kind.VALID, None
    head = head_commit(root)
    commit_times = before.commit_times if head == before.head else last_commit_times(root)
    return dataclasses.replace(before, raws=raws, head=head, commit_times=commit_times)


def _render(
    root: Path, settings: SiteSettings, staging: Path, memory: Memory, before: Memory | None
) -> Iterator[Message]:
    hub = Hub(memory.raws.values(), memory.schemas, memory.commit_times)
    hub.search_words = load_search_words(root, memory.schemas)[0]  # its problems stop the build, not the preview
    plan = plan_site(root, settings, template_cache=staging / JINJA_CACHE, hub=hub)
    pages = [PlannedPage(job.path, job.edit_path) for job in plan.pages]
    memory.manifest = Manifest(pages, [job.path for job in plan.files])
    memory.similar = {name: _similar_inputs(hub, name) for name in _SIMILAR}
    for name in _SIMILAR if before is not None else ():
        if before.similar[name] == memory.similar[name]:  # type: ignore[union-attr]
            _reuse_similar(hub, plan, name, before)  # type: ignore[arg-type]
    memory.derived, (memory.shape, memory.lists) = _derived(hub, plan), _shape(plan)
    if before is not None and (
        before.shape != memory.shape or set(before.manifest.pages) != set(memory.manifest.pages)
    ):
        before = None  # what the whole site derives changed: every output anew
    touched = _touched(memory, before) if before is not None else None
    relisted = {path for path, keys in memory.lists.items() if before is None or before.lists[path] != keys}
    yield Kind.MANIFEST, memory.manifest
    reads = dict(before.reads) if before is not None else {}
    trace_records(hub)
    to_html.cache_clear()  # the texts of this rebuild only: across a long session old ones would pile up
    # A feed's Atom file comes from the same call as its RSS file (made first): it read what that read.
    pair = {f.paths["atom"]: f.paths["rss"] for f in plan.feeds}
    for number, job in enumerate(plan.jobs):
        first = pair.get(job.path, job.path)
        if touched is None or first in relisted or reads[first] & touched:
            data, read = traced(job.make)
            reads[job.path] = read if first == job.path else reads[first]
            write_if_changed(staging / job.path, data)
        if number < len(plan.pages):
            yield Kind.PAGE, None
    memory.reads = reads


_SIMILAR = ("practices", "projects")


def _similar_inputs(hub: Hub, name: str) -> tuple:
    """What ``similar.SimilarIndex`` ranks by: each record's topics, formats and town sizes, in the
    hub's order (a title counts only through that order)."""
    return tuple(
        (r.id, tuple(facets.topics(r)), tuple(facets.formats(r)), tuple(facets.sizes(r))) for r in hub.all(name)
    )


def _reuse_similar(hub: Hub, plan: Any, name: str, before: Memory) -> None:
    """The similar records of the last rebuild, as records of this hub (their ranking inputs are equal)."""
    keys = {key.partition("/")[2]: derived[3] for key, derived in before.derived.items() if key.startswith(name + "/")}
    ranking = {rid: [hub.get(name, k.partition("/")[2]) for k in similar] for rid, similar in keys.items()}
    plan.renderer.records.similar_indexes[name].adopt(ranking)


def _derived(hub: Hub, plan: Any) -> dict[str, tuple]:
    """What the model derives for each record beyond its own data."""
    keys = lambda records: tuple(r.key for r in records)  # noqa: E731
    similar = {name: plan.renderer.records.similar for name in _SIMILAR}
    return {
        record.key: (
            tuple((name, keys(linked)) for name, linked in hub.outgoing[record.key].items()),
            tuple((name, keys(linked)) for name, linked in hub.incoming[record.key].items()),
            hub.changed.get(record.key),
            keys(similar[record.collection.name](record)) if record.collection.name in similar else (),
        )
        for record in hub.every()
    }


def _shape(plan: Any) -> tuple[tuple, dict[str, tuple]]:
    """What the plan derives for the whole site outside any output's reading: the feeds' titles, the
    calendars and the site's details (pages show them), and by path the records each feed or
    calendar lists (only that file shows them)."""
    heads = tuple((f.folder, f.title, f.description, f.full_text) for f in plan.feeds)
    lists = {f.paths[kind]: tuple(r.key for r in f.records) for f in plan.feeds for kind in ("rss", "atom")}
    for path, events, name in calendar_sources(plan.hub, plan.settings):
        lists[path] = (name, *(r.key for r in events))
    site = (heads, tuple(sorted(lists)), repr(plan.renderer.publisher), sorted(job.path for job in plan.files))
    return site, lists


def _touched(memory: Memory, before: Memory) -> set[str]:
    """Keys of the records whose data or derived details differ from the last rebuild."""
    touched = {key for key, derived in memory.derived.items() if before.derived.get(key) != derived}
    for path, raw in memory.raws.items():
        previous = before.raws[path]
        if previous is not raw and previous.data != raw.data:
            touched.add(f"{raw.collection}/{raw.id}")
    return touched


def kept_model(staging: Path) -> bool:
    """Whether the last rebuild into ``staging`` was incremental: schemas, templates and settings
    as before, so what is made from them alone (the CMS at /admin/) is as before too."""
    memory = _MEMORY.get(staging)
    return memory is not None and memory.incremental
