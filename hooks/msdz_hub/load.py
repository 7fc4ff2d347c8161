"""Load -> validate -> link: ``root/data`` as a linked hub (with each file's last commit time
from git), or every problem in it at once.

Kept apart from the rest of the pipeline so that checking the data needs only the reader, the
validator and the model (``make check``, and the build's worker before it reports the data valid).
"""

from __future__ import annotations

from pathlib import Path

from .core.git_dates import last_commit_times
from .core.markdown_html import kept_between_runs
from .core.problems import FILE_FIELD, DataError, Problem
from .model import Hub
from .reading import RawRecord, load_tree, no_cycle_collection, read_positions
from .schemas import SchemaFileError, Schemas
from .schemas.checked import open_checked
from .validation import Validator
from .validation.passed import open_passed
from .validation.search_words import load_search_words


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


def located_problems(validator: Validator, records: list[RawRecord], named: set[tuple[str, str]]) -> list[Problem]:
    """Every problem of the records, each at its line and column.

    Most records were read without positions (the loader's fast path): that costs nothing while
    they are valid. The records with a problem get their positions here, in this one step that
    reads their files again, and are checked once more, so that each problem points at its place.
    """
    problems = validator.validate(records, named)
    if not problems:
        return problems
    at_fault = {problem.path for problem in problems}
    faulty = [record for record in records if record.path in at_fault]
    if all(record.where is not None for record in faulty):
        return problems  # all read the careful way: their positions are there already
    for record in faulty:
        read_positions(record)
    return validator.validate(faulty, named, among=records)


_LINKED_FOLDER = "{0}/ ist eine Verknüpfung (Symlink); {0}/ muss ein Ordner im Repository sein, keine Verknüpfung."


def load_schemas(root: Path) -> Schemas:
    """The JSON Schemas of ``root/data/schema``; a broken one is a DataError naming its file. Called
    first by every load, so a linked data/ folder is refused before anything is read."""
    linked = [f for f in ("data", "data/schema") if (root / f).is_symlink()]
    if linked:  # followed, they would read (and publish) files from anywhere on the machine
        raise DataError([Problem(f, 1, 1, FILE_FIELD, _LINKED_FOLDER.format(f)) for f in linked])
    checked = open_checked(root)  # the schema texts that passed the metaschema check before
    try:
        schemas = Schemas(root / "data" / "schema", checked)
    except SchemaFileError as error:  # nothing can be checked without it
        rel = error.path.relative_to(root).as_posix() if error.path.is_relative_to(root) else str(error.path)
        raise DataError([Problem(rel, error.line, error.column, FILE_FIELD, f"Schema-Datei {error}.")]) from None
    if checked is not None:
        checked.save()
    return schemas


def load_records(root: Path, schemas: Schemas) -> tuple[list[RawRecord], set[tuple[str, str]]]:
    """Every record of ``root/data``, valid, and the (collection, id) of every file found (a
    reference is checked against those); raises DataError listing every problem."""
    # No cyclic garbage is made here (see reading.parallel). Validation renders every Markdown
    # field; the renderings of the last full load stand in for those of unchanged texts, and the
    # verdicts of the last full load for the own rules of unchanged records.
    with no_cycle_collection(), kept_between_runs(root):
        records, problems, named = load_tree(root)
        passed = open_passed(root, schemas.documents)
        problems += located_problems(Validator(schemas, passed), records, named)
        if passed is not None:
            passed.save()
    if problems:
        raise DataError(unique_locations(problems))
    return records, named


def load_hub(root: Path) -> Hub:
    """Load and validate ``root/data``; raises DataError listing every problem."""
    with no_cycle_collection():  # the hub's objects as well
        schemas = load_schemas(root)
        records, _ = load_records(root, schemas)
        hub = Hub(records, schemas, last_commit_times(root))
        hub.search_words = load_words(root, schemas)
        return hub


def load_words(root: Path, schemas: Schemas):
    """The search's synonyms (data/search/), checked like the records; DataError with its problems."""
    words, problems = load_search_words(root, schemas)
    if problems:
        raise DataError(unique_locations(problems))
    return words
