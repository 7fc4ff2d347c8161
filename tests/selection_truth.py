"""What each filter of an overview must find, worked out from the YAML files alone (for
tests/test_selection_feeds.py): the test reads data/ with PyYAML and follows the rules a reader is
told (a practice is in its projects' towns and years, a town's size is its population's class, …),
without the generator's model or its facet functions, so that a selection feed is checked against
a filter it did not compute itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import yaml

FOLDERS = {"practices": "praxisbeispiele", "projects": "modellvorhaben", "events": "veranstaltungen"}
SIZE_LIMITS = ((10_000, "unter-10000"), (20_000, "10000-20000"), (50_000, "20000-50000"))
CENTRES = ("oberzentrum", "mittelzentrum")


def _year(value: object) -> int:
    return value.year if isinstance(value, dt.date) else int(str(value)[:4])


def _span(first: object, last: object) -> list[str]:
    return [str(y) for y in range(_year(first), _year(last) + 1)]


def _many(value: object) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [str(value)]


class Truth:
    """The records of data/ and the facet values a reader would give each of them."""

    def __init__(self, data: Path):
        self.records = {
            name: {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (data / name).glob("*.yml")}
            for name in ("practices", "projects", "events", "cities", "rounds")
        }

    def _projects(self, collection: str, record: dict) -> list[dict]:
        if collection == "projects":
            return [record]
        return [self.records["projects"][i] for i in _many(record.get("projects"))]

    def towns(self, collection: str, record: dict) -> list[str]:
        found = _many(record.get("cities")) + _many(record.get("partner_cities"))
        found += _many((record.get("location") or {}).get("city"))
        for project in self._projects(collection, record):
            found += _many(project.get("cities")) + _many(project.get("partner_cities"))
        return found

    def _size(self, town: str) -> str | None:
        population = self.records["cities"][town].get("population")
        if population is None:
            return None
        return next((name for limit, name in SIZE_LIMITS if population < limit), "ab-50000")

    def _centre(self, town: str) -> str | None:
        words = str(self.records["cities"][town].get("centrality", "")).split()
        return words[0].casefold() if words and words[0].casefold() in CENTRES else None

    def _years(self, collection: str, record: dict) -> list[str]:
        if collection == "events":
            return _span(record["start"], record.get("end") or record["start"])
        found: list[str] = []
        for project in self._projects(collection, record):
            periods = [project.get("period")] if project.get("period") else []
            periods = periods or [self.records["rounds"][r].get("period") for r in _many(project.get("round"))]
            found += [y for p in periods if p and "start" in p for y in _span(p["start"], p.get("end", p["start"]))]
        return found

    def values(self, collection: str, record: dict) -> dict[str, set[str]]:
        """Facet key (as the form's data-hub-facet names it) -> the record's values."""
        projects = self._projects(collection, record)
        towns = self.towns(collection, record)
        rounds = _many(record.get("round")) or [r for p in projects for r in _many(p.get("round"))]
        states = [(p.get("status_after_funding") or {}).get("state") for p in projects]
        return {
            "topics": set(_many(record.get("topics"))),
            "round": set(rounds),
            "cities": set(towns),
            "size": {s for s in map(self._size, towns) if s},
            "centrality": {c for c in map(self._centre, towns) if c},
            "formats": set(_many(record.get("formats"))),
            "status": {s for s in states if s},
            "kind": set(_many(record.get("kind"))),
            "year": set(self._years(collection, record)),
        }

    def items(self, collection: str) -> Iterator[tuple[str, dt.date, dict[str, set[str]]]]:
        """(record id, published day, facet values) of each record of the overview."""
        for record_id, record in self.records[collection].items():
            day = dt.date.fromisoformat(str(record["published"])[:10])
            yield record_id, day, self.values(collection, record)
