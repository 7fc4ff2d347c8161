"""Validate raw records against the JSON Schemas in data/schema/ and against each other.

The schemas (``schemas``) say what a record may hold; ``messages`` turns their verdicts into lines
an editor can act on. This module runs the checks and adds what a schema cannot say: references
that exist, ends after starts, dates that exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from ..core.collections import COLLECTIONS
from ..core.dates import DATE_KEYS, parse_date, parse_time_of_day, wall_clock_problem
from ..core.paths import JsonPath, format_field, ids_at, strings_at, values_at
from ..core.problems import Problem
from ..reading import UNREADABLE, RawRecord, suggest_id
from ..schemas import Schemas
from .calendar_rules import calendar_problems
from .markdown_rules import markdown_problems, markdown_problems_of
from .messages import did_you_mean, explain
from .passed import PassedRecords
from .text_rules import quote, text_problems


class Validator:
    """The checks of records against the schemas and against each other, with German problems."""

    def __init__(self, schemas: Schemas, passed: PassedRecords | None = None):
        """``passed``: the records that passed their own rules in earlier runs (``validation.passed``)."""
        self.schemas = schemas
        self.passed = passed

    def validate(
        self,
        records: list[RawRecord],
        named: set[tuple[str, str]] | None = None,
        among: list[RawRecord] | None = None,
    ) -> list[Problem]:
        """All problems of ``records``. References may point at any record of ``among`` (default:
        ``records``) and at the files in ``named`` that exist but failed to load."""
        markdown = markdown_problems_of(records, self.schemas.markdown)  # all texts at once, rendered ahead
        problems = self.each_record_problems(records, markdown)
        return _with_references(problems, self.reference_problems(records, named or set(), among))

    def each_record_problems(self, records: list[RawRecord], markdown: list[list[Problem]]) -> list[Problem]:
        """``record_problems`` of each record (``markdown``: its Markdown problems), in order. A record
        that passed its own rules before with the very same values (``passed``) is not checked again."""
        passed = self.passed
        fresh = [passed is None or not passed.holds(record) for record in records]
        own = iter(self._own_problems([record for record, new in zip(records, fresh, strict=True) if new]))
        problems: list[Problem] = []
        for new, found in zip(fresh, markdown, strict=True):
            problems += next(own) + found if new else found
        return problems

    def _own_problems(self, records: list[RawRecord]) -> list[list[Problem]]:
        """``record_problems`` of each record without its Markdown; those that pass go to ``passed``."""
        found = [self.record_problems(record, []) for record in records]
        if self.passed is not None:
            for record, problems in zip(records, found, strict=True):
                if not problems:
                    self.passed.add(record)
        return found

    def record_problems(self, record: RawRecord, markdown: list[Problem] | None = None) -> list[Problem]:
        """What is wrong with one record on its own: schema, dates, texts, calendar rules, Markdown
        that cannot be rendered (``markdown``: those problems found already)."""
        schema_problems = self.schema_problems(record)
        # Each schema error is at least one problem. A record the schema accepts has only the
        # fields the schema names, so its dates are where the schema has them: no need to walk
        # through all its values.
        date_fields = None if schema_problems else self.schemas.date_fields[record.collection]
        dates = None if date_fields is None else list(strings_at(record.data, date_fields))  # for both date rules
        return (
            schema_problems
            + _date_problems(record, date_fields, dates)
            + text_problems(record, self.schemas.multiline[record.collection])
            + calendar_problems(record, date_fields, dates)
            + (markdown_problems(record, self.schemas.markdown[record.collection]) if markdown is None else markdown)
        )

    def schema_problems(self, record: RawRecord) -> list[Problem]:
        fast = self.schemas.fast_validators.get(record.collection)
        if fast is not None and fast.is_valid(record.data) and not self._float_for_integer(record):
            return []
        validator = self.schemas.validators[record.collection]
        problems: list[Problem] = []
        for error in validator.iter_errors(record.data):
            problems.extend(explain(record, error, self.schemas))
        return problems

    def reference_problems(
        self, records: list[RawRecord], named: set[tuple[str, str]], among: list[RawRecord] | None = None
    ) -> list[_Reference]:
        """References of ``records`` to ids that do not exist, or to the record itself."""
        ids: dict[str, set[str]] = {name: set() for name in COLLECTIONS}
        for collection, record_id in named:
            ids[collection].add(record_id)
        for record in records if among is None else among:
            ids[record.collection].add(record.id)
        sorted_ids: dict[str, list[str]] = {}  # for suggestions, sorted when the first is needed
        problems: list[_Reference] = []
        unreadable = {collection for collection, record_id in named if record_id == UNREADABLE}
        for record in records:
            for ref_field in self.schemas.ref_fields[record.collection]:
                if ref_field.target in unreadable:
                    continue  # its folder could not be listed (reported): every reference would look dangling
                known = ids[ref_field.target]
                own = record.id if ref_field.target == record.collection else None
                if _all_known(ids_at(record.data, ref_field.path), known, own):
                    continue  # the usual case, at a glance; else each value is looked at below
                if ref_field.target not in sorted_ids:
                    sorted_ids[ref_field.target] = sorted(known)
                for path, value in values_at(record.data, ref_field.path):
                    message = _reference_message(value, own, known, ref_field.target, sorted_ids[ref_field.target])
                    if message:
                        line, column = record.position(path)
                        problem = Problem(record.path, line, column, format_field(path), message)
                        problems.append(_Reference(problem, _misspelt(value, known, sorted_ids[ref_field.target])))
        return problems

    def _float_for_integer(self, record: RawRecord) -> bool:
        """A whole number written with a point (250.000): JSON Schema and jsonschema-rs call 250.0
        an integer, the hub does not (see patterns._is_integer)."""
        return any(
            isinstance(value, float)
            for path in self.schemas.integers[record.collection]
            for _, value in values_at(record.data, path)
        )


class _Reference(NamedTuple):
    problem: Problem
    misspelt: bool  # the value is no id, its id spelling names no record, but a record's id is close


def _misspelt(value: Any, known: set[str], choices: list[str]) -> bool:
    if not isinstance(value, str) or suggest_id(value) == value or suggest_id(value) in known:
        return False
    return bool(did_you_mean(suggest_id(value), choices))


def _with_references(problems: list[Problem], references: list[_Reference]) -> list[Problem]:
    """The record's problems, then the references'. Where a value is no id at all, the schema's
    message comes first and names its id spelling („gemeint ist wohl klimawaendel“); when no
    record has that id but one has a close id, the reference's message, which names that id,
    stands in its place (an umlaut and a typo at once: 'klimawändel')."""
    place = lambda p: (p.path, p.line, p.column, p.field)  # noqa: E731
    instead = {place(ref.problem): ref.problem for ref in references if ref.misspelt}
    merged = [instead.pop(place(problem), problem) for problem in problems]
    return merged + [ref.problem for ref in references if not ref.misspelt or place(ref.problem) in instead]


def _reference_message(value: Any, own: str | None, known: set[str], target: str, choices: list[str]) -> str | None:
    """What is wrong with one reference of a record (``own``: its id, where it could refer to itself)."""
    if own is not None and value == own:
        return f"der Eintrag verweist auf sich selbst ({quote(value)}); diesen Verweis löschen."
    if not isinstance(value, str) or value in known:
        return None  # wrong types are reported by the schema
    collection = COLLECTIONS[target]
    return (  # the closest id to the value's id spelling: 'klimawändel' -> klimawaendel -> klimawandel
        f"{collection.unknown} {quote(value)}{did_you_mean(suggest_id(value), choices)}; "
        f"es gibt keine Datei data/{collection.name}/{value}.yml."
    )


def _all_known(values: list[Any], known: set[str], own: str | None) -> bool:
    """Whether each value is a known id and none the record's own."""
    try:
        return known.issuperset(values) and own not in values
    except TypeError:  # a list or fields among them (the schema reports that)
        return False


# -- dates ----------------------------------------------------------------------------------------

_SPANS = [(("start",), ("end",)), (("period", "start"), ("period", "end"))]


def _date_problems(
    record: RawRecord, date_fields: list[tuple[str, ...]] | None = None, dates: list[tuple[JsonPath, str]] | None = None
) -> list[Problem]:
    """Dates that match the pattern but do not exist, and ends before starts. ``date_fields``: where
    the dates are (``Schemas.date_fields``, for a record the schema accepts); else all are searched.
    ``dates``: the texts found there, if found already."""
    problems = [problem for start, end in _SPANS if (problem := _span_problem(record, start, end))]
    if date_fields is None:
        return problems + _impossible_dates(record, _strings_under(record.data, DATE_KEYS, ()))
    found = _impossible_dates(record, strings_at(record.data, date_fields) if dates is None else dates)
    if found:  # seldom: found again the usual way, to report them in the order of the file
        found = _impossible_dates(record, _strings_under(record.data, DATE_KEYS, ()))
    return problems + found


def _span_problem(record: RawRecord, start_path: tuple[str, ...], end_path: tuple[str, ...]) -> Problem | None:
    """An end before its start."""
    if end_path[0] not in record.data:  # most records have no end: known at one glance
        return None
    start, end = _get(record.data, start_path), _get(record.data, end_path)
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    start_moment, end_moment = parse_time_of_day(start), parse_time_of_day(end)
    if start_moment and end_moment:
        before = end_moment < start_moment  # both with a time: compare the instants
    else:
        before = bool(parse_date(start) and parse_date(end)) and end[: len(start)] < start[: len(end)]
    if not before:
        return None
    line, column = record.position(end_path)
    return Problem(
        record.path, line, column, format_field(end_path), f"Ende {quote(end)} liegt vor dem Beginn {quote(start)}."
    )


def _impossible_dates(record: RawRecord, dates: Iterable[tuple[JsonPath, str]]) -> list[Problem]:
    problems = []
    for path, value in dates:
        message = _impossible_date_message(value)
        if message:
            line, column = record.position(path)
            problems.append(Problem(record.path, line, column, format_field(path), message))
    return problems


def _impossible_date_message(value: str) -> str | None:
    if not _looks_dated(value):
        return None
    if parse_date(value) is None:
        return f"{quote(value)} ist kein Datum, das es gibt (Monat 01–12, Tag passend zum Monat)."
    if "T" in value and parse_time_of_day(value) is None:
        return f"{quote(value)} enthält keine Uhrzeit, die es gibt (Stunden 00–23, Minuten 00–59)."
    if "T" in value:
        return wall_clock_problem(value)
    return None


def _looks_dated(value: str) -> bool:
    return len(value) >= 4 and value[:4].isdigit()


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _strings_under(data: Any, keys: frozenset[str], path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    """The texts of the fields named in ``keys``, at any depth, with their paths (in file order)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                if key in keys:
                    yield path + (key,), value
            elif isinstance(value, (dict, list)):
                yield from _strings_under(value, keys, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, (dict, list)):
                yield from _strings_under(value, keys, path + (index,))
