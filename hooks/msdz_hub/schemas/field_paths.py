"""Where a collection's schema puts which kind of value: the paths ('*': every list item) of its
multi-line texts (``"x-multiline": true``), its Markdown texts (``"x-markdown": true``, rendered
as HTML on the pages) and its whole numbers, read once per run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

Resolve = Callable[[dict], dict]
_MAX_DEPTH = 20  # our schemas nest three levels; a $ref cycle stops here


def field_schemas(schema: Any, resolve: Resolve, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], dict]]:
    """Every (path, schema with its $ref merged in) below ``schema``, the record itself first."""
    if not isinstance(schema, dict) or len(path) > _MAX_DEPTH:
        return
    schema = resolve(schema)
    yield path, schema
    for key, prop in (schema.get("properties") or {}).items():
        yield from field_schemas(prop, resolve, path + (key,))
    if isinstance(schema.get("items"), dict):
        yield from field_schemas(schema["items"], resolve, path + ("*",))


def _types(schema: dict) -> set[str]:
    kind = schema.get("type")
    if kind is None:  # a schema without "type" (only "enum", "$ref", ...) promises no type
        return set()
    return set(kind) if isinstance(kind, list) else {kind}


def multiline_paths(schema: dict, resolve: Resolve) -> set[tuple[str, ...]]:
    return {path for path, field in field_schemas(schema, resolve) if field.get("x-multiline") is True}


def markdown_paths(schema: dict, resolve: Resolve) -> list[tuple[str, ...]]:
    return [path for path, field in field_schemas(schema, resolve) if field.get("x-markdown") is True]


def integer_paths(schema: dict, resolve: Resolve) -> list[tuple[str, ...]]:
    return [path for path, field in field_schemas(schema, resolve) if "integer" in _types(field)]
