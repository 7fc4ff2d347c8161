"""Open data for spreadsheets: each collection as one CSV file, as German Excel opens it.

UTF-8 with a byte order mark (without it Excel reads the umlauts as Windows-1252), `;` between
cells (Excel in German uses `,` as the decimal mark), one row per record. The header carries the
schema's German titles; lists are joined with " | ", objects written as „Titel: Wert“ pairs,
references as the titles of the records they name, numbers with a decimal comma.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..model import Hub, Record
from ..schemas import Schemas

LIST_SEPARATOR = " | "
# A cell starting with one of these would be read as a formula by a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell_text(value: Any, schema: dict, schemas: Schemas) -> str:
    schema = schemas.resolve(schema)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, list):
        items = schema.get("items", {})
        return LIST_SEPARATOR.join(_cell_text(v, items, schemas) for v in value)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return ", ".join(
            f"{schemas.resolve(props.get(k, {})).get('title', k)}: {_cell_text(v, props.get(k, {}), schemas)}"
            for k, v in value.items()
        )
    if isinstance(value, str):
        # Markdown's line breaks inside a paragraph would make a row look like several in a viewer
        return " ".join(schema.get("x-labels", {}).get(value, value).split())
    return str(value)


def _safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def columns(schemas: Schemas, collection: str) -> list[tuple[str, str, dict]]:
    """(field, German title, schema) of every top-level field, in the schema's order."""
    schema = schemas.resolve(schemas.collection_schema(collection))
    return [
        (name, schemas.resolve(prop).get("title", name), prop) for name, prop in schema.get("properties", {}).items()
    ]


def _row(record: Record, cols: list[tuple[str, str, dict]], url: str) -> list[str]:
    hub = record.hub
    targets = hub.ref_targets[record.collection.name]
    row = [record.id, url]
    for name, _, prop in cols:
        value = record.data.get(name)
        if value is None:
            row.append("")
        elif name in targets:  # references: the titles a reader knows, not the ids
            row.append(LIST_SEPARATOR.join(r.title for r in record.refs(name)))
        else:
            row.append(_safe(_cell_text(value, prop, hub.schemas)))
    return row


def collection_csv(hub: Hub, collection: str, absolute) -> bytes:
    """The collection as CSV bytes; ``absolute`` turns a site path into a full URL."""
    cols = columns(hub.schemas, collection)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(["Kennung", "Adresse der Seite"] + [title for _, title, _ in cols])
    for record in sorted(hub.records[collection].values(), key=lambda r: r.id):
        writer.writerow(_row(record, cols, absolute(record.url)))
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
