"""CharSplit's cuts of German compounds (msdz_hub.core.compound_cuts): read from the model only for
the words of a run, and kept in .cache/ so that the next build need not read the model at all – but
never in CI, never through a symbolic link, and never from a file another splitter version wrote."""

from __future__ import annotations

import json

import pytest

from msdz_hub.core import compound_cuts
from msdz_hub.core.compound_cuts import CUTS_FILE, Cutter

WORDS = ["jugendbeteiligung", "klimaanpassung", "zwischennutzung", "transferwerkstatt", "stadtentwicklungskonzept"]


@pytest.fixture
def fresh(monkeypatch):
    """A process that has cut nothing yet, outside CI."""
    monkeypatch.setattr(compound_cuts, "_cuts", {})
    monkeypatch.setattr(compound_cuts, "_written", {})
    monkeypatch.delenv("CI", raising=False)


def cut_all(root) -> dict[str, tuple]:
    cutter = Cutter(WORDS, root)
    found = {w: cutter(w) for w in WORDS}
    cutter.save()
    return found


def no_model(monkeypatch):
    def refuse(*args):
        raise AssertionError("the model was read")

    monkeypatch.setattr(compound_cuts, "_ngrams_of", refuse)
    monkeypatch.setattr(compound_cuts, "_cuts", {})


def test_the_model_read_for_the_words_cuts_as_the_whole_model_does(fresh):
    from split_words import Splitter

    whole = Splitter()
    expected = {w: [(a.lower(), b.lower(), round(s, 3)) for s, a, b in whole.split_compound(w)[:3]] for w in WORDS}
    assert {w: list(cuts) for w, cuts in cut_all(None).items()} == expected
    assert expected["jugendbeteiligung"][0][:2] == ("jugend", "beteiligung")


def test_a_second_run_takes_the_cuts_from_the_cache_without_the_model(fresh, tmp_path, monkeypatch):
    first = cut_all(tmp_path)
    kept = json.loads((tmp_path / CUTS_FILE).read_text(encoding="utf-8"))
    assert sorted(kept["cuts"]) == sorted(WORDS) and kept["splitter"].startswith("split-words 0.1.3/")
    no_model(monkeypatch)
    assert cut_all(tmp_path) == first


def test_in_ci_the_cache_is_neither_read_nor_written(fresh, tmp_path, monkeypatch):
    forged = {"splitter": compound_cuts.signature(), "cuts": {w: [["x", "y", 1.0]] for w in WORDS}}
    (tmp_path / ".cache").mkdir()
    (tmp_path / CUTS_FILE).write_text(json.dumps(forged), encoding="utf-8")
    monkeypatch.setenv("CI", "true")
    assert cut_all(tmp_path)["klimaanpassung"][0][:2] == ("klima", "anpassung")
    assert json.loads((tmp_path / CUTS_FILE).read_text(encoding="utf-8")) == forged


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"splitter": "split-words 0.0.1/old", "cuts": {w: [["x", "y", 1.0]] for w in WORDS}}),
        '{"splitter": "split-words',  # cut short
        json.dumps({"splitter": "x", "cuts": {"klimaanpassung": "klima|anpassung"}}),
    ],
)
def test_a_cache_of_another_version_or_cut_short_is_cut_anew_and_replaced(fresh, tmp_path, content):
    (tmp_path / ".cache").mkdir()
    (tmp_path / CUTS_FILE).write_text(content, encoding="utf-8")
    assert cut_all(tmp_path)["klimaanpassung"][0][:2] == ("klima", "anpassung")
    assert json.loads((tmp_path / CUTS_FILE).read_text(encoding="utf-8"))["splitter"] == compound_cuts.signature()


def test_a_cache_behind_a_symbolic_link_is_not_followed(fresh, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".cache").symlink_to(elsewhere, target_is_directory=True)
    cut_all(root)
    assert not list(elsewhere.iterdir())
