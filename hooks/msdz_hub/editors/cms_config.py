"""The Decap CMS configuration, generated from data/schema/ (``python -m msdz_hub cms-config``).

Every collection and every field of the schemas becomes a form field (``form_fields``): the
schema's German ``title`` is its label, its ``description`` in plain words the hint below it. The build writes the result to
site/admin/config.yml, so the form can never drift from the schemas; nothing of it is committed.
What a form cannot check (references between records, ``uniqueItems``) stays with ``make check``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..core.collections import COLLECTIONS
from ..schemas import Schemas
from .cms_settings import CmsSettings
from .form_fields import fields
from .form_rules import text_rules

ID_FIELD = "kennung"  # form-only: becomes the file name, never written into the file


def _id_field(schemas: Schemas) -> dict:
    defs = schemas.resolve({"$ref": "defs.schema.json#/$defs/id"})
    return {
        "label": "Kennung (Dateiname und Adresse)",
        "name": ID_FIELD,
        "widget": "hub-id",
        "required": False,
        "rules": [
            *text_rules({"maxLength": 100}, ID_FIELD)[:1],
            (defs["pattern"], "Nur a–z, 0–9 und Bindestriche, Umlaute ausgeschrieben (ä → ae, ß → ss)."),
        ],
        "hint": "Leer lassen: Sie entsteht beim ersten Speichern aus dem Titel (ä → ae, ö → oe, ü → ue, "
        "ß → ss), z. B. „Bürgerbüro Großräschen“ → buergerbuero-grossraeschen. Danach steht sie hier "
        "und bleibt: Die Adresse der Seite hängt daran.",
    }


def collection(schemas: Schemas, name: str) -> dict:
    schema = schemas.collection_schema(name)
    info = COLLECTIONS[name]
    form = fields(schemas, schema)
    if name == "events":  # validation.calendar_rules asks this of events only: as a calendar program would
        for field in form:
            if "not_before" in field:
                field["not_before"]["calendar"] = True
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
        # No „Veröffentlichen“ in the form: the guide's path is „Zur Prüfung“, the editors publish by
        # taking the pull request on GitHub (publish: false hides Decap's publish controls).
        "publish": False,
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
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    dumper = type("FormDumper", (base,), {"ignore_aliases": lambda self, data: True})  # no &id001 in the config
    return header + yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
