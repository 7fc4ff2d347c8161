"""Paths to values inside a record, and the values found along them.

A path names one value: keys and list indices, e.g. ``("cities", 0)``. A pattern names many, with
``"*"`` for every item of a list, e.g. ``("cities", "*")``: the schemas describe fields that way.
Loading, validation and the model all speak in these paths, so they live here, below all three.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .problems import FILE_FIELD

# A path to a value inside a record: keys and list indices, e.g. ("cities", 0).
JsonPath = tuple[str | int, ...]


def format_field(path: JsonPath) -> str:
    """("cities", 0, "name") -> "cities[0].name", the way editors see fields in messages."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or FILE_FIELD


def values_at(data: Any, pattern: tuple[str, ...], path: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """Each value the pattern names ('*': every list item), with its path, in the order of the data."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if rest == ("*",) and head != "*":  # the usual reference list, e.g. ("cities", "*"): one step
        items = data.get(head) if isinstance(data, dict) else None
        if isinstance(items, list):
            for index, item in enumerate(items):
                yield path + (head, index), item
        return
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from values_at(item, rest, path + (index,))
    elif isinstance(data, dict) and head in data:
        yield from values_at(data[head], rest, path + (head,))


def ids_at(data: dict[str, Any], pattern: tuple[str, ...]) -> list[Any]:
    """The values ``values_at`` finds, without their paths; the usual list of ids (``("cities", "*")``)
    taken as it is, without a generator: checking and linking visit every reference field of every
    record (45 000 at 10 000 records)."""
    if len(pattern) == 2 and pattern[1] == "*" and pattern[0] != "*":
        ids = data.get(pattern[0])
        return ids if isinstance(ids, list) else []
    return [value for _, value in values_at(data, pattern)]


def strings_at(data: dict[str, Any], patterns: list[tuple[str, ...]]) -> Iterator[tuple[JsonPath, str]]:
    """The texts at the given patterns ('*': every list item), with their paths."""
    for pattern in patterns:
        if len(pattern) == 1:  # most are top-level fields: looked up directly
            value = data.get(pattern[0])
            if isinstance(value, str):
                yield pattern, value
            continue
        for path, value in values_at(data, pattern):
            if isinstance(value, str):
                yield path, value
