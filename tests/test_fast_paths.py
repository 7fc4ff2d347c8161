"""The fast paths of loading and validating give exactly what the careful ones give.

Loading: most files are read without noting positions (``reading.fast``); positions are read
again only when a problem needs them (``read_positions``). Validating: a compiled validator (jsonschema-rs) answers yes
or no; only a "no" is explained by jsonschema. Editors must never see a difference: the same
values, the same problems, at the same line and column.
"""

from __future__ import annotations

import copy
import gc
import json
import multiprocessing
import os
import re

import pytest
from support import ROOT

from msdz_hub import reading
from msdz_hub import validation as validate
from msdz_hub.core.paths import values_at
from msdz_hub.reading import careful, fast, parallel, read_positions
from msdz_hub.schemas import Schemas, web_addresses

# Files the careful path explains; the fast path must step aside for each of them.
UNUSUAL = {
    "yaml-1-1-values": "title: Werte\na: no\nb: 03046\nc: 10:30\nd: 1_000\ne: 1.5e3\nf: .inf\ng: =\nh: On\n",
    "explicit-tag": "title: Tag\nsummary: !!str 123\nother: !foo x\n",
    "anchor-and-alias": "title: &t Anker\nsummary: *t\n",
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


# -- validating ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schemas() -> Schemas:
    return Schemas(ROOT / "data" / "schema")


def test_the_compiled_validator_is_there_for_every_collection(schemas):
    # jsonschema-rs is a dependency: without it, 10 000 records take seconds instead of a fraction.
    assert set(schemas.fast_validators) == set(schemas.validators)


def test_the_compiled_validator_agrees_with_jsonschema_on_real_and_broken_records(schemas):
    records, _, _ = reading.load_tree(ROOT)
    broken = []
    for record in records:
        data = dict(record.data)
        data["title"] = 5
        broken.append((record.collection, data))
        data = dict(record.data)
        data["sources"] = [{"url": "https://exa mple.de/", "title": "Titel", "publisher": "Herausgeber"}]
        broken.append((record.collection, data))
        data = {key: value for key, value in record.data.items() if key != "summary"}
        broken.append((record.collection, data))
    for collection, data in [(r.collection, r.data) for r in records] + broken:
        expected = not list(schemas.validators[collection].iter_errors(data))
        assert schemas.fast_validators[collection].is_valid(data) == expected, (collection, data.get("title"))


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def test_dates_are_checked_where_the_schema_has_them_with_what_the_full_search_finds(schemas):
    # A record the schema accepts has dates only where the schema names them: they are checked
    # there instead of searching through all its values, with the same problems in the same order.
    assert None not in schemas.date_fields.values()  # every collection gets the quick check
    assert ("milestones", "*", "date") in schemas.date_fields["projects"]
    assert ("period", "end") in schemas.date_fields["rounds"]
    records, _, _ = reading.load_tree(ROOT)
    checked = 0
    for record in records:
        fields = schemas.date_fields[record.collection]
        paths = [path for pattern in fields for path, _ in values_at(record.data, pattern)]
        assert validate._date_problems(record, fields) == validate._date_problems(record)
        for bad in ("2021-02-30", "2021-04-21T24:61", "2023-02-29T10:00"):
            for path in paths:  # one impossible date, then all of them at once (the order counts)
                broken = copy.deepcopy(record.data)
                _set(broken, path, bad)
                one = reading.RawRecord(record.collection, record.id, record.path, broken)
                found = validate._date_problems(one, fields)
                assert found == validate._date_problems(one) and found
                checked += 1
            broken = copy.deepcopy(record.data)
            for path in paths:
                _set(broken, path, bad)
            broken = dict(reversed(broken.items()))  # fields in another order than the schema's
            every = reading.RawRecord(record.collection, record.id, record.path, broken)
            assert validate._date_problems(every, fields) == validate._date_problems(every)
    assert checked > 300


def test_an_impossible_date_in_a_field_the_schema_does_not_know_is_still_found(tiny_hub):
    tiny_hub.write(
        "topics/extra.yml",
        """
        title: Extra
        summary: Ein ausreichend langer Text.
        extra:
          date: 2021-02-30
    """,
    )
    problems = "\n".join(tiny_hub.problems())
    assert "data/topics/extra.yml:3:1: error: 'extra': unbekanntes Feld 'extra'" in problems
    assert "data/topics/extra.yml:4:9: error: 'extra.date': '2021-02-30' ist kein Datum, das es gibt" in problems


def test_a_schema_that_allows_unknown_fields_gets_its_dates_searched_everywhere(tiny_hub):
    path = tiny_hub.root / "data/schema/topics.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    del schema["additionalProperties"]
    path.write_text(json.dumps(schema), encoding="utf-8")
    assert Schemas(tiny_hub.root / "data/schema").date_fields["topics"] is None
    tiny_hub.write(
        "topics/extra.yml",
        """
        title: Extra
        summary: Ein ausreichend langer Text.
        extra:
          - date: 2021-04-31
    """,
    )
    assert tiny_hub.problems() == [
        "data/topics/extra.yml:4:11: error: 'extra[0].date': '2021-04-31' ist kein Datum, das es gibt "
        "(Monat 01–12, Tag passend zum Monat)."
    ]


URLS = [
    "https://msdz.brandenburg.de/",
    "http://a.de",
    "https://a.de/x?y=1#z",
    "https://a.de:8080/",
    "https://a.de:99999/",
    "https://user@a.de/",
    "https://a.de/@x",
    "https://a.de/%20",
    "https://a.de/%zz",
    "https://a.de/ä",
    "https://-/",
    "https://[::1]/",
    "https://[::1/",
    "HTTPS://A.DE/",
    "ftp://a.de/",
    "https://",
    "https:///x",
    "https://a.de/[x]",
    "https://a.de/a b",
    'https://a.de/"',
    "https://a.de/<x>",
    "https://a..de/",
    "https://.de/",
]


def test_the_quick_web_address_check_accepts_nothing_the_full_rules_reject(monkeypatch):
    records, _, _ = reading.load_tree(ROOT)
    found = {u for r in records for u in re.findall(r"https?://[^\s'\"]+", repr(r.data))}
    quick = {url: web_addresses.is_web_address(url) for url in URLS + sorted(found)}
    monkeypatch.setattr(web_addresses, "PLAIN_WEB_ADDRESS", re.compile(r"(?!)"))
    assert quick == {url: web_addresses.is_web_address(url) for url in quick}


def test_the_compiled_validator_judges_web_addresses_as_jsonschema_does(schemas):
    # It takes the common address by its own pattern (``_quick_web_addresses``), the rest by
    # is_web_address: together the same verdict, also for a line break at the end.
    record = next(r for r in reading.load_tree(ROOT)[0] if r.collection == "organisations")
    verdicts = set()
    for url in URLS + ["https://a.de/\n", "https://a.de/x\ny", "\nhttps://a.de/", "https://a.de/x#y z"]:
        data = {**record.data, "sources": [{"url": url, "title": "Titel", "publisher": "Herausgeber"}], "website": url}
        expected = not list(schemas.validators["organisations"].iter_errors(data))
        assert schemas.fast_validators["organisations"].is_valid(data) == expected, url
        verdicts.add(expected)
    assert verdicts == {True, False}


def test_loaded_records_reach_the_cycle_collector_as_old_objects():
    # Else its next small collection walks through all of them at once (5 % of loading 10 000).
    assert gc.isenabled() and gc.get_freeze_count() == 0
    records, _, _ = reading.load_tree(ROOT)
    young = {id(thing) for generation in (0, 1) for thing in gc.get_objects(generation)}
    assert records and not any(id(record.data) in young for record in records)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_second_process_loads_half_of_a_large_tree_with_the_same_result(tiny_hub, monkeypatch, tmp_path):
    for index in range(6):
        tiny_hub.write(f"topics/thema-{index}.yml", f"title: Thema {index}\nsummary: Ein ausreichend langer Text.\n")
    tiny_hub.write("topics/thema-5.yml", "title: [kaputt\n")  # in the half the second process reads
    tiny_hub.write("topics/thema-4.yml", "title: Doppelt\ntitle: Zweimal\n")
    sequential = reading.load_tree(tiny_hub.root)
    helper_pids = tmp_path / "pids"
    original = parallel._load_fast_values

    def noted(jobs, sender, receiver):
        helper_pids.write_text(str(os.getpid()))
        original(jobs, sender, receiver)

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel, "_can_fork", lambda: True)
    monkeypatch.setattr(parallel, "_load_fast_values", noted)
    in_two = reading.load_tree(tiny_hub.root)
    assert helper_pids.read_text() != str(os.getpid())  # the second half was read by another process
    assert in_two[1] == sequential[1] and in_two[2] == sequential[2]  # problems, and named files
    for record in in_two[0] + sequential[0]:
        read_positions(record)
    assert [(r.path, r.data, r.positions) for r in in_two[0]] == [(r.path, r.data, r.positions) for r in sequential[0]]


def test_a_loading_helper_ends_when_its_loader_is_gone():
    # The hub's worker may be stopped while it still loads (a build that failed elsewhere before
    # the data's verdict); its helper must then end, not wait for ever to hand over its values.
    practices = sorted((ROOT / "data" / "practices").glob("*.yml"))
    jobs = [(str(path), f"practices/{path.name}", "practices") for path in practices] * 20  # > 64 KB to send
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    helper = context.Process(target=parallel._load_fast_values, args=(jobs, sender, receiver), daemon=True)
    helper.start()
    sender.close()
    receiver.close()  # the loader is gone before the helper is done
    helper.join(timeout=60)
    still_waiting = helper.is_alive()
    if still_waiting:
        helper.kill()
    assert not still_waiting
    assert helper.exitcode == 0
