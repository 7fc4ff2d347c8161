"""YAML aliases are refused in every spelling YAML allows, by both loaders, without expanding them:
the fast loader (reading.fast) must not expand what the careful one refuses. The spellings of an
anchor its textual test knows are in tests/test_fast_paths.py (UNUSUAL); tests/bad_input/
alias-after-flow-colon is the end-to-end case."""

from __future__ import annotations

import re

from support import TinyHub

from msdz_hub.reading import fast


def test_the_fast_path_expands_no_alias_even_past_its_anchor_test(tmp_path, monkeypatch):
    # An alias bomb of a million nodes, with the textual anchor test switched off: the walk itself
    # must refuse the second visit of a node, so no future spelling of an anchor can expand.
    lines = ["title: Bombe", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 7)]
    monkeypatch.setattr(fast, "_ANCHOR", re.compile(r"(?!)"))
    raw = "\n".join(lines).encode()
    assert fast.load_fast(raw, tmp_path / "b.yml", "data/topics/b.yml", "topics") is None


def test_an_alias_bomb_after_a_flow_colon_is_refused_with_its_line(tmp_path):
    hub = TinyHub(tmp_path)
    levels = ['{"a0":&a0 [x, x, x, x, x, x, x, x, x, x]']
    levels += [f'"a{i}":&a{i} [{", ".join([f"*a{i - 1}"] * 10)}]' for i in range(1, 9)]
    hub.write("topics/bombe.yml", "title: Bombe\nsummary: Ein harmloser Text.\nx: " + ", ".join(levels) + "}\n")
    problems = hub.problems()
    assert problems and all(p.startswith("data/topics/bombe.yml:3:") for p in problems), problems
