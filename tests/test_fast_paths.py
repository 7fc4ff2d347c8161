"""The fast paths of loading and validating give exactly what the careful ones give.

Loading: most files are read without noting positions (``reading.fast``); positions are read
again only when a problem needs them (``read_positions``). Validating: a compiled validator (jsonschema-rs) answers yes
or no; only a "no" is explained by jsonschema. Editors must never see a difference: the same
values, the same problems, at the same line and column.
"""

from __future__ import annotations

import pytest
from support import ROOT

from msdz_hub import reading
from msdz_hub.reading import careful, fast, read_positions

# Files the careful path explains; the fast path must step aside for each of them.
UNUSUAL = {
    "yaml-1-1-values": "title: Werte\na: no\nb: 03046\nc: 10:30\nd: 1_000\ne: 1.5e3\nf: .inf\ng: =\nh: On\n",
    "explicit-tag": "title: Tag\nsummary: !!str 123\nother: !foo x\n",
    "anchor-and-alias": "title: &t Anker\nsummary: *t\n",
    # anchors right after a flow ':' or at a line's BOM: legal for libyaml, missed by an earlier test
    "anchor-after-flow-colon": '{"title":&t Anker, "summary": *t}\n',
    "anchor-after-flow-colon-nested": 'title: Anker\nx: {"k":&t [1, 2]}\ny: *t\n',
    "anchor-after-flow-question": "title: Anker\nx: [?&t [1, 2]]\ny: *t\n",
    "anchor-after-line-bom": "title: Anker\nx:\n\ufeff&t [1]\ny: *t\n",
    "merge-key": "title: Merge\nbase: {x: 1}\nc:\n  <<: {y: 2}\n",
    "duplicate-key": "title: Eins\nsummary: Ein ausreichend langer Text.\ntitle: Zwei\n",
    "odd-key": 'title: Schlüssel\n? [a]\n: b\n"ti\\u00a0tle": c\n',
    "set": "title: Menge\nsummary: !!set {x, y}\n",
    "several-documents": "title: Eins\n---\ntitle: Zwei\n",
    "list-instead-of-fields": "- title\n- summary\n",
    "tab": "title: Tab\nsummary:\tText\n",
    "control-character": "title: Steuer\x07zeichen\n",
    "broken-yaml": "title: [kaputt\n",
}
# Files the fast path reads; their values must be the careful path's.
PLAIN = {
    "flow-and-blocks": "{title: Fluss, list: [1, -2, +3, 0.5, .5, 1., \"4\", 'true', true, FALSE, ~, null, '']}\n",
    "block-scalars": "title: |\n  123\nsummary: >-\n  true\n  2021-04-21\nc: 2021-04-21\nd: 2021-04-21T10:00:00Z\n",
    "odd-but-plain-keys": "1: x\ntrue: y\n~: z\n'': w\n2021-01-01: d\n",
    "ampersand-in-text": "title: Forschung & Entwicklung\n",
}


def both_paths(tmp_path, name: str, text: str):
    path = tmp_path / f"{name}.yml"
    path.write_bytes(text.encode("utf-8"))
    rel = f"data/topics/{path.name}"
    loaded = reading.load_file(path, rel, "topics")
    if loaded[0] is not None:
        read_positions(loaded[0])  # a fast-loaded record's positions, as a problem would ask for them
    return path, loaded, careful.load_careful(path.read_bytes(), path, rel, "topics")


def same(a, b) -> bool:
    (record_a, problems_a), (record_b, problems_b) = a, b
    if problems_a != problems_b or (record_a is None) != (record_b is None):
        return False
    if record_a is None:
        return True
    return (
        repr(record_a.data) == repr(record_b.data)  # repr: 1, 1.0 and True differ
        and record_a.positions == record_b.positions
        and record_a.key_positions == record_b.key_positions
        and record_a.raw_scalars == record_b.raw_scalars
    )


@pytest.mark.parametrize("name", sorted(UNUSUAL))
def test_unusual_files_are_left_to_the_careful_path(tmp_path, name):
    path, loaded, careful = both_paths(tmp_path, name, UNUSUAL[name])
    assert fast.load_fast(path.read_bytes(), path, f"data/topics/{path.name}", "topics") is None
    assert same(loaded, careful)


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_plain_files_load_fast_with_the_careful_values(tmp_path, name):
    path, loaded, careful = both_paths(tmp_path, name, PLAIN[name])
    record, problems = loaded
    assert problems == [] and record is not None and record.source == path  # read by the fast path
    assert same(loaded, careful)


def test_real_records_load_fast_and_find_their_positions_when_asked():
    records, problems, _ = reading.load_tree(ROOT)
    fast_loaded = [record for record in records if record.source is not None]
    assert problems == [] and len(fast_loaded) >= 0.9 * len(records) > 100
    for record in fast_loaded:
        assert record.where is None  # not read while nobody needs them
        read_positions(record)
        again, _ = careful.load_careful(record.source.read_bytes(), record.source, record.path, record.collection)
        assert record.data == again.data
        assert record.positions == again.positions and record.key_positions == again.key_positions


def test_a_problem_in_a_fast_loaded_file_keeps_its_exact_line_and_column(tiny_hub):
    tiny_hub.write(
        "cities/zossen.yml",
        """
        title: Zossen
        district: Teltow-Fläming
        summary: Eine wachsende Stadt südlich von Berlin.
        coordinates:
          lat: 13.45
          lon: 52.22
        population: 83.500
        sources: [{url: https://msdz.brandenburg.de/, title: Testquelle, publisher: Testherausgeber}, {url: "https://exa mple.de/", title: Testquelle, publisher: Testherausgeber}]
    """,
    )
    assert (
        fast.load_fast(
            (tiny_hub.root / "data/cities/zossen.yml").read_bytes(),
            tiny_hub.root / "data/cities/zossen.yml",
            "data/cities/zossen.yml",
            "cities",
        )
        is not None
    )
    problems = "\n".join(tiny_hub.problems())
    assert "data/cities/zossen.yml:5:8: error: 'coordinates.lat': 13.45 liegt außerhalb Brandenburgs" in problems
    assert "data/cities/zossen.yml:6:8: error: 'coordinates.lon': 52.22 liegt außerhalb Brandenburgs" in problems
    assert "data/cities/zossen.yml:7:13: error: 'population': '83.500' wird als Kommazahl 83.5 gelesen" in problems
    assert (
        "data/cities/zossen.yml:8:101: error: 'sources[1].url': 'https://exa mple.de/' ist keine gültige Internetadresse"
        in problems
    )
