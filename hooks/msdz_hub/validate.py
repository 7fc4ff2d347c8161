"""Validate raw records against the JSON Schemas in data/schema/ and against each other.

The schemas are the single source of truth: field names, types, allowed values, German titles,
and which fields refer to which collection (``x-ref``). This module only turns their verdicts
into messages an editor can act on, and adds what a schema cannot say: references that exist,
ends after starts, dates that exist.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
from referencing import Registry, Resource

try:  # compiled validation (Rust): the common case, a valid record, at a hundredth of the cost
    import jsonschema_rs
except ImportError:  # pragma: no cover - then jsonschema alone checks every record, as before
    jsonschema_rs = None  # type: ignore[assignment]  # mypy has no type for "this module or None"
from referencing.jsonschema import DRAFT202012

from .calendar_rules import calendar_problems
from .collections import COLLECTIONS
from .loader import MAX_DIGITS, UNREADABLE, JsonPath, RawRecord, format_field
from .patterns import strict_validator_class
from .problems import Problem
from .schema_paths import integer_paths, multiline_paths
from .text_rules import quote, text_problems

DEFS_FILE = "defs.schema.json"
_BERLIN = ZoneInfo("Europe/Berlin")
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")  # RFC 3986, nothing else
# The common address in one step: http(s), a plain host (no port, user or brackets), then RFC 3986
# characters without '%'. Whatever it matches passes every rule of is_web_address; keep it so.
_PLAIN_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*)?")

_TYPE_NAMES = {
    "string": "Text",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "boolean": "true oder false",
    "array": "eine Liste (Zeilen mit „- “)",
    "object": "Felder der Form „feld: wert“",
    "null": "nichts",
}


def describe(value: Any) -> str:
    if value is None:
        return "keinen Wert"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"die Zahl {value}"
    if isinstance(value, str):
        return f"den Text {quote(value)}"
    if isinstance(value, list):
        return "eine Liste"
    return "Felder"


def _float_message(raw: str, value: float) -> str:
    """A whole-number field holding a number with a point: the German thousands dot (250.000 ->
    250000) or decimals."""
    if re.fullmatch(r"[-+]?[0-9]{1,3}(\.[0-9]{3})+", raw):
        digits = raw.replace(".", "")
        return (
            f"{quote(raw)} wird als Kommazahl {value:g} gelesen, nicht als {digits}: "
            f"Zahlen ohne Tausenderpunkt schreiben, also {digits.lstrip('0') or '0'}."
        )
    shown = quote(raw) if raw else quote(repr(value))
    if value.is_integer() and abs(value) < 10**MAX_DIGITS:
        return f"erwartet eine ganze Zahl, gefunden die Kommazahl {shown}; ohne Nachkommastellen schreiben, also {int(value)}."
    return f"erwartet eine ganze Zahl, gefunden die Kommazahl {shown}."


def _did_you_mean(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" (meinten Sie '{close[0]}'?)" if close else ""


@dataclass(frozen=True)
class RefField:
    """A field whose values are ids of another collection; '*' stands for every list item."""

    path: tuple[str, ...]
    target: str


_SCALAR_TYPES = {"string", "integer", "number", "boolean", "null"}
_STRUCTURE_KEYWORDS = {"type", "properties", "additionalProperties", "patternProperties", "items", "prefixItems"}


class SchemaFileError(Exception):
    """A schema file that cannot be read or is no valid JSON Schema; ``line``/``column`` where known."""

    def __init__(self, path: Path, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.path, self.line, self.column = path, line, column


def load_schema(path: Path) -> dict:
    """One schema file, checked against the JSON Schema metaschema; SchemaFileError if broken."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SchemaFileError(path, f"kein gültiges JSON ({error.msg})", error.lineno, error.colno) from None
    except (OSError, UnicodeDecodeError, RecursionError) as error:
        raise SchemaFileError(path, f"nicht lesbar ({type(error).__name__})") from None
    try:
        jsonschema.Draft202012Validator.check_schema(document)
    except jsonschema.SchemaError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "(oberste Ebene)"
        raise SchemaFileError(path, f"kein gültiges JSON Schema: bei {where}: {error.message}") from None
    if not isinstance(document, dict):
        raise SchemaFileError(path, "kein gültiges JSON Schema: erwartet ein Objekt { … }")
    return document


class _OpenSchema(Exception):
    """A schema lets records hold fields it does not name."""


class Schemas:
    """The compiled schemas of every collection, built once per run."""

    def __init__(self, schema_dir: Path):
        self.dir = schema_dir
        self.documents: dict[str, dict] = {}
        resources = []
        strict = strict_validator_class()
        for path in sorted(schema_dir.glob("*.schema.json")):
            document = load_schema(path)
            self.documents[path.name] = document
            resources.append((path.name, Resource.from_contents(document, default_specification=DRAFT202012)))
        self.registry = Registry().with_resources(resources)
        format_checker = jsonschema.FormatChecker()
        format_checker.checks("uri")(is_web_address)  # jsonschema checks "uri" only with extra packages
        self.validators: dict[str, jsonschema.protocols.Validator] = {}
        self.ref_fields: dict[str, list[RefField]] = {}
        for name in COLLECTIONS:
            schema = self.collection_schema(name)
            self.validators[name] = strict(schema, registry=self.registry, format_checker=format_checker)
            self.ref_fields[name] = list(_find_ref_fields(schema, ()))
        # Where a record the schema accepts can hold dates; None where the walk through all values
        # is needed (a schema that lets a record hold fields it does not name).
        self.date_fields: dict[str, list[tuple[str, ...]] | None] = {}
        for name in COLLECTIONS:
            try:
                self.date_fields[name] = list(self._date_fields(self.collection_schema(name), ()))
            except (_OpenSchema, KeyError, RecursionError):  # the last two: a $ref this cannot follow
                self.date_fields[name] = None
        self.fast_validators = _compiled_validators(self.documents, format_checker)
        self.multiline = {name: multiline_paths(self.collection_schema(name), self.resolve) for name in COLLECTIONS}
        self.integers = {name: integer_paths(self.collection_schema(name), self.resolve) for name in COLLECTIONS}

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

    def _date_fields(self, schema: Any, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        """The paths ('*': every list item) of the fields named like dates (``_DATE_KEYS``) that a
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
                if key in _DATE_KEYS:
                    yield path + (key,)
                yield from self._date_fields(prop, path + (key,))
        elif kinds == {"array"} and "prefixItems" not in schema:
            yield from self._date_fields(schema.get("items"), path + ("*",))
        else:
            raise _OpenSchema  # no type, or one that lets it hold unnamed fields

    def labels(self, collection: str, *path: str) -> dict[str, str]:
        """German labels of an enum field (``x-labels``), e.g. labels('events', 'kind')."""
        schema = self.resolve(self.collection_schema(collection))
        for part in path:
            schema = self.resolve(schema["items"] if part == "*" else schema["properties"][part])
        return schema.get("x-labels", {})


def _compiled_validators(documents: dict[str, dict], format_checker: jsonschema.FormatChecker) -> dict[str, Any]:
    """The collection schemas compiled once by jsonschema-rs, for a quick yes or no per record.

    Only a "no" is explained, by jsonschema as before: messages and positions stay the same. Each
    format jsonschema checks is checked by the same function, so "yes" is never said where
    jsonschema would object. Without jsonschema-rs (or if it cannot compile a schema), {}.
    """
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
        common = {"pattern": f"^(?:{_PLAIN_WEB_ADDRESS.pattern})$"}
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


def is_web_address(value: object) -> bool:
    """An http(s) address with a host and no user name, written only with characters URLs allow."""
    if not isinstance(value, str):
        return True  # the type is the schema's business
    if _PLAIN_WEB_ADDRESS.fullmatch(value):
        return True
    try:
        parts = urllib.parse.urlsplit(value)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and "@" not in parts.netloc
        and _URL_CHARACTERS.fullmatch(value) is not None
        and not re.search(r"%(?![0-9A-Fa-f]{2})", value)
    )


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


def values_at(data: Any, pattern: tuple[str, ...], path: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
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


class Validator:
    def __init__(self, schemas: Schemas):
        self.schemas = schemas

    def validate(self, records: list[RawRecord], named: set[tuple[str, str]] | None = None) -> list[Problem]:
        """All problems of all records; ``named`` adds ids of files that exist but failed to load."""
        problems: list[Problem] = []
        for record in records:
            schema_problems = self.schema_problems(record)
            problems.extend(schema_problems)
            # Each schema error is at least one problem. A record the schema accepts has only the
            # fields the schema names, so its dates are where the schema has them: no need to walk
            # through all its values.
            date_fields = None if schema_problems else self.schemas.date_fields[record.collection]
            problems.extend(_date_problems(record, date_fields))
            problems.extend(text_problems(record, self.schemas.multiline[record.collection]))
            problems.extend(calendar_problems(record))
        problems.extend(self.reference_problems(records, named or set()))
        return problems

    # -- schema ---------------------------------------------------------------------------------

    def schema_problems(self, record: RawRecord) -> list[Problem]:
        fast = self.schemas.fast_validators.get(record.collection)
        if fast is not None and fast.is_valid(record.data) and not self._float_for_integer(record):
            return []
        validator = self.schemas.validators[record.collection]
        problems: list[Problem] = []
        for error in validator.iter_errors(record.data):
            problems.extend(self._explain(record, error))
        return problems

    def _float_for_integer(self, record: RawRecord) -> bool:
        """A whole number written with a point (250.000): JSON Schema and jsonschema-rs call 250.0
        an integer, the hub does not (see patterns._is_integer)."""
        return any(
            isinstance(value, float)
            for path in self.schemas.integers[record.collection]
            for _, value in values_at(record.data, path)
        )

    def _explain(self, record: RawRecord, error: jsonschema.ValidationError) -> Iterator[Problem]:
        path: JsonPath = tuple(error.absolute_path)
        # iter_errors fills in every field that a hand-made error may leave unset. The value may
        # be any JSON value. Our schemas are JSON objects (dicts from json.load), never the boolean
        # schemas true and false, which have no keywords to read: {} says what such a schema holds.
        kind = error.validator
        value: Any = error.instance
        expected: Any = error.validator_value
        schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}

        def problem(message: str, at: JsonPath = path, key: bool = False) -> Problem:
            line, column = (record.key_positions.get(at) if key else None) or record.position(at)
            return Problem(record.path, line, column, format_field(at), message)

        if kind == "additionalProperties":
            allowed = sorted(schema.get("properties", {}))
            for key in sorted(set(value) - set(allowed)):
                yield problem(
                    f"unbekanntes Feld '{key}'{_did_you_mean(key, allowed)}; erlaubt sind: {', '.join(allowed)}.",
                    path + (key,),
                    key=True,
                )
        elif kind == "required":
            for name in expected:
                if name not in value:
                    prop = self.schemas.resolve(schema["properties"].get(name, {}))
                    hint = prop.get("description") or prop.get("title") or ""
                    yield problem(f"Pflichtfeld '{name}' fehlt. {hint}".strip())
        elif kind == "type":
            yield problem(self._type_message(record, path, value, expected))
        elif kind == "enum":
            allowed = [str(v) for v in expected]
            shown = quote(value) if not isinstance(value, (dict, list)) else describe(value)
            yield problem(
                f"{shown} ist nicht erlaubt{_did_you_mean(str(value), allowed)}; erlaubt sind: {', '.join(allowed)}."
            )
        elif kind in ("format", "pattern"):
            yield problem(self._form_message(value, schema))
        elif kind == "minLength":
            yield problem(f"zu kurz: mindestens {expected} Zeichen.")
        elif kind == "maxLength":
            yield problem(f"zu lang: {len(value)} Zeichen, erlaubt sind höchstens {expected}.")
        elif kind == "minItems":
            yield problem(f"die Liste braucht mindestens {expected} Eintrag/Einträge.")
        elif kind == "uniqueItems":
            yield problem("die Liste enthält einen Eintrag doppelt; Doppeltes löschen.")
        elif kind in ("minimum", "maximum"):
            yield problem(self._range_message(path, value, schema))
        else:  # keywords our schemas do not use yet: still one clear line
            yield problem(f"ungültiger Wert: {error.message}")

    def _type_message(self, record: RawRecord, path: JsonPath, value: Any, expected: Any) -> str:
        names: list[str] = expected if isinstance(expected, list) else [expected]
        wanted = " oder ".join(_TYPE_NAMES.get(n, n) for n in names)
        raw = record.raw_scalars.get(path, "")
        if value is None:
            return f"Wert fehlt: erwartet {wanted}. Wert eintragen oder die Zeile löschen."
        if "integer" in names and isinstance(value, float):
            return _float_message(raw, value)
        if (
            "boolean" in names
            and isinstance(value, str)
            and value.lower() in {"yes", "no", "on", "off", "y", "n", "ja", "nein"}
        ):
            return f"{quote(value)} ist mehrdeutig: für ja/nein bitte true oder false schreiben."
        if "string" in names and not isinstance(value, (dict, list)):
            return f'erwartet Text, gefunden {describe(value)}; den Wert in Anführungszeichen setzen: "{raw or value}".'
        if "integer" in names and isinstance(value, str) and value.isdigit() and len(value) > MAX_DIGITS:
            return f"die Zahl hat {len(value)} Stellen, erlaubt sind höchstens {MAX_DIGITS}; die Zahl prüfen."
        if "integer" in names and isinstance(value, str) and value.isdigit():
            return f"erwartet eine ganze Zahl; {quote(value)} ohne führende Null schreiben."
        return f"erwartet {wanted}, gefunden {describe(value)}."

    def _form_message(self, value: Any, schema: dict) -> str:
        shown = quote(value)
        fmt = schema.get("format")
        pattern = schema.get("pattern", "")
        if fmt == "date" or pattern.startswith("^[0-9]{4}"):
            expected = self.schemas.resolve(schema).get("description", "Datum im Format JJJJ-MM-TT")
            return f"{shown} ist kein gültiges Datum. {expected}"
        if fmt == "uri" or pattern.startswith("^https?"):
            if str(value).startswith(("http://", "https://")) and len(str(value)) > len("https://"):
                return (
                    f"{shown} ist keine gültige Internetadresse: Leerzeichen, Anführungszeichen, <, > und "
                    f"ein Name mit @ vor dem Server sind nicht erlaubt; die Adresse aus dem Browser kopieren."
                )
            return f"{shown} ist keine gültige Internetadresse; vollständig mit https:// angeben."
        if pattern.startswith("^[a-z0-9]+"):
            from .loader import suggest_id

            return (
                f"{shown} ist keine gültige Kennung: nur a–z, 0–9 und Bindestriche, "
                f"Umlaute ausgeschrieben, z. B. '{suggest_id(str(value))}'."
            )
        return f"{shown} hat nicht die erwartete Form. {schema.get('description', '')}".strip()

    def _range_message(self, path: JsonPath, value: Any, schema: dict) -> str:
        low, high = schema.get("minimum"), schema.get("maximum")
        if path and path[0] == "coordinates":
            return (
                f"{value} liegt außerhalb Brandenburgs (erlaubt {low} bis {high}); "
                f"Breite (lat) und Länge (lon) vertauscht?"
            )
        return f"{value} liegt außerhalb des erlaubten Bereichs {low} bis {high}."

    # -- references -----------------------------------------------------------------------------

    def reference_problems(self, records: list[RawRecord], named: set[tuple[str, str]]) -> list[Problem]:
        ids: dict[str, set[str]] = {name: set() for name in COLLECTIONS}
        for collection, record_id in named:
            ids[collection].add(record_id)
        for record in records:
            ids[record.collection].add(record.id)
        sorted_ids: dict[str, list[str]] = {}  # for suggestions, sorted when the first is needed
        problems = []
        unreadable = {collection for collection, record_id in named if record_id == UNREADABLE}
        for record in records:
            for ref_field in self.schemas.ref_fields[record.collection]:
                if ref_field.target in unreadable:
                    continue  # its folder could not be listed (reported): every reference would look dangling
                if _all_known(
                    ids_at(record.data, ref_field.path),
                    ids[ref_field.target],
                    record.id if ref_field.target == record.collection else None,
                ):
                    continue  # the usual case, at a glance; else each value is looked at below
                for path, value in values_at(record.data, ref_field.path):
                    if ref_field.target == record.collection and value == record.id:
                        line, column = record.position(path)
                        problems.append(
                            Problem(
                                record.path,
                                line,
                                column,
                                format_field(path),
                                f"der Eintrag verweist auf sich selbst ({quote(value)}); diesen Verweis löschen.",
                            )
                        )
                        continue
                    if not isinstance(value, str) or value in ids[ref_field.target]:
                        continue  # wrong types are reported by the schema
                    target = COLLECTIONS[ref_field.target]
                    if ref_field.target not in sorted_ids:
                        sorted_ids[ref_field.target] = sorted(ids[ref_field.target])
                    line, column = record.position(path)
                    problems.append(
                        Problem(
                            record.path,
                            line,
                            column,
                            format_field(path),
                            f"{target.unknown} {quote(value)}"
                            f"{_did_you_mean(value, sorted_ids[ref_field.target])}; "
                            f"es gibt keine Datei data/{target.name}/{value}.yml.",
                        )
                    )
        return problems


def _all_known(values: list[Any], known: set[str], own: str | None) -> bool:
    """Whether each value is a known id and none the record's own."""
    try:
        return known.issuperset(values) and own not in values
    except TypeError:  # a list or fields among them (the schema reports that)
        return False


@functools.lru_cache(maxsize=4096)  # the same dates recur in many records, and pages ask again
def parse_date(text: str) -> dt.date | None:
    """'2021-04', '2021' or '2021-04-21' -> the first day it stands for; None if impossible."""
    parts = text[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return dt.date(*numbers)
    except (ValueError, OverflowError):  # OverflowError: a year of ten digits (found by the fuzz test)
        return None


_SPANS = [(("start",), ("end",)), (("period", "start"), ("period", "end"))]


def _date_problems(record: RawRecord, date_fields: list[tuple[str, ...]] | None = None) -> list[Problem]:
    """Dates that match the pattern but do not exist, and ends before starts. ``date_fields``: where
    the dates are (``Schemas.date_fields``, for a record the schema accepts); else all are searched."""
    problems = []
    for start_path, end_path in _SPANS:
        if end_path[0] not in record.data:  # most records have no end: known at one glance
            continue
        start, end = _get(record.data, start_path), _get(record.data, end_path)
        if isinstance(start, str) and isinstance(end, str):
            start_moment, end_moment = _moment(start), _moment(end)
            if start_moment and end_moment:
                before = end_moment < start_moment  # both with a time: compare the instants
            else:
                before = bool(parse_date(start) and parse_date(end)) and end[: len(start)] < start[: len(end)]
            if before:
                line, column = record.position(end_path)
                problems.append(
                    Problem(
                        record.path,
                        line,
                        column,
                        format_field(end_path),
                        f"Ende {quote(end)} liegt vor dem Beginn {quote(start)}.",
                    )
                )
    if date_fields is None:
        return problems + _impossible_dates(record, _strings_under(record.data, _DATE_KEYS, ()))
    found = _impossible_dates(record, _strings_at(record.data, date_fields))
    if found:  # seldom: found again the usual way, to report them in the order of the file
        found = _impossible_dates(record, _strings_under(record.data, _DATE_KEYS, ()))
    return problems + found


def _impossible_dates(record: RawRecord, dates: Iterable[tuple[JsonPath, str]]) -> list[Problem]:
    problems = []
    for path, value in dates:
        if not _looks_dated(value):
            continue
        if parse_date(value) is None:
            line, column = record.position(path)
            problems.append(
                Problem(
                    record.path,
                    line,
                    column,
                    format_field(path),
                    f"{quote(value)} ist kein Datum, das es gibt (Monat 01–12, Tag passend zum Monat).",
                )
            )
        elif "T" in value and _moment(value) is None:
            line, column = record.position(path)
            problems.append(
                Problem(
                    record.path,
                    line,
                    column,
                    format_field(path),
                    f"{quote(value)} enthält keine Uhrzeit, die es gibt (Stunden 00–23, Minuten 00–59).",
                )
            )
    return problems


def _moment(text: str) -> dt.datetime | None:
    """'2021-04-21T10:00' -> that instant (Berlin unless an offset is given); None without a valid time."""
    if "T" not in text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=_BERLIN)


def _looks_dated(value: str) -> bool:
    return len(value) >= 4 and value[:4].isdigit()


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


_DATE_KEYS = frozenset(
    ("start", "end", "date", "published", "updated", "announced", "application_deadline", "population_as_of")
)


def _strings_at(data: dict, fields: list[tuple[str, ...]]) -> Iterator[tuple[JsonPath, str]]:
    """The texts at the given paths ('*': every list item)."""
    for field_path in fields:
        if len(field_path) == 1:  # most are top-level fields: looked up directly
            value = data.get(field_path[0])
            if isinstance(value, str):
                yield field_path, value
            continue
        for path, value in values_at(data, field_path):
            if isinstance(value, str):
                yield path, value


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
