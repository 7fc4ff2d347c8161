"""Which outputs a change makes stale: what each output read, and what the plan derived.

An output depends on two kinds of thing, and each is compared in its own way:

1. the records it read while it was made (``tracing``: their ``data``, directly or through a
   value the hub remembered for them), noted per output path in ``Graph.reads``;
2. what the plan derives for the whole site outside any output's making (``plan.Derived``): the
   links of every record in both directions, its change time and similar records; the lists of the
   feeds, calendars and monthly letters (a record's dates put it into a letter); the site's own
   details. These are compared as values: a record whose links differ counts as touched, a feed,
   calendar or letter whose list differs is made again, and a change in the site's details makes
   every output stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..plan import Derived, Job, SitePlan


@dataclass
class Graph:
    """What the last complete run made each output from."""

    derived: Derived
    pages: frozenset[str]  # the paths of the pages it made
    reads: dict[str, frozenset[str]] = field(default_factory=dict)  # by output path: the keys of the records read


@dataclass(frozen=True)
class Stale:
    """The outputs to make again after an incremental load."""

    touched: frozenset[str]  # keys of the records whose data or derived details changed
    relisted: frozenset[str]  # feeds and calendars whose list changed
    reads: dict[str, frozenset[str]]  # the last run's

    def __contains__(self, job: Job) -> bool:
        first = job.made_with or job.path  # a feed's Atom read what its RSS read
        return first in self.relisted or not self.reads[first].isdisjoint(self.touched)


def why_everything(before: Graph, plan: SitePlan, derived: Derived) -> str | None:
    """Why every output is made again although only records changed, or None."""
    if before.derived.shape != derived.shape:
        return "Feeds, Kalender oder Angaben der Website geändert"
    if before.pages != frozenset(job.path for job in plan.pages):
        return "Seiten hinzugekommen oder entfallen"
    return None


def stale(before: Graph, derived: Derived, fresh: set[str]) -> Stale:
    """What to make again, given the keys of the records whose data changed (``fresh``)."""
    records = before.derived.records
    touched = {key for key, links in derived.records.items() if records.get(key) != links} | fresh
    lists = before.derived.lists
    relisted = {path for path, keys in derived.lists.items() if lists.get(path) != keys}
    return Stale(frozenset(touched), frozenset(relisted), before.reads)
