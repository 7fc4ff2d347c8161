"""Load -> validate -> link: ``root/data`` as a linked hub (with each file's last commit time
from git), or every problem in it at once.

Kept apart from the rest of the pipeline so that checking the data needs only the loader, the
validator and the model (``make check``, and the build's worker before it reports the data valid).
"""

from __future__ import annotations

from pathlib import Path

from .git_dates import last_commit_times
from .loader import load_tree, no_cycle_collection
from .model import Hub
from .problems import FILE_FIELD, DataError, Problem
from .validate import SchemaFileError, Schemas, Validator


def unique_locations(problems: list[Problem]) -> list[Problem]:
    """One problem per place: a value that breaks two rules is reported once, by the first."""
    seen: set[tuple[str, int, int, str]] = set()
    unique = []
    for problem in problems:
        where = (problem.path, problem.line, problem.column, problem.field)
        if where not in seen:
            seen.add(where)
            unique.append(problem)
    return unique


def load_hub(root: Path) -> Hub:
    """Load and validate ``root/data``; raises DataError listing every problem."""
    with no_cycle_collection():  # no cyclic garbage is made here (see loader)
        try:
            schemas = Schemas(root / "data" / "schema")
        except SchemaFileError as error:  # nothing can be checked without it
            rel = error.path.relative_to(root).as_posix() if error.path.is_relative_to(root) else str(error.path)
            raise DataError([Problem(rel, error.line, error.column, FILE_FIELD, f"Schema-Datei {error}.")]) from None
        records, problems, named = load_tree(root)
        problems += Validator(schemas).validate(records, named)
        if problems:
            raise DataError(unique_locations(problems))
        return Hub(records, schemas, last_commit_times(root))
