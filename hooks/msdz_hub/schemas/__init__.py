"""The JSON Schemas in data/schema/, read once per run, and what the rest of the hub asks of them.

The schemas are the single source of truth: field names, types, allowed values, German titles and
labels, and which fields refer to which collection (``x-ref``). Validation, the model, the pages
and the CMS configuration all read them here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ..core.collections import COLLECTIONS
from ..core.dates import DATE_KEYS
from .checked import CheckedSchemas
from .compiled import compiled_validators
from .field_paths import integer_paths, markdown_paths, multiline_paths
from .patterns import strict_validator_class
from .web_addresses import is_web_address

DEFS_FILE = "defs.schema.json"
_SCALAR_TYPES = {"string", "integer", "number", "boolean", "null"}
_STRUCTURE_KEYWORDS = {"type", "properties", "additionalProperties", "patternProperties", "items", "prefixItems"}


class SchemaFileError(Exception):
    """A schema file that cannot be read or is no valid JSON Schema; ``line``/``column`` where known."""

    def __init__(self, path: Path, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.path, self.line, self.column = path, line, column


@dataclass(frozen=True)
class RefField:
    """A field whose values are ids of another collection; '*' stands for every list item."""

    path: tuple[str, ...]
    target: str


class Schemas:
    """The compiled schemas of every collection, built once per run."""

    def __init__(self, schema_dir: Path, checked: CheckedSchemas | None = None):
        """``checked``: the texts that passed the metaschema check in earlier runs (``schemas.checked``)."""
        self.dir = schema_dir
        self.documents: dict[str, dict] = {}
        resources = []
        for path in sorted(schema_dir.glob("*.schema.json")):
            if path.is_symlink():  # its target would be read, and published under /daten/schema/
                raise SchemaFileError(
                    path,
                    "ist eine Verknüpfung (Symlink), die sind in data/ nicht erlaubt; die Datei selbst hierher legen",
                )
            document = load_schema(path, checked)
            self.documents[path.name] = document
            resources.append((path.name, Resource.from_contents(document, default_specification=DRAFT202012)))
        self.registry = Registry().with_resources(resources)
        format_checker = jsonschema.FormatChecker()
        format_checker.checks("uri")(is_web_address)  # jsonschema checks "uri" only with extra packages
        strict = strict_validator_class()
        self.validators: dict[str, jsonschema.protocols.Validator] = {}
        self.ref_fields: dict[str, list[RefField]] = {}
        for name in COLLECTIONS:
            schema = self.collection_schema(name)
            self.validators[name] = strict(schema, registry=self.registry, format_checker=format_checker)
            self.ref_fields[name] = list(_find_ref_fields(schema, ()))
        # Where a record the schema accepts can hold dates; None where the walk through all values
        # is needed (a schema that lets a record hold fields it does not name).
        self.date_fields: dict[str, list[tuple[str, ...]] | None] = {
            name: self._known_date_fields(name) for name in COLLECTIONS
        }
        self.fast_validators = compiled_validators(self.documents, format_checker)
        self.multiline = {name: multiline_paths(self.collection_schema(name), self.resolve) for name in COLLECTIONS}
        self.integers = {name: integer_paths(self.collection_schema(name), self.resolve) for name in COLLECTIONS}
        self.markdown = {name: markdown_paths(self.collection_schema(name), self.resolve) for name in COLLECTIONS}

    def collection_schema(self, collection: str) -> dict:
        return self.documents[f"{collection}.schema.json"]

    def resolve(self, schema: dict) -> dict:
        """A property schema with its $ref merged in (the local keywords win)."""
        ref = schema.get("$ref")
        if not ref:
            return schema
        file, _, pointer = ref.partition("#")
        target: Any = self.documents[file or DEFS_FILE]
        for part in pointer.strip("/").split("/"):
            if part:
                target = target[part]
        return {**self.resolve(target), **{k: v for k, v in schema.items() if k != "$ref"}}

    def labels(self, collection: str, *path: str) -> dict[str, str]:
        """German labels of an enum field (``x-labels``), e.g. labels('events', 'kind')."""
        schema = self.resolve(self.collection_schema(collection))
        for part in path:
            schema = self.resolve(schema["items"] if part == "*" else schema["properties"][part])
        return schema.get("x-labels", {})

    def _known_date_fields(self, collection: str) -> list[tuple[str, ...]] | None:
        try:
            return list(self._date_fields(self.collection_schema(collection), ()))
        except (_OpenSchema, KeyError, RecursionError):  # the last two: a $ref this cannot follow
            return None

    def _date_fields(self, schema: Any, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        """The paths ('*': every list item) of the fields named like dates (``DATE_KEYS``) that a
        record the schema accepts can have; raises _OpenSchema if it can have fields not named here
        (or if the schema says so in a way this does not follow)."""
        if not isinstance(schema, dict) or "$ref" in schema and _STRUCTURE_KEYWORDS & schema.keys():
            raise _OpenSchema  # true/false as a schema, or $ref beside keywords that apply as well
        schema = self.resolve(schema)
        kind = schema.get("type")
        kinds = set(kind) if isinstance(kind, list) else {kind}
        if kinds <= _SCALAR_TYPES:
            return
        if kinds == {"object"} and schema.get("additionalProperties") is False and "patternProperties" not in schema:
            for key, prop in schema.get("properties", {}).items():
                if key in DATE_KEYS:
                    yield path + (key,)
                yield from self._date_fields(prop, path + (key,))
        elif kinds == {"array"} and "prefixItems" not in schema:
            yield from self._date_fields(schema.get("items"), path + ("*",))
        else:
            raise _OpenSchema  # no type, or one that lets it hold unnamed fields


# Schema texts that passed the metaschema check in this process. The check costs about 0.45 s for
# the eight schemas and their text rarely changes: every rebuild of `make serve`, every test hub
# and every fuzz example would pay it again. Bounded, in case a process sees many variants.
_CHECKED_TEXTS: set[str] = set()
_CHECKED_LIMIT = 256


def load_schema(path: Path, checked: CheckedSchemas | None = None) -> dict:
    """One schema file, checked against the JSON Schema metaschema unless its very text passed the
    check before (in this process, or as ``checked`` keeps it); SchemaFileError if broken."""
    try:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise SchemaFileError(path, f"kein gültiges JSON ({error.msg})", error.lineno, error.colno) from None
    except (OSError, UnicodeDecodeError, RecursionError) as error:
        raise SchemaFileError(path, f"nicht lesbar ({type(error).__name__})") from None
    if text in _CHECKED_TEXTS or checked is not None and checked.passed(text):
        if checked is not None:
            checked.add(text)
        return document
    try:
        jsonschema.Draft202012Validator.check_schema(document)
    except jsonschema.SchemaError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "(oberste Ebene)"
        raise SchemaFileError(path, f"kein gültiges JSON Schema: bei {where}: {error.message}") from None
    if not isinstance(document, dict):
        raise SchemaFileError(path, "kein gültiges JSON Schema: erwartet ein Objekt { … }")
    if len(_CHECKED_TEXTS) >= _CHECKED_LIMIT:
        _CHECKED_TEXTS.clear()
    _CHECKED_TEXTS.add(text)
    if checked is not None:
        checked.add(text)
    return document


class _OpenSchema(Exception):
    """A schema lets records hold fields it does not name."""


def _find_ref_fields(schema: dict, path: tuple[str, ...]) -> Iterator[RefField]:
    for key, prop in schema.get("properties", {}).items():
        here = path + (key,)
        if "x-ref" in prop:
            is_list = prop.get("type") == "array" or "refs" in prop.get("$ref", "")
            yield RefField(here + ("*",) if is_list else here, prop["x-ref"])
        if "properties" in prop:
            yield from _find_ref_fields(prop, here)
        items = prop.get("items")
        if isinstance(items, dict) and "properties" in items:
            yield from _find_ref_fields(items, here + ("*",))
