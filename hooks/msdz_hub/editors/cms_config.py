"""The Decap CMS configuration, generated from data/schema/ (``python -m msdz_hub cms-config``).

Every collection and every field of the schemas becomes a form field: the schema's German
``title`` is its label, its ``description`` the hint below it. The build writes the result to
site/admin/config.yml, so the form can never drift from the schemas; nothing of it is committed.
What a form cannot check (cross-record rules, ``uniqueItems``) stays with ``make check`` and CI.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..core.collections import COLLECTIONS
from ..schemas import Schemas
from .cms_settings import CmsSettings

ID_FIELD = "kennung"  # form-only: becomes the file name, never written into the file
MARKDOWN_BUTTONS = ["bold", "italic", "link", "heading-three", "bulleted-list", "numbered-list"]


def _hint(schema: dict) -> dict:
    description = schema.get("description")
    return {"hint": description} if description else {}


def _length_pattern(schema: dict) -> dict:
    """Decap has no min/max length: a pattern with the schema's bounds and a German message."""
    low, high = schema.get("minLength"), schema.get("maxLength")
    if schema.get("pattern"):
        return {
            "pattern": [
                schema["pattern"],
                f"Format: {(schema.get('description') or schema.get('title', '')).rstrip('.')}",
            ]
        }
    if low is None and high is None:
        return {}
    low = low or 0
    bounds = f"{low},{high}" if high is not None else f"{low},"
    message = f"{low} bis {high} Zeichen" if high is not None else f"mindestens {low} Zeichen"
    return {"pattern": [f"^[\\s\\S]{{{bounds}}}$", message]}


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


def widget(schemas: Schemas, prop: dict) -> dict:
    """The widget options for one property schema (label, name and required are added by field())."""
    ref = prop.get("$ref", "")
    schema = schemas.resolve(prop)
    kind = schema.get("type")
    if "x-ref" in schema:
        return _relation(schema["x-ref"], kind == "array", schema.get("minItems"))
    if ref.endswith("/markdown"):
        return {
            "widget": "markdown",
            "modes": ["raw"],
            "buttons": MARKDOWN_BUTTONS,
            "editor_components": [],
            "sanitize_preview": True,
            **_length_pattern(schema),
        }
    if kind == "string" and "enum" in schema:
        return {"widget": "select", "options": _options(schema)}
    if kind == "string" and schema.get("format") == "date":
        # A date picker that stores JJJJ-MM-TT; default '' so that an optional date stays empty.
        return {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "DD.MM.YYYY",
            "time_format": False,
            "picker_utc": True,
            "default": "",
        }
    if kind == "string":
        # Partial dates and date-or-datetime have no widget: text with the schema's pattern.
        long_text = ref.endswith("/summary") or ((schema.get("maxLength") or 0) > 300 and "pattern" not in schema)
        return {"widget": "text" if long_text else "string", **_length_pattern(schema)}
    if kind in ("integer", "number"):
        field: dict[str, Any] = {
            "widget": "number",
            "value_type": "int" if kind == "integer" else "float",
            "step": 1 if kind == "integer" else 0.0001,
        }
        for key, option in (("minimum", "min"), ("maximum", "max")):
            if key in schema:
                field[option] = schema[key]
        return field
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind == "object":
        return {"widget": "object", "collapsed": False, "fields": fields(schemas, schema)}
    if kind == "array":
        return _list(schemas, schema)
    raise ValueError(f"Schema-Typ ohne Formularfeld: {schema}")


def _list(schemas: Schemas, schema: dict) -> dict:
    items = schemas.resolve(schema["items"])
    if items.get("type") == "string" and "enum" in items:
        field: dict[str, Any] = {"widget": "select", "multiple": True, "options": _options(items)}
    elif items.get("type") == "object":
        inner = fields(schemas, items)
        field = {"widget": "list", "fields": inner, "summary": f"{{{{fields.{inner[0]['name']}}}}}", "collapsed": False}
    else:
        # One input per entry (never Decap's comma-separated list, which splits sentences).
        item = field_for(schemas, "eintrag", schema["items"], True)
        item["label"] = items.get("title") or schema.get("title", "Eintrag")
        field = {"widget": "list", "field": item, "collapsed": False}
    for key, option in (("minItems", "min"), ("maxItems", "max")):
        if key in schema:
            field[option] = schema[key]
    return field


def field_for(schemas: Schemas, name: str, prop: dict, required: bool) -> dict:
    schema = schemas.resolve(prop)
    field = {
        "label": schema.get("title") or name,
        "name": name,
        "required": required,
        **_hint(schema),
        **widget(schemas, prop),
    }
    if not required and field.get("widget") == "object":
        # Decap demands the required fields of an optional object even when it is left empty
        # (decap-cms#2103, #7748); the schema check of the pull request still asks for them.
        field["fields"] = [{**inner, "required": False} for inner in field["fields"]]
    return field


def fields(schemas: Schemas, schema: dict) -> list[dict]:
    required = set(schema.get("required", []))
    return [field_for(schemas, name, prop, name in required) for name, prop in (schema.get("properties") or {}).items()]


def _id_field(schemas: Schemas) -> dict:
    defs = schemas.resolve({"$ref": "defs.schema.json#/$defs/id"})
    return {
        "label": "Kennung (Dateiname und Adresse)",
        "name": ID_FIELD,
        "widget": "string",
        "required": False,
        "pattern": [defs["pattern"], "Nur a–z, 0–9 und Bindestriche, Umlaute ausgeschrieben (ä → ae, ß → ss)."],
        "hint": "Nur beim Anlegen wirksam. Leer lassen: Sie entsteht beim Speichern aus dem Titel "
        "(ä → ae, ö → oe, ü → ue, ß → ss), z. B. „Bürgerbüro Großräschen“ → buergerbuero-grossraeschen. "
        "Nach der Veröffentlichung nicht mehr ändern: Die Adresse der Seite hängt daran.",
    }


def collection(schemas: Schemas, name: str) -> dict:
    schema = schemas.collection_schema(name)
    info = COLLECTIONS[name]
    form = fields(schemas, schema)
    form.insert(1, _id_field(schemas))  # right after the title it is made from
    return {
        "name": name,
        "label": info.plural,
        "label_singular": info.singular,
        "description": schema.get("description", ""),
        "folder": f"data/{name}",
        "extension": "yml",
        "format": f"msdz-{name}",
        "create": True,
        "delete": False,
        "identifier_field": "title",
        "slug": f"{{{{{ID_FIELD}}}}}",
        "summary": "{{title}}",
        "sortable_fields": ["title"],
        "editor": {"preview": False},
        "fields": form,
    }


def config(schemas: Schemas, settings: CmsSettings) -> dict:
    backend = {
        "name": "github",
        "repo": settings.repo,
        "branch": settings.branch,
        "base_url": settings.auth_url,
        "auth_endpoint": settings.auth_endpoint,
        "auth_scope": "public_repo",
        "open_authoring": True,
        "squash_merges": True,
        "commit_messages": {
            "create": "Neu: {{collection}} „{{slug}}“",
            "update": "Geändert: {{collection}} „{{slug}}“",
            "delete": "Gelöscht: {{collection}} „{{slug}}“",
            "uploadMedia": "Datei hochgeladen: „{{path}}“",
            "deleteMedia": "Datei gelöscht: „{{path}}“",
            "openAuthoring": "{{message}}",
        },
    }
    result: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "de",
        "site_url": settings.site_url,
        "display_url": settings.site_url,
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [collection(schemas, name) for name in COLLECTIONS],
    }
    if settings.local_backend:
        result["local_backend"] = {"url": settings.local_backend}
    return result


def config_text(root: Path, settings: CmsSettings) -> str:
    return config_yaml(Schemas(root / "data" / "schema"), settings)


def config_yaml(schemas: Schemas, settings: CmsSettings) -> str:
    data = config(schemas, settings)
    header = "# Generated from data/schema/ by `python -m msdz_hub cms-config`; do not edit.\n"
    # libyaml's emitter where it is there (as for the pages' front matter): the same text, five times faster
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return header + yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
