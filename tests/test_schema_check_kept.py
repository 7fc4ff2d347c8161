"""The schema texts that passed the JSON Schema metaschema check are kept in .cache/ (schemas.checked):
the next run checks only a schema whose text changed, whatever its size and time stamp. CI, another
signature and a broken file leave every schema checked."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import jsonschema
import pytest
from support import TinyHub

from msdz_hub import schemas as schemas_module
from msdz_hub.schemas.checked import STORE_FILE

TOPICS = "data/schema/topics.schema.json"


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TinyHub:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(schemas_module, "_CHECKED_TEXTS", set())
    return TinyHub(tmp_path)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the schemas checked against the metaschema during the test."""
    seen: list[str] = []
    check = jsonschema.Draft202012Validator.check_schema

    def counting(cls, schema, *args, **kwargs):
        seen.append(schema.get("title", "?") if isinstance(schema, dict) else "?")
        return check(schema, *args, **kwargs)

    monkeypatch.setattr(jsonschema.Draft202012Validator, "check_schema", classmethod(counting))
    return seen


def _run(hub: TinyHub, checked: list[str]) -> list[str]:
    """The problems of a check in a new process: nothing checked in its memory yet."""
    schemas_module._CHECKED_TEXTS.clear()
    checked.clear()
    return hub.problems()


def _break_keeping_size_and_time(path: Path) -> None:
    stamp = path.stat()
    text = path.read_text(encoding="utf-8")
    broken = text.replace('"type": "object"', '"type": "objekt"', 1)
    assert broken != text and len(broken) == len(text)
    path.write_text(broken, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # as `cp -p` or `rsync -t` leave it


def test_a_second_run_checks_no_schema_and_an_edited_one_is_checked(hub: TinyHub, checked: list[str]):
    schemas = len(list((hub.root / "data/schema").glob("*.schema.json")))
    assert _run(hub, checked) == [] and len(checked) == schemas
    assert _run(hub, checked) == [] and checked == []
    _break_keeping_size_and_time(hub.root / TOPICS)
    problems = _run(hub, checked)
    assert len(checked) == 1  # the edited schema alone
    assert len(problems) == 1 and problems[0].startswith(f"{TOPICS}:")
    assert "Schema-Datei kein gültiges JSON Schema" in problems[0]


def _planted(root: Path, signature: str | None = None) -> None:
    """The kept file claims that the text of the (broken) topics schema passed."""
    kept_signature, texts = marshal.loads((root / STORE_FILE).read_bytes())
    texts.add((root / TOPICS).read_text(encoding="utf-8"))
    (root / STORE_FILE).write_bytes(marshal.dumps((signature or kept_signature, texts)))


@pytest.mark.parametrize("case", ["CI", "another signature", "cut short"])
def test_a_kept_verdict_stands_in_only_outside_ci_and_under_its_signature(hub, checked, monkeypatch, case):
    assert _run(hub, checked) == []
    _break_keeping_size_and_time(hub.root / TOPICS)
    _planted(hub.root, "jsonschema 0.0" if case == "another signature" else None)
    if case == "CI":
        monkeypatch.setenv("CI", "true")
    if case == "cut short":
        store = hub.root / STORE_FILE
        store.write_bytes(store.read_bytes()[:-20])
    problems = _run(hub, checked)
    assert len(problems) == 1 and "Schema-Datei kein gültiges JSON Schema" in problems[0]
    assert "Thema" in checked  # checked, not taken from the file


def test_ci_writes_no_kept_verdicts(hub: TinyHub, checked: list[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CI", "true")
    assert _run(hub, checked) == []
    assert not (hub.root / STORE_FILE).exists()
