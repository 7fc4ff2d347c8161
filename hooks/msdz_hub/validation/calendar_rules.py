"""Events a calendar program would refuse, although each date on its own is fine.

RFC 5545 wants an event's end later than its start and of the same kind (both whole days or both
with a time); calendar programs and schema.org readers also stumble over years far from today,
which are nearly always typing errors (0202, 20211). The end before the start is validate's rule."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..core.dates import DATE_KEYS, parse_instant
from ..core.paths import format_field, strings_at
from ..core.problems import Problem
from ..reading import RawRecord
from .text_rules import quote

FIRST_YEAR, LAST_YEAR = 1900, 2100
_YEAR = re.compile(r"([0-9]{4})(?:-|\Z)")


def calendar_problems(
    record: RawRecord, date_fields: list[tuple[str, ...]] | None = None, dates: list[tuple[tuple, str]] | None = None
) -> list[Problem]:
    """``date_fields``: where the dates of a record the schema accepts are (``Schemas.date_fields``);
    None: all its values are searched. ``dates``: the texts found there, if found already."""
    if date_fields is None:
        problems = _year_problems(record, _dates(record.data))
    else:  # as validate does it: a look at the few places, the walk only to report in file order
        problems = _year_problems(record, strings_at(record.data, date_fields) if dates is None else dates)
        if problems:
            problems = _year_problems(record, _dates(record.data))
    if record.collection == "events":
        problem = _span_problem(record, record.data.get("start"), record.data.get("end"))
        if problem:
            problems.append(problem)
    return problems


def _year_problems(record: RawRecord, dates: Iterable[tuple[tuple, str]]) -> list[Problem]:
    return [problem for path, value in dates if (problem := _year_problem(record, path, value))]


def _dates(data: Any, path: tuple = ()):
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key in DATE_KEYS:
                yield path + (key,), value
            elif isinstance(value, (dict, list)) and len(path) < 8:
                yield from _dates(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, (dict, list)) and len(path) < 8:
                yield from _dates(value, path + (index,))


def _problem(record: RawRecord, path: tuple, message: str) -> Problem:
    line, column = record.position(path)
    return Problem(record.path, line, column, format_field(path), message)


def _year_problem(record: RawRecord, path: tuple, value: str) -> Problem | None:
    found = _YEAR.match(value)
    if found and not FIRST_YEAR <= int(found.group(1)) <= LAST_YEAR:
        return _problem(
            record,
            path,
            f"das Jahr in {quote(value)} liegt außerhalb von {FIRST_YEAR}–{LAST_YEAR}; Tippfehler in der Jahreszahl?",
        )
    return None


def _span_problem(record: RawRecord, start: Any, end: Any) -> Problem | None:
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    if ("T" in start) != ("T" in end):
        return _problem(
            record,
            ("end",),
            f"Beginn {quote(start)} und Ende {quote(end)} beide mit Uhrzeit oder "
            f"beide ohne angeben (ganztägig); Kalenderprogramme lehnen die Mischung ab.",
        )
    begins, ends = parse_instant(start), parse_instant(end)
    if begins is not None and begins == ends:
        return _problem(
            record,
            ("end",),
            f"Ende {quote(end)} ist gleich dem Beginn: einen späteren Zeitpunkt angeben oder das Ende weglassen.",
        )
    return None
