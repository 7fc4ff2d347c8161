"""The fast path of validating gives exactly what the careful one gives: a compiled validator (jsonschema-rs) answers yes or no; only a "no" is explained by jsonschema. Editors must never see a difference: the same problems, at the same line and column. (Loading: test_fast_paths.)"""

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
from msdz_hub.reading import parallel, read_positions
from msdz_hub.schemas import Schemas, web_addresses

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

    def noted(*args):
        helper_pids.write_text(str(os.getpid()))
        original(*args)

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
