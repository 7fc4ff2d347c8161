"""German explanations of what jsonschema found wrong: one line per problem, saying what to do.

jsonschema names the rule that failed (its keyword) and where; each keyword has one function here
that turns the failure into the editor's problem line. A keyword our schemas do not use yet still
gets one clear line, with jsonschema's own words, rather than none.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema

from ..core.paths import JsonPath, format_field
from ..core.problems import Problem
from ..reading import MAX_DIGITS, RawRecord, suggest_id
from ..schemas import Schemas
from .fixes import corrected_address, corrected_date, meant
from .text_rules import quote

_TYPE_NAMES = {
    "string": "Text",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "boolean": "true oder false",
    "array": "eine Liste (Zeilen mit „- “)",
    "object": "Felder der Form „feld: wert“",
    "null": "nichts",
}


@dataclass(frozen=True)
class Failure:
    """One error jsonschema reported for one record, with what its explanation needs."""

    record: RawRecord
    schemas: Schemas
    path: JsonPath
    value: Any  # the value that failed: any JSON value
    expected: Any  # what the failed keyword asks for, e.g. the list of an enum
    schema: dict[str, Any]  # the (sub)schema holding the keyword
    message: str  # jsonschema's own words, for keywords without a German explanation

    def problem(self, message: str, at: JsonPath | None = None, key: bool = False) -> Problem:
        """A problem at ``at`` (default: the failing value); ``key``: at the field's name instead."""
        at = self.path if at is None else at
        line, column = (self.record.key_positions.get(at) if key else None) or self.record.position(at)
        return Problem(self.record.path, line, column, format_field(at), message)


def explain(record: RawRecord, error: jsonschema.ValidationError, schemas: Schemas) -> Iterator[Problem]:
    """The problems one jsonschema error stands for (an unknown-fields error names each field)."""
    # iter_errors fills in every field that a hand-made error may leave unset. Our schemas are JSON
    # objects (dicts from json.load), never the boolean schemas true and false, which have no
    # keywords to read: {} says what such a schema holds.
    failure = Failure(
        record,
        schemas,
        tuple(error.absolute_path),
        error.instance,
        error.validator_value,
        error.schema if isinstance(error.schema, dict) else {},
        error.message,
    )
    yield from _EXPLAIN.get(str(error.validator), _other)(failure)


def describe(value: Any) -> str:
    """A value in words, for a message: 'die Zahl 3', 'eine Liste'."""
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


def did_you_mean(value: str, choices: list[str]) -> str:
    """' (meinten Sie 'x'?)' for the closest of ``choices``, or '' if none is close."""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" (meinten Sie '{close[0]}'?)" if close else ""


def _unknown_fields(failure: Failure) -> Iterator[Problem]:
    allowed = sorted(failure.schema.get("properties", {}))
    for key in sorted(set(failure.value) - set(allowed)):
        yield failure.problem(
            f"unbekanntes Feld '{key}'{did_you_mean(key, allowed)}; erlaubt sind: {', '.join(allowed)}.",
            failure.path + (key,),
            key=True,
        )


def _missing_fields(failure: Failure) -> Iterator[Problem]:
    for name in failure.expected:
        if name in failure.record.damaged and not failure.path:
            continue  # written on a line YAML could not read: that line's problem is reported
        if name not in failure.value:
            prop = failure.schemas.resolve(failure.schema.get("properties", {}).get(name, {}))  # anyOf: none
            hint = prop.get("description") or prop.get("title") or ""
            yield failure.problem(f"Pflichtfeld '{name}' fehlt. {hint}".strip())


def _wrong_type(failure: Failure) -> Iterator[Problem]:
    yield failure.problem(
        _type_message(failure.value, failure.expected, failure.record.raw_scalars.get(failure.path, ""))
    )


def _not_allowed(failure: Failure) -> Iterator[Problem]:
    value = failure.value
    allowed = [str(v) for v in failure.expected]
    shown = quote(value) if not isinstance(value, (dict, list)) else describe(value)
    yield failure.problem(
        f"{shown} ist nicht erlaubt{did_you_mean(str(value), allowed)}; erlaubt sind: {', '.join(allowed)}."
    )


def _bad_form(failure: Failure) -> Iterator[Problem]:
    yield failure.problem(_form_message(failure.value, failure.schema, failure.schemas))


def _too_short(failure: Failure) -> Iterator[Problem]:
    yield failure.problem(f"zu kurz: mindestens {failure.expected} Zeichen.")


def _too_long(failure: Failure) -> Iterator[Problem]:
    yield failure.problem(f"zu lang: {len(failure.value)} Zeichen, erlaubt sind höchstens {failure.expected}.")


def _too_few_items(failure: Failure) -> Iterator[Problem]:
    yield failure.problem(f"die Liste braucht mindestens {failure.expected} Eintrag/Einträge.")


def _repeated_items(failure: Failure) -> Iterator[Problem]:
    yield failure.problem("die Liste enthält einen Eintrag doppelt; Doppeltes löschen.")


def _out_of_range(failure: Failure) -> Iterator[Problem]:
    low, high = failure.schema.get("minimum"), failure.schema.get("maximum")
    if failure.path and failure.path[0] == "coordinates":
        yield failure.problem(
            f"{failure.value} liegt außerhalb Brandenburgs (erlaubt {low} bis {high}); "
            f"Breite (lat) und Länge (lon) vertauscht?"
        )
    else:
        yield failure.problem(f"{failure.value} liegt außerhalb des erlaubten Bereichs {low} bis {high}.")


def _none_of(failure: Failure) -> Iterator[Problem]:
    """anyOf of required fields (a contact needs an e-mail, a telephone or a contact page)."""
    options = [" und ".join(s.get("required", [])) for s in failure.expected if isinstance(s, dict)]
    if all(options):
        yield failure.problem(f"braucht mindestens eines dieser Felder: {' oder '.join(options)}.")
    else:
        yield from _other(failure)


def _other(failure: Failure) -> Iterator[Problem]:
    """A keyword without its own explanation (our schemas do not use it yet): still one clear line."""
    yield failure.problem(f"ungültiger Wert: {failure.message}")


_EXPLAIN: dict[str, Callable[[Failure], Iterator[Problem]]] = {
    "additionalProperties": _unknown_fields,
    "required": _missing_fields,
    "type": _wrong_type,
    "enum": _not_allowed,
    "format": _bad_form,
    "pattern": _bad_form,
    "minLength": _too_short,
    "maxLength": _too_long,
    "minItems": _too_few_items,
    "uniqueItems": _repeated_items,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "anyOf": _none_of,
}


def _type_message(value: Any, expected: Any, raw: str) -> str:
    """``raw``: the number as the file writes it, where the value is one."""
    names: list[str] = expected if isinstance(expected, list) else [expected]
    wanted = " oder ".join(_TYPE_NAMES.get(n, n) for n in names)
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


def _form_message(value: Any, schema: dict, schemas: Schemas) -> str:
    shown = quote(value)
    fmt = schema.get("format")
    pattern = schema.get("pattern", "")
    if fmt == "date" or pattern.startswith("^[0-9]{4}"):
        fix = corrected_date(str(value), with_time="T[0-9]" in pattern)
        if fix:
            return f"{shown} ist kein gültiges Datum{meant(fix)}"
        expected = schemas.resolve(schema).get("description", "Datum im Format JJJJ-MM-TT")
        return f"{shown} ist kein gültiges Datum. {expected}"
    if fmt == "uri" or pattern.startswith("^https?"):
        return address_message(str(value))
    if pattern.startswith("^[a-z0-9]+"):
        return (
            f"{shown} ist keine gültige Kennung (nur a–z, 0–9 und Bindestriche, Umlaute ausgeschrieben)"
            f"{meant(suggest_id(str(value)))}"
        )
    return f"{shown} hat nicht die erwartete Form. {schema.get('description', '')}".strip()


def address_message(value: str) -> str:
    """Why a web address is refused: only the reason that applies, and the fix where it is certain."""
    shown = quote(value)
    fix = corrected_address(value)
    if fix:
        return f"{shown} ist keine vollständige Internetadresse{meant(fix)}"
    if not value.startswith(("http://", "https://")):
        return f"{shown} ist keine gültige Internetadresse: eine Website-Adresse beginnt mit https:// (oder http://)."
    reasons = [reason for test, reason in _ADDRESS_REASONS if test(value)]
    if not reasons:
        return f"{shown} ist keine gültige Internetadresse; die Adresse aus der Adresszeile des Browsers kopieren."
    return f"{shown} ist keine gültige Internetadresse: {'; '.join(reasons)}."


_ADDRESS_REASONS: list[tuple[Callable[[str], bool], str]] = [
    (lambda v: bool(re.search(r"\s", v)), "sie enthält Leerzeichen"),
    (lambda v: bool(re.search(r"[\"<>{}|^`\\]", v)), 'sie enthält Zeichen wie " < > oder \\'),
    (lambda v: "@" in v.split("/")[2] if v.count("/") >= 2 else False, "ein Name mit @ vor dem Server"),
    (lambda v: bool(re.search(r"[^\x00-\x7f]", v)), "Umlaute oder andere Sonderzeichen müssen kodiert sein (%C3%BC)"),
    (lambda v: bool(re.search(r"%(?![0-9A-Fa-f]{2})", v)), "ein % ohne zwei Ziffern oder Buchstaben A–F danach"),
    (lambda v: not re.match(r"https?://[^/?#:@]+", v), "nach https:// fehlt der Name des Servers"),
    (
        lambda v: not re.match(r"https?://[A-Za-z0-9.-]*(?:[:/?#]|$)", v),
        "der Name des Servers enthält Zeichen wie + oder _",
    ),
    (
        lambda v: bool(re.match(r"https?://[^/?#]*:(?![0-9]+(?:[/?#]|$))", v)),
        "die Angabe nach dem : ist keine Portnummer",
    ),
]
