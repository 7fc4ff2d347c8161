"""The compiled fast path of validation: jsonschema-rs (Rust) says yes or no to a record at a
hundredth of jsonschema's cost.

Only a "no" is explained, by jsonschema as before: messages and positions stay the same. Each
format jsonschema checks is checked by the same function, so "yes" is never said where jsonschema
would object. Without jsonschema-rs (or if it cannot compile a schema) there is no fast path, and
jsonschema alone checks every record.
"""

from __future__ import annotations

from typing import Any

import jsonschema

try:  # compiled validation (Rust): the common case, a valid record, at a hundredth of the cost
    import jsonschema_rs
except ImportError:  # pragma: no cover - then jsonschema alone checks every record, as before
    jsonschema_rs = None  # type: ignore[assignment]  # mypy has no type for "this module or None"

from ..core.collections import COLLECTIONS
from .web_addresses import PLAIN_WEB_ADDRESS, is_web_address


def compiled_validators(documents: dict[str, dict], format_checker: jsonschema.FormatChecker) -> dict[str, Any]:
    """The collection schemas compiled once by jsonschema-rs, for a quick yes or no per record; {}
    without jsonschema-rs."""
    if jsonschema_rs is None:
        return {}
    formats = {
        name: _format_function(*format_checker.checkers[name])
        for name in _format_names(documents)
        if name in format_checker.checkers
    }
    if format_checker.checkers.get("uri", (None,))[0] is is_web_address:
        documents = {name: _quick_web_addresses(document) for name, document in documents.items()}
    base = "json-schema:///"
    try:
        registry = jsonschema_rs.Registry([(base + name, document) for name, document in documents.items()])
        return {
            name: jsonschema_rs.Draft202012Validator(
                documents[f"{name}.schema.json"],
                registry=registry,
                base_uri=f"{base}{name}.schema.json",
                validate_formats=True,
                formats=formats,
            )
            for name in COLLECTIONS
        }
    except (ValueError, jsonschema_rs.ReferencingError):  # pragma: no cover - jsonschema still checks
        return {}


def _quick_web_addresses(schema: Any) -> Any:
    """``schema`` with each "format": "uri" as "anyOf": [the common address, that format]. The same
    verdict (``is_web_address`` accepts the common address at once), but the compiled pattern
    answers for most addresses, without a call back into Python (a quarter of the checking time)."""
    if isinstance(schema, list):
        return [_quick_web_addresses(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    quick = {
        key: value if key in ("const", "enum", "default", "examples") else _quick_web_addresses(value)
        for key, value in schema.items()
    }  # values, not schemas: kept as they are
    if quick.get("format") == "uri":
        del quick["format"]
        common = {"pattern": f"^(?:{PLAIN_WEB_ADDRESS.pattern})$"}
        quick["allOf"] = [*quick.get("allOf", []), {"anyOf": [common, {"format": "uri"}]}]
    return quick


def _format_function(check: Any, raises: Any) -> Any:
    """A FormatChecker's check as a plain yes/no (what ``FormatChecker.conforms`` answers)."""

    def conforms(value: object) -> bool:
        try:
            return bool(check(value))
        except raises:
            return False

    return conforms


def _format_names(schema: Any) -> set[str]:
    if isinstance(schema, dict):
        names = {schema["format"]} if isinstance(schema.get("format"), str) else set()
        return names.union(*(_format_names(value) for value in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_format_names(value) for value in schema))
    return set()
