"""A second load takes the values of unchanged files from .cache/ instead of parsing them again
(reading.kept): the records are the same, an edit is seen even when it keeps the file's size and
time stamp, a broken cache file is read around, and CI keeps nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import TinyHub

from msdz_hub.reading import fast, load_tree, parallel
from msdz_hub.reading.kept import STORE_FILE


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TinyHub:
    monkeypatch.delenv("CI", raising=False)
    return TinyHub(tmp_path)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the fast path parses during the test."""
    seen: list[str] = []
    load_fast = fast.load_fast

    def counting(raw, path, rel, collection):
        seen.append(rel)
        return load_fast(raw, path, rel, collection)

    monkeypatch.setattr("msdz_hub.reading.files.load_fast", counting)
    return seen


def _records(root: Path) -> dict[str, dict]:
    records, problems, _ = load_tree(root)
    assert problems == []
    return {record.path: record.data for record in records}


def test_a_second_load_parses_nothing_and_gives_the_same_records(hub: TinyHub, parsed: list[str]):
    first = _records(hub.root)
    assert (hub.root / STORE_FILE).is_file() and len(parsed) == len(first)
    parsed.clear()
    assert _records(hub.root) == first and parsed == []


def test_an_edit_that_keeps_size_and_time_stamp_is_read(hub: TinyHub, parsed: list[str]):
    topic = hub.root / "data/topics/klimawandel.yml"
    _records(hub.root)
    text, stamp = topic.read_text(encoding="utf-8"), topic.stat()
    edited = text.replace("Klimawandel", "Klimawendel", 1)
    assert edited != text and len(edited) == len(text)
    topic.write_text(edited, encoding="utf-8")
    os.utime(topic, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # as `cp -p` or `rsync -t` leave it
    parsed.clear()
    assert "Klimawendel" in str(_records(hub.root)["data/topics/klimawandel.yml"])
    assert parsed == ["data/topics/klimawandel.yml"]


def test_a_warm_load_forks_no_helper_and_a_helper_parses_only_what_changed(
    hub: TinyHub, parsed: list[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)  # from two files to parse on, half in a forked helper
    monkeypatch.setattr(parallel, "_can_fork", lambda: True)
    first = _records(hub.root)
    helped: list[list[str]] = []
    in_two = parallel._load_in_two

    def noted(jobs, todo, results, kept):
        helped.append([jobs[index][1] for index in todo])
        in_two(jobs, todo, results, kept)

    monkeypatch.setattr(parallel, "_load_in_two", noted)
    stamp = (hub.root / STORE_FILE).stat().st_mtime_ns
    parsed.clear()
    assert _records(hub.root) == first and parsed == [] and helped == []  # all kept: no helper started
    assert (hub.root / STORE_FILE).stat().st_mtime_ns == stamp  # nothing new: not written again
    edited = ["data/topics/klimawandel.yml", "data/practices/beirat.yml"]
    for rel in edited:
        path = hub.root / rel
        path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Neu ", 1), encoding="utf-8")
    again = _records(hub.root)
    assert helped == [sorted(edited)] and len(parsed) == 1  # the other one in the helper
    assert [again[rel]["title"][:4] for rel in edited] == ["Neu ", "Neu "]
    monkeypatch.setenv("CI", "true")  # nothing kept: every file parsed anew
    assert _records(hub.root) == again


def test_a_broken_cache_file_is_read_around(hub: TinyHub, parsed: list[str]):
    first = _records(hub.root)
    store = hub.root / STORE_FILE
    store.write_bytes(store.read_bytes()[: len(store.read_bytes()) // 2])
    assert _records(hub.root) == first
    store.write_bytes(b"kein marshal")
    assert _records(hub.root) == first and len(parsed) == 3 * len(first)


def test_ci_keeps_nothing(hub: TinyHub, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CI", "true")
    _records(hub.root)
    assert not (hub.root / STORE_FILE).exists()
