"""Open data for spreadsheets: each collection as one CSV file, as German Excel opens it.

UTF-8 with a byte order mark (without it Excel reads the umlauts as Windows-1252), `;` between
cells (Excel in German uses `,` as the decimal mark, and reads „51,59“ in such a file as a number),
one row per record. The header carries the schema's German titles. A field that is an object
(a town's coordinates, an event's place, a period) gets one column per part, so latitude and
longitude are numbers of their own. Lists are joined with " | ", and so are the paragraphs and list
items of a Markdown text (without their dashes); references, at any depth, are the titles of the
records they name, never ids.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from ..core.markdown_html import to_html
from ..model import Hub, Record
from ..schemas import Schemas

LIST_SEPARATOR = " | "
# A cell starting with one of these would be read as a formula by a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_REF = "#/$defs/markdown"

Path = tuple[str, ...]  # a field inside a record: ("location", "city"), ("themes", "*", "topic")


@dataclass(frozen=True)
class Column:
    path: Path  # ("title",) or, for a part of an object, ("coordinates", "lat")
    title: str  # the German header
    schema: dict


def _object_parts(schemas: Schemas, schema: dict) -> dict[str, dict]:
    """The properties of an object field (a column each), empty for every other kind of field."""
    resolved = schemas.resolve(schema)
    return resolved.get("properties", {}) if resolved.get("type") == "object" else {}


def columns(schemas: Schemas, collection: str) -> list[Column]:
    """Every top-level field in the schema's order; an object field as one column per part,
    headed „Lage – Breite“ (or just „Ort“ where the part has the field's own title)."""
    schema = schemas.resolve(schemas.collection_schema(collection))
    found = []
    for name, prop in schema.get("properties", {}).items():
        title = schemas.resolve(prop).get("title", name)
        parts = _object_parts(schemas, prop)
        if not parts:
            found.append(Column((name,), title, prop))
        for part, part_schema in parts.items():
            part_title = schemas.resolve(part_schema).get("title", part)
            found.append(Column((name, part), title if part_title == title else f"{title} – {part_title}", part_schema))
    return found


class _TextBlocks(HTMLParser):
    """The paragraphs, list items and headings of sanitised HTML as plain text, one string each;
    a link keeps its address in brackets."""

    BLOCKS = {"p", "li", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "pre", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]
        self._href: str | None = None
        self._link_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS or tag == "br":
            self.blocks.append("")
        elif tag == "a":
            self._href, self._link_text = dict(attrs).get("href"), ""

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.blocks.append("")
        elif tag == "a" and self._href:
            if self._href.removeprefix("mailto:") != self._link_text.strip():
                self.blocks[-1] += f" ({self._href})"
            self._href = None

    def handle_data(self, data: str) -> None:
        self.blocks[-1] += data
        if self._href:
            self._link_text += data

    def text(self) -> str:
        return LIST_SEPARATOR.join(filter(None, (" ".join(b.split()) for b in self.blocks)))


_plain_texts: dict[str, str] | None = None  # by Markdown, in `make serve` (``keep_plain_texts``)


def keep_plain_texts() -> None:
    """Keep each Markdown field's plain text for the whole process (`make serve`): a rebuild of the
    CSV then renders only the texts an edit changed, not every record's. A build keeps nothing."""
    global _plain_texts
    if _plain_texts is None:
        _plain_texts = {}


def markdown_text(text: str) -> str:
    """A Markdown field as one line of plain text: paragraphs and list items joined with " | "."""
    if _plain_texts is None:
        return _markdown_text(text)
    plain = _plain_texts.get(text)
    if plain is None:
        plain = _plain_texts[text] = _markdown_text(text)
    return plain


def _markdown_text(text: str) -> str:
    parser = _TextBlocks()
    parser.feed(str(to_html(text)))
    parser.close()
    return parser.text()


def _is_markdown(schema: dict) -> bool:
    return str(schema.get("$ref", "")).endswith(_MARKDOWN_REF)


class _Cells:
    """What a record's values look like in a cell, for one collection."""

    def __init__(self, hub: Hub, collection: str):
        self.hub = hub
        self.schemas = hub.schemas
        self.refs: dict[Path, str] = {field.path: field.target for field in hub.schemas.ref_fields[collection]}

    def text(self, value: Any, schema: dict, path: Path) -> str:
        if path in self.refs and isinstance(value, str):  # the title a reader knows, not the id
            return self.hub.get(self.refs[path], value).title
        resolved = self.schemas.resolve(schema)
        if isinstance(value, bool):
            return "ja" if value else "nein"
        if isinstance(value, float):
            return str(value).replace(".", ",")  # the decimal comma of a German spreadsheet
        if isinstance(value, list):
            items = resolved.get("items", {})
            return LIST_SEPARATOR.join(self.text(v, items, (*path, "*")) for v in value)
        if isinstance(value, dict):
            props = resolved.get("properties", {})
            return ", ".join(
                f"{self.schemas.resolve(props.get(k, {})).get('title', k)}: {self.text(v, props.get(k, {}), (*path, k))}"
                for k, v in value.items()
            )
        if isinstance(value, str):
            if _is_markdown(schema):
                return markdown_text(value)
            # line breaks inside a text would make a row look like several in a viewer
            return " ".join(resolved.get("x-labels", {}).get(value, value).split())
        return str(value)

    def cell(self, record: Record, column: Column) -> str:
        value: Any = record.data
        for key in column.path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            return ""
        text = self.text(value, column.schema, column.path)
        return guard_formula(text) if isinstance(value, str | list | dict) else text


def guard_formula(text: str) -> str:
    """Text that a spreadsheet would run as a formula, made plain text by a leading apostrophe.
    Numbers are never guarded: „-3,5“ stays a number."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def collection_csv(hub: Hub, collection: str, absolute: Callable[[str], str]) -> bytes:
    """The collection as CSV bytes; ``absolute`` turns a site path into a full URL."""
    cols = columns(hub.schemas, collection)
    cells = _Cells(hub, collection)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(["Kennung", "Adresse der Seite"] + [c.title for c in cols])
    for record in sorted(hub.records[collection].values(), key=lambda r: r.id):  # `make serve` keeps the rows
        writer.writerow(hub.piece(("csv", record.key), _row, record, cells, cols, absolute))
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _row(record: Record, cells: _Cells, cols: list[Column], absolute: Callable[[str], str]) -> list[str]:
    return [record.id, absolute(record.url)] + [cells.cell(record, c) for c in cols]
