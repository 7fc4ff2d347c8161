"""A hub whose every text field, in every collection, carries the XSS payloads of tests/xss_payloads.txt.

Used by tests/test_harmless_text.py (the built files, read with parsers) and by
tests/browser/test_xss_browser.py (every page in Chromium). The text fields are found in the schemas
(strings without enum, pattern or format), so a new field is attacked without changing this file.
Payloads are packed into values up to each field's maxLength; a field that holds fewer per value gets
more records, so every payload passes through every field (one that is longer than a field's
maxLength cannot be written there at all: the schema refuses it).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from support import ROOT, TinyHub, copy_repository, run_mkdocs_build

PAYLOAD_FILE = ROOT / "tests" / "xss_payloads.txt"
PAYLOADS = [line for line in PAYLOAD_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
SOURCES = [{"url": "https://msdz.brandenburg.de/", "title": "Startseite", "publisher": "MIL"}]
PLAIN = "Ein harmloser Text ohne Auffälligkeiten."

CONTACT = {
    "office": "",
    "url": "https://msdz.brandenburg.de/",
    "source": "https://msdz.brandenburg.de/",
    "confirmed": "2026-12-01",
}
# A valid record per collection, referring to the tiny hub's records; text fields are overwritten.
BASE_RECORDS: dict[str, dict] = {
    "topics": {"title": "", "summary": ""},
    "organisations": {"title": "", "kind": "buero", "summary": "", "sources": SOURCES},
    "rounds": {
        "title": "",
        "number": 2,
        "period": {"start": "2023", "end": "2025"},
        "summary": "",
        "themes": [],
        "sources": SOURCES,
    },
    "cities": {
        "title": "",
        "district": "",
        "summary": "",
        "coordinates": {"lat": 52.4, "lon": 13.05},
        "sources": SOURCES,
    },
    "projects": {
        "title": "",
        "round": "runde-1",
        "cities": ["zossen"],
        "topics": ["klimawandel"],
        "summary": "",
        "published": "2021-02-10",
        "sources": SOURCES,
        # the text fields of both (office, person, note) carry payloads
        "contact": CONTACT,
        "status_after_funding": {"state": "unbekannt", "as_of": "2026-12"},
    },
    "events": {
        "title": "",
        "kind": "workshop",
        "start": "2021-05-04T18:00",
        "end": "2021-05-04T20:00",
        "location": {"name": "", "city": "zossen"},
        "summary": "",
        "projects": ["zossen-2021"],
        "topics": ["klimawandel"],
        "published": "2021-05-01",
        "sources": SOURCES,
    },
    "practices": {
        "title": "",
        "summary": "",
        "projects": ["zossen-2021"],
        "topics": ["klimawandel"],
        "context": "",
        "steps": [],
        "transferability": "",
        "published": "2026-11-26",
        "sources": SOURCES,
        "contact": CONTACT,
    },
    "news": {
        "title": "",
        "published": "2021-05-05",
        "summary": "",
        "topics": ["klimawandel"],
        "cities": ["zossen"],
        "sources": SOURCES,
    },
}
# What a list item of objects needs besides its text fields.
ITEM_BASES: dict[tuple[str, str], dict] = {
    ("rounds", "themes"): {"kind": "querschnittsthema", "topic": "klimawandel"},
    ("projects", "milestones"): {"date": "2021-05"},
    ("events", "speakers"): {},
    # a source's title and publisher carry payloads too; every entry keeps the same address
    **{
        (name, "sources"): dict(SOURCES[0])
        for name in ("topics", "rounds", "cities", "projects", "events", "practices", "news", "organisations")
    },
}
# Text that tries to break out of the calendar's lines: one more event, with its own summary.
ICS_INJECTION = "Ende der Zeile\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:eingeschleust\r\nDTSTART:20210101"
# A title is one line (line breaks in it are refused, see tests/bad_input/calendar-lines-in-title);
# a summary may hold line breaks, but no carriage return (a control character).
ICS_INJECTION_TITLE = "Ende der Zeile END:VEVENT BEGIN:VEVENT; SUMMARY:eingeschleust, DTSTART:20210101"
ICS_INJECTION_SUMMARY = ICS_INJECTION.replace("\r\n", "\n")


@dataclass
class TextField:
    path: tuple[str, ...]  # "*" marks the items of a list
    min_length: int
    max_length: int
    markdown: bool


@dataclass
class PayloadHub:
    root: Path
    site: Path
    records: dict[str, list[str]] = field(default_factory=dict)  # collection -> ids of payload records
    fields: dict[str, list[TextField]] = field(default_factory=dict)


def text_fields(collection: str) -> list[TextField]:
    from msdz_hub.schemas import Schemas

    schemas = Schemas(ROOT / "data" / "schema")
    found: list[TextField] = []

    def walk(schema: dict, path: tuple[str, ...]) -> None:
        markdown = schema.get("$ref", "").endswith("/markdown")
        schema = schemas.resolve(schema)
        kind = schema.get("type")
        if kind == "object":
            for key, prop in schema.get("properties", {}).items():
                walk(prop, path + (key,))
        elif kind == "array":
            walk(schema["items"], path + ("*",))
        elif kind == "string" and not {"enum", "pattern", "format", "x-ref"} & set(schema):
            found.append(TextField(path, schema.get("minLength", 0), schema.get("maxLength", 20000), markdown))

    walk(schemas.collection_schema(collection), ())
    return found


def pack(payloads: list[str], text: TextField) -> list[str]:
    """The payloads joined into as few values as the field's maxLength allows."""
    separator = "\n\n" if text.markdown else " "
    values: list[str] = []
    for payload in sorted(payloads, key=len, reverse=True):  # first fit, longest first: few records
        if len(payload) > text.max_length:
            continue
        for index, value in enumerate(values):
            if len(value) + len(separator) + len(payload) <= text.max_length:
                values[index] += separator + payload
                break
        else:
            values.append(payload)
    return [value + " x" * max(0, (text.min_length - len(value) + 1) // 2) for value in values]


def _set(data: dict, path: tuple[str, ...], value) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def payload_records(collection: str) -> tuple[list[dict], list[TextField]]:
    fields = text_fields(collection)
    scalar = [f for f in fields if "*" not in f.path]
    listed = [f for f in fields if "*" in f.path]
    packed = {f.path: pack(PAYLOADS, f) for f in scalar}
    count = max(len(values) for values in packed.values())
    records = []
    for index in range(count):
        record = copy.deepcopy(BASE_RECORDS[collection])
        if collection == "rounds":
            record["number"] = 2 + index % 19
        for f in scalar:  # once every payload has passed, plain text keeps the pages small
            values = packed[f.path]
            _set(record, f.path, values[index] if index < len(values) else PLAIN[: f.max_length])
        # Lists: one payload per item, all of them in the first record, two in each of the others.
        for f in listed:
            star = f.path.index("*")
            head, tail = f.path[:star], f.path[star + 1 :]
            item_text = TextField(tail, f.min_length, f.max_length, f.markdown)
            items = [p + " x" * max(0, (f.min_length - len(p) + 1) // 2) for p in PAYLOADS if len(p) <= f.max_length]
            items = items if index == 0 else [items[index % len(items)], items[(index + 1) % len(items)]]
            if not tail:
                _set(record, head, items)
                continue
            container = record
            for key in head[:-1]:
                container = container.setdefault(key, {})
            existing = container.setdefault(head[-1], [])
            base = ITEM_BASES[(collection, head[-1])]
            while len(existing) < len(items):
                existing.append(copy.deepcopy(base))
            for item, text in zip(existing, items, strict=False):  # existing may hold more items
                _set(item, item_text.path, text)
        records.append(record)
    return records, fields


def write_payload_hub(root: Path) -> PayloadHub:
    """The repository (configuration, docs, templates, hooks) with the tiny hub and the payload records."""
    copy_repository(root, with_data=False)
    tiny = TinyHub(root)
    hub = PayloadHub(root, root / "site")
    for collection in BASE_RECORDS:
        records, fields = payload_records(collection)
        hub.fields[collection] = fields
        hub.records[collection] = []
        for index, record in enumerate(records):
            record_id = f"xss-{index + 1}"
            tiny.write(
                f"{collection}/{record_id}.yml",
                yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=10_000),
            )
            hub.records[collection].append(record_id)
    # One more event whose text tries to add lines to the calendar.
    event = copy.deepcopy(BASE_RECORDS["events"])
    event.update(
        title=ICS_INJECTION_TITLE,
        summary=ICS_INJECTION_SUMMARY,
        location={"name": "Ort; mit, Zeichen \\ und: Doppelpunkt"},
    )
    tiny.write("events/xss-kalender.yml", yaml.safe_dump(event, allow_unicode=True, sort_keys=False, width=10_000))
    hub.records["events"].append("xss-kalender")
    return hub


def build_payload_hub(root: Path) -> PayloadHub:
    hub = write_payload_hub(root)
    result = run_mkdocs_build(root, hub.site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return hub
