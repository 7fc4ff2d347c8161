"""Markdown fields that the pages could not render: every one is rendered here, with the pages'
renderer and under the budget of ``core.markdown_html`` (stack and time), so that a build never
crashes or stalls on a text that passed the check. The HTML stays in memory, and the pages take it
from there; a whole load's texts are rendered ahead, on two cores (``core.render_ahead``)."""

from __future__ import annotations

from ..core.markdown_html import markdown_problem
from ..core.paths import format_field, values_at
from ..core.problems import Problem
from ..core.render_ahead import render_ahead
from ..reading import RawRecord


def render_markdown_ahead(records: list[RawRecord], paths: dict[str, list[tuple[str, ...]]]) -> None:
    """Every Markdown text of ``records`` (``paths`` by collection) rendered before it is asked for."""
    render_ahead(
        [
            value
            for record in records
            for field_path in paths[record.collection]
            for _, value in values_at(record.data, field_path)
            if isinstance(value, str)
        ]
    )


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
