"""One schema property -> one form field of Decap CMS, generically: nothing here names a field.

The widgets ``hub-text``, ``hub-date``, ``hub-moment``, ``hub-number`` and ``hub-id`` are the hub's
own (admin/hub-widgets.js): a text with the check's rules (``form_rules``) and a German message per
rule, a calendar without „UTC“, a day with an optional time in Berlin time, whole numbers typed as
text and converted exactly once complete (Decap's number widget parses every keystroke: 21.000
became 21), and the record's id, shown once it exists.
"""

from __future__ import annotations

from typing import Any

from ..schemas import Schemas
from . import form_hints, form_rules

MARKDOWN_BUTTONS = ["bold", "italic", "link", "heading-three", "bulleted-list", "numbered-list"]
Path = tuple[str, ...] | None  # where a field stands in the record; None inside a list


def _options(schema: dict) -> list[dict]:
    labels = schema.get("x-labels") or {}
    return [{"label": labels.get(value, value), "value": value} for value in schema["enum"]]


def _relation(target: str, multiple: bool, minimum: int | None) -> dict:
    field = {
        "widget": "relation",
        "collection": target,
        "value_field": "{{slug}}",
        "search_fields": ["title"],
        "display_fields": ["title"],
        "options_length": 500,
        "multiple": multiple,
    }
    if minimum:
        field["min"] = minimum
    return field


def _is_moment(schema: dict) -> bool:
    """A day with an optional time (the schema's pattern allows a 'T')."""
    return "T[0-9]" in (schema.get("pattern") or "") and schema.get("format") != "date"


def _text(schema: dict, name: str, ref: str) -> dict:
    rules = form_rules.text_rules(schema, name)
    if ref.endswith("/markdown"):
        # Decap's own Markdown editor takes one pattern: the rules in one, with a sentence for all
        return {
            "widget": "markdown",
            "modes": ["raw"],
            "buttons": MARKDOWN_BUTTONS,
            "editor_components": [],
            "sanitize_preview": True,
            "pattern": [
                form_rules.combined(rules),
                "Bitte die Länge beachten und keine unsichtbaren Zeichen einfügen.",
            ],
        }
    if schema.get("format") == "date":
        return {"widget": "hub-date", "rules": rules}
    if _is_moment(schema):
        return {"widget": "hub-moment", "rules": rules}
    long_text = bool(schema.get("x-multiline")) or ((schema.get("maxLength") or 0) > 300 and "pattern" not in schema)
    return {"widget": "hub-text", "multiline": long_text, "rules": rules}


def _number(schema: dict, kind: str) -> dict:
    field: dict[str, Any] = {"widget": "hub-number", "value_type": "int" if kind == "integer" else "float"}
    for key, option in (("minimum", "min"), ("maximum", "max")):
        if key in schema:
            field[option] = schema[key]
    return field


def widget(schemas: Schemas, prop: dict, name: str, path: Path) -> dict:
    """The widget options for one property schema (label, name, hint and required: ``field_for``)."""
    ref = prop.get("$ref", "")
    schema = schemas.resolve(prop)
    kind = schema.get("type")
    if "x-ref" in schema:
        return _relation(schema["x-ref"], kind == "array", schema.get("minItems"))
    if kind == "string" and "enum" in schema:
        return {"widget": "select", "options": _options(schema)}
    if kind == "string":
        return _text(schema, name, ref)
    if kind in ("integer", "number"):
        return _number(schema, kind)
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind == "object":
        return {"widget": "object", "collapsed": False, "fields": fields(schemas, schema, path)}
    if kind == "array":
        return _list(schemas, schema)
    raise ValueError(f"Schema-Typ ohne Formularfeld: {schema}")


def _list(schemas: Schemas, schema: dict) -> dict:
    items = schemas.resolve(schema["items"])
    singular = items.get("title") or schema.get("title", "Eintrag")
    if items.get("type") == "string" and "enum" in items:
        field: dict[str, Any] = {"widget": "select", "multiple": True, "options": _options(items)}
    elif items.get("type") == "object":
        inner = fields(schemas, items, None)
        field = {
            "widget": "list",
            "fields": inner,
            "summary": f"{{{{fields.{inner[0]['name']}}}}}",
            "collapsed": False,
            "label_singular": singular,
        }
    else:
        # One input per entry (never Decap's comma-separated list, which splits sentences).
        item = field_for(schemas, "eintrag", schema["items"], True, None)
        item["label"] = singular
        field = {"widget": "list", "field": item, "collapsed": False, "label_singular": singular}
    for key, option in (("minItems", "min"), ("maxItems", "max")):
        if key in schema:
            field[option] = schema[key]
    return field


def field_for(schemas: Schemas, name: str, prop: dict, required: bool, path: Path) -> dict:
    schema = schemas.resolve(prop)
    here = None if path is None else (*path, name)
    options = widget(schemas, prop, name, here)
    title = schema.get("title") or name
    multiple = bool(options.get("multiple"))
    field = {
        "label": title,
        "name": name,
        "required": required,
        "hint": form_hints.hint(schema.get("description"), options["widget"], multiple, title),
        **options,
    }
    if options["widget"] == "object" and not required:
        optional_object(field)
    if here is not None and options["widget"].startswith("hub-"):
        field["path"] = list(here)  # where the hub's widgets find the record's other values
    return field


def fields(schemas: Schemas, schema: dict, path: Path = ()) -> list[dict]:
    """The fields of an object schema. An optional object's required fields are required only
    once the object is filled in: Decap would demand them of an absent object too (11 of 15
    projects could not be saved without an invented start of their period)."""
    required = set(schema.get("required", []))
    result = [
        field_for(schemas, name, prop, name in required, path)
        for name, prop in (schema.get("properties") or {}).items()
    ]
    _pair_start_and_end(result)
    return result


def optional_object(field: dict) -> dict:
    """``field`` (an object) made optional: its required children become required-with-siblings."""
    for child in field.get("fields", []):
        if child.get("required"):
            child["required"] = False
            child["required_with_siblings"] = True
    return field


def _pair_start_and_end(result: list[dict]) -> None:
    """The check's rule "the end lies not before the start" (validation), shown in the form."""
    by_name = {field["name"]: field for field in result}
    start, end = by_name.get("start"), by_name.get("end")
    if start and end and "path" in start and end["widget"].startswith("hub-"):
        end["not_before"] = {"path": start["path"], "label": start["label"]}
