"""From many records on, a forked helper checks part of them (validation.Validator.each_record_problems,
core.forks): an editor sees the same problem lines, in the same order, as from one process, and a
helper that fails costs only time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import TinyHub

from msdz_hub import validation
from msdz_hub.core import forks


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TinyHub:
    monkeypatch.setenv("CI", "true")  # nothing kept: every check works from the files
    hub = TinyHub(tmp_path)
    for index in range(8):  # wrong in both processes' blocks: a date, a text, a Markdown field
        hub.write(f"topics/thema-{index}.yml", f"title: Thema {index}\nsummary: Ein ausreichend langer Text.\n")
    hub.write("topics/thema-1.yml", "title: ' Thema'\nsummary: Ein ausreichend langer Text.\n")
    hub.write(
        "topics/thema-6.yml", "title: Thema\nsummary: Ein Text.\ndescription: '" + "*" * 250 + "a" + "*" * 250 + "'\n"
    )
    hub.write(
        "topics/thema-7.yml",
        "title: Thema\nsummary: Ein ausreichend langer Text.\nsources: [{url: 'https://x.example/', title: Q, publisher: P, date: '2024-02-30'}]\n",
    )
    return hub


def _in_two(monkeypatch: pytest.MonkeyPatch, helper: object = None) -> None:
    monkeypatch.setattr(validation, "IN_TWO_FROM", 2)
    monkeypatch.setattr(validation, "can_fork", lambda: True)
    monkeypatch.setattr(forks, "BLOCK", 2)  # blocks of two records, every second one to the helper
    if helper is not None:
        monkeypatch.setattr(forks, "_work_theirs", helper)


def test_the_helper_checks_half_and_the_lines_are_those_of_one_process(hub, monkeypatch, tmp_path):
    alone = hub.problems()
    assert len(alone) >= 3 and any("thema-1.yml" in line for line in alone)
    helpers = tmp_path / "helpers"
    work_theirs = forks._work_theirs

    def noted(*args):
        helpers.write_text(str(os.getpid()))
        work_theirs(*args)

    _in_two(monkeypatch, noted)
    assert hub.problems() == alone
    assert helpers.read_text() != str(os.getpid())  # another process checked its part


def test_a_helper_that_fails_costs_only_time(hub, monkeypatch):
    alone = hub.problems()

    def failing(items, theirs, work, sender, receiver):
        sender.close()  # gone without a word, as a helper killed by the system

    _in_two(monkeypatch, failing)
    assert hub.problems() == alone
