"""A record that passed its own rules is not checked again while its file's bytes, the schemas and the
checking code stay the same (validation.passed): a second check finds the same problems, an edit is
checked even when it keeps the file's size and time stamp, a changed schema checks every record
again, and a planted verdict is believed neither in CI, nor under another signature, nor cut short."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest
from support import TinyHub

from msdz_hub import validation
from msdz_hub.reading.kept import content_key
from msdz_hub.validation.passed import STORE_FILE

TOPIC = "topics/klimawandel.yml"
SCHEMA = "data/schema/topics.schema.json"


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TinyHub:
    monkeypatch.delenv("CI", raising=False)
    return TinyHub(tmp_path)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The records whose own rules were checked during the test."""
    seen: list[str] = []
    record_problems = validation.Validator.record_problems

    def counting(self, record, markdown=None):
        seen.append(record.path)
        return record_problems(self, record, markdown)

    monkeypatch.setattr(validation.Validator, "record_problems", counting)
    return seen


def _again(hub: TinyHub, checked: list[str]) -> list[str]:
    checked.clear()
    return hub.problems()


def _keeping_size_and_time(path: Path, old: str, new: str) -> None:
    stamp, text = path.stat(), path.read_text(encoding="utf-8")
    edited = text.replace(old, new, 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # as `cp -p` or `rsync -t` leave it


def test_a_second_check_checks_no_record_and_an_edit_is_checked(hub: TinyHub, checked: list[str]):
    assert _again(hub, checked) == [] and len(checked) == 8
    assert (hub.root / STORE_FILE).is_file()
    assert _again(hub, checked) == [] and checked == []
    _keeping_size_and_time(hub.root / "data" / TOPIC, "title: Klimawandel", "title: 12345678901")
    problems = _again(hub, checked)
    assert set(checked) == {f"data/{TOPIC}"}
    assert len(problems) == 1 and problems[0].startswith(f"data/{TOPIC}:1:")


def test_a_record_with_a_problem_is_found_again_with_the_same_lines(hub: TinyHub, checked: list[str]):
    hub.write(TOPIC, "title: ' Klimawandel'\nsummary: Klimaschutz und Klimaanpassung in der Stadtentwicklung.\n")
    first = _again(hub, checked)
    assert len(first) == 1 and "Leerzeichen am Anfang oder Ende" in first[0]
    assert _again(hub, checked) == first and set(checked) == {f"data/{TOPIC}"}


def test_a_changed_schema_checks_every_record_again(hub: TinyHub, checked: list[str]):
    assert _again(hub, checked) == []
    schema = hub.root / SCHEMA
    schema.write_text(schema.read_text(encoding="utf-8").replace('"title": {', '"title": {"maxLength": 5,', 1))
    problems = _again(hub, checked)
    assert len(set(checked)) == 8
    assert len(problems) == 1 and problems[0].startswith(f"data/{TOPIC}:1:") and "title" in problems[0]


def _planted(root: Path, signature: str | None = None) -> None:
    """The kept file claims that the (broken) topic passed its rules."""
    kept_signature, keys = marshal.loads((root / STORE_FILE).read_bytes())
    keys.add(content_key((root / "data" / TOPIC).read_bytes()) + b"topics")
    (root / STORE_FILE).write_bytes(marshal.dumps((signature or kept_signature, keys)))


@pytest.mark.parametrize("case", ["CI", "another signature", "cut short"])
def test_a_kept_verdict_stands_in_only_outside_ci_and_under_its_signature(hub, checked, monkeypatch, case):
    assert _again(hub, checked) == []
    _keeping_size_and_time(hub.root / "data" / TOPIC, "title: Klimawandel", "title: 12345678901")
    _planted(hub.root, "jsonschema 0.0" if case == "another signature" else None)
    if case == "CI":
        monkeypatch.setenv("CI", "true")
    if case == "cut short":
        store = hub.root / STORE_FILE
        store.write_bytes(store.read_bytes()[:-20])
    problems = _again(hub, checked)
    assert len(problems) == 1 and problems[0].startswith(f"data/{TOPIC}:1:")
    assert f"data/{TOPIC}" in checked


def test_ci_writes_no_kept_verdicts(hub: TinyHub, checked: list[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CI", "true")
    assert _again(hub, checked) == [] and len(checked) == 8
    assert not (hub.root / STORE_FILE).exists()
    assert _again(hub, checked) == [] and len(checked) == 8
