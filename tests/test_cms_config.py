"""The CMS config generated from the schemas, and the one file style shared by Python and the form."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from support import ROOT

from msdz_hub.core.collections import COLLECTIONS
from msdz_hub.editors.canonical import collection_orders, data_files, dump
from msdz_hub.editors.cms_config import ID_FIELD
from msdz_hub.reading import load_file
from msdz_hub.schemas import Schemas

SCHEMAS = Schemas(ROOT / "data" / "schema")
PYTHON = [sys.executable, "-m", "msdz_hub"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}


def cms_config(*args: str, env: dict | None = None) -> dict:
    result = subprocess.run(
        [*PYTHON, "cms-config", *args], cwd=ROOT, env={**ENV, **(env or {})}, capture_output=True, text=True, check=True
    )
    return yaml.safe_load(result.stdout)


@pytest.fixture(scope="module")
def config() -> dict:
    return cms_config()


def _walk(fields: list[dict], schema: dict, path: str):
    """(path, form field, property schema) for every property of ``schema``, recursively."""
    props = SCHEMAS.resolve(schema).get("properties", {})
    by_name = {f["name"]: f for f in fields if f["name"] != ID_FIELD}
    assert set(by_name) == set(props), path  # every field of the schema, nothing else
    for name, prop in props.items():
        field, resolved = by_name[name], SCHEMAS.resolve(prop)
        yield f"{path}.{name}", field, resolved
        if resolved.get("type") == "object":
            yield from _walk(field["fields"], resolved, f"{path}.{name}")
        items = SCHEMAS.resolve(resolved.get("items", {}))
        if items.get("type") == "object":
            yield from _walk(field["fields"], items, f"{path}.{name}[]")


def test_every_field_of_every_schema_is_in_the_form_with_its_german_title_and_hint(config):
    collections = {c["name"]: c for c in config["collections"]}
    assert list(collections) == list(COLLECTIONS)
    count = 0
    for name in COLLECTIONS:
        for path, field, schema in _walk(collections[name]["fields"], SCHEMAS.collection_schema(name), name):
            count += 1
            assert field["label"] == schema.get("title", field["name"]), path
            # a hint for every field, in the words of the form: no ids, folders or file formats
            assert len(field["hint"]) > 10 and not FILE_WORDS.search(field["hint"]), (path, field["hint"])
            required = field["name"] in SCHEMAS.resolve(_parent(name, path)).get("required", [])
            # in an optional group (a project's period), a required field is required once the group is used
            assert field["required"] is required or (required and field["required_with_siblings"]), path
    assert count > 120


FILE_WORDS = re.compile(r"data/|JJJJ|hh:mm|HTML|Dateiname|Kennung|\(Datei\)")


def _parent(collection: str, path: str) -> dict:
    schema = SCHEMAS.collection_schema(collection)
    for part in path.split(".")[1:-1]:
        schema = SCHEMAS.resolve(SCHEMAS.resolve(schema)["properties"][part.rstrip("[]")])
        if part.endswith("[]"):
            schema = SCHEMAS.resolve(schema["items"])
    return schema


def test_widgets_follow_the_schema(config):
    practices = {f["name"]: f for f in next(c for c in config["collections"] if c["name"] == "practices")["fields"]}
    assert (
        practices["projects"]
        | {
            "widget": "relation",
            "collection": "projects",
            "value_field": "{{slug}}",
            "display_fields": ["title"],
            "multiple": True,
            "min": 1,
        }
        == practices["projects"]
    )
    formats = practices["formats"]
    assert formats["widget"] == "select" and formats["multiple"] is True
    assert {"label": "Anlaufstelle vor Ort", "value": "anlaufstelle"} in formats["options"]
    assert practices["context"]["widget"] == "markdown" and practices["context"]["modes"] == ["raw"]
    steps = practices["steps"]
    assert steps["widget"] == "list" and "field" in steps and steps["min"] == 2
    assert steps["label"] == "Vorgehen" and steps["label_singular"] == "Schritt"  # capitalised, singular
    assert practices["published"]["widget"] == "hub-date"  # a calendar of the hub's, without „UTC“
    events = {f["name"]: f for f in next(c for c in config["collections"] if c["name"] == "events")["fields"]}
    assert events["start"]["widget"] == events["end"]["widget"] == "hub-moment"
    assert events["end"]["not_before"] == {"path": ["start"], "label": "Beginn", "calendar": True}  # the check's rules
    cities = {f["name"]: f for f in next(c for c in config["collections"] if c["name"] == "cities")["fields"]}
    assert cities["population"] | {"widget": "hub-number", "value_type": "int", "min": 1} == cities["population"]
    assert cities["coordinates"]["widget"] == "object"
    projects = {f["name"]: f for f in next(c for c in config["collections"] if c["name"] == "projects")["fields"]}
    period = {f["name"]: f for f in projects["period"]["fields"]}
    assert projects["period"]["required"] is False and period["start"]["required"] is False
    assert period["start"]["required_with_siblings"] is True and period["end"]["not_before"]["path"] == [
        "period",
        "start",
    ]


def test_the_form_offers_no_publish_button_only_the_review_path(config):
    assert config["publish_mode"] == "editorial_workflow"
    assert all(c["publish"] is False for c in config["collections"])


def test_production_login_goes_to_github_through_the_configured_proxy(config):
    backend = config["backend"]
    assert backend | {"name": "github", "open_authoring": True, "auth_scope": "public_repo"} == backend
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "de"
    assert "local_backend" not in config
    other = cms_config(
        env={
            "REPO_URL": "https://github.com/landkreis/hub-test",
            "CMS_BRANCH": "redaktion",
            "CMS_AUTH_URL": "https://anmeldung.example.org/",
        }
    )
    assert (
        other["backend"]
        | {"repo": "landkreis/hub-test", "branch": "redaktion", "base_url": "https://anmeldung.example.org"}
        == other["backend"]
    )


def test_every_data_file_is_written_canonically():
    result = subprocess.run([*PYTHON, "format", "--check"], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_format_keeps_every_value_and_fixes_a_messy_file(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    messy = tmp_path / "data" / "topics" / "klimawandel.yml"
    before = {rel: load_file(p, rel, c)[0].data for c, p in data_files(tmp_path) for rel in [p.name]}
    original = yaml.safe_load(messy.read_text(encoding="utf-8"))
    messy.write_text(
        "# yaml-language-server: $schema=../schema/topics.schema.json\nsummary: >-\n  "
        + original["summary"]
        + "\ntitle: '"
        + original["title"]
        + "'\n"
        + "".join(
            f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in original.items() if k not in ("title", "summary")
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [*PYTHON, "--root", str(tmp_path), "format", "--check"], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert (
        "data/topics/klimawandel.yml:2:1: error: 'title': nicht in der einheitlichen Schreibweise; "
        f"hier gehört hin: title: {original['title']}" in result.stderr
    )
    subprocess.run([*PYTHON, "--root", str(tmp_path), "format"], cwd=ROOT, env=ENV, check=True, capture_output=True)
    text = messy.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/topics.schema.json\ntitle: ")
    after = {rel: load_file(p, rel, c)[0].data for c, p in data_files(tmp_path) for rel in [p.name]}
    assert after == before  # no value changed in any file


def test_the_forms_writer_and_the_python_writer_agree_on_every_data_file(built_site, tmp_path):
    """hub-admin.js's dump() in node, on the values of every data file, gives the canonical text."""
    orders = collection_orders(SCHEMAS)
    records = [
        {"collection": c, "data": load_file(p, p.name, c)[0].data, "order": orders[c], "rel": str(p)}
        for c, p in data_files(ROOT)
    ]
    (tmp_path / "records.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    script = tmp_path / "run.mjs"
    script.write_text(
        f"import {{ dump }} from {json.dumps((built_site / 'admin' / 'hub-admin.js').as_uri())};\n"
        "import { readFileSync } from 'node:fs';\n"
        f"const records = JSON.parse(readFileSync({json.dumps(str(tmp_path / 'records.json'))}, 'utf8'));\n"
        "process.stdout.write(JSON.stringify(records.map((r) => dump(r.collection, r.data, r.order))));\n",
        encoding="utf-8",
    )
    node = shutil.which("node")
    assert node, "node is required (npm installs the CMS)"
    written = json.loads(subprocess.run([node, str(script)], capture_output=True, text=True, check=True).stdout)
    assert len(written) == len(records) > 100
    for record, text in zip(records, written, strict=True):
        assert text == dump(record["collection"], record["data"], record["order"]), record["rel"]


def test_a_cross_record_rule_the_form_cannot_check_is_reported_with_file_line_and_field(tiny_hub):
    """An event whose end lies before its start passes every form field; make check names the line."""
    orders = collection_orders(SCHEMAS)
    data = {
        "title": "Zweite Fachkonferenz",
        "kind": "fachkonferenz",
        "start": "2021-05-02",
        "end": "2021-05-01",
        "location": {"name": "online", "online": True},
        "summary": "Die zweite Fachkonferenz zur Digitalisierung.",
        "published": "2021-04-21",
        "sources": [{"url": "https://msdz.brandenburg.de/", "title": "Testquelle", "publisher": "Testherausgeber"}],
    }
    tiny_hub.write("events/fachkonferenz-2021-2.yml", dump("events", data, orders["events"]))
    problems = tiny_hub.problems()
    assert any(p.startswith("data/events/fachkonferenz-2021-2.yml:5:") and "'end'" in p for p in problems), problems
