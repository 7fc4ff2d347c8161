"""Facets of the overview pages: what a reader can filter practices, projects and events by.

Every list item of an overview carries its values as data attributes (``data-topics="klimawandel
gemeinwohl"``); the filter form offers the values that occur. docs/assets/facets.js filters the
list in place, and the query string (``?thema=klimawandel``) keeps the state shareable. The full
list is in the HTML, so the page works without JavaScript.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TypeVar

from ..model import Hub, Record, derived, sort_key
from .contacts import STATES
from .town_size import CLASSES, centrality_class, size_class


@dataclass(frozen=True)
class Option:
    value: str  # token in the data attribute and the query string
    label: str  # German, shown in the select


@dataclass(frozen=True)
class Broad:
    """A value most records share: choosing it narrows the list little."""

    label: str
    count: int  # records with the value
    total: int  # records in the list


@dataclass(frozen=True)
class Facet:
    key: str  # data attribute: data-<key>
    param: str  # name in the query string (German, readable in a shared link)
    label: str  # German label of the select
    options: tuple[Option, ...]
    broad: Broad | None = None  # set when a value is on more than BROAD_SHARE of the records


BROAD_SHARE = 0.8


def _projects(record: Record) -> list[Record]:
    return [record] if record.collection.name == "projects" else record.refs("projects")


_Values = TypeVar("_Values", list[str], dict[str, str])


def _once_per_hub(values: Callable[[Record], _Values]) -> Callable[[Record], _Values]:
    """``values`` derived once per hub (model.derived): an overview asks for a record's values several
    times (data attributes, card, lists by size, filter form). Every caller gets a copy of its own, so
    what one does with it (a template appending, YAML writing a repeated list as an alias) stays there."""
    once = derived(values)

    @wraps(values)
    def fresh(record: Record) -> _Values:
        return once(record).copy()

    return fresh


def _ids(records: list[Record]) -> list[str]:
    return list(dict.fromkeys(r.id for r in records))


@_once_per_hub
def topics(record: Record) -> list[str]:
    return _ids(record.refs("topics"))


@_once_per_hub
def rounds(record: Record) -> list[str]:
    own = record.refs("round")
    return _ids(own or [r for p in _projects(record) for r in p.refs("round")])


@_once_per_hub
def cities(record: Record) -> list[str]:
    """The towns a record belongs to: its own, its event location's, and its projects' towns."""
    found = record.refs("cities") + record.refs("partner_cities")
    location = record.data.get("location") or {}
    if location.get("city"):
        found.append(record.hub.get("cities", location["city"]))
    for project in _projects(record):
        found += project.refs("cities") + project.refs("partner_cities")
    return _ids(found)


def _town_classes(record: Record, classify: Callable) -> list[str]:
    found = (classify(record.hub.get("cities", i)) for i in cities(record))
    return sorted({c.value for c in found if c is not None}, key=lambda v: CLASSES[v].order)


@_once_per_hub
def sizes(record: Record) -> list[str]:
    """The population classes of the record's towns (see town_size)."""
    return _town_classes(record, size_class)


@_once_per_hub
def centralities(record: Record) -> list[str]:
    """Ober- or Mittelzentrum: the roles of the record's towns in the state's planning."""
    return _town_classes(record, centrality_class)


def formats(record: Record) -> list[str]:
    return list(record.data.get("formats", []))


def status(record: Record) -> list[str]:
    """What became of the record's projects after funding (laufend, verstetigt, …)."""
    found = (p.data.get("status_after_funding", {}).get("state") for p in _projects(record))
    return sorted({s for s in found if s})


def kind(record: Record) -> list[str]:
    return [record.data["kind"]] if "kind" in record.data else []


def _year_span(period: dict | None) -> list[str]:
    if not period or "start" not in period:
        return []
    first = int(str(period["start"])[:4])
    last = int(str(period.get("end", period["start"]))[:4])
    return [str(y) for y in range(first, last + 1)]


@_once_per_hub
def years(record: Record) -> list[str]:
    """When it happened: an event's days, a project's period (or its round's), a practice's projects."""
    if record.start is not None:
        last = record.end or record.start
        return [str(y) for y in range(record.start.year, last.year + 1)]
    found: list[str] = []
    for project in _projects(record):
        span = _year_span(project.data.get("period"))
        if not span:
            for round_ in project.refs("round"):
                span += _year_span(round_.data.get("period"))
        found += span
    return sorted(set(found))


@dataclass(frozen=True)
class _FacetKind:
    key: str
    param: str
    label: str
    values: Callable[[Record], list[str]]


_KINDS = {
    k.key: k
    for k in (
        _FacetKind("topics", "thema", "Thema", topics),
        _FacetKind("round", "runde", "Förderrunde", rounds),
        _FacetKind("cities", "kommune", "Kommune", cities),
        _FacetKind("size", "groesse", "Größe der Kommune", sizes),
        _FacetKind("centrality", "zentralort", "Zentraler Ort", centralities),
        _FacetKind("formats", "format", "Beteiligungsformat", formats),
        _FacetKind("status", "stand", "Stand nach der Förderung", status),
        _FacetKind("kind", "art", "Art der Veranstaltung", kind),
        _FacetKind("year", "jahr", "Jahr", years),
    )
}

# Which facets each overview offers, in the order of the form.
FACETS_OF = {
    "practices": ("topics", "size", "centrality", "round", "cities", "formats", "status", "year"),
    "projects": ("topics", "size", "centrality", "round", "cities", "formats", "status", "year"),
    "events": ("topics", "round", "cities", "kind", "year"),
}


@_once_per_hub
def facet_values(record: Record) -> dict[str, str]:
    """The data attributes of one list item: facet key -> space-separated values (ids are safe)."""
    return {key: " ".join(_KINDS[key].values(record)) for key in FACETS_OF[record.collection.name]}


def _label(hub: Hub, collection: str, key: str, value: str) -> tuple[object, str]:
    """(sort key, German label) of one value."""
    if key == "topics":
        title = hub.get("topics", value).title
        return sort_key(title), title
    if key == "cities":
        title = hub.get("cities", value).title
        return sort_key(title), title
    if key == "round":
        record = hub.get("rounds", value)
        return record.data.get("number", 0), record.title
    if key == "year":
        return value, value
    if key in ("size", "centrality"):
        return CLASSES[value].order, CLASSES[value].label
    if key == "status":
        return STATES.index(value), hub.labels("projects", "status_after_funding", "state").get(value, value)
    path = ("formats", "*") if key == "formats" else (key,)
    label = hub.labels(collection, *path).get(value, value)
    return sort_key(label), label


def facets(hub: Hub, collection: str, records: list[Record]) -> list[Facet]:
    """The filters for an overview: each facet with the values its records have.

    A facet that would offer fewer than two values filters nothing and is left out. A facet with a
    value on more than 80 % of the records comes last, and says so (``broad``): „Partizipation und
    Teilhabe“ on 16 of 18 practices leaves 16.
    """
    result = []
    for key in FACETS_OF[collection]:
        kind_ = _KINDS[key]
        counts = Counter(v for record in records for v in kind_.values(record))
        if len(counts) < 2:
            continue
        labelled = sorted((_label(hub, collection, key, v), v) for v in counts)
        options = tuple(Option(value, label) for (_, label), value in labelled)
        common, count = counts.most_common(1)[0]
        broad = None
        if count > BROAD_SHARE * len(records):
            broad = Broad(next(o.label for o in options if o.value == common), count, len(records))
        result.append(Facet(key, kind_.param, kind_.label, options, broad))
    return sorted(result, key=lambda facet: facet.broad is not None)  # stable: the others keep their order
