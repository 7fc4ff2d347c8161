"""The schemas help while typing: every file names its schema, every field explains itself in German,
and an independent validator (check-jsonschema, as editors' tools use them) agrees with the data."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from support import ROOT, VALID_RECORDS

from msdz_hub.core.collections import COLLECTIONS
from msdz_hub.schemas import Schemas

SCHEMA_DIR = ROOT / "data" / "schema"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
ENGLISH = re.compile(r"\b(the|and|of|with|must|should|which|this|value|field)\b", re.IGNORECASE)


def data_files(collection: str) -> list[Path]:
    return sorted((ROOT / "data" / collection).glob("*.yml"))


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_every_data_file_starts_with_its_schema_for_the_editor(collection):
    header = f"# yaml-language-server: $schema=../schema/{collection}.schema.json"
    wrong = [
        path.relative_to(ROOT).as_posix()
        for path in data_files(collection)
        if path.read_text(encoding="utf-8").split("\n", 1)[0] != header
    ]
    assert not wrong, f"erste Zeile muss '{header}' sein: {wrong}"


def test_the_header_points_at_an_existing_schema():
    for collection in COLLECTIONS:
        assert (ROOT / "data" / collection / "../schema" / f"{collection}.schema.json").resolve().is_file()


def test_vscode_maps_every_collection_to_its_schema_and_recommends_the_yaml_extension():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    expected = {f"./data/schema/{c}.schema.json": f"data/{c}/*.yml" for c in COLLECTIONS}
    assert settings["yaml.schemas"] == expected
    for schema in expected:
        assert (ROOT / schema).is_file()
    extensions = json.loads((ROOT / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


@pytest.mark.parametrize("path", sorted(SCHEMA_DIR.glob("*.schema.json")), ids=lambda p: p.name)
def test_every_schema_is_valid_against_its_meta_schema(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def fields(schemas: Schemas, schema: dict, prefix: str = "") -> Iterator[tuple[str, dict]]:
    """Every field of a schema, nested ones included, with its $ref resolved into defs.schema.json."""
    for key, prop in schema.get("properties", {}).items():
        resolved = schemas.resolve(prop)
        yield prefix + key, resolved
        yield from fields(schemas, resolved, f"{prefix}{key}.")
        items = schemas.resolve(resolved.get("items", {}))
        yield from fields(schemas, items, f"{prefix}{key}[].")


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_every_field_explains_itself_in_german(collection):
    schemas = Schemas(SCHEMA_DIR)
    schema = schemas.collection_schema(collection)
    assert schema.get("title") and schema.get("description")
    seen = 0
    for name, prop in fields(schemas, schema):
        seen += 1
        text = f"{prop.get('title', '')} {prop.get('description', '')}".strip()
        assert len(text) >= 3, f"{collection}: Feld '{name}' hat weder title noch description"
        assert not ENGLISH.search(text), f"{collection}: Feld '{name}' ist nicht deutsch beschrieben: {text}"
        items = schemas.resolve(prop.get("items", {}))
        for enum_schema in (prop, items):
            if "enum" in enum_schema:  # every allowed value has a German label for pages and forms
                assert set(enum_schema.get("x-labels", {})) == set(enum_schema["enum"]), name
    assert seen >= len(schema["properties"])


def check_jsonschema(collection: str, *files: Path) -> subprocess.CompletedProcess:
    # The relative "$ref": "defs.schema.json#/$defs/…" resolves against the schema file's own
    # location (its retrieval URI), so --schemafile with the file's path is all it needs.
    return subprocess.run(
        [
            str(CHECK_JSONSCHEMA),
            "--color",
            "never",
            "--schemafile",
            str(SCHEMA_DIR / f"{collection}.schema.json"),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def tiny_records(tmp_path_factory) -> dict[str, Path]:
    """The TinyHub's one record per collection, so every collection is checked even when data/ has none."""
    import textwrap

    folder = tmp_path_factory.mktemp("records")
    paths = {}
    for rel, text in VALID_RECORDS.items():
        collection, name = rel.split("/")
        path = folder / collection / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        paths[collection] = path
    return paths


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_check_jsonschema_accepts_every_data_file(collection, tiny_records):
    result = check_jsonschema(collection, tiny_records[collection], *data_files(collection))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_check_jsonschema_rejects_a_broken_copy(collection, tiny_records, tmp_path):
    source = (data_files(collection) or [tiny_records[collection]])[0]
    broken = tmp_path / source.name
    shutil.copy(source, broken)
    with broken.open("a", encoding="utf-8") as file:
        file.write("\nunbekanntes_feld: x\ntitle_x: y\n")
    text = broken.read_text(encoding="utf-8")
    broken.write_text(re.sub(r"(?m)^title: .*$", "title: X", text, count=1), encoding="utf-8")
    result = check_jsonschema(collection, broken)
    assert result.returncode == 1
    assert f"{broken}::$.title: 'X' is too short" in result.stdout  # from defs.schema.json: the $ref resolved
    assert "'unbekanntes_feld'" in result.stdout and "were unexpected" in result.stdout
