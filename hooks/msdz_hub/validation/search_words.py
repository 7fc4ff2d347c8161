"""data/synonyms.yml: the words the search treats as one, and the word parts it splits long
words at. One file, read and checked like a record (its schema: data/schema/synonyms.schema.json), so
that an editor's mistake stops the build with the file, line, field and fix in German."""

from __future__ import annotations

from pathlib import Path

import jsonschema

from ..core.problems import Problem
from ..core.search_words import SearchWords
from ..reading import RawRecord, load_file, read_positions
from ..schemas import Schemas
from ..schemas.patterns import strict_validator_class
from .messages import explain

SEARCH_WORDS_FILE = "data/synonyms.yml"
SEARCH_WORDS_SCHEMA = "synonyms.schema.json"


def load_search_words(root: Path, schemas: Schemas) -> tuple[SearchWords, list[Problem]]:
    """The file's words, or no words and its problems; no file, no words. Either way the words
    remember ``root``, whose .cache/ keeps what the search learnt of the hub's words."""
    path = root / SEARCH_WORDS_FILE
    schema = schemas.documents.get(SEARCH_WORDS_SCHEMA)
    if not path.is_file() or schema is None:
        return SearchWords(cache_root=root), []
    record, problems = load_file(path, SEARCH_WORDS_FILE, "search")
    if record is None:
        return SearchWords(cache_root=root), problems
    problems = _schema_problems(record, schema, schemas)
    if problems:
        return SearchWords(cache_root=root), problems
    data = record.data
    groups = tuple(tuple(g) for g in data["groups"])
    return SearchWords(groups, tuple(data.get("word_parts", ())), cache_root=root), []


def _schema_problems(record: RawRecord, schema: dict, schemas: Schemas) -> list[Problem]:
    validator = strict_validator_class()(schema, registry=schemas.registry, format_checker=jsonschema.FormatChecker())
    errors = list(validator.iter_errors(record.data))
    if not errors:
        return []
    read_positions(record)
    return [problem for error in errors for problem in explain(record, error, schemas)]
