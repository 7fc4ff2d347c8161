"""Markdown fields that the pages could not render: every one is rendered here, with the pages'
renderer and under the budget of ``core.markdown_html`` (stack and time), so that a build never
crashes or stalls on a text that passed the check. The HTML stays in memory, and the pages take it
from there; a whole load's texts are rendered ahead, on two cores (``core.render_ahead``), and asked
for at once (``markdown_problems_of``)."""

from __future__ import annotations

from ..core.markdown_html import markdown_problem, refusals
from ..core.paths import JsonPath, format_field, values_at
from ..core.problems import Problem
from ..core.render_ahead import render_ahead
from ..reading import RawRecord


def markdown_problems_of(records: list[RawRecord], paths: dict[str, list[tuple[str, ...]]]) -> list[list[Problem]]:
    """``markdown_problems`` of each record, its texts rendered ahead first (two cores where there
    are many): the texts of all records gathered once, and asked for all at once."""
    found = [
        [
            (path, value)
            for field_path in paths[record.collection]
            for path, value in values_at(record.data, field_path)
            if isinstance(value, str)
        ]
        for record in records
    ]
    texts = [text for texts in found for _, text in texts]
    render_ahead(texts)
    refused = refusals(texts)
    if not refused:  # the usual case
        return [[] for _ in records]
    return [
        [_problem(record, path, refused[text]) for path, text in texts if text in refused]
        for record, texts in zip(records, found, strict=True)
    ]


def _problem(record: RawRecord, path: JsonPath, message: str) -> Problem:
    line, column = record.position(path)
    return Problem(record.path, line, column, format_field(path), message)


def markdown_problems(record: RawRecord, paths: list[tuple[str, ...]]) -> list[Problem]:
    """A problem for each Markdown text of ``record`` (at ``paths``, '*': every list item) that cannot be rendered."""
    problems = []
    for field_path in paths:
        for path, value in values_at(record.data, field_path):
            message = markdown_problem(value) if isinstance(value, str) else None
            if message:
                line, column = record.position(path)
                problems.append(Problem(record.path, line, column, format_field(path), message))
    return problems
