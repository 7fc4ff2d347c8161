"""Open data: every collection as JSON, with the schemas beside it and the licence inside.

Each record keeps all its fields exactly as in data/ (so the collection schema validates it), and
gains its id, its page URL and its references resolved to ids and URLs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from pathlib import Path

from ..core.collections import COLLECTIONS
from ..core.paths import values_at
from ..core.settings import SiteSettings
from ..model import Hub, Record
from .dcat import catalog_ttl
from .opendata_csv import collection_csv

LICENCE = {
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "id": "dl-de/by-2-0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
    "attribution": "Wissenstransfer-Hub „Meine Stadt der Zukunft“, Land Brandenburg",
}
DATA_FOLDER = "daten/"


def _dump(value: object) -> bytes:
    # sort_keys and a fixed layout: the same data always gives the same bytes
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def export_record(record: Record, settings: SiteSettings) -> dict:
    links: dict[str, list[dict[str, str]]] = {}
    for ref_field in record.hub.schemas.ref_fields[record.collection.name]:
        name = ".".join(p for p in ref_field.path if p != "*")  # e.g. "cities", "themes.topic"
        for _, value in values_at(record.data, ref_field.path):
            target = record.hub.get(ref_field.target, value)
            link = {"id": target.id, "url": settings.absolute(target.url)}
            if link not in links.setdefault(name, []):
                links[name].append(link)
    return {
        "id": record.id,
        "url": settings.absolute(record.url),
        "source_file": record.path,
        # the record's last change, as on its page and in the feeds (ISO 8601, Berlin offset)
        "modified": record.changed.isoformat() if record.changed else None,
        "data": record.data,
        "links": links,
    }


def _collection_json(hub: Hub, name: str, settings: SiteSettings) -> bytes:
    """What ``_dump`` gives for the collection, with each record's text made once (`make serve` keeps
    it, Hub.piece): the records' list, as it stands in the file, put in where the empty one was."""
    records = sorted(hub.records[name].values(), key=lambda r: r.id)
    entries = ",\n".join(hub.piece(("json", r.key), _record_json, r, settings) for r in records)
    head, marker, tail = _dump(
        {
            "collection": name,
            "title": COLLECTIONS[name].plural,
            "licence": LICENCE,
            "schema": settings.absolute(f"{DATA_FOLDER}schema/{name}.schema.json"),
            "records": [],
        }
    ).partition(_NO_RECORDS)
    return head + (b'"records": [\n' + entries.encode("utf-8") + b"\n  ]" if records else marker) + tail


_NO_RECORDS = b'"records": []'  # keys are sorted: only "collection" and "licence" come before it


def _record_json(record: Record, settings: SiteSettings) -> str:
    """A record as it stands in its collection's file: indented by two levels."""
    text = json.dumps(export_record(record, settings), ensure_ascii=False, indent=2, sort_keys=True)
    return "    " + text.replace("\n", "\n    ")


def _catalog(hub: Hub, settings: SiteSettings, absolute: Callable[[str], str] | None = None) -> bytes:
    """The DCAT catalogue; ``absolute`` maps its paths to URLs (a dated release points elsewhere)."""
    # Collections without dates (topics, towns) are as new as the newest record: no clock, so a
    # second build of the same data gives the same bytes.
    newest = max((r.updated for r in hub.every() if r.updated), default=dt.date(2020, 1, 1))
    return catalog_ttl(
        hub,
        absolute or settings.absolute,
        settings.title,
        settings.description or settings.title,
        settings.publisher or LICENCE["attribution"],
        LICENCE["attribution"],
        newest,
        (", ".join(p for p in (settings.operator.name, settings.operator.unit) if p), settings.operator.email),
    )


def open_data_outputs(hub: Hub, schema_dir: Path, settings: SiteSettings) -> dict[str, Callable[[], bytes]]:
    """Each open data file by path, made when called: every collection as JSON and CSV, the
    schemas beside them, and the DCAT catalogue."""
    outputs: dict[str, Callable[[], bytes]] = {}
    for name in COLLECTIONS:
        outputs[f"{DATA_FOLDER}{name}.json"] = functools.partial(_collection_json, hub, name, settings)
        outputs[f"{DATA_FOLDER}{name}.csv"] = functools.partial(collection_csv, hub, name, settings.absolute)
    for path in sorted(schema_dir.glob("*.schema.json")):
        outputs[f"{DATA_FOLDER}schema/{path.name}"] = path.read_bytes
    outputs[f"{DATA_FOLDER}catalog.ttl"] = functools.partial(_catalog, hub, settings)
    return outputs


release_catalog = _catalog  # msdz_hub.engine.release: the same catalogue, pointing to a dated release
