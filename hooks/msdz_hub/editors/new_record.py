"""`make new`: a new data file with every field of its schema as a commented template.

Required fields stand uncommented with an empty value, optional ones are commented out; every
field is preceded by its German title and description from the schema (and the allowed values
of enum fields). An empty value is ``null``, which no field of any schema accepts, so
``make check`` names each field that still has to be filled in before the file can go live.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from ..core.collections import COLLECTIONS
from ..reading import suggest_id
from ..schemas import Schemas

HEADER = "# yaml-language-server: $schema=../schema/{collection}.schema.json"
INDENT = "  "
WIDTH = 100  # comment lines are wrapped here


class NewRecordError(Exception):
    """A German message for the editor: the file could not be created."""


def find_collection(name: str) -> str:
    """'practices' or its German address 'praxisbeispiele' -> 'practices'."""
    wanted = name.strip().lower()
    for collection in COLLECTIONS.values():
        if wanted in (collection.name, collection.url_folder):
            return collection.name
    choices = ", ".join(f"{c.name} ({c.plural})" for c in COLLECTIONS.values())
    raise NewRecordError(f"unbekannte Sammlung '{name}'; möglich sind: {choices}.")


def create(root: Path, collection: str, title: str) -> Path:
    """Write data/<collection>/<slug of title>.yml; never overwrites an existing file."""
    collection = find_collection(collection)
    title = title.strip()
    if not title:
        raise NewRecordError("Titel fehlt.")
    path = root / "data" / collection / f"{suggest_id(title)}.yml"
    text = template(Schemas(root / "data" / "schema"), collection, title)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:  # "x": fail if it exists
            file.write(text)
    except FileExistsError:
        raise NewRecordError(
            f"{path.relative_to(root).as_posix()} gibt es schon – diese Datei bearbeiten "
            f"oder einen anderen Titel wählen."
        ) from None
    return path


def template(schemas: Schemas, collection: str, title: str) -> str:
    schema = schemas.collection_schema(collection)
    lines = [HEADER.format(collection=collection)]
    lines += _comment(f"{schema['title']}: {schema['description']}", "")
    lines += _comment(
        "Pflichtfelder ausfüllen (leere Werte machen `make check` rot). Optionale Felder bei Bedarf "
        "einschalten: „# “ am Zeilenanfang löschen. Zeilen, die mit # beginnen, sind nur Hinweise.",
        "",
    )
    lines += _fields(schemas, schema, "", {"title": json.dumps(title, ensure_ascii=False)})
    return "\n".join(lines) + "\n"


def _fields(schemas: Schemas, schema: dict, indent: str, values: dict[str, str] | None = None) -> list[str]:
    """The lines of every property of an object schema, in the schema's order."""
    required = schema.get("required", [])
    lines: list[str] = []
    for key, prop in schema.get("properties", {}).items():
        if not indent:
            lines.append("")  # a blank line between top-level fields
        resolved = schemas.resolve(prop)
        lines += _comment(_explain(schemas, prop, resolved, key in required), indent)
        body = _body(schemas, key, resolved, indent, (values or {}).get(key))
        if key not in required:  # commented out at its own indentation, nested hints included
            body = [line[: len(indent)] + "# " + line[len(indent) :] for line in body]
        lines += body
    return lines


def _body(schemas: Schemas, key: str, resolved: dict, indent: str, value: str | None) -> list[str]:
    """`key:` with an empty value; objects and lists of objects spelled out with their fields."""
    kind = resolved.get("type")
    items = schemas.resolve(resolved.get("items", {}))
    if kind == "object":
        return [f"{indent}{key}:"] + _fields(schemas, resolved, indent + INDENT)
    if kind == "array" and items.get("type") == "object":
        item = _fields(schemas, items, indent + INDENT * 2)  # one entry, to copy for more
        first = next(i for i, line in enumerate(item) if not line.lstrip().startswith("#"))
        dash = indent + INDENT  # the entry's first key follows "- ", its hints stand above the "-"
        head = [dash + line.lstrip() for line in item[:first]] + [f"{dash}- {item[first].lstrip()}"]
        return [f"{indent}{key}:"] + head + item[first + 1 :]
    return [f"{indent}{key}:" + (f" {value}" if value else "")]


def _explain(schemas: Schemas, prop: dict, resolved: dict, required: bool) -> str:
    """'Titel (Pflichtfeld): Beschreibung. Hinweis zur Schreibweise.'"""
    own = resolved.get("description", "")
    parts = [own]
    base = schemas.resolve({"$ref": prop["$ref"]}) if "$ref" in prop else {}
    if base.get("pattern") and "x-ref" not in resolved and "JJJJ" not in own and base.get("description") != own:
        parts.append(base.get("description", ""))  # the date or address format the own text omits
    parts.append(_hint(schemas, resolved))
    text = " ".join(p for p in parts if p)
    head = f"{resolved.get('title', '')} ({'Pflichtfeld' if required else 'optional'})"
    return f"{head}: {text}" if text else head


def _hint(schemas: Schemas, resolved: dict) -> str:
    kind = resolved.get("type", "")  # no type, no hint
    target = resolved.get("x-ref")
    if kind == "array":
        items = schemas.resolve(resolved.get("items", {}))
        if target:
            return f"Liste von Kennungen aus data/{target}/, z. B. [kennung-1, kennung-2]."
        if "enum" in items:
            return "Liste, z. B. [wert-1, wert-2]; erlaubte Werte: " + _allowed(items) + "."
        if items.get("type") == "object":
            return "Liste: jeder Eintrag beginnt mit „- “."
        return "Liste: je Eintrag eine eingerückte Zeile „  - …“."
    if "enum" in resolved:
        return "Erlaubte Werte: " + _allowed(resolved) + "."
    if target:
        return f"Kennung aus data/{target}/."
    return {
        "boolean": "true oder false.",
        "integer": "Ganze Zahl ohne Tausenderpunkt.",
        "number": "Zahl mit Dezimalpunkt.",
    }.get(kind, "")


def _allowed(schema: dict) -> str:
    labels = schema.get("x-labels", {})
    return ", ".join(f"{value} ({labels[value]})" if value in labels else str(value) for value in schema["enum"])


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}#   ",
        break_on_hyphens=False,
        break_long_words=False,
    )


def ask(label: str, value: str | None, interactive: bool, choices: str = "") -> str:
    """The value given on the command line, or asked for on a terminal."""
    if value:
        return value
    if not interactive:
        raise NewRecordError(
            f'{label} fehlt. Beispiel: make new COLLECTION=practices TITLE="Mein Beispiel" '
            f'(oder: python -m msdz_hub new practices "Mein Beispiel").'
        )
    return input(f"{label}{f' ({choices})' if choices else ''}: ").strip()


def collection_choices() -> str:
    return ", ".join(f"{c.name} = {c.plural}" for c in COLLECTIONS.values())
