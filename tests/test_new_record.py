"""`make new`: a template with every field, which `make check` rejects until it is filled in."""

from __future__ import annotations

import builtins
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import ROOT

from msdz_hub.__main__ import main
from msdz_hub.core.collections import COLLECTIONS
from msdz_hub.editors.new_record import create
from msdz_hub.schemas import Schemas

# Valid values (YAML text) for every placeholder, referring to the ids of the TinyHub.
FILL = {
    "topics": {},
    "organisations": {"kind": "verband"},
    "rounds": {
        "number": "2",
        "start": '"2023"',
        "label": "Klimawandel",
        "kind": "zukunftsthema",
        "topic": "klimawandel",
    },
    "cities": {"district": "Dahme-Spreewald", "lat": "52.3", "lon": "13.6"},
    "projects": {"round": "runde-1", "cities": "[zossen]", "topics": "[klimawandel]", "published": "2026-01-15"},
    "events": {"kind": "workshop", "start": "2026-03-05T10:00", "name": "Rathaus Zossen", "published": "2026-01-15"},
    "practices": {
        "projects": "[zossen-2021]",
        "topics": "[klimawandel]",
        "context": "Die Stadt wollte mehr Beteiligung.",
        "steps": "[Ziele klären, Menschen einladen]",
        "transferability": "Gelingt in jeder Kleinstadt.",
        "published": "2026-01-15",
    },
    "news": {"published": "2026-01-15"},
}
COMMON = {
    "summary": "Eine ausreichend lange Kurzfassung in eigenen Worten.",
    # the one source entry of the template: its address, title and publisher
    "url": "https://msdz.brandenburg.de/",
    "title": "Startseite der Landesinitiative",
    "publisher": "Ministerium für Infrastruktur und Landesplanung",
}
SOURCE = ("sources[0].url", "sources[0].title", "sources[0].publisher")
EMPTY_KEY = re.compile(r"^(\s*(?:- )?)([a-z_]+):$", re.MULTILINE)  # an uncommented key without value


def placeholder_fields(schemas: Schemas, schema: dict, prefix: str = "") -> set[str]:
    """The fields a new record leaves empty: every required field but the title, nested ones spelled out."""
    fields = set()
    for key in schema.get("required", []):
        prop = schemas.resolve(schema["properties"][key])
        items = schemas.resolve(prop.get("items", {}))
        if prop.get("type") == "object":
            fields |= placeholder_fields(schemas, prop, f"{prefix}{key}.")
        elif prop.get("type") == "array" and items.get("type") == "object":
            fields |= placeholder_fields(schemas, items, f"{prefix}{key}[0].")
        elif f"{prefix}{key}" != "title":
            fields.add(f"{prefix}{key}")
    return fields


def fill(path: Path, values: dict[str, str]) -> None:
    def value(match: re.Match) -> str:  # parents of nested fields ("location:") stay as they are
        key = match[2]
        return f"{match[1]}{key}: {values[key]}" if key in values else match[0]

    path.write_text(EMPTY_KEY.sub(value, path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_a_new_record_is_rejected_until_its_placeholders_are_filled(tiny_hub, collection):
    path = create(tiny_hub.root, collection, "Großräschen: Ein neuer Eintrag")
    assert path == tiny_hub.root / "data" / collection / "grossraeschen-ein-neuer-eintrag.yml"
    rel = path.relative_to(tiny_hub.root).as_posix()

    problems = tiny_hub.problems()
    assert problems and all(p.startswith(rel + ":") for p in problems), problems
    named = {re.match(r"[^:]+:\d+:\d+: error: '([^']+)': Wert fehlt", p)[1] for p in problems}
    schemas = Schemas(tiny_hub.root / "data" / "schema")
    assert named == placeholder_fields(schemas, schemas.collection_schema(collection))

    fill(path, {**COMMON, **FILL[collection]})
    assert tiny_hub.problems() == []


def test_the_placeholders_of_events_and_rounds_are_named_in_the_check(tiny_hub):
    create(tiny_hub.root, "events", "Werkstatt")
    create(tiny_hub.root, "rounds", "Runde 3")
    problems = tiny_hub.problems()
    fields = {(p.split(":")[0], p.split("'")[1]) for p in problems}
    assert fields == {
        ("data/events/werkstatt.yml", f) for f in ("kind", "start", "location.name", "summary", "published", *SOURCE)
    } | {
        ("data/rounds/runde-3.yml", f)
        for f in (
            "number",
            "period.start",
            "summary",
            "themes[0].label",
            "themes[0].kind",
            "themes[0].topic",
            *SOURCE,
        )
    }
    assert all("Wert fehlt" in p for p in problems)


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_the_template_has_every_field_with_its_german_description(tiny_hub, collection):
    schemas = Schemas(tiny_hub.root / "data" / "schema")
    schema = schemas.collection_schema(collection)
    text = create(tiny_hub.root, collection, "Vorlage").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# yaml-language-server: $schema=../schema/{collection}.schema.json"
    # Required fields stand uncommented, optional ones are commented out.
    assert set(yaml.safe_load(text)) == set(schema["required"])
    for key, prop in schema["properties"].items():
        line = f"{key}:" if key in schema["required"] else f"# {key}:"
        at = next(i for i, text_line in enumerate(lines) if text_line == line or text_line.startswith(line + " "))
        comment = []  # the comment block right above the field
        for above in reversed(lines[:at]):
            if not above.startswith("#") or above.endswith(":"):
                break
            comment.insert(0, above.lstrip("# "))
        comment_text = " ".join(comment)
        resolved = schemas.resolve(prop)
        assert resolved["title"] in comment_text
        description = resolved.get("description", "")
        assert " ".join(description.split()[:4]) in comment_text
        assert ("Pflichtfeld" if key in schema["required"] else "optional") in comment_text
        items = schemas.resolve(resolved.get("items", {}))
        for value in resolved.get("enum", items.get("enum", [])):
            assert value in comment_text, (key, value)


def test_an_existing_file_is_never_overwritten(tiny_hub, capsys):
    existing = tiny_hub.root / "data/practices/beirat.yml"
    before = existing.read_bytes()
    assert main(["--root", str(tiny_hub.root), "new", "practices", "Beirat"]) == 1
    assert existing.read_bytes() == before
    assert "data/practices/beirat.yml gibt es schon" in capsys.readouterr().err


def test_unknown_collection_is_explained_in_german(tiny_hub, capsys):
    assert main(["new", "--root", str(tiny_hub.root), "beispiele", "Etwas"]) == 1
    err = capsys.readouterr().err
    assert "unbekannte Sammlung 'beispiele'" in err and "practices (Praxisbeispiele)" in err


def test_the_german_collection_name_works_too(tiny_hub):
    assert main(["new", "--root", str(tiny_hub.root), "praxisbeispiele", "Mein Beispiel"]) == 0
    assert (tiny_hub.root / "data/practices/mein-beispiel.yml").exists()


def test_missing_arguments_are_asked_for_on_a_terminal(tiny_hub, monkeypatch, capsys):
    prompts = []
    answers = iter(["events", "Zukunftswerkstatt Zossen"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", lambda prompt: prompts.append(prompt) or next(answers))
    assert main(["new", "--root", str(tiny_hub.root)]) == 0
    assert (tiny_hub.root / "data/events/zukunftswerkstatt-zossen.yml").exists()
    assert "Neu angelegt: data/events/zukunftswerkstatt-zossen.yml" in capsys.readouterr().out
    assert prompts[0].startswith("Sammlung (topics = Themen, ") and prompts[1] == "Titel: "


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    return subprocess.run(
        [sys.executable, "-m", "msdz_hub", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_arguments_without_a_terminal_fail_with_a_german_hint(tiny_hub):
    result = cli("new", "--root", str(tiny_hub.root))
    assert result.returncode == 1
    assert result.stderr.startswith(
        'Fehler: Sammlung fehlt. Beispiel: make new COLLECTION=practices TITLE="Mein Beispiel"'
    )
    result = cli("new", "practices", "--root", str(tiny_hub.root))
    assert result.returncode == 1 and result.stderr.startswith("Fehler: Titel fehlt.")
    assert sorted((tiny_hub.root / "data/practices").glob("*.yml")) == [tiny_hub.root / "data/practices/beirat.yml"]


def test_make_new_passes_titles_with_quotes_and_colons(tiny_hub):
    """`make new COLLECTION=… TITLE=…` in a copy of the repository's Makefile and code."""
    shutil.copy2(ROOT / "Makefile", tiny_hub.root / "Makefile")
    shutil.copy2(ROOT / "requirements-dev.txt", tiny_hub.root / "requirements-dev.txt")
    shutil.copytree(ROOT / "hooks", tiny_hub.root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    (tiny_hub.root / ".venv").symlink_to(Path(sys.executable).parent.parent)
    title = 'Reallabor "Dortustraße": ein Sommer'
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "new", "COLLECTION=practices", f"TITLE={title}"],
        cwd=tiny_hub.root,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    path = tiny_hub.root / "data/practices/reallabor-dortustrasse-ein-sommer.yml"
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["title"] == title
